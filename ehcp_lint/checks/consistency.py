"""Consistency: the plan is finished and about this child (placeholders, another child's name,
pronoun mix, duplicated paragraphs). Term lists and thresholds are in rules/consistency.toml."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from typing import Any

from ehcp_lint.checks import CheckOutput
from ehcp_lint.document import Block, Location
from ehcp_lint.extract import is_nil_statement, is_subheading
from ehcp_lint.items import PlanItems
from ehcp_lint.plan import Plan, SectionId
from ehcp_lint.report import Finding
from ehcp_lint.ruleset import get_rule, load_toml
from ehcp_lint.textfeatures import split_sentences

PRONOUNS = {
    "he": ("he", "him", "his", "himself"),
    "she": ("she", "her", "hers", "herself"),
    "they": ("they", "them", "their", "theirs", "themself", "themselves"),
}
# A form of "be" before a participle makes a passive: "Boardmaker is used" is no person acting.
BE_FORMS = {"is", "are", "was", "were", "be", "been", "being"}
# Sections that describe the child, where a name or pronoun refers to the child.
CHILD_SECTIONS = (SectionId.A, SectionId.B, SectionId.C, SectionId.D, SectionId.E, SectionId.F)
# Words after a name that make it the subject or owner in a sentence about the child: a
# possessive, an auxiliary, a present-tense verb ("Sam benefits", "Sam works") or a verb of
# saying ("Sam said"), perhaps after an adverb ("Sam often refuses"); "his" or "this" after a
# word is no verb ("Managing his anxiety").
SUBJECT_AFTER = (
    r"(?:'s|’s|(?:\s+(?:often|always|sometimes|usually|never|also|still|now|already|[a-z]+ly))?"
    r"\s+(?:will|is|has|can|to|should|would|may|could|was|does|did|said|told|asked"
    r"|(?!(?:his|hers|its|this|thus|plus|unless)\b)[a-z]{2,}s))\b"
)
# A capitalised word that may be a first name, hyphenated names whole ("Ellie-Mae", not "Mae").
NAME_WORD = r"(?<![\w'’-])([A-Z][a-z]+(?:-[A-Z][a-z]+)*)"


@cache
def settings() -> dict[str, Any]:
    return load_toml("consistency.toml")["consistency"]


@cache
def _word_set(key: str) -> frozenset[str]:
    """One word list of rules/consistency.toml, for membership."""
    return frozenset(settings()[key])


@cache
def _any_word(key: str) -> re.Pattern[str]:
    """Any whole word or phrase of one word list of rules/consistency.toml, in any case."""
    words = "|".join(re.escape(w) for w in settings()[key])
    return re.compile(rf"\b(?:{words})\b", re.IGNORECASE)


@cache
def _names() -> frozenset[str]:
    return frozenset(load_toml("names.toml")["first_names"])


@cache
def _other_people() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in settings()["other_people"])
    return re.compile(rf"\b(?:{words})s?\b", re.IGNORECASE)


@cache
def placeholder_pattern() -> re.Pattern[str]:
    """Any template placeholder left in ("[CHILD'S NAME]", "<<date>>", "NAME HERE", "TBC"):
    the shapes of rules/consistency.toml, with their field-word slots filled."""
    slots = {
        "{field}": settings()["placeholder_fields"],
        "{subject}": settings()["placeholder_subjects"],
        "{caps_field}": settings()["placeholder_caps_fields"],
        "{caps_subject}": settings()["placeholder_caps_subjects"],
    }
    shapes = []
    for shape in settings()["placeholders"]:
        for slot, words in slots.items():
            shape = shape.replace(slot, "|".join(words))
        shapes.append(f"(?:{shape})")
    return re.compile("|".join(shapes))


def run(plan: Plan, items: PlanItems) -> CheckOutput:
    findings = [
        *_placeholders(plan),
        *_duplicates(plan),
    ]
    child = child_first_name(plan)
    if child:
        findings += [*_other_names(plan, child), *_pronoun_mix(plan, child)]
    return CheckOutput(findings=findings)


def _text_pieces(block: Block) -> Iterator[tuple[str, Location]]:
    """A block's text in pieces that have their own location (cells of a row)."""
    if block.cells:
        for cell in block.cells:
            yield cell.text, cell.location
    else:
        yield block.text, block.location


def _placeholders(plan: Plan) -> Iterator[Finding]:
    rule = get_rule("CON001")
    for section_id, block in plan.blocks_by_section():
        for text, location in _text_pieces(block):
            match = next(
                (
                    m
                    for m in placeholder_pattern().finditer(text)
                    if not _is_gloss(text, m) and not _is_label_hint(text, m)
                ),
                None,
            )
            if match:
                yield rule.finding(
                    section=section_id,
                    evidence=text,
                    location=location,
                    placeholder=match.group(0),
                )


