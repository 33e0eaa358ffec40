"""Read PDF plans with pdfplumber: ruled tables become rows, the rest becomes paragraphs.

A PDF has no paragraphs, only positioned lines, so they are rebuilt from geometry and fonts:
a line carries on the paragraph above unless there is a bigger gap than the usual line pitch,
it starts with a bullet, its font changes (bold or size), or the line above stopped short of
the right edge although the first word of this line would have fitted there (so the break was
not a wrap). Lines repeated in the top or bottom margin of most pages (running headers, "Page 3
of 9") are kept apart from the body.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ehcp_lint.document import BlockKind, Cell, Document, Location, Source
from ehcp_lint.errors import (
    CorruptDocument,
    EmptyDocument,
    EncryptedDocument,
    NoTextLayer,
    TooLarge,
)
from ehcp_lint.ingest.blocks import BULLET_GLYPHS, BlockList

if TYPE_CHECKING:
    from pdfplumber.page import Page
    from pdfplumber.pdf import PDF

Box = tuple[float, float, float, float]  # x0, top, x1, bottom

MAX_PAGES = 500
# Fewer characters than this per page on average, with images present, means a scan.
MIN_CHARS_PER_PAGE = 10
MARGIN_BAND = 0.08
PAGE_NUMBER = re.compile(r"^(page\s*)?#+(\s*(of|/)\s*#+)?$")
# "o" is Courier's bullet; "(cid:n)" is a glyph the PDF gives no character for.
BULLET = re.compile(rf"^(?:[{BULLET_GLYPHS}*o\-]|\(cid:\d+\)|\d{{1,3}}[.)])\s+(\S.*)$")
NUMBERED = re.compile(r"^\d{1,3}[.)]\s")
LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
BOLD_FONT = re.compile(r"bold|black|heavy", re.IGNORECASE)
HEADING_SIZE_RATIO = 1.15
# Pitch (top to top) above this multiple of the document's usual pitch starts a paragraph.
# Lines of one paragraph keep an exact pitch, so a little extra space already means a new one.
PARAGRAPH_GAP_RATIO = 1.12
LINE_PITCH_PERCENTILE = 0.25
# Gap between characters, as a share of font size, that ends a word.
WORD_GAP = 0.2
# A space plus half an em of tolerance, in ems: writers wrap a little before the edge.
WRAP_SLACK = 0.75
SIZE_PRECISION = 0.5
# A one-cell table is at least this tall and wide (points) and covers at most this share of the
# page (a frame round the whole page is decoration, not a cell).
MIN_BOX_SIDE = 8
MAX_BOX_PAGE_SHARE = 0.5
# Characters whose tops differ by less than this (points) are on the same line.
LINE_TOLERANCE = 3


@dataclass
class _Line:
    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    bold: bool
    first_word_width: float
    right_edge: float = 0.0  # where this page's text column ends; set once the page is read


@dataclass(frozen=True)
class _CellContent:
    text: str
    bold: bool
    shaded: bool


@dataclass
class _TableRows:
    top: float
    rows: list[list[_CellContent | None]]  # None: covered by a merged cell to its left or above


@dataclass
class _Page:
    number: int
    height: float
    lines: list[_Line]
    tables: list[_TableRows]
    char_count: int
    has_images: bool


@dataclass
class _Margins:
    headers: list[str] = field(default_factory=list)
    footers: list[str] = field(default_factory=list)


def read_pdf(data: bytes, source: Source, *, max_pages: int | None = None) -> Document:
    limit = MAX_PAGES if max_pages is None else max_pages
    with _open(data, source.path, limit) as pdf:
        if len(pdf.pages) > limit:
            raise TooLarge(
                source.path, f"has more than {limit} pages", "split it or raise --max-pages"
            )
        if not pdf.pages:  # e.g. a cross-reference table pointing at the wrong bytes
            raise CorruptDocument(source.path, "has no pages that can be found")
        pages = [_read_page(page) for page in pdf.pages]
    _refuse_textless(pages, source.path)
    margins = _strip_running_lines(pages)
    layout = _Layout.measure(pages)
    builder = _BlockBuilder(layout)
    for page in pages:
        builder.add_page(page)
    builder.flush()
    return Document(
        source=source,
        blocks=builder.blocks.blocks,
        headers=margins.headers,
        footers=margins.footers,
        page_count=len(pages),
    )


def _open(data: bytes, path: str, max_pages: int) -> PDF:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        # Pages past the limit are counted but not loaded, so a huge file fails fast.
        return pdfplumber.open(io.BytesIO(data), pages=range(1, max_pages + 2))
    except PdfminerException as error:
        cause = error.args[0] if error.args else None
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise EncryptedDocument(path, "is password-protected") from None
        raise


def _read_page(page: Page) -> _Page:
    tables = page.find_tables()
    table_boxes = [table.bbox for table in tables]
    single_cells = _single_cell_boxes(page, table_boxes)
    boxes = table_boxes + single_cells
    outside = page.filter(lambda obj: obj["object_type"] != "char" or not _in_any(obj, boxes))
    text_chars = [char for char in page.chars if char["text"].strip()]
    lines = [_line(raw) for raw in outside.extract_text_lines(return_chars=True)]
    _set_right_edge(lines, float(page.width))
    rows = [_table_rows(page, table.bbox, table.rows) for table in tables]
    rows += [_table_rows(page, box, [_OneRow(box)]) for box in single_cells]
    return _Page(
        number=page.page_number,
        height=float(page.height),
        lines=lines,
        tables=rows,
        char_count=len(text_chars),
        has_images=bool(page.images),
    )


def _set_right_edge(lines: list[_Line], page_width: float) -> None:
    """The right edge of the text column: the furthest any line reaches, and at least as far
    from the page's right side as the text starts from its left (margins are nearly always
    symmetric). Without that floor a page of one-line paragraphs would have its longest line
    taken as "full", and the paragraph after it joined on as if wrapped.
    """
    if not lines:
        return
    edge = max(max(line.x1 for line in lines), page_width - min(line.x0 for line in lines))
    for line in lines:
        line.right_edge = edge


def _in_any(obj: dict[str, Any], boxes: list[Box]) -> bool:
    return any(_centre_inside(obj, box) for box in boxes)


def _centre_inside(obj: dict[str, Any], box: Box) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _line(raw: dict[str, Any]) -> _Line:
    chars = [char for char in raw["chars"] if char["text"].strip()]
    sizes = [char["size"] for char in chars] or [raw["bottom"] - raw["top"]]
    return _Line(
        text=spell_out_ligatures(raw["text"]).strip(),
        top=raw["top"],
        bottom=raw["bottom"],
        x0=raw["x0"],
        x1=raw["x1"],
        size=_rounded(statistics.median(sizes)),
        bold=bool(chars) and all(BOLD_FONT.search(char["fontname"]) for char in chars),
        first_word_width=_first_word_width(raw["chars"]),
    )


def _rounded(size: float) -> float:
    return round(size / SIZE_PRECISION) * SIZE_PRECISION


def _first_word_width(chars: list[dict[str, Any]]) -> float:
    ordered = sorted(chars, key=lambda char: char["x0"])
    if not ordered:
        return 0.0
    end = ordered[0]
    for char in ordered[1:]:
        if not char["text"].strip() or char["x0"] - end["x1"] > WORD_GAP * char["size"]:
            break
        end = char
    return float(end["x1"] - ordered[0]["x0"])


@dataclass(frozen=True)
class _OneRow:
    """A single-cell table's only row, shaped like pdfplumber's table rows."""

    box: Box

    @property
    def cells(self) -> list[Box | None]:
        return [self.box]


def _single_cell_boxes(page: Page, table_boxes: list[Box]) -> list[Box]:
    """Bordered or shaded boxes with text in them, outside the ruled tables.

    pdfplumber only reports tables of two or more cells, but LA templates often put a section
    heading in a one-cell shaded table; Word gives us that as a one-cell row, so the PDF should
    too. Boxes inside another box, and page-sized frames, are not cells.
    """
    page_area = float(page.width * page.height)
    candidates: set[Box] = set()
    for rect in page.rects:
        box = (rect["x0"], rect["top"], rect["x1"], rect["bottom"])
        width, height = box[2] - box[0], box[3] - box[1]
        visible = rect.get("stroke") or (rect.get("fill") and not _is_white(rect))
        if not visible or min(width, height) < MIN_BOX_SIDE:
            continue
        if width * height > MAX_BOX_PAGE_SHARE * page_area:
            continue
        if not any(_overlaps(box, table) for table in table_boxes):
            candidates.add(box)
    outermost = [
        box for box in candidates if not any(o != box and _contains(o, box) for o in candidates)
    ]
    with_text = [box for box in outermost if any(_centre_inside(c, box) for c in page.chars)]
    return sorted(with_text, key=lambda box: (box[1], box[0]))


def _overlaps(one: Box, other: Box) -> bool:
    return one[0] < other[2] and other[0] < one[2] and one[1] < other[3] and other[1] < one[3]


def _contains(outer: Box, inner: Box) -> bool:
    return (
        outer[0] <= inner[0]
        and outer[1] <= inner[1]
        and inner[2] <= outer[2]
        and inner[3] <= outer[3]
    )


def _table_rows(page: Page, bbox: Box, table_rows: Sequence[Any]) -> _TableRows:
    chars = [char for char in page.chars if _centre_inside(char, bbox)]
    fills = [rect for rect in page.rects if rect.get("fill") and not _is_white(rect)]
    rows: list[list[_CellContent | None]] = []
    for row in table_rows:
        cells: list[_CellContent | None] = []
        for box in row.cells:
            if box is None:
                cells.append(None)
                continue
            inside = [char for char in chars if _centre_inside(char, box)]
            printed = [char for char in inside if char["text"].strip()]
            cells.append(
                _CellContent(
                    text=_cell_text(inside, box),
                    bold=bool(printed) and all(BOLD_FONT.search(c["fontname"]) for c in printed),
                    shaded=any(_covers_centre(rect, box) for rect in fills),
                )
            )
        rows.append(cells)
    return _TableRows(top=float(bbox[1]), rows=rows)


def _cell_text(chars: list[dict[str, Any]], box: Box) -> str:
    """A cell's lines, wrapped lines joined with a space and real line breaks kept as "\n".

    A break is a wrap when the next line's first word would not have fitted on the line above;
    the cell's right padding is taken to equal its left padding.
    """
    from pdfplumber.utils import cluster_objects, extract_text

    if not chars:
        return ""
    lines = cluster_objects(chars, "top", tolerance=LINE_TOLERANCE)
    right = box[2] - (min(char["x0"] for char in chars) - box[0])
    parts = [extract_text(lines[0]).strip()]
    for above, line in itertools.pairwise(lines):
        text = extract_text(line).strip()
        end_above = max(char["x1"] for char in above)
        if _is_wrap(end_above, right, _first_word_width(line), line[0]["size"]):
            parts[-1] += " " + text
        else:
            parts.append(text)
    return spell_out_ligatures("\n".join(parts))


def spell_out_ligatures(text: str) -> str:
    """Typographic ligatures (from Calibri and friends) spelt out, so words match term lists."""
    return text.translate(LIGATURES)


def _is_wrap(end_above: float, right_edge: float, first_word_width: float, size: float) -> bool:
    """Whether a line break was a wrap: the next first word would not have fitted above."""
    return first_word_width + WRAP_SLACK * size > right_edge - end_above


def _covers_centre(rect: dict[str, Any], box: Box) -> bool:
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return rect["x0"] <= x <= rect["x1"] and rect["top"] <= y <= rect["bottom"]


def _is_white(rect: dict[str, Any]) -> bool:
    """White in grey (1), RGB (1, 1, 1) or CMYK (0, 0, 0, 0)."""
    colour = rect.get("non_stroking_color")
    if isinstance(colour, int | float):
        colour = (colour,)
    if not isinstance(colour, tuple | list) or not colour:
        return False
    if len(colour) == 4:
        return all(value == 0 for value in colour)
    return all(value == 1 for value in colour)


def _refuse_textless(pages: list[_Page], path: str) -> None:
    characters = sum(page.char_count for page in pages)
    if characters >= MIN_CHARS_PER_PAGE * max(len(pages), 1):
        return
    if any(page.has_images for page in pages):
        raise NoTextLayer(path, "has pages with images but (almost) no text")
    if characters == 0:
        raise EmptyDocument(path, "has no text")


def _margin_key(text: str) -> str:
    """Running-line identity: case, spacing and numbers (page numbers, dates) ignored."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _strip_running_lines(pages: list[_Page]) -> _Margins:
    """Remove running headers/footers from the pages' lines and return them, deduplicated."""
    # Keyed by margin too: a running header repeats in the top margin, a footer in the bottom
    # one; a paragraph that ends page 1 and is written again at the top of page 2 is neither.
    pages_with: Counter[tuple[bool, str]] = Counter()
    for page in pages:
        pages_with.update({_running_key(line, page) for line in _margin_lines(page)})
    margins = _Margins()
    seen: set[tuple[bool, str]] = set()
    for page in pages:
        running = [
            line
            for line in _margin_lines(page)
            if _is_running(_running_key(line, page), pages_with, len(pages))
        ]
        for line in running:
            page.lines.remove(line)
            key = _running_key(line, page)
            if key not in seen:
                seen.add(key)
                (margins.headers if key[0] else margins.footers).append(line.text)
    return margins


