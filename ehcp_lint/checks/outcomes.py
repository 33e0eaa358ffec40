"""SMART outcomes: is each Section E outcome specific, measurable, achievable, relevant and
time-bound, and is it an outcome at all rather than provision written in the wrong place?

Each element is decided by patterns in rules/outcomes.toml and comes with a reason a person can
check ("time frame: 'By July 2026'"). The patterns describe structure, not phrases: a time frame
is a temporal preposition with a point in time, named as grammar parts in the data. Relevance links
the outcome's own words, less the verbs of its frame ("learn to play", "be confident to"), to the
needs in Section B and the aspirations in A: a word they share, or a skill family (reading,
feelings, movement...: rules/need_lexicon.toml, expanded offline from WordNet) that B is about
too or that lies in an area of need B describes ("No needs in this area" describes none). No list
of unrelated things is needed: an outcome whose words link to nothing is not relevant, and the
finding says what it is about. A word with everyday senses besides its skill ("run", "change",
"visual": `weak_words`) is weak evidence. A pastime (rules/pastimes.toml) B and A never name is
not relevant under any heading; a preparing-for-adulthood heading is; an area heading B describes
helps an outcome that names a skill of another area (social skills under emotional wellbeing),
is linked only weakly, or names no skill at all; it never helps an outcome whose words name
nothing a skill family knows. With no needs recorded relevance is not judged (True).

Rules and trained models combine in one way (`combine_with_models`, models/README.md): the
rules decide; a model listed in `[model] decides` may flag an element the rules passed where it
is confident, and then the reason starts "model (NN% sure)". Models are loaded once per process
from small JSON files and predicted in pure Python (ehcp_lint.learn.linear).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from pydantic import BaseModel, Field

from ehcp_lint.checks import CheckOutput
from ehcp_lint.checks.voice import child_reference, is_aspiration
from ehcp_lint.document import Location
from ehcp_lint.extract import heading_area, is_subheading, need_area
from ehcp_lint.items import NeedArea, OutcomeItem, PlanItems
from ehcp_lint.learn.features import OutcomeEvidence, outcome_features
from ehcp_lint.learn.linear import load_lexicon, load_model
from ehcp_lint.plan import Plan, Section, SectionId
from ehcp_lint.report import Finding, OutcomeResult, SmartElements
from ehcp_lint.ruleset import get_rule, load_toml
from ehcp_lint.textfeatures import (
    Span,
    compile_patterns,
    find_spans,
    first_span,
    phrase_pattern,
    shorten,
    stem,
    without_spans,
    words,
)


@cache
def _data() -> dict[str, Any]:
    return load_toml("outcomes.toml")


@cache
def _pattern(key: str, field: str = "patterns") -> re.Pattern[str]:
    table = _data()[key]
    return compile_patterns(with_parts(table[field], table.get("parts", {})))


def with_parts(patterns: list[str], parts: dict[str, str]) -> list[str]:
    """The patterns with each named part of their grammar ("{deadline}") written out."""
    expanded = []
    for pattern in patterns:
        for name, part in parts.items():
            pattern = pattern.replace(f"{{{name}}}", part)
        expanded.append(pattern)
    return expanded


class OutcomeVerdict(BaseModel):
    """Everything the check decided about one outcome, with the words that decided it."""

    smart: SmartElements
    provision_not_outcome: bool
    reasons: dict[str, str]
    time_frame: str | None = None
    vague: str | None = None
    absolute: str | None = None
    service: str | None = None
    about: str | None = Field(
        default=None, description="What an outcome linked to no need seems to be about"
    )


class NeedContext(BaseModel):
    """What an outcome can be linked to: word stems and areas of the needs and aspirations."""

    judged: bool
    stems: frozenset[str]
    areas: frozenset[NeedArea]
    families: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    text: str = ""
    pfa_age: bool = False


def need_context(plan: Plan, items: PlanItems) -> NeedContext:
    """Stems, skill families, areas and words of Section B's needs and Section A's aspirations.
    "No needs have been identified in this area" is not a need in that area."""
    # Imported here: the PfA and enforceability checks read this module's grammar.
    from ehcp_lint.checks.enforceability import is_no_need_statement
    from ehcp_lint.checks.pfa import pfa_required

    needs = [need for need in items.needs if not is_no_need_statement(need.text)]
    if not plan.section(SectionId.B).present or not needs:
        return NeedContext(judged=False, stems=frozenset(), areas=frozenset())
    texts = [need.text for need in needs]
    texts += [s.text for s in items.section_a_sentences if is_aspiration(s.text)]
    text = "\n".join(texts)
    name = child_reference(plan).name
    names = frozenset(name.split() if name else ())
    return NeedContext(
        judged=True,
        stems=frozenset(topic_stems(text, names)),
        names=names,
        areas=frozenset(need.area for need in needs if need.area),
        # As in an outcome, a weak word ("a toy that moves", "hands-on") names no skill of B's.
        families=frozenset(skill_families(text, topic_stems(text) - _weak())),
        text=text,
        pfa_age=bool(pfa_required(plan.metadata)),
    )


def names_phrase(text: str, phrase: str) -> bool:
    """Does the text use the phrase (as whole words, any case, a plural allowed)?"""
    return bool(_phrase_regex(phrase.lower()).search(text))


@cache
def _phrase_regex(phrase: str) -> re.Pattern[str]:
    return phrase_pattern([phrase])


@cache
def _wordnet_pastimes() -> frozenset[str]:
    """Pastimes named by WordNet (rules/pastimes.toml, built by ehcp_lint.learn.pastimes)."""
    return frozenset(load_toml("pastimes.toml")["words"])


_LONGEST_PASTIME = 4  # words


def find_pastime(text: str) -> str | None:
    """The first pastime the text names: a phrase of `[relevance] pastimes`, else a WordNet
    pastime of one to four words (a plural allowed: "the drums"), outside the subject of a piece
    of work ("a recount of a school trip")."""
    text = _pattern("relevance", "work_subject").sub(" ", text)
    listed = first_span(_pattern("relevance", "pastimes"), text)
    if listed is not None:
        return listed.text
    tokens = [word.lower() for word in words(text)]
    known = _wordnet_pastimes()
    for start in range(len(tokens)):
        for size in range(min(_LONGEST_PASTIME, len(tokens) - start), 0, -1):
            phrase = " ".join(tokens[start : start + size])
            if phrase in known or (phrase.endswith("s") and phrase[:-1] in known):
                return phrase
            if size == 1 and _gerund_of(phrase, known):
                return phrase
    return None


def _gerund_of(word: str, known: frozenset[str]) -> bool:
    """Is the word the -ing form of a pastime: "drumming" (drum), "canoeing" (canoe)?"""
    if not word.endswith("ing") or len(word) < 6:
        return False
    base = word[:-3]
    bases = {base, f"{base}e"} | ({base[:-1]} if base[-1] == base[-2] else set())
    return bool(bases & known)


def pfa_heading(group: str | None) -> str | None:
    """The heading when it names a preparing-for-adulthood area and no area of need."""
    if not group or heading_area(group) is not None:
        return None
    return group if _pattern("relevance", "pfa_headings").search(group) else None


@cache
def _ignored() -> frozenset[str]:
    return word_forms(_data()["relevance"]["ignore_words"])


def word_forms(listed: list[str]) -> frozenset[str]:
    """The stems of listed words and of their plurals: the crude stems of "minute" and
    "minutes" differ."""
    return frozenset(stem(form) for word in listed for form in (word, f"{word}s"))


def content_stems(text: str, names: frozenset[str] = frozenset()) -> set[str]:
    """Stems of the words that carry meaning: no names, no words in `ignore_words`."""
    # Names (the child's above all) would link everything to everything; so would their
    # possessives ("Amelia's"). A name is one of `names` or a word capitalised inside a sentence:
    # a sentence's first word ("Unstructured times are hard") is an ordinary word.
    proper = {name.lower() for name in names} | {
        match.group().lower()
        for match in re.finditer(r"\b[A-Z][a-z]+\b", text)
        if not _starts_sentence(text, match.start()) and match.group() not in _not_names()
    }
    return {
        stem(word)
        for word in words(text)
        if len(word) > 2
        and re.split(r"['’]", word)[0] not in proper
        and stem(word) not in _ignored()
    }


@cache
def _not_names() -> frozenset[str]:
    return frozenset(_data()["relevance"]["not_names"])


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'‘“(")
    return not before or before[-1] in ".!?:;\n|-–•*"


@cache
def _light() -> frozenset[str]:
    return word_forms(_data()["relevance"]["light_words"])


def topic_stems(text: str, names: frozenset[str] = frozenset()) -> set[str]:
    """The content stems that say what a text is about: not the verbs of its frame ("learn to
    play", "be confident to", `light_words`) unless used as a noun ("the school play")."""
    text = without_spans(text, find_spans(_pattern("relevance", "light_frames"), text))
    as_nouns = {stem(match) for match in _light_as_noun().findall(text)}
    return content_stems(text, names) - (_light() - as_nouns)


@cache
def _light_as_noun() -> re.Pattern[str]:
    light = "|".join(sorted(map(re.escape, _data()["relevance"]["light_words"]), key=len)[::-1])
    return re.compile(_data()["relevance"]["light_as_noun"].format(light=light), re.IGNORECASE)


@cache
def _family_lexicon() -> tuple[dict[str, frozenset[str]], dict[str, re.Pattern[str]]]:
    """Skill families by word stem, and a pattern per family for its phrases of several words
    (rules/need_lexicon.toml, built by ehcp_lint.learn.need_lexicon)."""
    by_stem: dict[str, set[str]] = {}
    phrases: dict[str, re.Pattern[str]] = {}
    for family, entries in load_toml("need_lexicon.toml").items():
        for entry in entries:
            if " " not in entry:
                by_stem.setdefault(entry, set()).add(family)
        several = [entry for entry in entries if " " in entry]
        if several:
            phrases[family] = phrase_pattern(several)
    return {key: frozenset(value) for key, value in by_stem.items()}, phrases


_NEGATIVE_PREFIXES = ("mis", "un", "dis", "non")


def skill_families(text: str, stems: set[str] | None = None) -> set[str]:
    """The skill families (`[relevance.families]`) a text's words belong to."""
    by_stem, phrases = _family_lexicon()
    keys = set(stems) if stems is not None else topic_stems(text)
    # Each part of a compound counts: "self-regulate" is about regulation; so does the word a
    # negative prefix is put on: "misunderstand" is about understanding.
    keys |= {stem(part) for key in keys if "-" in key for part in key.split("-") if part}
    keys |= {
        key[len(prefix) :]
        for key in keys
        for prefix in _NEGATIVE_PREFIXES
        if key.startswith(prefix) and key not in by_stem and key[len(prefix) :] in by_stem
    }
    keys |= {part for key in keys if key not in by_stem for part in _compound_parts(key, by_stem)}
    found = {family for key in keys for family in by_stem.get(key, ())}
    return found | {family for family, pattern in phrases.items() if pattern.search(text)}


_COMPOUND_HEAD = 4  # letters: "shoe" + "laces", "rain" + "coat", "note" + "book"


def _compound_parts(key: str, by_stem: dict[str, frozenset[str]]) -> tuple[str, ...]:
    """The words of a closed compound whose last word the lexicon knows: "shoelaces" is about
    laces, "raincoat" about a coat. The first word has at least four letters; the last needs
    four too unless the lexicon knows the first as well, so no chance split links anything
    ("repeat" is no "eat")."""
    for cut in range(_COMPOUND_HEAD, len(key) - 2):
        head, tail = key[:cut], key[cut:]
        known = tail if tail in by_stem else stem(tail) if stem(tail) in by_stem else None
        if known is not None and (len(known) >= _COMPOUND_HEAD or head in by_stem):
            return (head, known) if head in by_stem else (known,)
    return ()


@cache
def family_areas(family: str) -> frozenset[NeedArea]:
    """The broad areas of need a skill family belongs to."""
    return frozenset(map(NeedArea, _data()["relevance"]["families"][family]["areas"]))


@cache
def _weak() -> frozenset[str]:
    return word_forms(_data()["relevance"]["weak_words"])


def stem_families(stems: set[str]) -> set[str]:
    """The skill families these word stems belong to (no phrases)."""
    by_stem = _family_lexicon()[0]
    return {family for key in stems for family in by_stem.get(key, ())}


def unknown_stems(stems: set[str]) -> list[str]:
    """Topic stems that belong to no skill family: what an unlinked outcome seems to be about."""
    by_stem = _family_lexicon()[0]
    return sorted(key for key in stems if key not in by_stem)


def judge_outcome(
    outcome: OutcomeItem,
    needs: NeedContext,
    *,
    models: bool = True,
    pastime_list: bool = True,
    context: str = "",
) -> OutcomeVerdict:
    """The five SMART elements of one outcome, whether it is really provision, and why.

    The rules decide first; then, unless `models` is False, the trained models overrule them
    where they are confident (see `combine_with_models`). `pastime_list=False` judges relevance
    by the links to B and A alone, as if no pastime were listed (to measure those links).
    `context` is the text around the outcome that may date it (see `dating_context`)."""
    evidence = outcome_evidence(outcome, needs, pastime_list=pastime_list, context=context)
    verdict = rule_verdict(evidence)
    return combine_with_models(verdict, evidence) if models else verdict


def outcome_evidence(
    outcome: OutcomeItem, needs: NeedContext, *, pastime_list: bool = True, context: str = ""
) -> OutcomeEvidence:
    """Every phrase the rules look for in one outcome, and its links to the needs in B. With no
    time frame of its own, one in its `context` (its row, heading or lead-in line) dates it."""
    text = outcome.text
    time_spans, windows = split_measure_windows(text, find_spans(_pattern("time_bound"), text))
    absolutes = find_spans(_pattern("achievable", "absolute_phrases"), text)
    absolute = absolutes[0] if absolutes else None
    # "in every situation" is the bar set, not a way of measuring it; so is every other absolute
    # in words ("remember everything taught in every lesson"). "100%" is a measure set too high.
    # "every time" is both: a bar of all occasions and the count that measures it ("in every
    # lesson" is only the bar).
    bars = [
        span
        for span in absolutes
        if not re.search(r"\d", span.text) and not _EVERY_TIME.fullmatch(span.text)
    ]
    # "will be seen by staff to use her timer": how the change is seen, not a service, and its
    # "seen by staff" is no criterion of success. The frame is read as no words at all.
    observed = find_spans(_pattern("provision_not_outcome", "observation_frames"), text)
    blanked = without_spans(text, [*time_spans, *bars, *observed])
    measures = find_spans(_pattern("measurable"), blanked)
    # (Not the occasion of a time frame: "by the Year 8 summer fair"; a word that only hints at a
    # date, below, may be the pastime's own: "at the summer fete".)
    pastime = _pastime_outside(text, time_spans) if pastime_list else None
    if not time_spans:
        time_spans = _time_anchor(without_spans(text, [*windows, *measures, *observed]))
    pfa = first_span(_pattern("relevance", "pfa_patterns"), text)
    # What it is about: its words less the time frame, the measure and the verbs of its frame.
    topic_text = without_spans(text, [*time_spans, *measures, *windows, *observed])
    topic = topic_stems(topic_text, needs.names)
    # A word with everyday senses besides the skill ("run a stall", "a change of plan") is weak
    # evidence: it links only with the heading's help (see _relevance).
    weak = topic & _weak()
    families = skill_families(topic_text, topic - weak)
    weak_families = stem_families(weak) - families
    frames = [span.text for span in time_spans] or _context_frames(context)
    return OutcomeEvidence(
        text=text,
        time_frames=frames,
        measures=[span.text for span in measures],
        vague=_span_text(_hope(unreported(text), bool(measures))),
        absolute=_span_text(absolute),
        service=_span_text(first_span(_pattern("provision_not_outcome"), _masked(text, observed))),
        needs_judged=needs.judged,
        shared=sorted((topic - weak) & needs.stems) if needs.judged else [],
        text_area=need_area(text),
        group_area=heading_area(outcome.group) if outcome.group else None,
        need_areas=sorted(needs.areas),
        pfa=_span_text(pfa) or _adult_life(without_spans(text, time_spans)),
        pfa_heading=pfa_heading(outcome.group),
        pastime=pastime,
        # From Year 9 a club or a team in the community is preparation for adulthood.
        pastime_linked=pastime is not None
        and (names_phrase(needs.text, pastime) or (needs.pfa_age and pfa is not None)),
        stems=sorted(content_stems(topic_text, needs.names)),
        families=sorted(families),
        linked_families=sorted(
            family for family in families if family in needs.families or _area_link(family, needs)
        ),
        unknown=unknown_stems(topic),
        weak_links=sorted(f for f in weak_families if family_areas(f) & needs.areas),
    )


def _area_link(family: str, needs: NeedContext) -> bool:
    """A skill family links through its broad area when B describes that area, unless B names
    only other kinds of need of the area (see [relevance] separate_kinds)."""
    if not family_areas(family) & needs.areas:
        return False
    kinds = _separate_kinds()
    own = next((kind for kind in kinds if family in kind), None)
    if own is None:
        return True
    others = frozenset().union(*(kind for kind in kinds if kind != own))
    return not (needs.families & others) or bool(needs.families & own)


_EVERY_TIME = re.compile(r"(?:each|every)\s+(?:single\s+)?time", re.IGNORECASE)


@cache
def _separate_kinds() -> tuple[frozenset[str], ...]:
    return tuple(frozenset(kind) for kind in _data()["relevance"]["separate_kinds"])


@cache
def _own_heading_only() -> frozenset[str]:
    return frozenset(_data()["relevance"]["own_heading_only"])


def _pastime_outside(text: str, spans: list[Span]) -> str | None:
    """The first pastime named outside the spans, each stretch read on its own: a pastime read
    across a time frame ("the class team [before the Year 2] sports day") is none."""
    cuts = [
        0,
        *(edge for span in sorted(spans, key=lambda s: s.start) for edge in (span.start, span.end)),
        len(text),
    ]
    parts = (text[start:end] for start, end in zip(cuts[::2], cuts[1::2], strict=True))
    return next((found for part in parts if (found := find_pastime(part))), None)


def _masked(text: str, spans: list[Span]) -> str:
    """The text with the spans struck out by a mark no pattern reads through: blanks would let
    "will be seen by staff to attend" read as "will ... attend"."""
    chars = list(text)
    for span in spans:
        chars[span.start : span.end] = "~" * (span.end - span.start)
    return "".join(chars)


def _hope(text: str, measured: bool) -> Span | None:
    """The first vague phrase (`[specific] vague_phrases`) that names a hope, not a frame around
    a skill. In a measured outcome a state, a comparative or a manner that a verb of the child's
    follows ("be more able to ask", "be confident in asking", "grow in confidence so that she
    asks", "will more readily ask") frames what the child does, and the count says how it is
    seen: the check cannot tell that it is vague, and stays silent. Unmeasured, it still names
    a hope."""
    for span in find_spans(_pattern("specific", "vague_phrases"), text):
        if not (measured and _frames_a_skill(text, span)):
            return span
    return None


def _frames_a_skill(text: str, span: Span) -> bool:
    # "get better at talking to people": getting better is the hope, whatever follows.
    if _BARE_COMPARATIVE.search(span.text):
        return False
    if _pattern("specific", "skill_after").match(text, span.end):
        return True
    before = text[: span.start]
    # "will, with greater confidence, ask": a manner set off by commas before the main verb.
    if _MODAL_COMMA_BEFORE.search(before) and _COMMA_VERB_AFTER.match(text, span.end):
        return True
    # "With growing confidence, Sam will ask": a manner standing alone between commas.
    if _CHUNK_START.search(before) and _COMMA_VERB_AFTER.match(text, span.end):
        return True
    # "will more readily ask": a manner between the modal and the main verb (not a verb phrase
    # that ends in a manner: "will move forward academically").
    manner = span.text.lower().endswith("ly") and len(span.text.split()) <= 2
    return manner and bool(_MODAL_BEFORE.search(before))


_MODAL_BEFORE = re.compile(r"\bwill\s+$", re.IGNORECASE)
_MODAL_COMMA_BEFORE = re.compile(r"\bwill\s*,\s*$", re.IGNORECASE)
_COMMA_VERB_AFTER = re.compile(r"\s*,\s*[a-z]+\b", re.IGNORECASE)
_CHUNK_START = re.compile(r"(?:^|,)\s*$")
_BARE_COMPARATIVE = re.compile(r"\b(?:better|harder|worse)$", re.IGNORECASE)


def unreported(text: str) -> str:
    """The text less what the child is to say or show ("tell an adult what would make the lesson
    feel more manageable"): a hope in such a clause is the child's words, not the outcome's."""
    clauses = [
        Span(start=match.start("clause"), end=match.end("clause"), text=match.group("clause"))
        for match in _pattern("specific", "reported_clauses").finditer(text)
        if match.group("clause")
    ]
    return without_spans(text, clauses)


def _adult_life(text: str) -> str | None:
    """The PfA area (rules/pfa.toml) whose adult-life activity the outcome names, if any."""
    from ehcp_lint.checks.pfa import adult_life_area  # pfa reads this module's grammar

    return adult_life_area(text)


def _time_anchor(text: str) -> list[Span]:
    """A named point in the year outside the measure, taken as the time frame when the
    patterns read none (see [time_bound] anchors)."""
    # "on four occasions across a half term": a window of the measure, not a point in time.
    text = without_spans(text, find_spans(_pattern("time_bound", "windows"), text))
    text = without_spans(text, find_spans(_pattern("time_bound", "rates"), text))
    anchor = first_span(_pattern("time_bound", "anchors"), text)
    return [anchor] if anchor else []


def _context_frames(context: str) -> list[str]:
    """A time frame or a named point in the year in the text around an outcome."""
    if not context:
        return []
    span = first_span(_pattern("time_bound"), context)
    if span is None:
        found = _time_anchor(context)
        span = found[0] if found else None
    return [span.text] if span else []


def dating_context(section: Section, outcome: OutcomeItem, outcome_blocks: set[int]) -> str:
    """Where an outcome's time frame may stand outside its own words: a short cell of its table
    row ("July 2026" in a "by when" column), the heading it sits under ("By the end of Key Stage
    2"), and a lead-in line above it ("By the end of Year 6, Sam will:"). The walk back stops at
    the previous outcome or a steps heading: the dates of another outcome's steps are not this
    one's."""
    parts = [outcome.group or "", outcome.heading or ""]
    blocks = section.blocks
    position = next((i for i, b in enumerate(blocks) if b.index == outcome.block_index), None)
    if position is None:
        return "\n".join(part for part in parts if part)
    block = blocks[position]
    if block.is_table_row:
        # A cell that is mostly a time frame ("By July 2026"), as in a "by when" column; not a
        # step or a provision beside it that names a time ("Check progress each half-term").
        parts += [cell.text for cell in block.cells if _is_when_cell(cell.text, outcome.text)]
    steps = _pattern("extract", "steps_headings")
    for prior in reversed(blocks[max(0, position - _LEAD_IN_REACH) : position]):
        text = prior.text.strip()
        if prior.index in outcome_blocks or steps.match(text):
            break
        if is_subheading(prior):
            parts.append(text)
            break
        if text.endswith(":"):
            parts.append(text)
    return "\n".join(part for part in parts if part)


_LEAD_IN_REACH = 12  # blocks


def _is_when_cell(cell: str, outcome: str) -> bool:
    text = cell.strip(" .;:")
    if not text or outcome in cell:
        return False
    covered: set[int] = set()
    for key in ("patterns", "anchors"):
        for span in find_spans(_pattern("time_bound", key), text):
            covered.update(range(span.start, span.end))
    return len(covered) * 2 >= len(text)


def split_measure_windows(text: str, time_spans: list[Span]) -> tuple[list[Span], list[Span]]:
    """The time frames, and apart from them the windows of a measure: "in 4 of 5 weekly checks
    over a half term", "80% accuracy across six weeks" say how long success is watched for, not
    by when it is reached. A span of time ("over a term", not "over the coming term") is a window
    when a measure comes before it in the sentence."""
    kept, windows = [], []
    for span in time_spans:
        if _pattern("time_bound", "windows").fullmatch(span.text.strip()):
            before = without_spans(text[: span.start], time_spans)
            if first_span(_pattern("measurable"), before) is not None:
                windows.append(span)
                continue
        kept.append(span)
    return kept, windows


def _span_text(span: Span | None) -> str | None:
    return span.text if span else None


def rule_verdict(evidence: OutcomeEvidence) -> OutcomeVerdict:
    """The verdict of the patterns in rules/outcomes.toml alone."""
    if evidence.service is not None:
        return _not_an_outcome(f"'{evidence.service}'", evidence.service)
    measure = evidence.measures[0] if evidence.measures else None
    time_frame = evidence.time_frames[0] if evidence.time_frames else None
    specific, specific_reason = _specificity(evidence.text, evidence.vague)
    relevant, relevance_reason = _relevance(evidence)
    smart = SmartElements(
        specific=specific,
        measurable=measure is not None,
        achievable=evidence.absolute is None,
        relevant=relevant,
        time_bound=time_frame is not None,
    )
    reasons = {
        "specific": specific_reason,
        "measurable": f"measure: '{measure}'" if measure else "no number, rate or criterion",
        "achievable": f"absolute: '{evidence.absolute}'"
        if evidence.absolute
        else "no absolute bar",
        "relevant": relevance_reason,
        "time_bound": f"time frame: '{time_frame}'" if time_frame else "no time frame",
    }
    return OutcomeVerdict(
        smart=smart,
        provision_not_outcome=False,
        reasons=reasons,
        time_frame=time_frame,
        vague=evidence.vague,
        absolute=evidence.absolute,
        about=None if relevant else unlinked_topic(evidence),
    )


def _not_an_outcome(why: str, service: str) -> OutcomeVerdict:
    """Provision written as an outcome: no element of an outcome can be met by it."""
    reason = f"describes a service the child receives, not a change in the child: {why}"
    elements = ("specific", "measurable", "achievable", "relevant", "time_bound")
    return OutcomeVerdict(
        smart=SmartElements(**dict.fromkeys(elements, False)),
        provision_not_outcome=True,
        reasons=dict.fromkeys(elements, reason),
        service=service,
    )


def _specificity(text: str, vague: str | None) -> tuple[bool, str]:
    if len(text.split()) < _data()["specific"]["min_words"]:
        return False, "too short to name a skill and where it will be seen"
    # A measure does not rescue a hope: "get better at writing with 90% accuracy" still names
    # no behaviour anyone could observe.
    if vague is not None:
        return False, f"names a hope, not a skill: '{vague}'"
    return True, "names a skill or behaviour"


def _relevance(evidence: OutcomeEvidence) -> tuple[bool, str]:
    """Linked to a need in B or an aspiration in A (the golden thread), in this order: a PfA
    heading; a pastime B and A never mention (whatever else it shares: "play the recorder"
    shares "play" with a play-skills need); topic words shared with B or A; a skill family of
    its words that B or A is about too, or that lies in an area of need B describes; a PfA
    phrase; then the heading it sits under, when that names an area of need B describes and the
    outcome names a skill (of any family), is linked by weak words only ("run", "visual"), or
    names no skill at all ("will make good progress"). The heading never links an outcome whose
    words a skill family does not know ("grow sunflowers in the school garden")."""
    if not evidence.needs_judged:
        return True, "no needs recorded in Section B to link to"
    if evidence.pfa_heading:
        return True, f"prepares for adulthood: '{evidence.pfa_heading}'"
    if evidence.pastime and not evidence.pastime_linked:
        return False, f"a pastime no need or aspiration mentions: '{evidence.pastime}'"
    if evidence.shared:
        return True, f"shares words with the needs or aspirations: {', '.join(evidence.shared[:3])}"
    if evidence.linked_families:
        family = evidence.linked_families[0]
        areas = sorted(family_areas(family) & set(evidence.need_areas))
        where = f"an area of need in Section B: {_area_name(areas[0])}" if areas else "as B is"
        return True, f"about {family.replace('_', ' ')}, {where}"
    if evidence.pfa:
        return True, f"prepares for adulthood: '{evidence.pfa}'"
    heading = evidence.group_area if evidence.group_area in evidence.need_areas else None
    # A skill grouped by the plan's writer under an area of need B describes: social skills
    # under emotional wellbeing, asking for a seat at the front under hearing. A weak word, or
    # a skill of the body, counts only under a heading of its own family's area ("run" under
    # physical development; "swim a length" not under communication).
    own_only = _own_heading_only()
    about = [
        family
        for family in evidence.families
        if family not in own_only or heading in family_areas(family)
    ] or [family for family in evidence.weak_links if heading in family_areas(family)]
    if heading is not None and about:
        return (
            True,
            f"about {about[0].replace('_', ' ')}, under a heading of an area of need in "
            + (f"Section B: {_area_name(heading)}"),
        )
    if not evidence.families and not evidence.unknown:
        if heading is not None:
            return True, f"under a heading of an area of need in Section B: {_area_name(heading)}"
        return False, "names no skill, and its heading names no area of need in Section B"
    about = evidence.families or evidence.unknown
    return False, (
        "nothing in Section B or the aspirations in A relates to it "
        f"(it is about: {', '.join(word.replace('_', ' ') for word in about[:3])})"
    )


def unlinked_topic(evidence: OutcomeEvidence) -> str:
    """What an outcome that no need answers seems to be about, in the plan's words where it
    names no skill family: "it is about 'chess'", "it is about reading (cognition and
    learning)"."""
    if evidence.pastime:
        return f"it is about '{evidence.pastime}'"
    if evidence.families:
        named = [
            f"{family.replace('_', ' ')} ({', '.join(map(_area_name, sorted(areas)))})"
            for family in evidence.families[:2]
            if (areas := family_areas(family))
        ]
        return f"it is about {' and '.join(named)}"
    unknown = set(evidence.unknown)
    quoted = [word for word in words(evidence.text) if stem(word) in unknown]
    if quoted:
        return f"it is about '{' '.join(dict.fromkeys(quoted[:4]))}'"
    return "it names no skill, and its heading no area of need in Section B"


def _area_name(area: NeedArea) -> str:
    return area.value.replace("_", " ")


# --- rules and models combined -----------------------------------------------------------------

# What a model's call means, in words: it only ever flags an element the rule passed.
_MODEL_REASONS = {
    "specific": "reads as a general aim, not a skill to observe",
    "measurable": "no success criterion (a quantity in the task is not a measure of success)",
    "achievable": "sets a bar unlikely to be reached within the plan",
    "relevant": "no clear link to any need in Section B or aspiration in Section A",
}


def combine_with_models(verdict: OutcomeVerdict, evidence: OutcomeEvidence) -> OutcomeVerdict:
    """Rules and models combined in one way: the rule decides each element; the model for an
    element listed in `[model] decides` (rules/outcomes.toml) sees the rule's verdicts and
    evidence as features and may flag what the rule passed, where its probability for the
    finding reaches the model's `confidence` (chosen on validation at training time). It never
    clears what the rule flagged: those findings quote the phrase they rest on. The reason says
    when a model made the call. Provision written as an outcome is settled first: it has no
    SMART elements to judge."""
    decides = model_decides()
    if not decides:  # no model listed: nothing to load or compute
        return verdict
    features = outcome_features(evidence, rule_flags(verdict), load_lexicon())
    if "provision_not_outcome" in decides and not verdict.provision_not_outcome:
        sure = load_model("outcome_provision_not_outcome").overrules(False, features)
        if sure is not None:
            return _not_an_outcome(f"model ({sure:.0%} sure)", shorten(evidence.text, 60))
    if verdict.provision_not_outcome:
        return verdict
    smart = verdict.smart.model_dump()
    reasons = dict(verdict.reasons)
    for element, why in _MODEL_REASONS.items():
        if element not in decides:
            continue
        sure = load_model(f"outcome_{element}").overrules(smart[element], features)
        if sure is not None:
            smart[element] = False
            reasons[element] = f"model ({sure:.0%} sure): {why}"
    return verdict.model_copy(update={"smart": SmartElements(**smart), "reasons": reasons})


def model_decides() -> frozenset[str]:
    """The targets whose model may overrule the rule (rules/outcomes.toml `[model] decides`)."""
    return frozenset(_data()["model"]["decides"])


def rule_flags(verdict: OutcomeVerdict) -> dict[str, bool]:
    """The rule's verdicts as the models see them."""
    return {**verdict.smart.model_dump(), "provision_not_outcome": verdict.provision_not_outcome}


# --- the check -------------------------------------------------------------------------------


def run(plan: Plan, items: PlanItems) -> CheckOutput:
    needs = need_context(plan, items)
    name = child_reference(plan).name or "the child"
    results: list[OutcomeResult] = []
    findings: list[Finding] = []
    section = plan.section(SectionId.E)
    outcome_blocks = {outcome.block_index for outcome in items.outcomes}
    for outcome in items.outcomes:
        context = dating_context(plan.section(outcome.section), outcome, outcome_blocks)
        verdict = judge_outcome(outcome, needs, context=context)
        results.append(
            OutcomeResult(
                text=outcome.text,
                section=outcome.section,
                location=outcome.location,
                smart=verdict.smart,
                is_smart=all(verdict.smart.model_dump().values()),
                provision_not_outcome=verdict.provision_not_outcome,
                reasons=verdict.reasons,
            )
        )
        findings += _outcome_findings(outcome, verdict, name, plan.metadata.year_group)
    if section.present:
        findings += _count_findings(len(items.outcomes), section.location)
    return CheckOutput(outcomes=results, findings=findings)


def suggested_time_frame(year_group: int | None) -> str:
    """A time frame to propose: the end of the current school year if we know it."""
    if year_group is None:
        return "by the next annual review"
    if year_group == 0:
        return "by the end of Reception"
    return f"by the end of Year {year_group}"


def _outcome_findings(
    outcome: OutcomeItem, verdict: OutcomeVerdict, name: str, year_group: int | None
) -> list[Finding]:
    values = {
        "quote": shorten(outcome.text),
        "name": name,
        "time_frame": suggested_time_frame(year_group),
    }
    if verdict.provision_not_outcome:
        # The other elements fail because it is not an outcome at all: one finding says it all.
        return [_finding("SMA004", outcome, values, service=verdict.service)]
    failed: list[tuple[str, dict[str, object]]] = []
    if not verdict.smart.time_bound:
        failed.append(("SMA001", {}))
    if not verdict.smart.measurable:
        failed.append(("SMA002", {}))
    if not verdict.smart.specific:
        failed.append(("SMA003", {"vague": verdict.vague or "no named skill"}))
    if not verdict.smart.achievable:
        # A model that finds the bar unrealistic names no phrase: quote the outcome itself.
        failed.append(("SMA005", {"absolute": verdict.absolute or shorten(outcome.text, 60)}))
    if not verdict.smart.relevant:
        # A model's call names no topic: say only that nothing links it.
        failed.append(("SMA006", {"about": verdict.about or "no link found"}))
    return [_finding(code, outcome, values, **extra) for code, extra in failed]


def _finding(
    code: str, outcome: OutcomeItem, values: dict[str, object], **extra: object
) -> Finding:
    return get_rule(code).finding(
        section=outcome.section,
        evidence=outcome.text,
        location=outcome.location,
        **values,
        **extra,
    )


def _count_findings(count: int, location: Location | None) -> list[Finding]:
    limits = _data()["count"]
    if count < limits["min"]:
        advice = f"fewer than {limits['min']} cannot cover the needs in Section B"
    elif count > limits["max"]:
        advice = f"more than {limits['max']} are hard to review meaningfully"
    else:
        return []
    return [
        get_rule("SMA007").finding(
            section=SectionId.E, evidence=None, location=location, count=count, advice=advice
        )
    ]