def _is_gloss(text: str, match: re.Match[str]) -> bool:
    """A bracket spelling out the abbreviation beside it ("DOB (date of birth)", "Date of birth
    (DOB)") explains a label: it is no field left to fill in."""
    inner = match.group(0)
    if not (inner.startswith("(") and inner.endswith(")")):
        return False
    inner_words = re.findall(r"[A-Za-z]+", inner)
    before = re.findall(r"[A-Za-z.]+", text[: match.start()])
    if not before or not inner_words:
        return False
    previous = before[-1].replace(".", "")
    if previous.isupper() and len(previous) >= 2:
        return _initials(inner_words) == previous.lower()
    abbreviation = "".join(inner_words).lower()
    words_before = [word.replace(".", "") for word in before[-len(abbreviation) :]]
    spelt_as_letters = len(inner_words) == 1 or all(len(word) == 1 for word in inner_words)
    return spelt_as_letters and _initials(words_before) == abbreviation


def _is_label_hint(text: str, match: re.Match[str]) -> bool:
    """A round bracket right after a form label says what the value is ("Born (date): 9 May
    2014", "Plan completed (date) | 1 March 2026"): the label is followed by a colon, or ends a
    short cell whose value comes next. In a sentence, after a colon or a word that introduces a
    value ("born on (date)"), the bracket stands where the value should be."""
    start, end = match.span()
    if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
        start, end = start - 1, end + 1  # a format in brackets: "(dd/mm/yyyy)"
    if not text[start:end].startswith("("):
        return False
    label = re.split(r"[|:\n]", text[:start])[-1].split()
    after = text[end:].lstrip(" \t")
    if not label or not label[-1][-1].isalpha() or label[-1].lower() in _word_set("value_openers"):
        return False
    return after.startswith(":") or (len(label) <= 5 and (not after or after[0] in "|\n"))


def _initials(words: list[str]) -> str:
    return "".join(word[0] for word in words if word).lower()


def _duplicates(plan: Plan) -> Iterator[Finding]:
    """Paragraphs (or cells) repeated word for word. A short one counts only when repeated
    under the same heading, and so does a line that speaks of its heading ("No needs have been
    identified in this area"): such lines recur across subsections by design, but never twice
    under one heading. A value repeated down a table column is how tables work."""
    rule = get_rule("CON004")
    first_seen: dict[str, tuple[Location, int]] = {}
    part = 0  # which section or subsection a block is in
    previous_section: SectionId | None = None
    for section_id, block in plan.blocks_by_section():
        if is_subheading(block) or section_id != previous_section:
            part += 1
            previous_section = section_id
        if is_subheading(block):
            continue
        least = settings()["duplicate_min_words_in_cell" if block.cells else "duplicate_min_words"]
        for text, location in _text_pieces(block):
            words = len(text.split())
            if words < settings()["duplicate_min_words_nearby"]:
                continue
            key = " ".join(re.findall(r"\w+", text.lower()))  # spacing and punctuation aside
            if key not in first_seen:
                first_seen[key] = location, part
                continue
            first_location, first_part = first_seen[key]
            nearby = first_part == part and not block.cells  # table cells repeat by design
            anywhere = words >= least and not _stands_under_any_heading(text)
            if (nearby or anywhere) and not _same_table_column(first_location, location):
                yield rule.finding(
                    section=section_id,
                    evidence=text,
                    location=location,
                    first_where=first_location.describe(),
                )


def _stands_under_any_heading(text: str) -> bool:
    """A nil line ("None identified", "No concerns have been raised by home or school"), or
    one that speaks of its heading rather than of anything in it ("This is not an area of
    difficulty for Sam")."""
    return (
        is_nil_statement(text)
        or bool(_heading_reference().search(text))
        or (len(text.split()) <= settings()["nil_line_max_words"] and _says_there_is_none(text))
    )


def _says_there_is_none(text: str) -> bool:
    words = set(re.findall(r"[a-z']+", text.lower()))
    nil = settings()["nil_line"]
    return bool(words & set(nil["negations"])) and bool(words & set(nil["nouns"]))


@cache
def _heading_reference() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in settings()["heading_words"])
    return re.compile(rf"\b(?:this|these|that|an|any|no|each) (?:{words})\b", re.IGNORECASE)


def _same_table_column(first: Location, again: Location) -> bool:
    """A value repeated down one column of a table (the same provider or frequency for several
    provisions, the same step for several outcomes) is how tables work, not a pasted paragraph;
    so is one repeated in the same column of the next table (a table continued on a new page,
    or one table per area of need)."""
    return first.table is not None and again.table is not None and first.cell == again.cell