def _running_key(line: _Line, page: _Page) -> tuple[bool, str]:
    """(in the top half of the page, margin key): where a running line sits and what it says."""
    return line.top < page.height / 2, _margin_key(line.text)


def _margin_lines(page: _Page) -> Iterator[_Line]:
    band = MARGIN_BAND * page.height
    for line in page.lines:
        if line.top < band or line.bottom > page.height - band:
            yield line


def _is_running(
    key: tuple[bool, str], pages_with: Counter[tuple[bool, str]], page_count: int
) -> bool:
    repeated = pages_with[key] >= 2 and 2 * pages_with[key] > page_count
    return repeated or bool(PAGE_NUMBER.match(key[1]))


@dataclass(frozen=True)
class _Layout:
    """Document-wide measures that the paragraph rules compare each line against."""

    heading_levels: dict[float, int]
    line_pitch: dict[float, float]  # usual top-to-top distance of wrapped lines, by font size

    @classmethod
    def measure(cls, pages: list[_Page]) -> _Layout:
        lines = [line for page in pages for line in page.lines]
        weights: Counter[float] = Counter()
        for line in lines:
            weights[line.size] += len(line.text)
        body = max(weights, key=lambda size: (weights[size], -size), default=0.0)
        larger = sorted(
            {size for size in weights if size >= body * HEADING_SIZE_RATIO}, reverse=True
        )
        return cls(
            heading_levels={size: level for level, size in enumerate(larger, start=1)},
            line_pitch=_wrap_pitches(pages),
        )


