"""Turn a Plan's sections into the items the checks judge.

- Section A: sentences (the voice check's raw material), each with the subheading it sits under.
- Section B: needs, one per sentence, bullet or table row, tagged with a broad area of need.
- Section E: outcomes, one per sentence, bullet or outcome cell, with their short-term steps and
  the need-area or Preparing-for-Adulthood subheading they sit under.
- Sections F, G, H1, H2: provision statements, one per sentence, bullet or table row (a row's
  cells are kept together, as the row is one statement). Statements that say there is no
  provision ("No health provision is required", "None") are not provision statements: there is
  nothing in them to quantify, and a section's presence is the compliance check's business.

Every item's text is an exact substring of its block's text (`start` is its offset there).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache

from ehcp_lint.document import Block, BlockKind, Cell, Location
from ehcp_lint.items import (
    NeedArea,
    NeedItem,
    OutcomeItem,
    PlanItems,
    ProvisionItem,
    SentenceItem,
)
from ehcp_lint.plan import Plan, Section, SectionId
from ehcp_lint.ruleset import load_toml
from ehcp_lint.textfeatures import (
    Span,
    compile_patterns,
    phrase_pattern,
    split_sentences,
    terms,
    words,
)

PROVISION_SECTIONS = (SectionId.F, SectionId.G, SectionId.H1, SectionId.H2)
_TERMINAL = re.compile(r"[.!?\"'”’]\s*$")
_DIGIT = re.compile(r"\d")
_BRACKETED = re.compile(r"\([^()]*\)")


def extract_items(plan: Plan) -> PlanItems:
    """All the items of a plan; sections that are absent give no items."""
    return PlanItems(
        outcomes=extract_outcomes(plan.section(SectionId.E)),
        provisions=[
            item
            for section_id in PROVISION_SECTIONS
            for item in extract_provisions(plan.section(section_id))
        ],
        needs=extract_needs(plan.section(SectionId.B)),
        section_a_sentences=extract_sentences(plan.section(SectionId.A)),
    )


# --- block shapes --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Piece:
    """An exact span of one block (or of one of its cells) with the place a person finds it."""

    span: Span
    block: Block
    location: Location


@cache
def _verb_markers() -> re.Pattern[str]:
    return phrase_pattern(terms()["subheadings"]["verb_markers"])


def is_subheading(block: Block) -> bool:
    """A heading inside a section: styled as one, or a short unpunctuated line without a verb."""
    if block.kind is BlockKind.HEADING:
        return True
    if block.kind is BlockKind.TABLE_ROW:
        filled = [cell for cell in block.cells if cell.text.strip()]
        return len(filled) == 1 and len(block.cells) > 1 and _looks_like_title(filled[0].text)
    return block.kind is BlockKind.PARAGRAPH and _looks_like_title(block.text)


def _looks_like_title(text: str) -> bool:
    text = text.strip()
    # A gloss in brackets does not make a title a sentence: "Communication and interaction
    # (spoken language, listening and the social use of language)".
    if not text or len(_BRACKETED.sub(" ", text).split()) > terms()["subheadings"]["max_words"]:
        return False
    if text.endswith(":"):
        return True
    if _TERMINAL.search(text) or _DIGIT.search(text):
        return False
    # An indirect question is a title whatever verb it holds: "How you can understand me".
    return bool(_title_openers().match(text)) or not _verb_markers().search(text)


@cache
def _title_openers() -> re.Pattern[str]:
    return phrase_pattern(terms()["subheadings"]["title_openers"])


def title_text(block: Block) -> str:
    """A subheading's words without a trailing colon."""
    text = next((c.text for c in block.cells if c.text.strip()), block.text)
    return text.strip().rstrip(":").strip()


@cache
def _header_words() -> re.Pattern[str]:
    return phrase_pattern(terms()["tables"]["header_words"])


def is_header_row(block: Block) -> bool:
    """A table's header row: every filled cell short and made of column-title words."""
    filled = [cell.text.strip() for cell in block.cells if cell.text.strip()]
    if len(filled) < 2:
        return False
    if all(cell.bold or cell.shaded for cell in block.cells if cell.text.strip()) and all(
        len(text.split()) <= 6 for text in filled
    ):
        return True
    if all(len(text.split()) <= 8 and _header_words().search(text) for text in filled):
        return True
    # A plain-text table's first row has no bold: short titles, mostly column-title words.
    titled = sum(bool(_header_words().search(text)) for text in filled)
    return (
        block.location.row == 1
        and all(_looks_like_title(text) for text in filled)
        and 2 * titled >= len(filled)
    )