def child_first_name(plan: Plan) -> str | None:
    """The front matter's first name when the child's sections use it as a subject or owner,
    else the name they use most so ("Sam has", "Sam's"): the child is named far more often than
    anyone pasted in, whether or not the name is listed."""
    first = plan.metadata.first_name
    if first and re.search(rf"\b{re.escape(first)}{SUBJECT_AFTER}", _child_text(plan)):
        return first
    counts = _subject_name_counts(plan)
    return counts.most_common(1)[0][0] if counts else first


def _child_text(plan: Plan) -> str:
    return "\n".join(plan.section(section_id).text for section_id in CHILD_SECTIONS)


def _subject_name_counts(plan: Plan) -> Counter[str]:
    """How often each word that may be a person's name is a subject or owner in the child's
    sections: a listed first name, or a capitalised word the plan never writes in lower case
    and gives to no one else."""
    lower_case = _lower_case_words(plan)
    not_the_child = _other_peoples_names(plan) | set(settings()["not_names"])
    return Counter(
        word
        for word in re.findall(rf"{NAME_WORD}{SUBJECT_AFTER}", _child_text(plan))
        if word in _names()
        or (
            word.lower() not in lower_case
            and word not in not_the_child
            and _pronoun_set(word.lower()) is None
        )
    )


def _child_sentences(
    plan: Plan, *, skip_other_people: bool, child: str = ""
) -> Iterator[tuple[SectionId, str, Location]]:
    """Sentences of the child-describing sections. With skip_other_people, leave out those that
    mention another person (a relative, a professional, a titled name), come after one in the
    same paragraph or straight after one in the paragraph before, or sit under a subheading
    about someone else ("Parents' views"): a "she" there is likely the mother just named. But a
    sentence that names the child before any pronoun, and no one else, is about the child
    whatever came before it: its pronouns look back to the child's name."""
    pronouns = "|".join(form for forms in PRONOUNS.values() for form in forms)
    child_first = (
        re.compile(rf"^(?:(?!\b(?:{pronouns})\b).)*?\b{re.escape(child)}\b", re.IGNORECASE)
        if child
        else None
    )
    for section_id in CHILD_SECTIONS:
        previous_mentions_other = other_heading = False
        for block in plan.section(section_id).blocks:
            if is_subheading(block):
                other_heading = _mentions_other_person(block.text)
                continue
            # A table row is one paragraph: a cell naming someone ("Views of Sam's mother")
            # reaches the pronouns of the cells after it ("She feels ... She would like").
            named_in_paragraph = False
            for text, location in _text_pieces(block):
                for span in split_sentences(text):
                    mentions_other = _mentions_other_person(span.text)
                    named_in_paragraph = named_in_paragraph or mentions_other
                    if child_first and child_first.match(span.text):
                        # Someone named only after the last pronoun ("Sam checks his answers
                        # with a partner") is no one the pronouns could mean.
                        about_others = other_heading or _mentions_other_person(
                            span.text[: _last_pronoun_end(span.text)]
                        )
                    else:
                        about_others = other_heading or mentions_other or named_in_paragraph
                        about_others = about_others or previous_mentions_other
                    if not (skip_other_people and about_others):
                        yield section_id, span.text, location
                    previous_mentions_other = mentions_other


@cache
def _any_pronoun() -> re.Pattern[str]:
    forms = "|".join(form for forms in PRONOUNS.values() for form in forms)
    return re.compile(rf"\b(?:{forms})\b", re.IGNORECASE)


def _last_pronoun_end(text: str) -> int:
    """Where the sentence's last personal pronoun ends (0 if it has none)."""
    return max((m.end() for m in _any_pronoun().finditer(text)), default=0)


@lru_cache(maxsize=4096)  # the same sentences are read for names, pronouns and votes
def _mentions_other_person(text: str) -> bool:
    return bool(_other_people().search(text) or _titled_name().search(text))


@cache
def _titled_name() -> re.Pattern[str]:
    titles = "|".join(re.escape(t) for t in settings()["titles"])
    return re.compile(rf"\b(?:{titles})\.? [A-Z][a-z]+")


def _is_related_name(name: str, child: str) -> bool:
    """Alex for Alexander and the like are the same child."""
    return name.startswith(child) or child.startswith(name)


# A title sits right before its name ("Mrs Hart", "Dr. Shah"): looking further back for each
# capitalised word would be quadratic in a paragraph's length.
TITLE_WINDOW = 20


@cache
def _title_before() -> re.Pattern[str]:
    titles = "|".join(re.escape(t) for t in settings()["titles"])
    return re.compile(rf"\b(?:{titles})\.?\s*$")


