"""Find the statutory sections A-K (H1, H2) of a plan in whatever LA template it was written.

Three passes over the Document's blocks:

1. Candidates. Only blocks that look like headings are considered: a heading-styled block; a short
   paragraph that is bold or has no final full stop; a one-cell table row, or a two-cell row whose
   first cell is a section marker ("F" | "Special educational provision"). Each candidate gets a
   section from its explicit letter marker ("Section F", "F.", "(F)", "- Section F", a lone "F")
   and/or its title, fuzzily matched against the aliases in rules/sections.toml. When letter and
   title disagree the letter wins: the letters are statutory, titles vary by LA.
2. Acceptance. Candidates with a letter and an agreeing title (or an unambiguous "Section F:"
   marker) are anchors. The anchors' most common presentation (heading level, bold, shading,
   cell count, capitals) is the template's section-heading style; weaker candidates (title only,
   or a bare "F." letter) are accepted only when they share it. This keeps subheadings such as
   "Health" inside B, or a bold "Outcomes" inside E, from starting sections. In plain text with
   lettered headings, where every short line "looks" the same, titles without a letter are not
   accepted. A weak candidate gives way to a proper heading of the same section later on, and
   of two weak candidates for one section the one that fits statutory order is kept. Finally,
   unrecognised headings in the plan's own (non-plain) heading style fill a statutory gap when
   there are exactly as many of them as sections missing there ("What help will I get at
   school?" between E and G is F).
3. Walk. Blocks are assigned to the open section. A heading for the section already open stays in
   its body unless it is a continuation ("Section F (continued)") or fully marked, which is
   dropped as a heading. A section headed again later keeps its first heading and collects both
   bodies; contents-list entries ("Section A ..... 3") are left in the front matter when the
   section is headed again later.

"Section H: Social care provision" with no number is an umbrella: when H1/H2 headings follow
and it has no body of its own it only groups them; otherwise its body (and heading) go to H1 if
the heading or body names the CSDPA / section 2, else to H2.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from enum import IntEnum, StrEnum
from functools import cache, lru_cache

from rapidfuzz import fuzz, process

from ehcp_lint.document import Block, BlockKind, Document
from ehcp_lint.errors import NotAnEhcp
from ehcp_lint.metadata import extract_metadata
from ehcp_lint.plan import Plan, Section, SectionId
from ehcp_lint.ruleset import load_toml

UMBRELLA_H = "H"
STATUTORY_ORDER: tuple[str, ...] = tuple(sid.value for sid in SectionId)
_H_GROUP = frozenset({UMBRELLA_H, "H1", "H2"})
_LETTER = r"(H\s?[12]|[A-K])"
_SEPARATOR = r"[.:)\-–—|,;]"

# "Section F", "PART B" at the start; the letter may be any case after the keyword.
_KEYWORD_MARKER = re.compile(rf"^(?:section|part)\s+{_LETTER}\b(?:\s*({_SEPARATOR}|(?=\()))?", re.I)
# "F.", "F:", "F)", "F -" at the start: upper case only, so "I like..." or "a) ..." never match.
_BARE_MARKER = re.compile(rf"^{_LETTER}(?:\s*[.:)]|\s+[-–—])(?=\s|$)")
# "(F)", "(Section F)" anywhere, or "- Section F" at the end.
_PAREN_MARKER = re.compile(rf"\((?:(?i:section)\s+)?{_LETTER}\)")
# "H1 and H2", "H1/H2": one heading for both parts of Section H.
_COMBINED_H_MARKER = re.compile(r"\bH\s?1\s*(?:and|&|/|\+|,)\s*H\s?2\b", re.I)
_TRAILING_MARKER = re.compile(rf"\s[-–—]\s*(?i:section)\s+{_LETTER}\s*$")
# The whole text is a letter: "F", "Section F", "F.".
_LONE_MARKER = re.compile(rf"^(?:(?i:section|part)\s+)?{_LETTER}\s*[.:]?$")

_NUMBERING = re.compile(
    r"^(?:(?:part|section|chapter|step)\s+)?\d{1,2}[a-z]?(?:\.\d{1,2})*\s*(?:[.:)\-–—]\s*|\s+)"
)
# A cell holding only a part number: "3", "Part 8a", "4)".
_NUMBER_ONLY = re.compile(r"^(?:(?:part|section)\s+)?\d{1,2}[a-z]?\s*[.):]?$", re.I)
_SECTION_WORD = re.compile(r"^(?:section|part)\b\s*[.:\-–—]?\s*")
_PAGE_NUMBER = re.compile(
    r"(?:\s*(?:\.{2,}|…|\t|:|\s[-–—])\s*|\s+)(?:page|p\.?)\s*\d{1,3}\s*$"
    r"|(?:\.{2,}|…|\t| {2,}|:|\s[-–—])\s*\d{1,3}\s*$",
    re.I,
)
_PARENTHETICAL = re.compile(r"\(([^()]*)\)")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_MAX_DROPPED_BRACKET_WORDS = 3
_PLAIN_PRESENTATIONS = frozenset({("paragraph", False), ("list_item", False)})


class Strength(IntEnum):
    """How much a block looks like a heading, before its words are read."""

    NONE = 0
    WEAK = 1
    STRONG = 2


class Evidence(StrEnum):
    LETTER_AND_TITLE = "letter_and_title"
    LETTER = "letter"
    TITLE = "title"
    POSITION = "position"  # an unnamed heading in the plan's heading style, in a statutory gap


class MarkerForm(StrEnum):
    KEYWORD = "keyword"  # "Section F:", "PART B -", "Section F" alone
    LONE = "lone"  # the whole text or first cell is the letter
    BARE = "bare"  # "F." / "F:" / "F -"
    PAREN = "paren"  # "(F)", "(Section F)", "- Section F"
    LOOSE = "loose"  # "Section F" straight into words: trusted only if the title agrees


@dataclass(frozen=True, slots=True)
class SectionRules:
    """rules/sections.toml, with every alias normalised once."""

    title_threshold: float
    min_alias_coverage: float
    max_heading_words: int
    max_marked_heading_words: int
    exact_title_score: float
    min_sections: int
    toc_leader: re.Pattern[str]
    continued_words: frozenset[str]
    h1_keywords: tuple[str, ...]
    alias_texts: tuple[str, ...]
    alias_sections: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Marker:
    section: str
    form: MarkerForm
    span: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A block that looks like a heading, the section it names (if any), and why."""

    block: Block
    section: str | None
    evidence: Evidence | None
    strength: Strength
    presentation: tuple[object, ...]
    continued: bool
    toc_entry: bool
    anchor: bool