def cell_offsets(block: Block) -> list[tuple[Cell, int]]:
    """Each cell with the offset of its text inside the row's text."""
    offsets: list[tuple[Cell, int]] = []
    cursor = 0
    for cell in block.cells:
        found = block.text.find(cell.text, cursor) if cell.text else -1
        offsets.append((cell, max(found, 0)))
        if found >= 0:
            cursor = found + len(cell.text)
    return offsets


def _whole(block: Block) -> _Piece | None:
    sentences = split_sentences(block.text)
    if not sentences:
        return None
    span = Span(
        start=sentences[0].start,
        end=sentences[-1].end,
        text=block.text[sentences[0].start : sentences[-1].end],
    )
    return _Piece(span=span, block=block, location=block.location)


def _sentences(block: Block) -> list[_Piece]:
    return [
        _Piece(span=span, block=block, location=block.location)
        for span in split_sentences(block.text)
    ]


def _cell_sentences(block: Block, cell: Cell, offset: int) -> list[_Piece]:
    return [
        _Piece(span=span, block=block, location=cell.location)
        for span in split_sentences(cell.text, offset)
    ]


def _cell_lines(block: Block, cell: Cell, offset: int) -> list[_Piece]:
    """A cell's lines (bullets in a cell come through as lines)."""
    pieces: list[_Piece] = []
    cursor = 0
    for line in cell.text.split("\n"):
        stripped = line.strip().lstrip("•-–*·").strip()
        if stripped:
            start = offset + cursor + line.find(stripped)
            span = Span(start=start, end=start + len(stripped), text=stripped)
            pieces.append(_Piece(span=span, block=block, location=cell.location))
        cursor += len(line) + 1
    return pieces


def _item_fields(piece: _Piece, section: SectionId, heading: str | None) -> dict[str, object]:
    return {
        "text": piece.span.text,
        "section": section,
        "location": piece.location,
        "block_index": piece.block.index,
        "start": piece.span.start,
        "heading": heading,
    }


# --- Section A -----------------------------------------------------------------------------


def extract_sentences(section: Section) -> list[SentenceItem]:
    """Section A's sentences; a table row's first short cell is the label of the others."""
    items: list[SentenceItem] = []
    heading: str | None = None
    for block in section.blocks:
        if is_subheading(block):
            heading = title_text(block)
            continue
        for piece, label in _labelled_pieces(block, heading):
            items.append(SentenceItem(**_item_fields(piece, section.id, label)))
    return items


def _labelled_pieces(block: Block, heading: str | None) -> Iterator[tuple[_Piece, str | None]]:
    if not block.is_table_row:
        for piece in _sentences(block):
            yield piece, heading
        return
    cells = [(cell, offset) for cell, offset in cell_offsets(block) if cell.text.strip()]
    label = heading
    if len(cells) > 1 and _looks_like_title(cells[0][0].text):
        label = cells[0][0].text.strip().rstrip(":")
        cells = cells[1:]
    for cell, offset in cells:
        for piece in _cell_sentences(block, cell, offset):
            yield piece, label


# --- Section B -----------------------------------------------------------------------------


@cache
def _area_patterns() -> dict[NeedArea, re.Pattern[str]]:
    table = terms()["need_areas"]
    return {area: _keyword_pattern(table[area.value]) for area in NeedArea}


# A single keyword also matches its usual inflections ("calm": calming, calmer, calmed;
# "regulate": regulating, regulated); shorter words are left exact ("sit" is not "site").
_INFLECTED_MIN_LENGTH = 4
_INFLECTIONS = r"(?:s|es|ed|ing|er|ers)?"


def _keyword_pattern(keywords: list[str]) -> re.Pattern[str]:
    inflected = [k for k in keywords if k.isalpha() and len(k) >= _INFLECTED_MIN_LENGTH]
    stems = sorted({k[:-1] if k.endswith("e") else k for k in inflected}, key=len, reverse=True)
    exact = phrase_pattern([k for k in keywords if k not in inflected])
    forms = rf"\b(?:{'|'.join(map(re.escape, stems))})e?{_INFLECTIONS}\b"
    # Phrases first: "listening and attention" is one communication keyword, not "listening".
    return re.compile(rf"{exact.pattern}|{forms}", re.IGNORECASE)