def _names_someone_else(sentence: str, start: int, end: int) -> bool:
    """'Sarah (mum)', 'mum (Sarah)', 'his sister Lily', 'Lily, his sister,': the name is a
    relative's or a professional's when a person word stands right beside it, as its title or
    in apposition. A list goes on past the person word ('with Sam, his dad and his sister'),
    and a clause before a comma is no title ('Talking with his key worker, Sam said')."""
    before = sentence[max(0, start - 20) : start]
    after = sentence[end : end + 30]
    beside = (
        re.search(r"(\w+)\s*\(?\s*$", before),
        re.match(r"\s*[(,]\s*(?:his |her |their )?(\w+)(?=\s*(?:[,.;:)]|$))", after),
    )
    return any(m and _other_people().fullmatch(m.group(1)) for m in beside)


def _other_names(plan: Plan, child: str) -> Iterator[Finding]:
    """Another first name where the child is the subject or owner. A listed first name counts;
    an unlisted capitalised word counts when it looks like a person's name: the plan never
    writes it in lower case (so it is no common word such as "Reading" or "Staff"), it does
    something only a person does ("Rowan enjoys"), and the sentence speaks of a person ("their
    confidence"). Names the plan gives to relatives and professionals anywhere are excluded."""
    rule = get_rule("CON002")
    names_given = (plan.metadata.child_name or "").split()
    # A hyphenated first name ("Robyn-Lee") is the child's whole and in each of its parts.
    child_parts = {part for name in names_given for part in name.split("-")}
    not_the_child = {*names_given, *child_parts} | _other_peoples_names(plan)
    lower_case = _lower_case_words(plan)
    reported: set[str] = set()
    for section_id, sentence, location in _child_sentences(plan, skip_other_people=False):
        for match in _name_slots(sentence):
            name = match.group(1)
            if (
                name not in not_the_child
                and name not in reported
                # A masked name ("Mxxxx") is a placeholder (CON001), not another child.
                and not placeholder_pattern().fullmatch(name)
                and not _is_related_name(name, child)
                and not _title_before().search(sentence[: match.start()])
                and not _names_someone_else(sentence, match.start(), match.end(1))
                and not _in_a_title(sentence[match.end(1) :])
                and not _after_a_determiner(sentence[: match.start()])
                and not _inside_a_proper_name(sentence[: match.start()])
                and (
                    name in _names()
                    or (
                        _unlisted_name(
                            name,
                            sentence[: match.start()],
                            sentence[match.end(1) :],
                            sentence,
                            lower_case,
                        )
                        and not _acts_on_the_child(sentence[match.end(1) :], child)
                    )
                )
            ):
                reported.add(name)
                yield rule.finding(
                    section=section_id, evidence=sentence, location=location, name=name, child=child
                )


def _acts_on_the_child(after: str, child: str) -> bool:
    """The word's verb has the child as its object ("Praise helps Sam to believe in himself",
    "Routine keeps Sam calm"): the word is something acting on the child, not the child."""
    return bool(re.match(rf"\s+[a-z]+\s+{re.escape(child)}\b", after))


def _name_slots(sentence: str) -> Iterator[re.Match[str]]:
    """Capitalised words in a person's slot: a subject or owner ("Sam enjoys", "Sam's"), or a
    listed first name as a verb's object in a sentence about a person ("adults greet Sam at
    the door and remind him"), not after a preposition or conjunction ("plays with Leo")."""
    yield from re.finditer(rf"{NAME_WORD}{SUBJECT_AFTER}", sentence)
    if not _speaks_of_a_person(sentence):
        return
    for match in _object_slot().finditer(sentence):
        if (
            match.group(1) in _names()
            and not re.match(SUBJECT_AFTER, sentence[match.end(1) :])
            and not _APPOSITION.search(sentence[: match.start(1)])
        ):
            yield match


# A name after a noun with its determiner names that noun's person ("his friend Noah", "a boy
# in his class called Leo", "the new pupil Ava"): a peer or relative, not the child.
_APPOSITION = re.compile(
    r"\b(?:his|her|their|my|your|our|its|a|an|the|this|that|another)\s+(?:[a-z-]+\s+)?"
    r"[a-z-]+\s+$",
    re.IGNORECASE,
)


@cache
def _object_slot() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in settings()["object_slot_not_after"])
    return re.compile(
        rf"(?<![\w'’-])(?!(?:{words})\b)[a-z]{{2,}} ([A-Z][a-z]+)\b(?![\w'’-]| [A-Z])"
    )


def _in_a_title(after: str) -> bool:
    """A capitalised word with a small word and another capitalised word after it is part of
    a title ("Stepping Stones to Reading", "Charlie and the Chocolate Factory"), no person."""
    return bool(re.match(r"(?:\s+(?:to|of|for|by|and|in|on|at|with|the|&)){1,2}\s+[A-Z]", after))