@dataclass(slots=True)
class _Collected:
    """One section while the walk fills it: its (first) heading block and its body."""

    heading: Block
    blocks: list[Block] = field(default_factory=list)


@cache
def section_rules() -> SectionRules:
    raw = load_toml("sections.toml")
    matching = raw["matching"]
    pairs = sorted(
        {
            (normalise_title(alias), section)
            for section, entry in raw["sections"].items()
            for alias in entry["aliases"]
        }
    )
    return SectionRules(
        title_threshold=float(matching["title_threshold"]),
        min_alias_coverage=float(matching["min_alias_coverage"]),
        max_heading_words=int(matching["max_heading_words"]),
        max_marked_heading_words=int(matching["max_marked_heading_words"]),
        exact_title_score=float(matching["exact_title_score"]),
        min_sections=int(matching["min_sections"]),
        toc_leader=re.compile(matching["toc_leader_pattern"], re.I),
        continued_words=frozenset(matching["continued_words"]),
        h1_keywords=tuple(matching["h1_keywords"]),
        alias_texts=tuple(alias for alias, _ in pairs),
        alias_sections=tuple(section for _, section in pairs),
    )


def segment(document: Document) -> Plan:
    """Divide a Document into the twelve statutory sections and read its front-matter metadata.

    Raises NotAnEhcp when fewer than `min_sections` distinct sections are recognised.
    """
    rules = section_rules()
    headings = [c for block in document.blocks if (c := _candidate(block, rules)) is not None]
    named = [candidate for candidate in headings if candidate.section is not None]
    dominant = _dominant_presentation(named, rules)
    accepted = _drop_out_of_order_repeats(_drop_superseded(_accept(named, dominant, rules)))
    accepted = _fill_statutory_gaps(accepted, headings, dominant)
    front_matter, collected = _walk(document.blocks, accepted)
    _resolve_umbrella_h(collected, rules)
    if len(collected) < rules.min_sections:
        raise NotAnEhcp(
            document.source.path,
            f"fewer than {rules.min_sections} EHCP section headings were recognised",
        )
    return Plan(
        source=document.source,
        metadata=extract_metadata(document, front_matter),
        front_matter=front_matter,
        sections={sid: _section(sid, collected.get(sid.value)) for sid in SectionId},
    )