def area_keyword_counts(text: str) -> dict[NeedArea, int]:
    """How many of each broad area's keywords a text uses. Where keywords of two areas overlap,
    the longer one counts alone: "emotional literacy" is emotional health, not literacy, and
    "social communication" is communication, not social."""
    counts = dict.fromkeys(NeedArea, 0)
    for _, area in _area_keyword_matches(text):
        counts[area] += 1
    return counts


@lru_cache(maxsize=8192)
def _area_keyword_matches(text: str) -> tuple[tuple[int, NeedArea], ...]:
    """Where each area keyword starts, the longer of two overlapping keywords alone. Cached:
    the golden thread asks again about the same need and item texts."""
    matches = sorted(
        (
            (match.start() - match.end(), match.start(), match.end(), area)
            for area, pattern in _area_patterns().items()
            for match in pattern.finditer(text)
        ),
        key=lambda found: found[:3],
    )
    taken = bytearray(len(text))  # 1 where a longer keyword already stands
    found: list[tuple[int, NeedArea]] = []
    for _, start, end, area in matches:
        if taken.find(1, start, end) == -1:
            taken[start:end] = b"\x01" * (end - start)
            found.append((start, area))
    return tuple(sorted(found, key=lambda item: item[0]))


def need_area(text: str) -> NeedArea | None:
    """The broad area of need whose keywords a text uses most (ties: statutory order)."""
    counts = area_keyword_counts(text)
    best = max(counts.values())
    return next(area for area, count in counts.items() if count == best) if best else None


def heading_area(heading: str) -> NeedArea | None:
    """The area a subheading names ("Communication and interaction", "SEMH", ...). Where the
    keywords of two areas tie, a heading leads with its area: "Learning and understanding" is
    learning (understanding may be of language too), "Language and learning" communication."""
    named = _named_area(heading)
    if named is not None:
        return named
    tied = top_areas(heading)
    return next((area for _, area in _area_keyword_matches(heading) if area in tied), None)


def heading_areas(heading: str) -> frozenset[NeedArea]:
    """Every area a subheading names: the one its title words name, else each area whose
    keywords it uses most ("Play and learning" is communication and learning alike)."""
    named = _named_area(heading)
    return frozenset({named}) if named is not None else top_areas(heading)


def top_areas(text: str) -> frozenset[NeedArea]:
    """Every area whose keywords the text uses most: more than one when they tie."""
    counts = area_keyword_counts(text)
    best = max(counts.values())
    return frozenset(area for area, count in counts.items() if best and count == best)


def _named_area(heading: str) -> NeedArea | None:
    """The area whose title's first word the heading uses, in any form ("communication",
    "communicating", "cognitive", "sensory"), unless the heading's keywords of another area
    outnumber that area's: a title word is one word of a list ("Conversation, social skills and
    understanding speech" is communication, two words to one)."""
    named = next((area for area in NeedArea if _title_word(area).search(heading)), None)
    if named is None:
        return None
    counts = area_keyword_counts(heading)
    return named if counts[named] >= max(counts.values()) else None


@cache
def _title_word(area: NeedArea) -> re.Pattern[str]:
    return re.compile(rf"\b{terms()['subheadings']['area_title_stems'][area.value]}", re.I)


def _pieces_under_headings(section: Section) -> Iterator[tuple[_Piece, Block, str | None]]:
    """Each sentence (of a paragraph) or whole block (list item, table row) with the subheading
    it sits under; subheadings and table header rows themselves are skipped."""
    heading: str | None = None
    for block in section.blocks:
        if is_subheading(block):
            heading = title_text(block)
            continue
        if block.is_table_row and is_header_row(block):
            continue
        pieces = _sentences(block) if block.kind is BlockKind.PARAGRAPH else [_whole(block)]
        for piece in pieces:
            if piece is not None:
                yield piece, block, heading


def extract_needs(section: Section) -> list[NeedItem]:
    """Needs from Section B; the area comes from the subheading, else from the text's words."""
    return [
        NeedItem(
            **_item_fields(piece, section.id, heading),
            area=(heading_area(heading) if heading else None) or need_area(piece.span.text),
        )
        for piece, _, heading in _pieces_under_headings(section)
    ]