def _after_a_determiner(before: str) -> bool:
    """A capitalised word after an article, perhaps with other capitalised words between, names
    a thing ("a Talking Mat", "the Zones of Regulation", "an Attention Autism session"); after
    a possessive it is a relative or a thing someone has ("Sam's Dada", "his Nain and Taid"):
    a person's first name takes neither."""
    return bool(
        re.search(
            r"(?:\b(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Mm]y|[Oo]ur)|\w['’]s)\s+"
            r"(?:[A-Z][\w'’-]*\s+(?:(?:and|&)\s+)?)*$",
            before,
        )
    )


def _inside_a_proper_name(before: str) -> bool:
    """A capitalised word straight after another that does not open the sentence and is no
    first name or title is part of a longer proper name ("reading Horrid Henry books",
    "watching Fireman Sam"): a book, show or place, no person in the plan. A full name
    ("with Jack Smith") has a first name before its surname."""
    match = re.search(r"(\S+)\s+([A-Z][\w'’-]*)\s+$", before)
    if match is None or re.search(r"[.!?:;\"“(]$", match.group(1)):
        return False
    word = match.group(2)
    return word not in _names() and not _title_before().search(word)


def _unlisted_name(word: str, before: str, after: str, sentence: str, lower_case: set[str]) -> bool:
    # A capitalised "-ing" word opening a line is a gerund ("Listening checks on his aids"); a
    # closed-class word or an abstract noun's ending is no name either ("When asked, Sam said",
    # "Enjoyment shows"), though the plan never writes it in lower case.
    return (
        not word.endswith(("ing", *settings()["unlisted_name_not_endings"]))
        and word.lower() not in _word_set("function_words")
        and word.lower() not in lower_case
        and _pronoun_set(word.lower()) is None
        and word not in settings()["not_names"]
        and not _other_people().fullmatch(word)
        and not _any_word("plural_people").fullmatch(word)
        and _person_predicate(after, opens_the_sentence=not re.search(r"\w", before))
        and _speaks_of_a_person(sentence, things_too=False)
    )


def _person_predicate(after: str, *, opens_the_sentence: bool) -> bool:
    """What follows the word is something only a person does or is, past auxiliaries and
    adverbs ("enjoys", "has shown", "can explain", "is calmer", "help Sam to settle"), or owns
    ("Sam's confidence", "Sam has a diagnosis of autism"). Not a passive ("Boardmaker is used
    to"), and not "to" after a line's first word ("Strategies to develop" is a heading)."""
    words = re.findall(r"[a-z'’-]+", after.lower())
    if words[:1] in (["'s"], ["’s"], ["has"], ["had"]):
        # what is owned may come after an adjective or two ("Sam's older brother")
        owned = [w for w in words[1:4] if w not in settings()["determiners"]]
        if set(owned) & set(settings()["name_attributes"]):
            return True
    if words[:1] in (["'s"], ["’s"]) or (words[:1] == ["to"] and opens_the_sentence):
        return False
    skip = set(settings()["auxiliaries"])
    skipped = list(itertools.takewhile(lambda w: w in skip, words))
    following = words[len(skipped)] if len(skipped) < len(words) else ""
    if following in settings()["person_states"]:
        return True
    passive = bool(set(skipped) & BE_FORMS) and re.search(r"(?:ed|en|wn)$", following)
    if _RAISED_PASSIVE.match(" ".join(words[len(skipped) :])):
        return False  # "Praise tends to be brushed aside by Sam": done by someone else
    after_passive = words[len(skipped) + 1 : len(skipped) + 2]
    if passive and following in settings()["person_passives_with_object"]:
        return bool(after_passive) and after_passive[0] in settings()["determiners"]
    return not passive and _person_verb(following)


# A verb like "tends" or "seems" before a passive with its agent: the subject is done to.
_RAISED_PASSIVE = re.compile(
    r"(?:tends?|seems?|appears?|needs?|has|have|is\s+likely)\s+to\s+be\s+[a-z'’-]+(?:ed|en|wn)"
    r"(?:\s+[a-z]+)?\s+by\b"
)


def _person_verb(word: str) -> bool:
    """A verb a named person does, in any form: "enjoys", "tries", "making", "getting",
    "shown". A "they" reads only the listed forms of person_verbs (see _said_of_a_person), as
    "they are shown" is passive."""
    stems = {word}
    endings = (("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ing", ""), ("n", ""), ("en", ""))
    for ending, replacement in endings:
        if word.endswith(ending):
            stem = word[: -len(ending)] + replacement
            stems |= {stem, stem + "e"}
            if len(stem) > 2 and stem[-1] == stem[-2]:  # "getting", "stopped"
                stems.add(stem[:-1])
    return bool(stems & {*settings()["person_verbs"], *settings()["name_verbs"]})