def normalise_title(text: str) -> str:
    """Lower-case words of a heading title with numbering, page numbers and punctuation removed."""
    title = _PAGE_NUMBER.sub("", text.strip()).lower().replace("&", " and ")
    title = title.replace("'", "").replace("’", "")
    title = _PARENTHETICAL.sub(_keep_long_bracket, title)
    title = _NON_WORD.sub(" ", _NUMBERING.sub("", title.strip(" -–—:.")))
    return _SECTION_WORD.sub("", title.strip()).strip()


def _keep_long_bracket(match: re.Match[str]) -> str:
    """Drop short bracketed acronyms "(SEN)"; keep words of a long aside "(under the CSDPA ...)"."""
    inner = match.group(1)
    return f" {inner} " if len(inner.split()) > _MAX_DROPPED_BRACKET_WORDS else " "


# --- pass 1: candidates ------------------------------------------------------------------------


def _candidate(block: Block, rules: SectionRules) -> Candidate | None:
    text, lone_letter = _heading_text(block)
    if text is None:
        return None
    marker = _marker(text, lone_letter)
    strength = _styled_strength(block, marker)
    if strength is Strength.NONE or len(text.split()) > rules.max_marked_heading_words:
        return None
    title_text = text if marker is None else _without_span(text, marker.span)
    title, continued = _strip_continued(title_text, rules)
    title_match = _title_match(title, rules)
    if not _short_enough(block, text, marker, title_match, rules):
        return None
    section, evidence = _resolve(marker, None if title_match is None else title_match[0])
    return Candidate(
        block=block,
        section=section,
        evidence=evidence,
        strength=strength,
        presentation=_presentation(block, text),
        continued=continued,
        toc_entry=bool(rules.toc_leader.search(text)),
        anchor=evidence is Evidence.LETTER_AND_TITLE
        or (
            evidence is Evidence.LETTER
            and marker is not None
            and marker.form in (MarkerForm.KEYWORD, MarkerForm.LONE)
        ),
    )


def _heading_text(block: Block) -> tuple[str | None, str | None]:
    """The text to read as a heading, and the letter of a lone first cell ("F" | "title")."""
    if not block.is_table_row:
        return block.text.strip(), None
    cells = [cell.text.strip() for cell in block.cells if cell.text.strip()]
    if len(cells) == 1:
        return cells[0], None
    if len(cells) == 2:
        lone = _LONE_MARKER.match(cells[0])
        if lone:
            return cells[1], _letter(lone.group(1))
        if _NUMBER_ONLY.match(cells[0]):
            return cells[1], None
    return None, None


def _short_enough(
    block: Block,
    text: str,
    marker: Marker | None,
    title_match: tuple[str, float] | None,
    rules: SectionRules,
) -> bool:
    """Plain text must be short to be a heading; styled, lettered or exact titles may be longer."""
    if len(text.split()) <= rules.max_heading_words:
        return True
    styled = block.kind is BlockKind.HEADING or block.is_table_row
    lettered = marker is not None and marker.form is not MarkerForm.LOOSE
    exact = title_match is not None and title_match[1] >= rules.exact_title_score
    return styled or lettered or exact


def _styled_strength(block: Block, marker: Marker | None) -> Strength:
    """How much the block looks like a heading from its style alone; a sentence is not one."""
    if block.kind is BlockKind.HEADING:
        return Strength.STRONG
    if block.is_table_row:
        emphasised = block.shaded or block.bold or all(c.bold or c.shaded for c in block.cells)
        lone_letter = marker is not None and marker.form is MarkerForm.LONE
        return Strength.STRONG if emphasised or lone_letter else Strength.WEAK
    if block.bold:
        return Strength.STRONG
    text = block.text.strip()
    ends_sentence = text.endswith(".") and len(text.split()) > 1
    return Strength.NONE if ends_sentence else Strength.WEAK