# --- Sections F, G, H1, H2 -----------------------------------------------------------------


@cache
def _provision_extract_rules() -> dict[str, re.Pattern[str]]:
    data = load_toml("provision.toml")["extract"]
    amounts = terms()
    return {
        "nil": compile_patterns(data["nil_patterns"]),
        "negation": compile_patterns([*data["nil_negations"], *data["nil_answers"]]),
        "commits": compile_patterns(
            [
                *data["nil_commitments"],
                *amounts["frequency"]["patterns"],
                *amounts["duration"]["patterns"],
            ]
        ),
        "meta": compile_patterns(data["meta_patterns"]),
    }


def is_nil_statement(text: str) -> bool:
    """'None', 'No health provision is required', 'needs are met without services under ...':
    the section says there is no provision (set phrases, or by grammar: a negation reaching a
    provision or need noun in a statement that commits and quantifies nothing)."""
    rules = _provision_extract_rules()
    text = text.strip()
    if rules["nil"].search(text):
        return True
    return bool(rules["negation"].search(text)) and not rules["commits"].search(text)


def _is_provision_text(text: str) -> bool:
    text = text.strip()
    return bool(
        words(text)
        and not text.endswith(":")
        and not is_nil_statement(text)
        and not _provision_extract_rules()["meta"].search(text)
    )


@cache
def _provision_header_words() -> re.Pattern[str]:
    return phrase_pattern(
        [*terms()["tables"]["header_words"], *load_toml("provision.toml")["tables"]["header_words"]]
    )


def _is_provision_header(block: Block) -> bool:
    """A provision table's first row of short titles, half of them column titles ("Area |
    Programme or support | Staff member | Regularity | Minutes and group"): it heads the
    provision, it is not one. A row naming a number says how much, so it is provision."""
    filled = [cell.text.strip() for cell in block.cells if cell.text.strip()]
    if not block.is_table_row or block.location.row != 1 or len(filled) < 3:
        return False
    titled = sum(bool(_provision_header_words().search(text)) for text in filled)
    return all(_looks_like_title(text) for text in filled) and 2 * titled >= len(filled)


def extract_provisions(section: Section) -> list[ProvisionItem]:
    """Provision statements of one of F, G, H1, H2."""
    return [
        ProvisionItem(
            **_item_fields(piece, section.id, heading),
            cells=[cell.text for cell in block.cells] if block.is_table_row else [],
        )
        for piece, block, heading in _pieces_under_headings(section)
        if _is_provision_text(piece.span.text) and not _is_provision_header(block)
    ]


# --- Section E -----------------------------------------------------------------------------


@cache
def _outcome_extract_rules() -> dict[str, re.Pattern[str]]:
    data = load_toml("outcomes.toml")["extract"]
    return {
        "steps_heading": compile_patterns(data["steps_headings"]),
        "outcome_label": compile_patterns(data["outcome_labels"]),
        "numbering_heading": compile_patterns(data["numbering_headings"]),
        "meta": compile_patterns(data["meta_patterns"]),
        "heading_idiom": compile_patterns(data["heading_idioms"]),
    }


def is_outcome_subheading(block: Block) -> bool:
    """A subheading of Section E, including an aspiration-like title whose only verb is an idiom
    ("Living as independently as I can"): a title to group outcomes under, not one to judge."""
    if is_subheading(block):
        return True
    if block.kind is BlockKind.TABLE_ROW:
        return False
    return _looks_like_title(_outcome_extract_rules()["heading_idiom"].sub(" ", block.text))


def _column_role(header_text: str) -> str | None:
    table = terms()["tables"]
    # "What needs to happen first" is a column of steps, not of areas of need: "need" the verb
    # names no area.
    lowered = _NEED_AS_VERB.sub(" ", header_text.lower())
    for role in ("steps", "outcome", "group"):
        if any(word in lowered for word in table[f"{role}_column"]):
            return role
    return None


_NEED_AS_VERB = re.compile(r"needs?\s+to")