def _speaks_of_a_person(sentence: str, *, things_too: bool = True) -> bool:
    """The sentence has a personal pronoun. "them" may stand for things ("Film attempts and
    review them"), so it does not count when things_too is False."""
    words = set(re.findall(r"[a-z]+", sentence.lower()))
    if not things_too:
        words.discard("them")
    return any(words & set(forms) for forms in PRONOUNS.values())


def _lower_case_words(plan: Plan) -> set[str]:
    return {
        word
        for _, block in plan.blocks_by_section()
        for word in re.findall(r"\b[a-z]+\b", block.text)
    }


def _other_peoples_names(plan: Plan) -> set[str]:
    """Capitalised words the plan uses for someone else: after a title (Mrs Hart), beside a
    person word (Sarah (mum), his sister Lily), or on a front-matter line about another person
    ("Parent's name: Sarah Khan")."""
    names: set[str] = set()
    for section_id, block in plan.blocks_by_section():
        text = block.text
        about_others = section_id is None and _mentions_other_person(text)
        for match in re.finditer(r"\b[A-Z][a-z]+\b", text):
            if (
                about_others
                or _title_before().search(
                    text[max(0, match.start() - TITLE_WINDOW) : match.start()]
                )
                or _names_someone_else(text, match.start(), match.end())
            ):
                names.add(match.group(0))
    return names


def _pronoun_set(word: str) -> str | None:
    return next((key for key, forms in PRONOUNS.items() if word in forms), None)


def _pronoun_uses(sentence: str, child: str) -> Iterator[tuple[str, str]]:
    """(set, word) for each pronoun that may be the child's. A singular "they" counts only when
    it must be the child named earlier in the sentence, or the "he" or "she" it opens with
    (see _they_is_child). Words in quotation marks are someone's own ("for example 'him taked
    my pencil'"), not the plan's pronouns for the child."""
    sentence = _QUOTED.sub(lambda quote: " " * len(quote.group(0)), sentence)
    mentions = list(
        re.finditer(rf"\b{re.escape(child)}\b|^\W*(?:he|she)\b", sentence, re.IGNORECASE)
    )
    # (Not the child as the owner of someone who speaks: "Sam's nan told us they had no help".)
    speaker = _possessed_speaker()
    names = [name.end() for name in mentions if not speaker.match(sentence, name.end())]
    opening = _plural_opening(sentence[: mentions[0].start()]) if mentions else None
    for match in re.finditer(r"\b[a-z]+\b", sentence.lower()):
        pronoun_set = _pronoun_set(match.group(0))
        if pronoun_set == "they":
            # the child's nearest mention before the pronoun is what it may look back to
            after_name = max((end for end in names if end <= match.start()), default=None)
            if (
                after_name is None
                or opening == "people"
                # plural things may be meant, unless only a person could do or own what follows
                or (
                    opening == "things"
                    and not _said_of_a_person(sentence[match.end() :], match.group(0))
                )
                or not _they_is_child(sentence, after_name, match)
            ):
                continue
        if pronoun_set:
            yield pronoun_set, match.group(0)


def _plural_opening(opening: str) -> str | None:
    """ "people" or "things" when the sentence opens, before the child is named, with a plural
    subject ("Unfamiliar listeners understand little of what Sam says unless they know the
    topic", "Staff who know Sam gave their views", "Abstract ideas need objects before Sam can
    grasp them"): a later "they" may be that subject's. None when the child opens a clause the
    subject reports ("Staff have noticed that Sam is settled when they sit at the front"): that
    clause is the child's."""
    if re.search(r"\bthat\W*$", opening, re.IGNORECASE):
        return None
    # The child must stand in a clause or phrase of its own ("what Sam says", "with Sam", "before
    # Sam can"); as the main verb's object ("Adults should give Sam time, because they ...") the
    # child is what the sentence is about.
    opening_words = re.findall(r"[a-z]+", opening.lower())
    not_plural = set(settings()["not_plural"])
    # A plural the child's own clause describes ("Skills Sam shows on a Monday have faded by
    # Friday unless he practises them"): the clause is the child's, "them" the skills.
    if len(opening_words) == 1 and _looks_plural(opening_words[0], not_plural):
        return "things"
    if opening_words and opening_words[-1] not in settings()["plural_opening_links"]:
        return None
    first_words = opening_words[:3]
    if any(_any_word("plural_people").fullmatch(word) for word in first_words):
        return "people"
    if any(_looks_plural(word, not_plural) for word in first_words):
        return "things"
    # Two things joined as the subject: "Screen-reading software and a magnifier are new to Sam".
    return "things" if _COORDINATED_SUBJECT.match(opening) else None