def _presentation(block: Block, text: str) -> tuple[object, ...]:
    """How a heading looks: section headings in one plan usually share this."""
    capitals = text.isupper()
    if block.kind is BlockKind.HEADING:
        return ("heading", block.heading_level, capitals)
    if block.is_table_row:
        return ("row", len(block.cells), block.shaded or block.bold, capitals)
    return (block.kind.value, block.bold, capitals)


def _letter(raw: str) -> str:
    return raw.replace(" ", "").upper()


def _marker(text: str, lone_letter: str | None) -> Marker | None:
    """The explicit section-letter marker in a heading, if there is one."""
    if lone_letter is not None:
        return Marker(lone_letter, MarkerForm.LONE, (0, 0))
    if combined := _COMBINED_H_MARKER.search(text):
        return Marker(UMBRELLA_H, MarkerForm.KEYWORD, combined.span())
    if lone := _LONE_MARKER.match(text):
        return Marker(_letter(lone.group(1)), MarkerForm.LONE, lone.span())
    if keyword := _KEYWORD_MARKER.match(text):
        separated = keyword.group(2) is not None or keyword.end() == len(text)
        form = MarkerForm.KEYWORD if separated else MarkerForm.LOOSE
        return Marker(_letter(keyword.group(1)), form, keyword.span())
    if bare := _BARE_MARKER.match(text):
        return Marker(_letter(bare.group(1)), MarkerForm.BARE, bare.span())
    for pattern in (_PAREN_MARKER, _TRAILING_MARKER):
        if found := pattern.search(text):
            return Marker(_letter(found.group(1)), MarkerForm.PAREN, found.span())
    return None


def _without_span(text: str, span: tuple[int, int]) -> str:
    return f"{text[: span[0]]} {text[span[1] :]}".strip()


def _strip_continued(title_text: str, rules: SectionRules) -> tuple[str, bool]:
    """The normalised title without a "(continued)" word, and whether it had one."""
    raw_words = _NON_WORD.split(title_text.lower().replace("'", "").replace("’", ""))
    continued = not rules.continued_words.isdisjoint(raw_words)
    kept = [
        word for word in normalise_title(title_text).split() if word not in rules.continued_words
    ]
    return " ".join(kept), continued


@lru_cache(maxsize=2048)
def _title_match(title: str, rules: SectionRules) -> tuple[str, float] | None:
    """The section whose alias the title matches best and the score, or None below threshold.
    Cached: a folder of plans from one LA repeats the same headings in every plan."""
    if not title:
        return None
    best: tuple[float, int, str] | None = None
    for scorer in (fuzz.token_sort_ratio, fuzz.partial_ratio):
        for alias, score, index in process.extract(
            title,
            rules.alias_texts,
            scorer=scorer,
            score_cutoff=rules.title_threshold,
            limit=None,
        ):
            if scorer is fuzz.partial_ratio and not _covers(alias, title, rules):
                continue
            ranked = (score, len(alias), rules.alias_sections[index])
            if best is None or ranked[:2] > best[:2]:
                best = ranked
    return None if best is None else (best[2], best[0])


def _covers(alias: str, title: str, rules: SectionRules) -> bool:
    """An alias found inside a longer title counts only if it is most of that title."""
    return len(alias) <= len(title) and len(alias) >= rules.min_alias_coverage * len(title)


def _resolve(
    marker: Marker | None, title_section: str | None
) -> tuple[str | None, Evidence | None]:
    """The section a candidate names. The statutory letter wins over a disagreeing title."""
    if marker is None:
        return (None, None) if title_section is None else (title_section, Evidence.TITLE)
    if title_section is not None and _agree(marker.section, title_section):
        specific = title_section if marker.section == UMBRELLA_H else marker.section
        return specific, Evidence.LETTER_AND_TITLE
    if marker.form is MarkerForm.LOOSE:
        return None, None
    return marker.section, Evidence.LETTER


def _agree(letter: str, title_section: str) -> bool:
    if letter == title_section:
        return True
    return UMBRELLA_H in (letter, title_section) and {letter, title_section} <= _H_GROUP


# --- pass 2: acceptance ------------------------------------------------------------------------