@dataclass
class _OutcomeWalk:
    """The state of a walk down Section E: where we are and what we have found."""

    section: SectionId
    group: str | None = None
    in_steps: bool = False
    steps_kind: BlockKind | None = None
    columns: dict[int | None, dict[int, str]] = field(default_factory=dict)
    items: list[OutcomeItem] = field(default_factory=list)

    def add_outcome(self, piece: _Piece) -> None:
        span = _without_label(piece.span)
        if span is None or _outcome_extract_rules()["meta"].search(span.text):
            return
        if span.text.endswith(":"):
            return
        piece = _Piece(span=span, block=piece.block, location=piece.location)
        fields = _item_fields(piece, self.section, self.group)
        self.items.append(OutcomeItem(**fields, group=self.group))
        self.in_steps = False

    def add_step(self, text: str) -> None:
        if self.items:
            self.items[-1].steps.append(text)


def _without_label(span: Span) -> Span | None:
    """The span after a leading "Outcome 1:" label, or None when only the label is there."""
    match = _outcome_extract_rules()["outcome_label"].match(span.text)
    if match is None:
        return span
    rest = span.text[match.end() :]
    stripped = rest.lstrip()
    if not stripped:
        return None
    start = span.start + match.end() + (len(rest) - len(stripped))
    return Span(start=start, end=span.end, text=stripped)


def extract_outcomes(section: Section) -> list[OutcomeItem]:
    """Outcomes of Section E with their steps and the need area or PfA heading above them."""
    walk = _OutcomeWalk(section=section.id)
    for block in section.blocks:
        if block.is_table_row:
            _outcome_row(walk, block)
        elif is_outcome_subheading(block):
            _outcome_subheading(walk, title_text(block))
        elif _outcome_extract_rules()["steps_heading"].match(block.text.strip()):
            walk.in_steps, walk.steps_kind = True, None
        elif walk.in_steps and walk.steps_kind in (None, block.kind):
            walk.steps_kind = block.kind
            walk.add_step(block.text.strip().lstrip("•-–*·").strip())
        elif block.kind is BlockKind.LIST_ITEM:
            piece = _whole(block)
            if piece is not None:
                walk.add_outcome(piece)
        else:
            for piece in _sentences(block):
                walk.add_outcome(piece)
    return walk.items


def _outcome_subheading(walk: _OutcomeWalk, title: str) -> None:
    rules = _outcome_extract_rules()
    if rules["steps_heading"].match(title):
        walk.in_steps, walk.steps_kind = True, None
        return
    walk.in_steps = False
    if not rules["numbering_heading"].fullmatch(title):
        walk.group = title


def _outcome_row(walk: _OutcomeWalk, block: Block) -> None:
    table = block.location.table
    if is_header_row(block):
        roles = {i: _column_role(cell.text) for i, cell in enumerate(block.cells)}
        if "outcome" in roles.values():  # otherwise guess row by row
            walk.columns[table] = {i: role for i, role in roles.items() if role}
        return
    if is_subheading(block):
        _outcome_subheading(walk, title_text(block))
        return
    roles = walk.columns.get(table) or _guess_columns(block)
    cells = cell_offsets(block)
    for index, (cell, _) in enumerate(cells):
        if roles.get(index) == "group" and cell.text.strip():
            walk.group = cell.text.strip().rstrip(":")
    for index, (cell, offset) in enumerate(cells):
        if roles.get(index) == "outcome":
            for piece in _cell_lines(block, cell, offset):
                walk.add_outcome(piece)
    for index, (cell, offset) in enumerate(cells):
        if roles.get(index) == "steps":
            for piece in _cell_lines(block, cell, offset):
                walk.add_step(piece.span.text)


def _guess_columns(block: Block) -> dict[int, str]:
    """No header row: a short first cell names the area; the first long cell is the outcome."""
    roles: dict[int, str] = {}
    texts = [cell.text.strip() for cell in block.cells]
    for index, text in enumerate(texts):
        if not text:
            continue
        # A title of six words or more ("Speaking, understanding and relating to others") is
        # still the area when a sentence follows it in the row.
        titled = _looks_like_title(text) and any(
            later and not _looks_like_title(later) for later in texts[index + 1 :]
        )
        if "outcome" not in roles.values() and len(text.split()) >= 6 and not titled:
            roles[index] = "outcome"
        elif "outcome" not in roles.values() and _looks_like_title(text):
            roles[index] = "group"
        elif "outcome" in roles.values() and len(text.split()) >= 4:
            roles[index] = "steps"
    return roles