_HE_OR_SHE = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)
_COORDINATED_SUBJECT = re.compile(
    r"^\W*(?:[\w'’-]+\s+){1,5}?and\s+(?:[\w'’-]+\s+){1,5}?(?:are|were)\b", re.IGNORECASE
)


@cache
def _possessed_speaker() -> re.Pattern[str]:
    """The child as the owner of someone who speaks: "Sam's nan told ..." (speaker_verbs)."""
    verbs = "|".join(re.escape(verb) for verb in settings()["speaker_verbs"])
    return re.compile(rf"['’]s\s+(?:[\w-]+\s+){{1,3}}?(?:{verbs})\b", re.IGNORECASE)


_QUOTED = re.compile(r"(?<!\w)['‘\"“][^'’\"”\n]{1,120}?['’\"”](?!\w)")


def _they_is_child(sentence: str, after_name: int, pronoun: re.Match[str]) -> bool:
    """A "they" after the child's name is the child unless a plural could be meant: a group of
    people in between ("Sam works with peers and they share"), unless the group cannot be meant
    (see _about_the_child_after_people), or
    plural things in between, unless only a person could do or own what follows ("tasks and
    their confidence grows"; but "letters to their sounds" are the letters')."""
    if pronoun.start() < after_name:
        return False
    between = sentence[after_name : pronoun.start()]
    # (A "he" or "she" after the name is the child again: "Sam needs practice before she can use
    # them" puts "them" straight after the child's own verb.)
    last_he_or_she = max((m.end() for m in _HE_OR_SHE.finditer(between)), default=0)
    if pronoun.group(0) == "them" and _object_of_the_childs_verb(between[last_he_or_she:]):
        return False
    if _indefinite_person().search(between):
        return False
    if pronoun.group(0) == "them" and (subject := _subject_of_the_verb_before(between)):
        # Only what comes before that subject can still be meant.
        between = between[: subject.start()]
        if not re.search(r"[a-z]", between):
            return True
    if _any_word("plural_people").search(between) and not _about_the_child_after_people(between):
        return False
    if _any_word("organisations").search(sentence[:after_name]):
        return False
    # the first word is the child's own verb; the pronoun follows the last
    words = [*re.findall(r"[a-z]+", between.lower()), pronoun.group(0).lower()]
    not_plural = set(settings()["not_plural"])
    plural_things = any(
        _looks_plural(word, not_plural) and not _is_a_verb_before(words[index + 1 : index + 3])
        for index, word in enumerate(words[1:-1], start=1)
    )
    return not plural_things or _said_of_a_person(sentence[pronoun.end() :], pronoun.group(0))


def _object_of_the_childs_verb(between: str) -> bool:
    """A "them" straight after the child's own verb ("before Sam can do them", "Sam sorts
    them"): an object pronoun never means its own verb's subject (that would be "themselves"),
    so it stands for something named before."""
    words = re.findall(r"[a-z'’]+", between.lower())
    if words[-1:] and words[-1] in settings()["verb_particles"]:
        words = words[:-1]
    if not words or re.search(r"[,;:(]", between):
        return False
    # the verb may be one an auxiliary can be ("can do them", "has them")
    *before, verb = words
    skip = set(settings()["auxiliaries"])
    return verb not in settings()["not_verbs"] and all(word in skip for word in before)


@cache
def _indefinite_person() -> re.Pattern[str]:
    """One person named without saying who ("a peer", "another child", "someone"): a
    singular "they" after it may be that person's (see rules/consistency.toml)."""
    words = settings()
    nouns = [*words["singular_people"], *words["other_people"]]
    determiners = "|".join(re.escape(w) for w in words["indefinite_determiners"])
    people = "|".join(re.escape(w) for w in sorted(nouns, key=len, reverse=True))
    pronouns = "|".join(re.escape(w) for w in words["indefinite_people"])
    return re.compile(
        rf"\b(?:(?:{determiners})\s+(?:[a-z-]+\s+){{0,2}}?(?:{people})|{pronouns})\b",
        re.IGNORECASE,
    )


def _looks_plural(word: str, not_plural: set[str]) -> bool:
    """A word in "-s" that may be a plural: not one in "-ss", "-us" or "-is" ("class",
    "anxious", "nervous", "analysis"), which no plural ends in."""
    return (
        len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and word not in not_plural
    )


