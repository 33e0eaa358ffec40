"""Child's voice: is the child heard in Section A, in their own words or through what they show?

Each Section A sentence is labelled with the kind of evidence it gives of the child's voice:
first_person ("I like ..."), quotation (quoted words attributed to the child), reported
("Sam told us ...") or observed ("Sam shows he is happy by ...") - or none. Parents' and
professionals' views are not the child's voice: a first-person sentence under a "Parents' views"
subheading, or the "I" inside "Mum said: 'I worry about him'", is the adult speaking.
Term lists and patterns are data in rules/voice.toml.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel

from ehcp_lint.checks import CheckOutput
from ehcp_lint.checks.consistency import child_first_name
from ehcp_lint.document import Block, Location
from ehcp_lint.items import PlanItems, SentenceItem
from ehcp_lint.plan import Plan, SectionId
from ehcp_lint.report import Finding, VoiceEvidence, VoiceResult
from ehcp_lint.ruleset import get_rule, load_toml
from ehcp_lint.textfeatures import (
    Span,
    compile_patterns,
    find_spans,
    phrase_pattern,
    split_sentences,
    without_spans,
)

VoiceKind = Literal["first_person", "quotation", "reported", "observed"]
Speaker = Literal["child", "other"]

_QUOTE = re.compile(r"[\"“”]([^\"“”\n]+)[\"“”]|(?<![\w])['‘]((?:[^'‘’\n]|['’](?=\w))+)['’](?!\w)")
_TOKEN = re.compile(r"[A-Za-z][\w'’]*")
_COLON_LABEL = re.compile(r"^\s*([A-Z][\w'’]*(?:\s+[\w'’]+){0,3})\s*:")
_HE = re.compile(r"\b(?:he|him|his|himself)\b", re.IGNORECASE)
_SHE = re.compile(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE)
_THEY = re.compile(r"\b(?:they|them|their|theirs|themself|themselves)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?\"'”’]\s*$")
# A letter no plan uses, standing for the child's name in the {child} patterns (ChildRef.mask).
_NAME_MASK = "ᚠ"
_POSSESSIVES = {"he": "his", "she": "her", "they": "their"}
# The child's pronoun in the object and possessive cases ("they"/"them" also name things).
_OBJECT_PRONOUNS = {"he": re.compile(r"\b(?:him|his)\b"), "she": re.compile(r"\bher\b")}
_POSSESSIVE_WORDS = frozenset({"his", "her", "their", "my", "your", "our", "its"})
_BRACKETED = re.compile(r"[\[<{][^\]>}\n]{1,40}[\]>}]")
_FAMILIES = ("communicative_acts", "feelings", "means", "sign_behaviours")
_SUBJECT_PRONOUNS = frozenset({"I", "he", "she", "we", "they", "He", "She", "We", "They"})
_PASSIVE = frozenset({"is", "was", "are", "were", "be", "being", "been", "get", "gets", "got"})
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{2,}\b")


class ChildRef(BaseModel):
    """How the plan refers to the child: first name (if known) and pronoun (if clear)."""

    name: str | None
    pronoun: Literal["he", "she", "they"] | None

    def mask(self, text: str) -> str:
        """The text with the child's first name written as a run of _NAME_MASK letters of the
        same length: the {child} patterns are compiled once for every plan, and offsets hold."""
        if not self.name:
            return text
        return _name_pattern(self.name).sub(lambda found: _NAME_MASK * len(found.group()), text)


@cache
def _name_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE)


class SentenceVoice(BaseModel):
    """The verdict on one Section A sentence."""

    kind: VoiceKind | None = None
    other_view: bool = False


@cache
def _data() -> dict[str, Any]:
    return load_toml("voice.toml")


@cache
def _word_set(key: str) -> frozenset[str]:
    return frozenset(word.lower() for word in _data()["speakers"][key])


@cache
def _verb_pattern(key: str) -> re.Pattern[str]:
    verbs = sorted(_data()["patterns"][key], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(verbs) + r")\b", re.IGNORECASE)


@cache
def _patterns(key: str) -> re.Pattern[str]:
    return compile_patterns(_data()["patterns"][key])


@cache
def _first_person() -> re.Pattern[str]:
    # "I" must be a capital, so this list is matched case-sensitively.
    return compile_patterns(_data()["patterns"]["first_person"], flags=0)


@cache
def _child_patterns(key: str, pronoun: str | None, *, name_only: bool = False) -> re.Pattern[str]:
    """The patterns of `key` with {child} standing for the child (the masked name, see
    ChildRef.mask, or the child's pronoun) and {child_possessive} for "Sam's" or "his"."""
    pronouns = [] if name_only else [pronoun] if pronoun else ["he", "she"]
    possessives = [_POSSESSIVES[pronoun]] if pronoun else ["his", "her"]
    name = f"{_NAME_MASK}+"
    subject = "(?:" + "|".join([name, *pronouns]) + ")"
    possessive = "(?:" + "|".join([name + "['’]s", *possessives]) + ")"
    # "Sam often smiles when", "Sam will often point to": adverbs or a modal may follow the child.
    patterns = _data()["patterns"]
    adverbs = "|".join(patterns["adverbs"])
    child = rf"{subject}(?:\s+(?:{adverbs})){{0,2}}"
    # Word families shared by the patterns: what a child does to make themselves understood,
    # how they feel, and the means they do it by ("by pointing", "using a symbol card").
    families = {name: "(?:" + "|".join(patterns[name]) + ")" for name in _FAMILIES}
    expanded = []
    for pattern in patterns[key]:
        for name, alternation in families.items():
            pattern = pattern.replace("{" + name + "}", alternation)
        expanded.append(pattern.replace("{child}", child).replace("{child_possessive}", possessive))
    return compile_patterns(expanded)


@cache
def _title_opening() -> re.Pattern[str]:
    return re.compile(r"(?:" + "|".join(_data()["headings"]["title_openings"]) + r")\b", re.I)


@cache
def _heading_pattern(key: str) -> re.Pattern[str]:
    return phrase_pattern(_data()["headings"][key])


def is_aspiration(text: str) -> bool:
    """Does the text express a hope or plan for the future (child's or family's)?"""
    return bool(_patterns("aspirations").search(text))


# --- who is the child --------------------------------------------------------------------


def child_reference(plan: Plan) -> ChildRef:
    """The child's first name (see consistency.child_first_name) and pronoun."""
    # B, C and E are written about the child; A also has parents talking about themselves.
    text = "\n".join(plan.section(s).text for s in (SectionId.B, SectionId.C, SectionId.E))
    return ChildRef(name=child_first_name(plan), pronoun=_dominant_pronoun(text))


def _dominant_pronoun(text: str) -> Literal["he", "she", "they"] | None:
    """The pronoun B, C and E use most. Singular "they" only when it outnumbers "he" and "she"
    together: those sections are about the child, so a plural "they" (staff) is rare there."""
    he, she, they = (len(pattern.findall(text)) for pattern in (_HE, _SHE, _THEY))
    if they >= 2 and they > he + she:
        return "they"
    return "he" if he > she else "she" if she > he else None


# --- who is speaking ---------------------------------------------------------------------


def _token_speaker(
    word: str, previous: str | None, child: ChildRef, other_heading: bool
) -> Speaker | None:
    lowered = word.lower()
    if lowered.endswith(("'s", "’s")):
        return None  # "Oliver's mum": the possessor is not the speaker
    if lowered.rstrip(".") in _word_set("titles"):
        return None  # the name after it decides
    if lowered in _word_set("body_words") and previous and previous.lower() in _POSSESSIVE_WORDS:
        return None  # "shook his head": a body part, not the head teacher
    if previous and previous.lower().rstrip(".") in _word_set("titles"):
        return "other"
    if lowered == "they" and child.pronoun == "they":
        return "other" if other_heading else "child"
    if lowered in _word_set("others"):
        return "other"
    if child.name and lowered == child.name.lower():
        return "child"
    if lowered in ("he", "she"):
        if other_heading or (child.pronoun and lowered != child.pronoun):
            return "other"
        return "child"
    if word == "I":
        return "other" if other_heading else "child"
    if word[0].isupper() and lowered not in _word_set("not_names"):
        return "other" if child.name else "child"
    return None


def speaker_before(
    text: str, position: int, child: ChildRef, other_heading: bool
) -> Speaker | None:
    """Who is the subject of a verb at `position`: the nearest person word, else the first."""
    tokens = list(_TOKEN.finditer(text[:position]))
    words = [token.group() for token in tokens]
    plural_they = False
    for index in range(len(words) - 1, max(len(words) - 7, -1), -1):
        if words[index].lower() == "they" and child.pronoun != "they":
            # "When Ash wants something they let us know": "they" points back to the person
            # named before it; only with nobody named is it someone else.
            plural_they = True
            continue
        previous = words[index - 1] if index else None
        found = _token_speaker(words[index], previous, child, other_heading)
        if found and not _is_object(text, tokens, index):
            return found
    if plural_they:
        return "other"
    for index, word in enumerate(words):
        found = _token_speaker(word, words[index - 1] if index else None, child, other_heading)
        if found:
            return found
    return None


def _is_object(text: str, tokens: list[re.Match[str]], index: int) -> bool:
    """Is the person word at `index` the object of a preposition or verb ("talked to the
    specialist teacher and said", "met the school nurse and told her")? Such a person is not the
    subject of the verb that follows. A subject pronoun never is one, and punctuation, a name
    or a pronoun in between ends the noun phrase ("When asked about school, Sam said")."""
    if tokens[index].group() in _SUBJECT_PRONOUNS:
        return False
    for back in range(index - 1, max(index - 4, -1), -1):
        if text[tokens[back].end() : tokens[back + 1].start()].strip():
            return False
        word = tokens[back].group()
        lowered = word.lower()
        if lowered in _word_set("prepositions") or lowered in _word_set("object_verbs"):
            return True
        if lowered in _word_set("clause_openers") or word[0].isupper() or word in _SUBJECT_PRONOUNS:
            return False
    return False


def _speakers(
    text: str, key: str, child: ChildRef, other_heading: bool
) -> list[tuple[int, Speaker]]:
    """Who is the subject of each verb of the list `key`, with where the verb is, in order; a
    "Name:" label at the start speaks first."""
    found: list[tuple[int, Speaker]] = []
    label = _COLON_LABEL.match(text)
    if label:
        speaker = _label_speaker(label.group(1), child)
        if speaker:
            found.append((0, speaker))
    for match in _verb_pattern(key).finditer(text):
        before = _TOKEN.findall(text[: match.start()])
        if before and before[-1].lower() in _PASSIVE:
            continue  # "he is told off": nobody is speaking
        if any(word.lower() in _word_set("negations") for word in before[-3:]):
            continue  # "Sam has not yet shared his views": nothing was said
        speaker = speaker_before(text, match.start(), child, other_heading)
        if speaker:
            found.append((match.start(), speaker))
    if key == "speech_verbs":
        # "According to Sam, ...", "Sam's view is that ...": the child's words with no verb.
        frames = _child_patterns("child_frames", child.pronoun)
        found += [(match.start(), "child") for match in frames.finditer(child.mask(text))]
    return sorted(found)


def _label_speaker(label: str, child: ChildRef) -> Speaker | None:
    """Whose words follow "Mum:", "Sam:" or "In Sam's words:"."""
    if _child_patterns("child_label", child.pronoun).search(child.mask(label)):
        return "child"
    words = label.split()
    return _token_speaker(words[-1], words[-2] if len(words) > 1 else None, child, False)


def _label_of(text: str, child: ChildRef) -> Speaker | None:
    """Whose words follow a "Name:" label opening the sentence, when words follow it."""
    label = _COLON_LABEL.match(text)
    if label is None or not text[label.end() :].strip():
        return None
    return _label_speaker(label.group(1), child)


def _child_speaks_first(
    said: list[tuple[int, Speaker]], opinions: list[tuple[int, Speaker]]
) -> bool:
    """The child speaks in their own right, not inside an adult's report ("His teacher says he
    tells lots of jokes", "Dad told us that Sam said ...")."""
    adult_from = min((at for at, who in [*said, *opinions] if who == "other"), default=None)
    return any(who == "child" and (adult_from is None or at < adult_from) for at, who in said)


# --- one sentence --------------------------------------------------------------------------


class _BlockContext(BaseModel):
    """What the voice check needs from the block a sentence sits in."""

    text: str
    quotes: list[Span]
    quote_speakers: list[Speaker | None]
    heading: str = ""  # the subheading the block sits under


def _block_context(
    block: Block, child: ChildRef, heading: str | None, other_heading: bool
) -> _BlockContext:
    quotes = find_spans(_QUOTE, block.text)
    sentences = split_sentences(block.text)
    speakers: list[Speaker | None] = []
    for quote in quotes:
        around = [s for s in sentences if s.overlaps(quote)]
        start, end = min(s.start for s in around), max(s.end for s in around)
        context = without_spans(block.text, quotes)[start:end]
        said = [who for _, who in _speakers(context, "speech_verbs", child, other_heading)]
        said += [
            who
            for _, who in _speakers(context, "opinion_verbs", child, other_heading)
            if who == "other"
        ]
        speakers.append("child" if "child" in said else "other" if "other" in said else None)
    return _BlockContext(
        text=block.text, quotes=quotes, quote_speakers=speakers, heading=heading or ""
    )


def classify_sentence(
    sentence: SentenceItem, context: _BlockContext, child: ChildRef, heading_kind: str | None
) -> SentenceVoice:
    """The kind of child's-voice evidence a sentence gives, if any, and whether an adult speaks."""
    other_heading = heading_kind == "other"
    span = Span(start=sentence.start, end=sentence.start + len(sentence.text), text=sentence.text)
    quoted = [
        (quote, speaker)
        for quote, speaker in zip(context.quotes, context.quote_speakers, strict=True)
        if quote.overlaps(span)
    ]
    outside = without_spans(context.text, [quote for quote, _ in quoted])[span.start : span.end]
    said = _speakers(outside, "speech_verbs", child, other_heading)
    opinions = _speakers(outside, "opinion_verbs", child, other_heading)
    other_view = other_heading or any(who == "other" for _, who in [*said, *opinions])
    # A note on how the views were gathered or written ("This part of my plan was written with
    # my mum") is about the child's voice, not an instance of it.
    written_up = _matches("words_attributed", outside)
    gathered = _matches("gathered", outside)
    process_note = written_up or gathered
    if quoted:
        quote_kind = _quote_kind(quoted, span, context.text, heading_kind)
        attributed = any(speaker == "child" for _, speaker in quoted)
        if quote_kind and (attributed or not process_note):
            return SentenceVoice(kind=quote_kind, other_view=other_view)
        other_view = other_view or quote_kind is None
    # A label that hands the floor to someone ("In Sam's own words: ...", "Dad: I think ..."):
    # the words after it are theirs, whatever a note on the process would say about them.
    labelled = _label_of(outside, child)
    if labelled == "child" and not other_heading and not gathered:
        return SentenceVoice(kind="reported", other_view=other_view)
    if _child_speaks_first(said, opinions) and not other_heading and not written_up:
        return SentenceVoice(kind="reported", other_view=other_view)
    unmarked = heading_kind == "child" and not (other_view or process_note)
    if unmarked and _is_described_view(outside, child, context.heading):
        return SentenceVoice(kind="reported")
    observed = _child_patterns("observed", child.pronoun).search(child.mask(outside))
    if not other_heading and observed:
        return SentenceVoice(kind="observed", other_view=other_view)
    # "I wrote this myself" is the child speaking; "This was written with my mum" is not.
    if not gathered and labelled != "other" and _is_first_person(outside, child, other_heading):
        return SentenceVoice(kind="first_person", other_view=other_view)
    if unmarked and _is_unmarked_view(outside, child, context.heading):
        return SentenceVoice(kind="first_person")
    adult_first = bool(_patterns("adult_first_person").search(outside))
    return SentenceVoice(other_view=other_view or adult_first)


def _quote_kind(
    quoted: list[tuple[Span, Speaker | None]], span: Span, text: str, heading_kind: str | None
) -> VoiceKind | None:
    speakers = {speaker for _, speaker in quoted}
    if "child" in speakers:
        return "quotation"
    if "other" in speakers or heading_kind == "other":
        return None
    words = " ".join(text[max(q.start, span.start) : min(q.end, span.end)] for q, _ in quoted)
    if heading_kind == "child" or _first_person().search(words):
        return "quotation"
    return None


def _is_first_person(text: str, child: ChildRef, other_heading: bool) -> bool:
    if other_heading or not _first_person().search(text):
        return False
    if _patterns("adult_first_person").search(text):
        return False
    if child.name and re.search(rf"\b{re.escape(child.name)}\b", text):
        # A first-person sentence that names the child is an adult's, unless it introduces them.
        introduction = _child_patterns("self_introduction", child.pronoun, name_only=True)
        return bool(introduction.search(child.mask(text)))
    return not _speaks_of_child_as_other(text, child)


def _speaks_of_child_as_other(text: str, child: ChildRef) -> bool:
    """ "I assessed him in March", "I worry about her": "I" talks about the child in the third
    person, so it is an adult. Not when someone else is named first ("I play with Tom and I like
    him"), whom the pronoun may point to."""
    pronoun = _OBJECT_PRONOUNS.get(child.pronoun or "")
    found = pronoun.search(text) if pronoun else None
    if not found:
        return False
    before = _TOKEN.findall(text[: found.start()])
    return not any(
        word.lower() in _word_set("others") or (word[0].isupper() and _is_other_name(word))
        for word in before
    )


def _is_other_name(word: str) -> bool:
    return word not in _SUBJECT_PRONOUNS and word.lower() not in _word_set("not_names")


def _is_described_view(text: str, child: ChildRef, heading: str) -> bool:
    """ "Sam likes trains" under "Sam's views" or "What Sam told us": the subheading says these
    are the child's views, so the sentence reports one (under "About me" it describes Sam)."""
    if not _heading_pattern("child_views").search(heading):
        return False
    return bool(_child_patterns("described_views", child.pronoun).match(child.mask(text)))


def _is_unmarked_view(text: str, child: ChildRef, heading: str) -> bool:
    """A view with no "I" in it, under the child's own subheading ("School is good when it is
    art", "Please keep instructions short"), or any line under a subheading that asks for one
    ("Things I like: trains and buses"): the child speaks unless the sentence talks about them
    in the third person ("Loves football" leaves out "he"), which makes it a description."""
    if _patterns("described_openers").match(text):
        return False
    if child.name and re.search(rf"\b{re.escape(child.name)}\b", text):
        return False
    if _BRACKETED.search(text):
        return False  # "[enter name] benefits from ...": a template's stand-in for the name
    if _HE.search(text) or _SHE.search(text):
        return False
    if child.pronoun == "they" and _THEY.search(text):
        return False
    return bool(_patterns("view_words").search(text) or _patterns("view_words").search(heading))


def heading_kind(heading: str | None) -> Literal["other", "child"] | None:
    """Whose views a Section A subheading introduces."""
    if not heading or _heading_pattern("mixed").search(heading):
        return None
    if _heading_pattern("others").search(heading):
        return "other"
    return "child" if _heading_pattern("child").search(heading) else None


# --- the check -------------------------------------------------------------------------------


def run(plan: Plan, items: PlanItems) -> CheckOutput:
    section = plan.section(SectionId.A)
    child = child_reference(plan)
    verdicts = _verdicts(plan, items.section_a_sentences, child)
    evidence = [
        VoiceEvidence(text=sentence.text, kind=verdict.kind, location=sentence.location)
        for sentence, verdict in verdicts
        if verdict.kind
    ]
    voice = VoiceResult(child_voice_present=bool(evidence), evidence=evidence)
    findings = (
        _findings(plan, items.section_a_sentences, verdicts, child) if section.present else []
    )
    return CheckOutput(voice=voice, findings=findings)


def _verdicts(
    plan: Plan, sentences: list[SentenceItem], child: ChildRef
) -> list[tuple[SentenceItem, SentenceVoice]]:
    blocks = {block.index: block for block in plan.section(SectionId.A).blocks}
    contexts: dict[tuple[int, str | None], _BlockContext] = {}
    verdicts: list[tuple[SentenceItem, SentenceVoice]] = []
    titles: dict[str | None, str] = {}  # a title line found under each subheading, if any
    for sentence in sentences:
        block = blocks[sentence.block_index]
        if _is_title_line(sentence, block):
            titles[sentence.heading] = sentence.text
            verdicts.append((sentence, SentenceVoice()))
            continue
        heading = titles.get(sentence.heading, sentence.heading)
        kind = heading_kind(heading)
        key = (sentence.block_index, heading)
        if key not in contexts:
            contexts[key] = _block_context(block, child, heading, kind == "other")
        verdicts.append((sentence, classify_sentence(sentence, contexts[key], child, kind)))
    return verdicts


def _is_title_line(sentence: SentenceItem, block: Block) -> bool:
    """A whole line that is a template's subheading the reader did not see as one: it opens
    with a question word and has no sentence ending ("What I want to do when I am older"), or
    is a prompt left to finish ("Hello, my name is...")."""
    line = sentence.text.strip()
    if line != block.text.strip() or len(line.split()) > _data()["thresholds"]["max_title_words"]:
        return False
    if re.search(_data()["headings"]["prompt_end"], line):
        return True
    return bool(_title_opening().match(line)) and not _SENTENCE_END.search(line)


def _findings(
    plan: Plan,
    sentences: list[SentenceItem],
    verdicts: list[tuple[SentenceItem, SentenceVoice]],
    child: ChildRef,
) -> list[Finding]:
    section = plan.section(SectionId.A)
    name = child.name or "the child"
    findings: list[Finding] = []
    kinds = {verdict.kind for _, verdict in verdicts if verdict.kind}
    if not kinds and not any(
        not verdict.other_view and _might_show_voice(sentence, child)
        for sentence, verdict in verdicts
    ):
        findings.append(_no_voice(section.location, verdicts, name))
    all_text = section.text
    if "first_person" in kinds and not (
        {"quotation"} & kinds or _matches("words_attributed", all_text)
    ):
        findings.append(_section_finding("VOI002", section.location, name))
    if section.word_count < _data()["thresholds"]["min_words"]:
        findings.append(
            _section_finding("VOI003", section.location, name, words=section.word_count)
        )
    if not is_aspiration(all_text) and not any(is_aspiration(s.heading or "") for s in sentences):
        findings.append(_section_finding("VOI004", section.location, name))
    if not _matches("gathered", all_text):
        findings.append(_section_finding("VOI005", section.location, name))
    return findings


def _might_show_voice(sentence: SentenceItem, child: ChildRef) -> bool:
    """A sentence about the child that names what they feel, want or ask for and a sign of it
    ("To make a request, Sam will usually try holding up his cup", "Enjoyment shows in Sam's
    body language"), or any sentence about the child under a subheading on how they communicate
    ("My ways of talking to you"): it may be the child's voice observed, in a shape the observed
    patterns do not read, so VOI001 cannot be said for sure (rules/voice.toml might_show_*)."""
    masked = child.mask(sentence.text)
    about_child = _NAME_MASK in masked or re.search(
        r"\b(?:he|she|they|him|his|her|them|their)\b", masked, re.I
    )
    if not about_child:
        return False
    if sentence.heading and _communication_heading().search(sentence.heading):
        return True
    return bool(
        _child_patterns("might_show_what", child.pronoun).search(masked)
        and _child_patterns("might_show_how", child.pronoun).search(masked)
    )


@cache
def _communication_heading() -> re.Pattern[str]:
    """A subheading on the child's own ways of communicating: a word of communicating within 40
    characters of "I", "me" or "my", on either side ("My ways of talking to you", "How I let you
    know what I want", "Reading my signals")."""
    words = "|".join(_data()["patterns"]["communication_heading_words"])
    first_person = r"\b(?:i|me|my)\b"
    return re.compile(
        rf"{first_person}.{{0,40}}?\b(?:{words})\b|\b(?:{words})\b.{{0,40}}?{first_person}",
        re.IGNORECASE,
    )


def _matches(key: str, text: str) -> bool:
    return bool(_patterns(key).search(text))


def _no_voice(
    location: Location | None, verdicts: list[tuple[SentenceItem, SentenceVoice]], name: str
) -> Finding:
    adult = next((sentence for sentence, verdict in verdicts if verdict.other_view), None)
    detail = ": only parents' and professionals' views are given" if adult else ""
    return get_rule("VOI001").finding(
        section=SectionId.A,
        evidence=adult.text if adult else None,
        location=adult.location if adult else location,
        detail=detail,
        name=name,
    )


def _section_finding(code: str, location: Location | None, name: str, **values: object) -> Finding:
    return get_rule(code).finding(
        section=SectionId.A, evidence=None, location=location, name=name, **values
    )