def _accept(
    named: list[Candidate], dominant: tuple[object, ...] | None, rules: SectionRules
) -> list[Candidate]:
    """Anchors, plus weaker candidates that look like the anchors (or sit under Section H).

    In a plain-text plan whose headings carry letters, every short line looks like a heading,
    so there a title with no letter does not count."""
    lettered = {c.section for c in named if c.anchor and c.evidence is not Evidence.TITLE}
    trust_looks = not (_is_plain(dominant) and len(lettered) >= rules.min_sections)
    accepted: list[Candidate] = []
    for candidate in named:
        under_h = bool(accepted) and accepted[-1].section in _H_GROUP
        if (
            candidate.anchor
            or (
                candidate.presentation == dominant
                and (trust_looks or candidate.evidence is not Evidence.TITLE)
            )
            or (under_h and candidate.section in _H_GROUP and candidate.strength is Strength.STRONG)
        ):
            accepted.append(candidate)
    return accepted


def _is_plain(presentation: tuple[object, ...] | None) -> bool:
    """Unstyled text: a plain paragraph or list item."""
    return presentation is not None and presentation[:2] in _PLAIN_PRESENTATIONS


def _dominant_presentation(
    named: list[Candidate], rules: SectionRules
) -> tuple[object, ...] | None:
    """The most common look of the most trustworthy candidates (first seen wins a tie)."""
    pools = (
        [c for c in named if c.anchor],
        [c for c in named if c.strength is Strength.STRONG],
        named,
    )
    for pool in pools:
        if len({c.section for c in pool}) >= rules.min_sections:
            return Counter(c.presentation for c in pool).most_common(1)[0][0]
    return None


def _drop_superseded(accepted: list[Candidate]) -> list[Candidate]:
    """Drop contents-list lines ("Section A ..... 3") and weak candidates ("My hopes for the
    future" inside A) when the same section is properly headed later. A weak heading followed
    at once by a marked line of the same section ("My school or college", then "Section I:
    Oakfield Academy, a special school") opens the section, and that line is its content."""
    kept: list[Candidate] = []
    content: set[int] = set()
    for position, candidate in enumerate(accepted):
        later = [c for c in accepted[position + 1 :] if c.section == candidate.section]
        follows = [c for c in later if c.anchor and c.block.index == candidate.block.index + 1]
        if not candidate.anchor and not candidate.toc_entry and follows:
            content.add(follows[0].block.index)
            kept.append(candidate)
            continue
        superseded = (candidate.toc_entry and any(not c.toc_entry for c in later)) or (
            not candidate.anchor and any(c.anchor and not c.toc_entry for c in later)
        )
        if not superseded and candidate.block.index not in content:
            kept.append(candidate)
    return kept


def _drop_out_of_order_repeats(accepted: list[Candidate]) -> list[Candidate]:
    """A section named twice by weak headings (title only, bare letter) keeps the one that sits
    in statutory order between its neighbours: a "My health" subheading inside A loses to the
    "My health needs" heading between B and D. Only the first weak heading of a section could
    open it anyway (see _opens_section); this picks which one."""
    weak = [c for c in accepted if not c.anchor and not c.continued]
    dropped: set[int] = set()
    for section, count in Counter(c.section for c in weak).items():
        if count < 2:
            continue
        repeats = [c for c in weak if c.section == section]
        others = [c for c in accepted if c.section != section]
        keep = next((c for c in repeats if _fits_statutory_order(c, others)), repeats[0])
        dropped.update(c.block.index for c in repeats if c is not keep)
    return [c for c in accepted if c.block.index not in dropped]


def _fits_statutory_order(candidate: Candidate, others: list[Candidate]) -> bool:
    before = [c for c in others if c.block.index < candidate.block.index]
    after = [c for c in others if c.block.index > candidate.block.index]
    return (not before or _order(before[-1], last=True) < _order(candidate, last=False)) and (
        not after or _order(candidate, last=True) < _order(after[0], last=False)
    )