def _is_a_verb_before(following: list[str]) -> bool:
    """A word in "-s" followed by a determiner or a particle is a verb with its object ("and
    carries out their jobs", "takes the lead"), no plural thing a "they" could stand for; a
    particle opening a phrase ("models out of Lego") is a preposition."""
    if not following:
        return False
    if following[0] in settings()["verb_particles"]:
        return following[1:2] != ["of"]
    return following[0] in settings()["verb_object_openers"]


def _subject_of_the_verb_before(between: str) -> re.Match[str] | None:
    """The plural subject of the verb "them" is the object of ("adults prepare them",
    "routines, which help them"). An object pronoun never means its own verb's subject (that
    would be "themselves"), so that plural is not what "them" stands for."""
    match = re.search(
        r"\b(?P<subject>[a-z]+),?\s+(?:(?:which|that|who)\s+)?(?P<verb>[a-z]+)\s+$",
        between,
        re.IGNORECASE,
    )
    if match is None or match.group("verb").lower() in settings()["not_verbs"]:
        return None
    subject = match.group("subject").lower()
    plural = _any_word("plural_people").fullmatch(subject) or (
        _looks_plural(subject, set(settings()["not_plural"]))
    )
    return match if plural else None


def _about_the_child_after_people(between: str) -> bool:
    """The group just named cannot be the pronoun: it starts a relative clause about the group
    ("praise from adults (whom) they trust"), or a clause the group checks or explains to the
    child ("needs adults to check that they have understood")."""
    people = "|".join(re.escape(w) for w in settings()["plural_people"])
    relative = rf"\b(?:{people})\s+(?:(?:that|who|whom)\s+)?$"
    helped = rf"\b(?:{people})\s+to\s+[a-z]+(?:\s+[a-z]+)?\s+(?:that|what|if|whether|how|when)\s+$"
    return bool(re.search(f"{relative}|{helped}", between, re.IGNORECASE))


def _said_of_a_person(after: str, pronoun: str) -> bool:
    """What follows a "they" or "their" only a person can do or have ("they succeed", "their
    confidence"); auxiliaries and adverbs between are skipped ("they have understood")."""
    words = re.findall(r"[a-z'’-]+", after.lower())
    skip = set(settings()["auxiliaries"])
    index = next((i for i, word in enumerate(words) if word not in skip), len(words))
    following = words[index] if index < len(words) else None
    if pronoun == "their":
        return following in settings()["person_attributes"]
    # "... likes jobs in class and they take them seriously": an object pronoun is never its
    # own verb's subject, so "them" is the things and "they" someone else.
    takes_them = words[index + 1 : index + 2] == ["them"]
    return pronoun == "they" and (following in settings()["person_verbs"] or takes_them)


def _pronoun_mix(plan: Plan, child: str) -> Iterator[Finding]:
    """Flag sentences about the child whose pronouns disagree with a clearly dominant choice in
    the plan. The choice is read from every sentence of the child's sections, one vote per
    sentence and pronoun set, so that a plan's few sentences safely about the child alone do
    not decide it; only those sentences are flagged (a "she" near "mum" may be the mother)."""
    dominant = _dominant_pronoun(
        _unique_sentences(plan, skip_other_people=False, child=child), child
    )
    if dominant is None:
        return
    rule = get_rule("CON003")
    sentences = _unique_sentences(plan, skip_other_people=True, child=child)
    for sentence, (section_id, location) in sentences.items():
        word = next((w for s, w in _pronoun_uses(sentence, child) if s != dominant), None)
        if word is not None:
            yield rule.finding(
                section=section_id,
                evidence=sentence,
                location=location,
                pronoun=word,
                dominant="/".join(PRONOUNS[dominant][:3]),
                child=child,
            )


def _unique_sentences(
    plan: Plan, *, skip_other_people: bool, child: str
) -> dict[str, tuple[SectionId, Location]]:
    """Child sentences in reading order, each once (a duplicated paragraph counts once)."""
    found: dict[str, tuple[SectionId, Location]] = {}
    for section_id, sentence, location in _child_sentences(
        plan, skip_other_people=skip_other_people, child=child
    ):
        found.setdefault(sentence, (section_id, location))
    return found


def _dominant_pronoun(sentences: Iterable[str], child: str) -> str | None:
    """The pronoun set most sentences use for the child, if clearly dominant. A sentence that
    names someone else and uses two sets ("Sam's mum said that her son finds his work hard")
    speaks of two people, so it tells nothing of the child's pronouns."""
    votes: Counter[str] = Counter()
    for sentence in sentences:
        sets = {s for s, _ in _pronoun_uses(sentence, child)}
        if len(sets) == 1 or not _mentions_other_person(sentence):
            votes.update(sets)
    if not votes:
        return None
    dominant, count = votes.most_common(1)[0]
    return dominant if count / sum(votes.values()) >= settings()["dominant_share"] else None
