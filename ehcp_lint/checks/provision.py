"""Provision specificity: is each statement in F, G, H1 and H2 specific enough to enforce?

For each statement the five elements (what, who, how often, how long, group size) are found as
written, the hedges that weaken it are quoted exactly, and ranges are flagged. What a statement
needs depends on its kind (see rules/provision.toml): a standing adjustment ("in all lessons")
counts as quantified in frequency and duration and group size does not apply (all three are
reported as met); a visit, review or piece of equipment needs no duration or group size.

Context rules for hedges:
- weak commitment verbs ("should", "would benefit from") and conditions ("subject to funding")
  are not PRO001 hedges: ENF003 and ENF002 (checks/enforceability.py) report them, once; they
  still make a statement not specific and are listed in its vague terms;
- "regular" naming a role ("the regular class teacher") is not a hedge;
- "may" counts only in lower case (the verb, not the month of May);
- "regularly", "monitoring" and the like do no harm in a review side clause ("progress will be
  reviewed regularly") of a statement that is otherwise fully quantified;
- "up to" and "small group" are fine inside a stated group size ("a group of up to 4");
- "key adult" is fine when the same statement names a role with its training or level.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any, Literal

from pydantic import BaseModel

from ehcp_lint.checks import CheckOutput
from ehcp_lint.checks.enforceability import (
    commitment,
    condition_spans,
    universal_span,
    weak_commitment_spans,
)
from ehcp_lint.checks.voice import child_reference
from ehcp_lint.ingest.blocks import ROW_SEPARATOR
from ehcp_lint.items import PlanItems, ProvisionItem
from ehcp_lint.plan import Plan, SectionId
from ehcp_lint.report import Finding, ProvisionElements, ProvisionResult
from ehcp_lint.ruleset import get_rule, load_toml
from ehcp_lint.textfeatures import (
    Span,
    compile_patterns,
    find_spans,
    outermost,
    phrase_pattern,
    shorten,
    terms,
    without_spans,
)

ProvisionKind = Literal["standing", "indirect", "direct"]
ELEMENT_RULES = {
    "frequency": "PRO002",
    "duration": "PRO003",
    "who": "PRO004",
    "group_size": "PRO005",
}
_CLAUSE_BREAK = re.compile(r"[,;:()]|\band\b|\bwith\b|\bwhich\b|\bwho\b")
_MAIN_CLAUSE_END = re.compile(r"[,;]\s")
_NAMED_DOCTOR = re.compile(r"\bDr\.?\s+[A-Z]")
_ORGANISATION = re.compile(
    r"\b(?:team|service|centre|center|trust|clinic|department|unit|hub|laborator(?:y|ie)|lab"
    r"|hospital|project|charity|charities|agency|agencies|partnership"
    r"|(?:support|self-help|carers['’]?|parents['’]?)\s+group)s?\b(?!-)",
    re.I,
)
# A setting or body named with capitals ("Meadowview Specialist College", "Ashcombe Adult Social
# Care") says who provides.
# Not a name used as a modifier ("a Forest School nurture session", "the Hospital School
# outreach"): that names a kind of thing, not who provides it.
_NAMED_SETTING = re.compile(
    r"\b(?!(?:The|A|An|His|Her|Their|This|Our)\s)(?:[A-Z][a-z]+\s+){1,3}"
    r"(?:College|School|Academy|Nursery|Hospital|Council|Social\s+Care)\b"
    r"(?!\s+(?:[a-z][\w-]*\s+)?(?:sessions?|groups?|programmes?|clubs?|activit(?:y|ies)|approach"
    r"|time|lessons?)\b)"
)


@cache
def _data() -> dict[str, Any]:
    return load_toml("provision.toml")


@cache
def _pattern(table: str, key: str = "patterns") -> re.Pattern[str]:
    return compile_patterns(terms()[table][key])


@cache
def _kind_pattern(key: str) -> re.Pattern[str]:
    return compile_patterns(_data()["kinds"][key])


@cache
def _phrases(table: str, key: str, *, case_sensitive: bool = False) -> re.Pattern[str]:
    return phrase_pattern(terms()[table][key], case_sensitive=case_sensitive)


@cache
def _hedge_patterns() -> tuple[re.Pattern[str], ...]:
    """Hedge phrases (case-insensitive, then lower case only) and hedge shapes."""
    hedges = terms()["hedges"]
    sensitive = set(hedges["case_sensitive"])
    insensitive = [phrase for phrase in hedges["phrases"] if phrase not in sensitive]
    return (
        phrase_pattern(insensitive),
        phrase_pattern(sensitive, case_sensitive=True),
        compile_patterns(hedges["patterns"]),
    )


@cache
def _named_by() -> re.Pattern[str]:
    return compile_patterns(_data()["what"]["named_by"])


@cache
def _generic_what() -> re.Pattern[str]:
    return compile_patterns(terms()["hedges"]["generic_what"])


@lru_cache(maxsize=64)
def _generic_what_spans(text: str) -> tuple[Span, ...]:
    """'help with his reading', 'targeted work on her anxiety': help named only by its aim."""
    return tuple(
        Span(start=match.start("what"), end=match.end("what"), text=match.group("what"))
        for match in _generic_what().finditer(text)
    )


class ProvisionVerdict(BaseModel):
    """What the check found in one statement, with the exact words that decided it."""

    elements: ProvisionElements
    kind: ProvisionKind
    dated: bool
    hedges: list[Span]
    ranges: list[Span]
    weak_verbs: list[Span]
    conditions: list[Span]
    # Generic words standing in for a missing element ("by an adult", "alongside peers"): they
    # make the statement vague, but the missing element's own rule (PRO004, PRO005) reports it.
    stand_ins: list[Span] = []

    @property
    def missing(self) -> list[str]:
        """The elements this kind of statement needs but does not state, in statutory order."""
        needed = {
            "standing": ["what"],
            "indirect": ["what", "who", "frequency"],
            "direct": ["what", "who", "frequency", "duration", "group_size"],
        }[self.kind]
        present = self.elements.model_dump()
        if self.dated:
            present["frequency"] = True  # a one-off action with a date needs no frequency
        return [element for element in needed if not present[element]]

    @property
    def is_specific(self) -> bool:
        return not self.unenforceable_words and not self.missing

    @property
    def unenforceable_words(self) -> list[Span]:
        """Hedges, ranges, weak verbs and conditions, in text order."""
        spans = self.hedges + self.ranges + self.weak_verbs + self.conditions + self.stand_ins
        return sorted(spans, key=lambda span: span.start)


@lru_cache(maxsize=256)
def judge_provision(text: str) -> ProvisionVerdict:
    """The elements, kind, hedges and ranges of one provision statement."""
    # "individually or in a group" names no group size, though "individually" alone would.
    choices = find_spans(_pattern("hedges", "patterns"), text)
    group_spans = [
        span
        for span in find_spans(_pattern("group_size"), text)
        if not any(span.inside(choice) for choice in choices)
    ]
    standing = bool(_pattern("standing").search(text))
    oversight = is_oversight(text)
    # "speech" in "speech and language therapist" names who, not what.
    roles = find_spans(_phrases("roles", "qualified"), text)
    frequency_spans = find_spans(_pattern("frequency"), text)
    duration_spans = find_spans(_pattern("duration"), text)
    # Nor in the row's need label ("Unexpected changes to the day | ...") or a role ("the head
    # of year").
    hedge_spans = [*_hedge_spans(text), *_need_label(text), *roles]
    # Abstention: an element counts as stated wherever the line holds anything that could be it
    # outside the words that state another element ("a 30-minute session": no frequency; "once
    # per calendar year", "without other pupils", "at each term's end": could be, so silent).
    maybe_work_around = _maybe_work_around(text)
    elements = ProvisionElements(
        what=bool(_phrases("what", "phrases").search(without_spans(text, roles)))
        or bool(_pattern("what").search(text))
        or _object_names_provision(text)
        or any(_named_by().search(text[span.end :]) for span in _generic_what_spans(text))
        or any(_names_task(text, span) for span in find_spans(_GENERIC_HELP_WORDS, text))
        or any(_named_in_full(text, span) for span in _generic_what_spans(text))
        or _clinician_monitors(text)
        or oversight,
        who=_has_who(text, standing)
        or (oversight and (names_institution(text) or _oversight_names_who(text)))
        or ((oversight or maybe_work_around) and bool(_abstain("any_team").search(text))),
        frequency=standing
        or bool(frequency_spans)
        or _could_state(_abstain("frequency"), text, [*duration_spans, *group_spans, *hedge_spans]),
        duration=standing
        or bool(duration_spans)
        or maybe_work_around
        or _could_state(_abstain("duration"), text, [*frequency_spans, *group_spans, *hedge_spans]),
        group_size=standing
        or bool(group_spans)
        or maybe_work_around
        or _could_state(_abstain("group"), text, [*frequency_spans, *duration_spans, *hedge_spans]),
    )
    # Oversight of every session ("a sign-in sheet will be completed for every session") is
    # still oversight, not an adjustment that applies all the time.
    kind: ProvisionKind = (
        "indirect"
        if oversight
        else "standing"
        if standing
        else "indirect"
        if _indirect(text)
        else "direct"
    )
    verdict = ProvisionVerdict(
        elements=elements,
        kind=kind,
        dated=bool(_kind_pattern("dated").search(text)),
        hedges=[],
        ranges=find_spans(_pattern("ranges"), text),
        weak_verbs=weak_commitment_spans(text),
        conditions=condition_spans(text),
    )
    stand_ins = set(_element_hedges(text, verdict))
    unenforceable = _weakening_hedges(text, verdict, group_spans, stand_ins)
    verdict.hedges = [span for span in unenforceable if span not in stand_ins]
    verdict.stand_ins = [span for span in unenforceable if span in stand_ins]
    return verdict


@cache
def _abstain(key: str) -> re.Pattern[str]:
    """What could state an element (rules/provision.toml [abstain])."""
    return compile_patterns(_data()["abstain"][key])


def _could_state(cue: re.Pattern[str], text: str, others: list[Span]) -> bool:
    """Anything in the line, outside the words of other elements, that could state this one."""
    return bool(cue.search(without_spans(text, others)))


def _maybe_work_around(text: str) -> bool:
    """A report, review or meeting, or progress looked at with the family: work around the
    child, which needs no length or group size. Not a side clause of direct work ("..., with
    progress reviewed each term"): the subject, or progress and the family together."""
    return bool(_abstain("review_subject").search(text)) or bool(
        _abstain("progress").search(text) and _abstain("family").search(text)
    )


# A task named after generic help: "support with washing and dressing", "help to attend
# Saturday football", "help for the family to apply for benefits".
_TASK_AFTER = re.compile(r"\s*(?:[\w'’-]+\s+){0,4}?to\s+(?P<verb>[a-z]+)\b|\s*(?P<ing>[a-z]+ing)\b")


# Generic help whose words already end in its aim ("work to develop", "support that builds").
_ENDS_IN_AIM = re.compile(r"\b(?:to|that|which)\s+[a-z]+$", re.I)
_GENERIC_HELP_WORDS = re.compile(r"\b(?:help|support|assistance)\s+(?:with|for)\b", re.I)
# The help spelled out after its aim: "support with sleep, including advice on a bedtime
# routine", "help with his anxiety, namely a weekly CBT session".
_SPELLED_OUT = re.compile(
    r"[^.;|]{0,40}?,?\s+(?:including|namely|comprising|consisting\s+of|in\s+the\s+form\s+of)\s+",
    re.I,
)


def _named_in_full(text: str, span: Span) -> bool:
    """Generic help whose content is then named ('support with sleep, including advice on a
    bedtime routine'): what is provided is said."""
    match = _SPELLED_OUT.match(text, span.end)
    if not match:
        return False
    _, generic, stops = _object_words()
    return _specific_phrase(text[match.end() :], generic, stops)


def _names_task(text: str, span: Span) -> bool:
    """Generic help ("support with", "help for") followed by the task itself names what is
    done; by an aim only ("help to develop his reading", "support with his anxiety") it does not."""
    if _ENDS_IN_AIM.search(span.text):
        return False  # "work to develop his reactions": its aim is said, no task
    match = _TASK_AFTER.match(text, span.end)
    if not match:
        return False
    if match.group("ing"):
        return match.group("ing").lower() not in {"nothing", "something", "anything", "everything"}
    # Words before "to" make it an infinitive only after "for" ("help for the family to apply");
    # after "around" or "with" they are a noun's ("work around his reactions to noise").
    gap = text[span.end : match.start("verb")].split()
    if len(gap) > 1 and not span.text.lower().endswith("for"):
        return False
    return bool(_TASK_VERB.fullmatch(match.group("verb")))


def _indirect(text: str) -> bool:
    """Work around the child (a visit, advice, equipment), judged without the row's need label
    ("Posture and seating | A keyboard skills programme | ...": the programme is direct)."""
    text = without_spans(text, _need_label(text))
    return any(
        not _modifier_or_name(text, match) for match in _kind_pattern("indirect").finditer(text)
    ) and not _teaches_child(text)


def _modifier_or_name(text: str, match: re.Match[str]) -> bool:
    """A cue word that is part of a compound modifier ('clinic-style sessions') or of a
    capitalised name inside the sentence ('Look, Say, Cover, Write, Check') is not the work
    itself."""
    if text[match.end() : match.end() + 1] == "-":
        return True
    word = match.group(0)
    before = text[: match.start()].rstrip()
    if not (word[:1].isupper() and before and before[-1] not in ".|:;"):
        return False
    # A name runs over several capitalised words; one capital alone is spelling ("X-ray"), and
    # a possessive after it is its object ("X-ray Sam's hips").
    previous = re.findall(r"[\w'’]+", before)[-1:]
    following = re.findall(r"[\w'’]+", text[match.end() :])[:1]
    return any(w[:1].isupper() for w in previous) or any(
        w[:1].isupper() and not w.endswith(("'s", "’s")) for w in following
    )


def _teaches_child(text: str) -> bool:
    """'training in driving his powered wheelchair': the child is taught, so it is direct work
    whatever the equipment ('staff training in using the hoist' is not)."""
    return bool(_kind_pattern("direct").search(text)) and not _kind_pattern(
        "adults_trained"
    ).search(text)


def only_monitors(text: str) -> bool:
    """Whether what a statement provides is only watching ("Monitoring of wellbeing" by the
    SENCo twice a week): it meets no need, so the golden thread does not count it."""
    provision_nouns = _hedge_words("provision_nouns")
    return any(span.text.lower() in provision_nouns for span in judge_provision(text).hedges)


@cache
def _hedge_words(key: str) -> frozenset[str]:
    """One list of rules/terms.toml [hedges], lower-cased, to compare found spans with."""
    return frozenset(phrase.lower() for phrase in terms()["hedges"][key])


@cache
def _review_actions() -> re.Pattern[str]:
    return compile_patterns(_data()["what"]["review_actions"])


def is_oversight(text: str) -> bool:
    """Checking that provision is delivered or reviewing progress ("The SENCo will check the
    session log each half term", "a progress meeting with his parents every term"): what is done
    is the check itself, and like other work around the child it needs no length or group.
    Judged on the main clause: a side clause "and its impact will be monitored by the SENCo"
    does not turn direct work into oversight."""
    return bool(_review_actions().search(_main_clause(text)))


def _oversight_names_who(text: str) -> bool:
    """A review held with the family ("at a meeting with Sam and his mum") or by the child's
    own key adult names who reviews (rules/provision.toml [who] oversight_who)."""
    return bool(_who_pattern("oversight_who").search(text))


def names_institution(text: str) -> bool:
    """The setting itself is the subject of a modal verb ('Each term the school will ...')."""
    return bool(_who_pattern("institution").search(text))


_MODAL = re.compile(r"\b(?:will|shall|must|(?:is|are)\s+to)\b")


def _main_clause(text: str) -> str:
    """Up to the first comma or semicolon after the main verb: a subject listing people ("Each
    term Sam, his mum and the SENCo will meet to ...") is not cut at its own commas."""
    modal = _MODAL.search(text)
    start = modal.end() if modal else 0
    end = _MAIN_CLAUSE_END.search(text, start)
    return text[: end.start()] if end else text


@cache
def _object_words() -> tuple[re.Pattern[str], frozenset[str], frozenset[str]]:
    what = _data()["what"]
    return (
        compile_patterns(what["object_verbs"]),
        frozenset(what["generic_objects"]),
        frozenset(what["stop_words"]),
    )


def _object_names_provision(text: str) -> bool:
    """The object of "will receive", "will have", "Provide Name with" (or a table row's
    provision cell) has a word that is not generic: it names what is provided, worded or not
    like any programme we know ("inclusive classroom practice")."""
    verbs, generic, stops = _object_words()
    cells = text.split(ROW_SEPARATOR)
    objects = [text[match.end() :] for match in verbs.finditer(text)]
    if len(cells) >= 3:
        objects.append(cells[1])
    # "will have a teaching assistant" names who, not what.
    return any(
        _specific_phrase(phrase, generic, stops) and not _is_role_phrase(phrase)
        for phrase in objects
    )


# A verb after "help to" that names a task, not an aim ("to develop/improve his reading" names
# only the aim: generic_what reports it).
_TASK_VERB = re.compile(
    r"(?!(?:develop|improve|build|support|help|manage|address|target|promote|boost|encourage|"
    r"increase|enhance|strengthen|extend|foster|nurture|raise|work|access|engage|be|make|do|"
    r"get|have|achieve|progress|meet|deal|cope|learn|understand)\b)[a-z]+\b"
)


def _specific_phrase(phrase: str, generic: frozenset[str], stops: frozenset[str]) -> bool:
    found = _WORD.findall(phrase)[:6]
    for index, word in enumerate(found):
        lowered = word.lower()
        if word[0].isdigit():
            continue  # "a 6-week self-esteem group": the length is not what is provided
        if lowered == "with" and index + 1 < len(found) and found[index + 1].endswith("ing"):
            continue  # "help with getting ready for bed": the task names what is done
        if lowered == "to" and index + 1 < len(found) and _TASK_VERB.match(found[index + 1]):
            continue  # "help to put a behaviour plan in place": the task names what is done
        if lowered in stops or not word[0].isalpha():
            return False
        if lowered not in generic:
            return True
    return False


@cache
def _who_pattern(key: str) -> re.Pattern[str]:
    return compile_patterns(_data()["who"][key])


@lru_cache(maxsize=64)
def _authors(text: str) -> tuple[Span, ...]:
    """'designed by the occupational therapist': who planned the provision, up to the end of
    the role ('a specialist teacher'), which does not say who delivers it."""
    spans: list[Span] = []
    for match in _who_pattern("author_patterns").finditer(text):
        end, seen_role = match.end(), False
        for word in _WORD.finditer(text, match.end()):
            if word.start() - end > 1 or not word.group(0)[0].isalpha():
                break  # punctuation or a cell boundary ends the phrase
            is_role = _is_role_phrase(word.group(0))
            if seen_role and not is_role:
                break
            seen_role, end = seen_role or is_role, word.end()
        if seen_role:
            spans.append(Span(start=match.start(), end=end, text=text[match.start() : end]))
    return tuple(spans)


_DIGIT = re.compile(r"\d")
_LED = re.compile(r"-(?:led|delivered|run|directed|designed)\b")
_GLOSS = re.compile(r"\(([A-Z][A-Za-z&]{1,7})\)")
_GLOSS_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def _glosses(text: str) -> list[Span]:
    """'occupational therapy (OT)': an abbreviation in brackets spelling out the words before it
    names what they name (here the therapy, not the therapist)."""
    spans = []
    for match in _GLOSS.finditer(text):
        letters = match.group(1).lower().replace("&", "a")
        before = _GLOSS_WORD.findall(text[: match.start()])
        for take in (len(letters), len(letters) + 1, len(letters) + 2):
            initials = [word[0].lower() for word in before[-take:]]
            content = [w[0].lower() for w in before[-take:] if w.lower() not in _GLUE_WORDS]
            if "".join(initials) == letters or "".join(content) == letters:
                spans.append(Span(start=match.start(), end=match.end(), text=match.group(0)))
                break
    return spans


_GLUE_WORDS = frozenset({"and", "of", "for", "the", "in", "to", "with"})


def _generic_who_cell(text: str) -> bool:
    """A table row whose who cell is only generic people ("Whichever adult is available",
    "Learning support department"): the row names no role, whatever its provision cell calls
    the intervention ("Therapist-led language group")."""
    cells = text.split(ROW_SEPARATOR)
    generic = [
        index
        for index, cell in enumerate(cells[1:] if len(cells) >= 3 else [], start=1)
        # "1:2 (adult:pupils)" is a group size, not who
        if len(cell.split()) <= 6 and not _DIGIT.search(cell) and _generic_people(cell.strip())
        if not _phrases("roles", "qualified").search(without_spans(cell, _generic_people(cell)))
    ]
    # Only where no other cell names who on its own: "... | Westmere Autism Outreach Team |
    # ... | Staff team" names the team; the staff are who it is for.
    return bool(generic) and not any(
        _names_who_itself(cell)
        for index, cell in enumerate(cells[1:], start=1)
        if index not in generic
    )


def _names_who_itself(cell: str) -> bool:
    """A cell naming a role or a service outside a '-led' compound."""
    roles = [
        role
        for role in find_spans(_phrases("roles", "qualified"), cell)
        if not _LED.match(cell, role.end)
    ]
    return bool(roles or _ORGANISATION.search(cell) or _NAMED_SETTING.search(cell))


def _has_who(text: str, standing: bool) -> bool:
    # "a sensory diet designed by the OT | An adult": the OT does not deliver it; nor does
    # "(OT)" spelling out "occupational therapy".
    if _generic_who_cell(text):
        return False
    text = without_spans(text, [*_authors(text), *_glosses(text)])
    # "therapist-led ... by the class team": the compound says what kind of work it is; the
    # generic people named besides are who delivers it. And "by TAs": a generic word that is
    # also a role names none, unless it is part of a longer role ("teaching staff").
    roles = [
        role
        for role in find_spans(_phrases("roles", "qualified"), text)
        if not (_LED.match(text, role.end) and _generic_people(text))
        and not _ROLE_AS_PLACE_OR_TIME.match(text, role.end)
    ]
    unqualified = [
        person
        for person in _generic_people(text)
        if not any(
            role.start <= person.start and person.end <= role.end and role != person
            for role in roles
        )
    ]
    if any(
        role in roles
        for role in find_spans(_phrases("roles", "qualified"), without_spans(text, unqualified))
    ):
        return True
    if _NAMED_DOCTOR.search(text):
        return True
    if standing and _pattern("standing", "who_patterns").search(text):
        return True
    # "the staff team", "available staff": generic people name no role, whatever follows.
    text = without_spans(text, _generic_people(text))
    if _ORGANISATION.search(text) or _NAMED_SETTING.search(text) or names_a_role(text):
        return True
    return len(_generic_people(text)) < len(find_spans(_phrases("roles", "generic"), text))


# A role word naming a time or place of the day, not a person: "during tutor time", "in his
# tutor group", "the nurse's room".
_ROLE_AS_PLACE_OR_TIME = re.compile(
    r"(?:['’]s)?\s+(?:time|times|group|groups|period|periods|base|room|rooms|slot|register)\b", re.I
)
# ("through the direct work of a literacy assistant": the person follows "work of".)
_AGENT_START = re.compile(
    r"(?:\bthrough\s+the\s+(?:[a-z-]+\s+)?work\s+of\s+|\b(?:by|with|from|through|via)\s+|^\s*"
    r"|\|\s*)(?:(?i:an?|the|his|her|their)|[A-Z][a-z]+['’]s)\s+",
    re.M,
)
# The subject of the main verb: "Every term the assistant head for inclusion will audit ...".
_SUBJECT = re.compile(
    r"\b(?:(?i:an?|the|his|her|their)|[A-Z][a-z]+['’]s)\s+((?:[\w-]+\s+){1,5}?)"
    r"(?:will|must|shall|is\s+to|are\s+to)\b"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\w.:-]*|[^\sA-Za-z\d]")
_JOINERS = frozenset({"and", "&"})


@cache
def _who_words() -> tuple[frozenset[str], tuple[str, ...], frozenset[str], frozenset[str]]:
    who = _data()["who"]
    not_person = {*who["not_person_words"], *terms()["roles"]["generic"]}
    return (
        frozenset(word.lower() for word in who["person_words"]),
        tuple(who["person_suffixes"]),
        frozenset(word.lower() for word in not_person),
        frozenset(who["stop_words"]),
    )


def names_a_role(text: str) -> bool:
    """A person noun in the words after "by/with/from/through" and a determiner, at the start of
    a sentence or cell, or in the subject of "will": "led by a paediatric ophthalmologist", "The
    pastoral lead will ...", "Every term the assistant head for inclusion will audit ...".
    Roles are open-ended, so they are recognised by shape, not looked up in a list."""
    return any(
        _is_role_phrase(text[match.end() :].split("\n", 1)[0])
        for match in _AGENT_START.finditer(text)
    ) or any(_is_role_phrase(match.group(1)) for match in _SUBJECT.finditer(text))


def _is_role_phrase(rest: str) -> bool:
    """The first person noun of a noun phrase, whose modifiers may be joined ('the attachment
    and trauma lead', 'the moving & handling lead'); a stop word or punctuation ends it."""
    person_words, suffixes, not_person, stop_words = _who_words()
    found = _WORD.findall(rest)[:6]
    for index, word in enumerate(found):
        lowered = word.lower()
        if lowered in _JOINERS and 0 < index < len(found) - 1 and found[index + 1][0].islower():
            continue
        if lowered in stop_words or not word[0].isalpha():
            return False
        if lowered in not_person:
            continue
        if lowered in person_words or (len(lowered) > 4 and lowered.endswith(suffixes)):
            return True
    return False


def _hedge_spans(text: str) -> list[Span]:
    return [span for pattern in _hedge_patterns() for span in find_spans(pattern, text)] + list(
        _generic_what_spans(text)
    )


def _weakening_hedges(
    text: str, verdict: ProvisionVerdict, group_spans: list[Span], stand_ins: set[Span]
) -> list[Span]:
    """The hedges and stand-ins that weaken this statement, each once, in text order."""
    side_clause = _hedge_words("side_clause")
    provision_nouns = _hedge_words("provision_nouns")
    sized_group_words = _hedge_words("sized_group_words")
    generic_what = _generic_what_spans(text)
    quantified = not verdict.missing and not verdict.ranges
    reported_elsewhere = [
        *verdict.weak_verbs,
        *verdict.conditions,
        *_role_spans(text),
        *_need_label(text),
    ]
    kept: list[Span] = []
    for span in outermost([*_hedge_spans(text), *_author_hedges(text, verdict), *stand_ins]):
        lowered = span.text.lower()
        if any(span.overlaps(other) for other in reported_elsewhere):
            continue
        if any(
            span.inside(group) or (lowered == "support with" and span.overlaps(group))
            for group in group_spans
        ):
            continue  # "a small group of up to 4"; "behaviour support with one named worker"
        if lowered in sized_group_words and group_spans:
            continue  # "a small group of no more than 4"
        if _names_stated_element(text, lowered):
            continue  # "regular sessions twice a week", "a short session of 10 minutes"
        if (
            lowered in side_clause
            and quantified
            and (is_oversight(text) or _in_review_clause(text, span))
        ):
            continue  # "..., reviewed regularly"; "termly reviews will adjust targets as needed"
        if lowered in provision_nouns and quantified and _clinical_monitoring(text, span):
            continue  # "monitoring of her blood pressure by the nurse, termly, 30 minutes, 1:1"
        if lowered in provision_nouns and quantified and _in_side_clause(text, span):
            continue  # "..., 1:1, with regular monitoring by the inclusion manager"
        if lowered == "key adult" and (
            _has_who(without_spans(text, [span]), False) or is_oversight(text)
        ):
            continue  # "a key adult, a Level 3 TA"; "the key adult will meet his mum each term"
        if span in generic_what and _named_by().search(text[span.end :]):
            continue  # "support for his siblings through a young carers project"
        if (span in generic_what or lowered in _GENERIC_HELP) and (
            _names_task(text, span) or _named_in_full(text, span)
        ):
            continue  # "support with washing and dressing", "help for the family to apply"
        if lowered in _OPPORTUNITY and quantified and is_oversight(text):
            continue  # "termly review meetings will give his mum the chance to check progress"
        if lowered in provision_nouns and quantified and _clinician_monitors(text):
            continue  # "monitoring of her eye pressure by the consultant ophthalmologist, ..."
        kept.append(span)
    return sorted(kept, key=lambda span: span.start)


# Monitoring of how the child is getting on meets no need, whoever does it.
_WATCHING_ONLY = re.compile(
    r"\s+(?:of\s+)?(?:(?:his|her|their|the|(?-i:[A-Z][a-z]+)['’]s)\s+)?(?:general\s+)?(?:progress"
    r"|wellbeing|well-being|attainment|behaviou?r|engagement|attendance|mood|needs)\b",
    re.I,
)


_MONITORING = re.compile(r"\bmonitoring\b", re.I)


def _clinician_monitors(text: str) -> bool:
    """'monitoring of her scoliosis by the consultant': a clinician's monitoring of a condition
    is the clinical work itself (of progress or wellbeing it meets no need, whoever does it)."""
    return bool(_CLINICIAN.search(text)) and any(
        not _WATCHING_ONLY.match(text, match.end()) for match in _MONITORING.finditer(text)
    )


def _names_stated_element(text: str, hedge: str) -> bool:
    """A word that only says how often or how long, where the statement states it exactly."""
    first = hedge.split()[0] if hedge else hedge
    if hedge in _hedge_words("stated_frequency_words"):
        return bool(_pattern("frequency").search(text)) and not _pattern("ranges").search(text)
    if first in _hedge_words("stated_duration_words"):
        return bool(_pattern("duration").search(text)) and not _pattern("ranges").search(text)
    return False


_GENERIC_HELP = frozenset({"support with", "help with", "help for", "support for"})
_OPPORTUNITY = frozenset(
    {"chance to", "chances to", "opportunity to", "opportunities to", "opportunity for"}
)
# A clinician delivering it: monitoring is then the clinical work itself, whatever is measured.
_CLINICIAN = re.compile(
    r"\b(?:consultants?|paediatricians?|pediatricians?|doctors?|Dr|GPs?|nurses?|clinicians?"
    r"|clinics?|hospitals?|(?!psych)[a-z]+ologists?|orthoptists?|audiologists?|dietitians?|dieticians?"
    r"|physiotherapists?|psychiatrists?|surgeons?|optometrists?|pharmacists?)\b"
)


def _clinical_monitoring(text: str, span: Span) -> bool:
    return any(
        match.start() <= span.start < match.end()
        for match in _pattern("hedges", "clinical_measures").finditer(text)
    )


def _element_hedges(text: str, verdict: ProvisionVerdict) -> list[Span]:
    """Words that stand in for an element this kind of statement needs and does not state:
    generic people where no role is named ("by available staff"), a group with no size where
    no size is given ("alongside peers")."""
    missing = verdict.missing
    spans = list(_generic_people(text)) if "who" in missing else []
    if "group_size" in missing:
        spans += find_spans(_pattern("hedges", "unsized_group"), text)
    return spans


def _author_hedges(text: str, verdict: ProvisionVerdict) -> list[Span]:
    """'a programme written by the SENCo' where no one is said to deliver it ("delivered by").
    Where the author names what the provision is ("an exercise programme set by the
    physiotherapist") and a role is named besides ("with a Level 3 teaching assistant"), that
    role delivers it; where the author stands where the deliverer belongs ("with a programme
    written by ...", a who cell "A programme written by ..."), no one is said to."""
    if _who_pattern("deliverers").search(text):
        return []
    spans = find_spans(_who_pattern("author_hedges"), text)
    if verdict.elements.who:
        return [span for span in spans if _IN_WHO_SLOT.search(text[: span.start])]
    return spans


# Just before a phrase: it stands where the deliverer is written ("with a ...", a new cell).
_IN_WHO_SLOT = re.compile(r"(?:\b(?:with|from|through|via|by)\s+|^\s*|\|\s*)$", re.IGNORECASE)


@lru_cache(maxsize=64)
def _generic_people(text: str) -> tuple[Span, ...]:
    """'an adult', 'the staff team', 'support staff', unless a qualifier next to them makes
    them a role ('an adult trained in Precision Teaching', 'a Level 3 member of staff')."""
    before, after = _data()["who"]["qualifier_window"]
    qualifiers = find_spans(_phrases("roles", "qualifiers"), text)
    generic = outermost(
        find_spans(_phrases("roles", "generic"), text)
        + find_spans(_who_pattern("plural_helpers"), text)
    )
    return tuple(
        span
        for span in generic
        if not any(
            span.start - before <= q.end and q.start <= span.end + after
            for q in qualifiers
            if not _bare_adjective_on_anyone(text, q, span)
        )
    )


def _bare_adjective_on_anyone(text: str, qualifier: Span, person: Span) -> bool:
    """'a trained person': a bare adjective on someone of no kind names no role (rules/
    provision.toml [who] anyone); 'trained club staff' does."""
    return (
        qualifier.text.lower() in _data()["who"]["bare_qualifiers"]
        and not text[qualifier.end : person.start].strip()
        and bool(_who_pattern("anyone").match(person.text))
    )


def _need_label(text: str) -> list[Span]:
    """The first cell of a provision table row names the need it answers ("Access to spoken
    language | ..."): its words describe the need, not the provision, so they hedge nothing."""
    cells = text.split(ROW_SEPARATOR)
    label = cells[0]
    if len(cells) < 3 or len(label.split()) > _data()["tables"]["max_label_words"]:
        return []
    # Only where the next cell states the provision: in a table whose first column is the
    # provision itself ("Access to a laptop | Daily | ..."), the first cell's hedges count.
    _, generic, stops = _object_words()
    if not (
        _phrases("what", "phrases").search(cells[1]) or _specific_phrase(cells[1], generic, stops)
    ):
        return []
    return [Span(start=0, end=len(label), text=label)]


@cache
def _not_hedges() -> re.Pattern[str]:
    return compile_patterns(_data()["not_hedges"]["patterns"])


def _role_spans(text: str) -> list[Span]:
    """Words that look like a hedge but name a role ("the regular class teacher")."""
    return find_spans(_not_hedges(), text)


@cache
def _review_markers() -> re.Pattern[str]:
    return phrase_pattern(terms()["hedges"]["side_clause_markers"])


def _in_side_clause(text: str, span: Span) -> bool:
    """A review clause after the main one ("..., with regular monitoring by the SENCo"): the
    monitoring is of the provision already stated, not the provision itself."""
    return span.start > len(_main_clause(text)) and _in_review_clause(text, span)


def _in_review_clause(text: str, span: Span) -> bool:
    """Is the hedge in a clause about reviewing or monitoring, not about the provision itself?"""
    breaks = [0, *(m.start() for m in _CLAUSE_BREAK.finditer(text)), len(text)]
    start = max(b for b in breaks if b <= span.start)
    end = min(b for b in breaks if b >= span.end)
    clause = text[start:end]
    # (Not a marker inside a compound naming the session: "a check-in session".)
    return any(
        not clause[marker.end() :].startswith("-") for marker in _review_markers().finditer(clause)
    )


# --- the check -------------------------------------------------------------------------------


def run(plan: Plan, items: PlanItems) -> CheckOutput:
    name = child_reference(plan).name or "the child"
    results: list[ProvisionResult] = []
    findings: list[Finding] = []
    for item in items.provisions:
        verdict = judge_provision(item.text)
        results.append(
            ProvisionResult(
                text=item.text,
                section=item.section.value,
                location=item.location,
                elements=verdict.elements,
                vague_terms=[span.text for span in verdict.unenforceable_words],
                is_specific=verdict.is_specific,
                standing_adjustment=verdict.kind == "standing",
                commitment=commitment(item.text),
            )
        )
        # What every pupil gets (ENF001) is no provision for this child: it is to be replaced,
        # not made more specific, so its missing parts are not reported as well.
        if item.section is not SectionId.F or universal_span(item.text) is None:
            findings += provision_findings(item, verdict, name)
    return CheckOutput(provisions=results, findings=findings)


def provision_findings(item: ProvisionItem, verdict: ProvisionVerdict, name: str) -> list[Finding]:
    """PRO001 for hedges, PRO006 per range, then one finding per missing element - or a single
    PRO007 when the statement does not say what the provision is (the rest would be noise)."""
    values = {"quote": shorten(item.text), "name": name}
    findings: list[Finding] = []
    if verdict.hedges:
        terms_text = ", ".join(f'"{span.text}"' for span in _unique(verdict.hedges))
        findings.append(_finding("PRO001", item, values, terms=terms_text, fix=_fix(verdict)))
    findings += [_finding("PRO006", item, values, range=span.text) for span in verdict.ranges]
    missing = verdict.missing
    if "what" in missing:
        others = [element.replace("_", " ") for element in missing if element != "what"]
        detail = f", nor {', '.join(others)}" if others else ""
        return [*findings, _finding("PRO007", item, values, missing=detail)]
    findings += [_finding(ELEMENT_RULES[element], item, values) for element in missing]
    return findings


def _unique(spans: list[Span]) -> list[Span]:
    seen: set[str] = set()
    unique: list[Span] = []
    for span in spans:
        if span.text.lower() not in seen:
            seen.add(span.text.lower())
            unique.append(span)
    return unique


def _fix(verdict: ProvisionVerdict) -> str:
    fixes = _data()["hedge_fixes"]
    return fixes.get(verdict.hedges[0].text.lower(), fixes["default"])


def _finding(code: str, item: ProvisionItem, values: dict[str, object], **extra: object) -> Finding:
    return get_rule(code).finding(
        section=item.section, evidence=item.text, location=item.location, **values, **extra
    )