def _fill_statutory_gaps(
    accepted: list[Candidate], headings: list[Candidate], dominant: tuple[object, ...] | None
) -> list[Candidate]:
    """Name unrecognised headings by position: where the plan's own heading style appears
    exactly as often between two recognised sections as statutory sections are missing there
    ("What help will I get at school?" between E and H1 is F), take them in statutory order.
    Not done for plain-paragraph headings, where every short line looks the same."""
    if dominant is None or _is_plain(dominant):
        return accepted
    taken = {sid for c in accepted for sid in _statutory_span(c.section)}
    unnamed = [c for c in headings if c.section is None and c.presentation == dominant]
    filled: list[Candidate] = []
    for before, after in itertools.pairwise([None, *accepted, None]):
        first = _order(before, last=True) + 1 if before else 0
        stop = _order(after, last=False) if after else len(STATUTORY_ORDER)
        slots = [sid for sid in STATUTORY_ORDER[first:stop] if sid not in taken]
        gap = [c for c in unnamed if _between(c, before, after)]
        if slots and len(gap) == len(slots):
            filled.extend(
                replace(c, section=sid, evidence=Evidence.POSITION)
                for c, sid in zip(gap, slots, strict=True)
            )
    return sorted([*accepted, *filled], key=lambda c: c.block.index)


def _between(candidate: Candidate, before: Candidate | None, after: Candidate | None) -> bool:
    index = candidate.block.index
    return (before is None or before.block.index < index) and (
        after is None or index < after.block.index
    )


def _statutory_span(section: str | None) -> tuple[str, ...]:
    return ("H1", "H2") if section == UMBRELLA_H else (() if section is None else (section,))


def _order(candidate: Candidate, *, last: bool) -> int:
    """Statutory position of a candidate's section; the umbrella H spans H1 and H2."""
    span = _statutory_span(candidate.section)
    return STATUTORY_ORDER.index(span[-1] if last else span[0])


# --- pass 3: walk ------------------------------------------------------------------------------


def _walk(
    blocks: list[Block], accepted: list[Candidate]
) -> tuple[list[Block], dict[str, _Collected]]:
    """Assign every block to the front matter or to the section whose heading it follows."""
    headings = {candidate.block.index: candidate for candidate in accepted}
    front_matter: list[Block] = []
    collected: dict[str, _Collected] = {}
    current: str | None = None
    for block in blocks:
        candidate = headings.get(block.index)
        if candidate is not None and _opens_section(candidate, current, collected):
            current = candidate.section
            collected.setdefault(current, _Collected(heading=block))
        elif _is_repeated_heading(candidate, current):
            continue
        elif current is None:
            front_matter.append(block)
        else:
            collected[current].blocks.append(block)
    return front_matter, collected


def _fully_marked(candidate: Candidate) -> bool:
    return candidate.continued or candidate.evidence is Evidence.LETTER_AND_TITLE


def _opens_section(
    candidate: Candidate, current: str | None, collected: dict[str, _Collected]
) -> bool:
    """A new section starts; a section already seen restarts only on a fully marked heading."""
    if candidate.section == current:
        return False
    return candidate.section not in collected or _fully_marked(candidate)


def _is_repeated_heading(candidate: Candidate | None, current: str | None) -> bool:
    """A second heading of the open section ("Section F (continued)"): a heading, not body."""
    return candidate is not None and candidate.section == current and _fully_marked(candidate)


def _resolve_umbrella_h(collected: dict[str, _Collected], rules: SectionRules) -> None:
    """Fold a lone "Section H" into H1 or H2 (see the module docstring)."""
    umbrella = collected.pop(UMBRELLA_H, None)
    if umbrella is None:
        return
    has_subsections = "H1" in collected or "H2" in collected
    if has_subsections and not umbrella.blocks:
        return
    words = " ".join([umbrella.heading.text, *(b.text for b in umbrella.blocks)]).lower()
    combined = bool(_COMBINED_H_MARKER.search(umbrella.heading.text))
    if combined:
        words = " ".join(b.text for b in umbrella.blocks).lower()
    target = "H1" if any(keyword in words for keyword in rules.h1_keywords) else "H2"
    if target in collected:
        collected[target].blocks.extend(umbrella.blocks)
    else:
        collected[target] = umbrella
    other = "H2" if target == "H1" else "H1"
    if combined and other not in collected:
        collected[other] = _Collected(heading=umbrella.heading)


def _section(section_id: SectionId, collected: _Collected | None) -> Section:
    if collected is None:
        return Section(id=section_id, present=False)
    return Section(
        id=section_id,
        present=True,
        heading=collected.heading.text,
        location=collected.heading.location,
        blocks=sorted(collected.blocks, key=lambda block: block.index),
    )
