"""The golden thread: each need in Section B has an outcome in E and provision in F for it.

Links are explainable, never a black box: two items are linked when they sit in the same broad
area of need (the subheading or table label they are written under, else their own keywords), or
when they share enough content words after stemming. `link_items` is public so that other checks
(e.g. provision with no matching need, the reverse thread) can reuse the same machinery.
Thresholds and the ignored-word list are in rules/golden_thread.toml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from functools import cache
from typing import Any

from pydantic import BaseModel, Field

from ehcp_lint.checks import CheckOutput
from ehcp_lint.checks.consistency import child_first_name
from ehcp_lint.checks.outcomes import family_areas, skill_families
from ehcp_lint.checks.voice import child_reference
from ehcp_lint.extract import (
    area_keyword_counts,
    heading_area,
    heading_areas,
    need_area,
    top_areas,
)
from ehcp_lint.ingest.blocks import ROW_SEPARATOR
from ehcp_lint.items import Item, NeedArea, NeedItem, OutcomeItem, PlanItems, ProvisionItem
from ehcp_lint.plan import Plan, SectionId
from ehcp_lint.report import Finding
from ehcp_lint.ruleset import get_rule, load_toml
from ehcp_lint.textfeatures import compile_patterns, phrase_pattern, stem, words

# "Archie's" is Archie: the possessive ending would otherwise keep the child's name in.
_POSSESSIVE = re.compile(r"['’]s$")
# Where a clause ends, for the reach of a negation (see `says_no_need`).
_CLAUSE_PUNCTUATION = re.compile(r"[,;:()\u2013\u2014]")


class LinkReason(StrEnum):
    SAME_AREA = "same_area"
    SHARED_TERMS = "shared_terms"


class Link(BaseModel):
    """Why one item (a need, say) is linked to one target item (an outcome or a provision)."""

    target: int = Field(description="Index of the target in the list given to link_items")
    reason: LinkReason
    area: NeedArea | None = Field(default=None, description="The shared area, for SAME_AREA")
    shared_terms: list[str] = Field(
        default_factory=list, description="Stems both texts use, sorted, for SHARED_TERMS"
    )


@cache
def settings() -> dict[str, Any]:
    return load_toml("golden_thread.toml")["golden_thread"]


@cache
def _ignored_stems() -> frozenset[str]:
    return frozenset(_stem(word) for word in settings()["ignore_words"])


def item_area(item: Item) -> NeedArea | None:
    """The broad area an item belongs to: the one it is written under, else its own keywords.
    An outcome under a Preparing-for-Adulthood heading belongs to no area of need."""
    if _is_pfa_outcome(item):
        return None
    return explicit_area(item) or need_area(item.text) or _skill_area(item)


def _skill_area(item: Item) -> NeedArea | None:
    """An outcome naming no area keyword may still name a skill of one area only ("explain the
    meaning of two idioms": talking, communication): the skill families that the outcome check
    judges relevance by, so the two checks agree on what an outcome is about."""
    if not isinstance(item, OutcomeItem):
        return None
    areas = {area for family in skill_families(item.text) for area in family_areas(family)}
    return areas.pop() if len(areas) == 1 else None


@cache
def _pfa_heading() -> re.Pattern[str]:
    from ehcp_lint.checks import pfa

    headings = [w for words in pfa.settings()["group_headings"].values() for w in words]
    return phrase_pattern([*headings, *settings()["pfa_heading_words"]])


def _is_pfa_outcome(item: Item) -> bool:
    """An outcome under 'Employment', 'Friendships and community participation': the PfA
    check's headings."""
    return isinstance(item, OutcomeItem) and any(
        heading and _is_pfa_heading(heading) for heading in (item.group, item.heading)
    )


def _is_pfa_heading(heading: str) -> bool:
    """A heading with more Preparing-for-Adulthood words than words of any one area of need:
    'Relationships and community life' is PfA, 'Managing feelings and relationships' is social,
    emotional and mental health (relationships are both)."""
    pfa_words = len(_pfa_heading().findall(heading))
    return pfa_words > 0 and pfa_words >= max(area_keyword_counts(heading).values())


def explicit_area(item: Item) -> NeedArea | None:
    """The area an item is written under: its subheading or outcome group, else the label of
    its table row (the first cell, e.g. "Managing worries"); None when it sits under neither."""
    for heading in (item.heading, item.group if isinstance(item, OutcomeItem) else None):
        area = heading_area(heading) if heading else None
        if area is not None:
            return area
    label = _row_label(item)
    if not label:
        return None
    # A label naming two areas alike ("Language through hearing") means the area the rest of
    # its row names ("checks of her hearing aids"), when it names one clearly.
    content = _row_content(item) if _label_ties(label) else None
    return content or label_area(label)


def _row_label(item: Item) -> str | None:
    """The first cell of a table row: in F tables it names the need the row answers."""
    if isinstance(item, ProvisionItem) and len(item.cells) > 1:
        return item.cells[0]
    first, separator, _ = item.text.partition(ROW_SEPARATOR)
    return first if separator else None


@cache
def _label_patterns() -> dict[NeedArea, re.Pattern[str]]:
    label_words = settings()["label_words"]
    return {area: phrase_pattern(label_words[area.value]) for area in NeedArea}


def label_area(label: str) -> NeedArea | None:
    """The area a short need label names ("Feeling safe", "Listening in class"): the label
    words in rules/golden_thread.toml first (they are more specific), else as a heading is read
    (an area title's word, else the need keywords, a tie going to the area named first)."""
    counts = {area: len(pattern.findall(label)) for area, pattern in _label_patterns().items()}
    best = max(counts.values())
    if best:
        return next(area for area, count in counts.items() if count == best)
    return heading_area(label)


def own_words(item: Item) -> str:
    """An item's text without its table row label: the label names an area ("Social, emotional
    and mental health") and would link everything in that area by words alone."""
    return item.text if _row_label(item) is None else item.text.partition(ROW_SEPARATOR)[2]


def content_stems(text: str, ignore_words: Iterable[str] = ()) -> frozenset[str]:
    """Stems of the words that carry meaning: no stop words, names or very short words."""
    ignored = _ignored_stems() | {_stem(word) for word in ignore_words}
    return frozenset(
        stemmed for word in words(text) if len(word) > 2 and (stemmed := _stem(word)) not in ignored
    )


def _stem(word: str) -> str:
    """The shared stem without a possessive ("Archie's" is Archie) or a doubled last consonant,
    so that "hitting" meets "hits" and "stopped" meets "stops"."""
    stemmed = stem(_POSSESSIVE.sub("", word))
    doubled = len(stemmed) > 3 and stemmed[-1] == stemmed[-2] and stemmed[-1] not in "aeiou"
    return stemmed[:-1] if doubled else stemmed


def link_items(
    sources: Sequence[Item],
    targets: Sequence[Item],
    *,
    ignore_words: Iterable[str] = (),
    min_shared_terms: int | None = None,
    structured: bool = False,
) -> list[list[Link]]:
    """For each source item, its links to the target items (same area, or shared content words).

    `ignore_words` are left out of the word overlap (pass the child's names: every sentence
    shares them). With `structured`, each list is one section and areas follow its structure
    (see `structured_areas`); a target table row then also belongs to the area the rest of the
    row names (see `_row_content`). Returns one list per source, in the order given; an
    empty list is unlinked.
    """
    least = settings()["min_shared_terms"] if min_shared_terms is None else min_shared_terms
    ignored = list(ignore_words)
    areas_of = structured_areas if structured else _own_areas
    target_facts = [
        (
            _linking_areas(target, area, structured=structured),
            content_stems(own_words(target), ignored),
        )
        for target, area in zip(targets, areas_of(targets), strict=True)
    ]
    return [
        list(
            _links_of(
                _linking_areas(source, area, structured=structured),
                content_stems(own_words(source), ignored),
                target_facts,
                least,
            )
        )
        for source, area in zip(sources, areas_of(sources), strict=True)
    ]


@cache
def _shared_topics() -> dict[NeedArea, re.Pattern[str]]:
    """For each area, the cross-area topics (rules/golden_thread.toml) that place items in it."""
    topics = settings()["shared_topics"]
    return {
        area: phrase_pattern([t for t, areas in topics.items() if area.value in areas])
        for area in NeedArea
        if any(area.value in areas for areas in topics.values())
    }


def shared_topic_areas(label: str) -> set[NeedArea]:
    """Every area a subheading or label belongs to through a cross-area topic ("Attention" is
    learning and emotional health alike). A topic word inside a longer label phrase of one area
    is that phrase's: "Shared attention" and "Attention and listening" are communication."""
    label = _specific_label_phrases().sub(" ", label)
    return {area for area, pattern in _shared_topics().items() if pattern.search(label)}


@cache
def _specific_label_phrases() -> re.Pattern[str]:
    """The label words of every area that are not themselves shared topics."""
    topics = set(settings()["shared_topics"])
    label_words = settings()["label_words"].values()
    return phrase_pattern([w for area_words in label_words for w in area_words if w not in topics])


def _linking_areas(item: Item, area: NeedArea | None, *, structured: bool) -> frozenset[NeedArea]:
    """Every area an item answers for linking: its own, each area its subheading or row label
    reaches through a topic shared between areas, and each area a placed item's subheading names
    as much as its own ("Play and learning"). With `structured`, also the area a row's content
    clearly names (`_row_content`), which settles which of its label's shared topics it means
    ("Organisation" for "help with his resilience from a learning mentor" is emotional health),
    and, for an item placed by its own words alone, each area they name as much as its own ("a
    writing intervention using Colourful Semantics" is learning and communication)."""
    content = _row_content(item) if structured else None
    headings = [item.heading, item.group if isinstance(item, OutcomeItem) else None]
    extra = set().union(*(shared_topic_areas(text) for text in headings if text))
    label = _row_label(item)
    if label:
        topics = shared_topic_areas(label)
        # What the row provides settles which of its label's shared topics it means, placed
        # or not ("Attention | a reciprocal reading programme" is learning).
        settled = content if structured or not topics else _row_content(item)
        extra |= topics & {settled} if settled else topics
    if area is not None:
        extra |= set().union(*(heading_areas(text) for text in headings if text))
        # A row label whose keywords name two areas alike is in both, as a heading is ("Attention
        # and listening skills"), unless the rest of the row settles which it means.
        tied = _label_ties(label) if label else frozenset()
        settled = (content if structured else _row_content(item)) if tied else None
        extra |= {settled} if settled else tied
        if structured and explicit_area(item) is None and not _is_pfa_outcome(item):
            extra |= top_areas(item.text)
    if structured:
        extra |= row_named_areas(item)
    return frozenset({area, content, *extra} - {None})


def row_named_areas(item: Item) -> set[NeedArea]:
    """For a provision table row whose need label names no area ("Accepting adult guidance",
    "Getting involved"), every area whose keywords its provision cell uses, however few (not
    its session cells: "Runs for 30 minutes" is no running): such a row may answer any of
    them, and what cannot be read for sure links rather than being reported. None for a row
    whose label names an area, or a statement under a subheading: they name theirs plainly."""
    if not isinstance(item, ProvisionItem) or item.heading or len(item.cells) < 2:
        return set()
    label = item.cells[0]
    if label_area(label) is not None or shared_topic_areas(label):
        return set()
    counts = area_keyword_counts(item.cells[1])
    return {area for area, count in counts.items() if count}


def _row_content(item: Item) -> NeedArea | None:
    """The area named by a provision row's cells after its label: what is provided and who
    provides it. The label says which need the row answers but is often worded loosely
    ("Following classroom talk" for a hearing need); "route training with a long cane from a
    qualified teacher of the deaf" is plain. Only a clear lead counts: some keywords of one area
    and fewer of every other (rules/golden_thread.toml).
    Outcomes are left out: their stock phrases ("with the confidence to") are emotional words.
    Nor does a row that only watches: "Expressive language | Monitoring of wellbeing" answers
    its label's need (vaguely), not an emotional one."""
    # Imported here: provision builds on enforceability, which builds on this module.
    from ehcp_lint.checks.provision import only_monitors

    if not isinstance(item, ProvisionItem) or _row_label(item) is None:
        return None
    if only_monitors(item.text):
        return None
    words = without_session_words(own_words(item))
    counts = sorted(area_keyword_counts(words).items(), key=lambda pair: -pair[1])
    (area, most), (_, next_most) = counts[0], counts[1]
    return area if most >= settings()["row_content_keywords"] and most > next_most else None


def without_session_words(text: str) -> str:
    """A row's text less the words of a session's length or setting and of roles that name no
    area ("30 minutes per sitting", "learning support assistants")."""
    return _row_content_ignore().sub(" ", text)


@cache
def _row_content_ignore() -> re.Pattern[str]:
    return compile_patterns(settings()["row_content_ignore"])


def structured_areas(items: Sequence[Item]) -> list[NeedArea | None]:
    """The area of each item of one section. Where the section is organised by area (some item
    sits under an area subheading or row label), an item outside that structure gets no area
    from its own keywords, which are too weak a sign on their own ("The SENCo will hold a
    termly review": 'hold' is a motor-skill word). A table row whose label names no area
    known here ("Visual access") takes the area of the rest of the row ("a sensory diet designed
    by the occupational therapist"): the label says the row answers a need."""
    placed = [None if _is_pfa_outcome(item) else _placed_area(item) for item in items]
    return placed if any(placed) else _own_areas(items)


def _placed_area(item: Item) -> NeedArea | None:
    return explicit_area(item) or _row_content(item)


def _label_ties(label: str) -> frozenset[NeedArea]:
    """The areas a row label names alike by need keywords (none when it uses an area's label
    words, or names one area most)."""
    if any(pattern.search(label) for pattern in _label_patterns().values()):
        return frozenset()
    tied = top_areas(label)
    return tied if len(tied) > 1 else frozenset()


def _own_areas(items: Sequence[Item]) -> list[NeedArea | None]:
    return [item_area(item) for item in items]


def _links_of(
    areas: frozenset[NeedArea],
    stems: frozenset[str],
    targets: list[tuple[frozenset[NeedArea], frozenset[str]]],
    least: int,
) -> Iterator[Link]:
    for index, (target_areas, target_stems) in enumerate(targets):
        common = [area for area in NeedArea if area in areas and area in target_areas]
        if common:
            yield Link(target=index, reason=LinkReason.SAME_AREA, area=common[0])
            continue
        shared = stems & target_stems
        if len(shared) >= least:
            yield Link(target=index, reason=LinkReason.SHARED_TERMS, shared_terms=sorted(shared))


def run(plan: Plan, items: PlanItems) -> CheckOutput:
    names = _child_names(plan)
    education = [p for p in items.provisions if p.section is SectionId.F]
    findings: list[Finding] = []
    if items.needs and items.outcomes:
        findings += _unlinked_needs("GLD001", items.needs, items.outcomes, names)
    if items.needs and education:
        special = _special_educational_provision(education)
        findings += _unlinked_needs("GLD002", items.needs, special, names)
    return CheckOutput(findings=findings)


@cache
def _no_need_words() -> dict[str, frozenset[str]]:
    table = settings()["no_need"]
    return {key: frozenset(table[key]) for key in table if key not in ("contrasts", "typical")}


@cache
def _typical() -> re.Pattern[str]:
    return compile_patterns(settings()["no_need"]["typical"])


@cache
def _contrast() -> re.Pattern[str]:
    return phrase_pattern(settings()["no_need"]["contrasts"])


def says_no_need(text: str) -> bool:
    """A sentence (or a table row's last cell) saying the area holds no needs, by its grammar:
    a negation whose clause reaches a need noun with a determiner, "Nobody who contributed has
    raised a need in this area", "did not identify any needs", "not an area of concern"."""
    cell = text.split(ROW_SEPARATOR)[-1]
    if _contrast().search(cell):
        return False
    return _typical_comparison(cell) or any(
        _negated_need(words(clause)) for clause in _clauses(cell)
    )


def _clauses(cell: str) -> list[str]:
    """The cell cut at clause punctuation; a clause that ends on a verb of needing runs on into
    the next, its object ("is not receiving, and does not need, any extra help")."""
    clauses: list[str] = []
    for part in _CLAUSE_PUNCTUATION.split(cell):
        last = words(clauses[-1])[-1:] if clauses else []
        if last and last[0] in _no_need_words()["need_verbs"]:
            clauses[-1] += " " + part
        else:
            clauses.append(part)
    return clauses


def _typical_comparison(cell: str) -> bool:
    return typical_span(cell) is not None


def typical_span(text: str) -> str | None:
    """Words saying the child is where others of the same age are: "typical for a child of
    this age", "in line with his peers", "meeting age-related expectations", "developing as
    expected". None for a comparison with someone younger, a level below or behind, or a
    negated one ("not yet age-appropriate"): those describe a need."""
    match = _typical().search(text)
    if match is None:
        return None
    breaks = _no_need_words()["typical_breaks"]
    if any(word in breaks or word.endswith(("n't", "n’t")) for word in words(text)):
        return None
    return match.group(0)


def _negated_need(tokens: list[str]) -> bool:
    """A negation whose clause reaches a need with a determiner ("did not identify any needs"),
    an empty subject with a verb of reporting ("nothing was raised"), or what a need calls for
    with a verb of needing ("no provision is needed", "does not require extra support"); the
    verb may stand just before the negation ("needs no extra support", "requires no help")."""
    vocab = _no_need_words()
    for start, token in enumerate(tokens):
        if token not in vocab["negators"] and not token.endswith(("n't", "n’t")):
            continue
        needing = start > 0 and tokens[start - 1] in vocab["need_verbs"]
        support = False
        for end in range(start + 1, min(len(tokens), start + 12)):
            if tokens[end] in vocab["clause_breaks"]:
                break
            if _is_need_noun(tokens, end) and vocab["determiners"] & set(tokens[start:end][-3:]):
                return True
            if token in vocab["empty_subjects"] and tokens[end] in vocab["report_verbs"]:
                return True
            needing = needing or tokens[end] in vocab["need_verbs"]
            support = support or tokens[end] in vocab["support_nouns"]
            if needing and support:
                return True
    return False


def _is_need_noun(tokens: list[str], index: int) -> bool:
    """'needs' in "any needs in this area", not the verb in "needs to see the board"."""
    following = tokens[index + 1] if index + 1 < len(tokens) else ""
    return tokens[index] in _no_need_words()["need_nouns"] and following != "to"


def _special_educational_provision(provisions: list[ProvisionItem]) -> list[ProvisionItem]:
    """Section F statements that provide something beyond what every pupil gets: "quality first
    teaching" or "the same curriculum as the rest of the class" (ENF001) addresses no need."""
    from ehcp_lint.checks.enforceability import universal_span

    return [item for item in provisions if universal_span(item.text) is None]


def _child_names(plan: Plan) -> list[str]:
    """Every name the child goes by: front matter, else the names the plan uses most (a name
    missing from the name list is still found as the most used capitalised word)."""
    full = (plan.metadata.child_name or "").split()
    found = [child_first_name(plan), child_reference(plan).name]
    return [*full, *(name for name in found if name)]


def _unlinked_needs(
    code: str, needs: list[NeedItem], targets: Sequence[Item], names: list[str]
) -> Iterator[Finding]:
    """One finding per area of need none of whose needs links to a target, quoting the area's
    first need: a whole area left out is one gap, not one per sentence. "No needs in this area"
    opens no area, nor does a stray sentence outside B's areas (see `structured_areas`)."""
    # Imported here: enforceability builds on this module (link_items), so imports it first.
    from ehcp_lint.checks.enforceability import is_no_need_statement

    needs = [need for need in needs if not is_no_need_statement(need.text)]
    links = link_items(needs, targets, ignore_words=names, structured=True)
    linked: dict[NeedArea, bool] = {}
    first: dict[NeedArea, NeedItem] = {}
    for need, area, found in zip(needs, structured_areas(needs), links, strict=True):
        if area is not None:
            first.setdefault(area, need)
            linked[area] = linked.get(area, False) or bool(found)
    rule = get_rule(code)
    for area, need in first.items():
        if not linked[area]:
            yield rule.finding(
                section=SectionId.B,
                evidence=need.text,
                location=need.location,
                area=area.value.replace("_", " "),
            )