def _wrap_pitches(pages: list[_Page]) -> dict[float, float]:
    """The usual top-to-top distance of wrapped lines, by font size. Measured on line pairs
    whose break looks like a wrap where there are any: in a plan of mostly one-line paragraphs
    and bullets, pitches between paragraphs outnumber wraps and would set the norm too wide
    (a bullet then joined the paragraph after it)."""
    all_pitches: dict[float, list[float]] = {}
    wrap_pitches: dict[float, list[float]] = {}
    for page in pages:
        for earlier, later in itertools.pairwise(page.lines):
            if earlier.size != later.size or later.top <= earlier.top:
                continue
            pitch = later.top - earlier.top
            all_pitches.setdefault(later.size, []).append(pitch)
            if _is_wrap(earlier.x1, earlier.right_edge, later.first_word_width, later.size):
                wrap_pitches.setdefault(later.size, []).append(pitch)
    return {
        size: _percentile(wrap_pitches.get(size) or found, LINE_PITCH_PERCENTILE)
        for size, found in all_pitches.items()
    }


def _percentile(values: list[float], share: float) -> float:
    return sorted(values)[int(share * len(values))]


@dataclass
class _OpenParagraph:
    kind: BlockKind
    location: Location
    lines: list[_Line]
    text: list[str]


class _BlockBuilder:
    """Places each page's tables and text lines in vertical order and emits blocks.

    A paragraph still open at the foot of a page carries on at the top of the next one when the
    first line there reads as its continuation; it keeps the location where it started.
    """

    def __init__(self, layout: _Layout) -> None:
        self.layout = layout
        self.blocks = BlockList()
        self.tables = 0
        self.open: _OpenParagraph | None = None
        self.page_number = 0
        self.paragraphs_on_page = 0

    def add_page(self, page: _Page) -> None:
        self.page_number = page.number
        self.paragraphs_on_page = 0
        items: list[tuple[float, int, _Line | _TableRows]] = [
            (line.top, 1, line) for line in page.lines
        ]
        items += [(table.top, 0, table) for table in page.tables]
        for position, (_, _, item) in enumerate(sorted(items, key=lambda entry: entry[:2])):
            if isinstance(item, _TableRows):
                self.flush()
                self._table(item)
            else:
                self._line(item, first_on_page=position == 0)

    def _table(self, table: _TableRows) -> None:
        self.tables += 1  # counted through the document, not per page
        for row_number, row in enumerate(table.rows, start=1):
            where = {"page": self.page_number, "table": self.tables, "row": row_number}
            cells = [
                Cell(
                    text=content.text,
                    bold=content.bold,
                    shaded=content.shaded,
                    location=Location(cell=position, **where),
                )
                for position, content in enumerate(row, start=1)
                if content is not None
            ]
            self.blocks.add_row(cells, Location(**where))

    def _line(self, line: _Line, first_on_page: bool) -> None:
        bullet = BULLET.match(line.text)
        heading = line.size in self.layout.heading_levels
        if self.open is not None and not bullet and self._continues(line, first_on_page):
            self.open.lines.append(line)
            self.open.text.append(line.text)
            return
        self.flush()
        self.paragraphs_on_page += 1
        location = Location(page=self.page_number, paragraph=self.paragraphs_on_page)
        if heading:
            self.open = _OpenParagraph(BlockKind.HEADING, location, [line], [line.text])
        elif bullet and not NUMBERED.match(line.text):
            self.open = _OpenParagraph(BlockKind.LIST_ITEM, location, [line], [bullet.group(1)])
        elif bullet:  # keep "1." in the text: numbered headings need it
            self.open = _OpenParagraph(BlockKind.LIST_ITEM, location, [line], [line.text])
        else:
            self.open = _OpenParagraph(BlockKind.PARAGRAPH, location, [line], [line.text])

    def _continues(self, line: _Line, first_on_page: bool) -> bool:
        assert self.open is not None
        previous = self.open.lines[-1]
        if (line.bold, line.size) != (previous.bold, previous.size):
            return False
        pitch = self.layout.line_pitch.get(line.size, 0.0)
        gap_too_big = line.top - previous.top > PARAGRAPH_GAP_RATIO * pitch
        if gap_too_big and not first_on_page:
            return False
        return _is_wrap(previous.x1, previous.right_edge, line.first_word_width, line.size)

    def flush(self) -> None:
        if self.open is None:
            return
        first = self.open.lines[0]
        is_heading = self.open.kind is BlockKind.HEADING
        self.blocks.add(
            self.open.kind,
            " ".join(self.open.text),
            self.open.location,
            heading_level=self.layout.heading_levels.get(first.size) if is_heading else None,
            bold=first.bold,
        )
        self.open = None
