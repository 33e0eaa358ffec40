"""Read .docx (and .docm/.dotx, macros ignored) plans with python-docx, walking the raw XML.

The body is walked element by element so paragraphs and tables stay in document order, and so
text that python-docx's high-level API skips is kept: content controls (`w:sdt`, common in LA
templates), tracked insertions, fields and hyperlinks. Merged table cells are emitted once.
Headers and footers are kept apart from the body.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docx.oxml.ns import qn

from ehcp_lint.document import BlockKind, Cell, Document, Location, Source
from ehcp_lint.ingest.blocks import BlockList

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from lxml.etree import _Element

CONTENT_TYPES = "[Content_Types].xml"
WORD_MAIN_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)
# python-docx refuses these main-part types although the XML is the same as a .docx.
OTHER_WORD_MAIN_CONTENT_TYPES = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
HEADER_FOOTER_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml": "header",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml": "footer",
}

P, TBL, TR, TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
SDT, SDT_CONTENT, CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
VAL = qn("w:val")
# Runs that are not part of this paragraph's visible text: text boxes anchored in it (their own
# paragraphs) and tracked deletions/moves away.
PARAGRAPH_RUNS = ".//w:r[not(ancestor::w:txbxContent or ancestor::w:del or ancestor::w:moveFrom)]"
TABLE_OF_CONTENTS = "Table of Contents"
HEADING_STYLE = re.compile(r"^heading\s*(\d)", re.IGNORECASE)
TITLE_STYLES = {"title"}
OUTLINE_BODY_TEXT = 9
FALSE_VALUES = {"0", "false", "off"}
NO_FILL = {"auto", "ffffff"}
MAX_STYLE_DEPTH = 20
NUMBERING_OFF = "0"


def read_docx(data: bytes, source: Source) -> Document:
    import docx

    document = docx.Document(io.BytesIO(_as_plain_docx(data)))
    styles = _StyleIndex.from_document(document)
    body = _BodyWalker(styles)
    body.walk(document.element.body)
    headers, footers = _headers_and_footers(document, styles)
    return Document(source=source, blocks=body.blocks.blocks, headers=headers, footers=footers)


def _as_plain_docx(data: bytes) -> bytes:
    """Relabel a macro-enabled or template main part as a plain document (in memory only)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        content_types = archive.read(CONTENT_TYPES).decode("utf-8")
        if not any(kind in content_types for kind in OTHER_WORD_MAIN_CONTENT_TYPES):
            return data
        for kind in OTHER_WORD_MAIN_CONTENT_TYPES:
            content_types = content_types.replace(kind, WORD_MAIN_CONTENT_TYPE)
        relabelled = io.BytesIO()
        with zipfile.ZipFile(relabelled, "w", zipfile.ZIP_DEFLATED) as copy:
            for member in archive.infolist():
                is_types = member.filename == CONTENT_TYPES
                copy.writestr(member, content_types if is_types else archive.read(member))
    return relabelled.getvalue()


@dataclass(frozen=True)
class _StyleInfo:
    name: str
    based_on: str | None
    bold: bool | None
    numbered: bool | None
    outline_level: int | None


@dataclass(frozen=True)
class _ParagraphStyle:
    """What a paragraph's style (with its base styles) says about it."""

    name: str | None
    bold: bool | None
    numbered: bool
    outline_level: int | None


class _StyleIndex:
    """Styles by id, resolved through `w:basedOn` so inherited bold/numbering count."""

    def __init__(self, styles: dict[str, _StyleInfo], default_paragraph: str | None) -> None:
        self.styles = styles
        self.default_paragraph = default_paragraph

    @classmethod
    def from_document(cls, document: DocxDocument) -> _StyleIndex:
        styles: dict[str, _StyleInfo] = {}
        default_paragraph: str | None = None
        for style_element in document.styles.element.findall(qn("w:style")):
            style_id = style_element.get(qn("w:styleId"))
            if not style_id:
                continue
            if style_element.get(qn("w:type")) == "paragraph" and _on(style_element, "w:default"):
                default_paragraph = style_id
            styles[style_id] = _StyleInfo(
                name=_ui_style_name(style_element, style_id),
                based_on=_child_val(style_element, "w:basedOn"),
                bold=_bold_in(style_element.find(qn("w:rPr"))),
                numbered=_numbering(style_element),
                outline_level=_outline_level(style_element.find(qn("w:pPr"))),
            )
        return cls(styles, default_paragraph)

    def chain(self, style_id: str | None) -> Iterator[_StyleInfo]:
        """The style and its bases, nearest first (bounded: files can hold basedOn cycles)."""
        for _ in range(MAX_STYLE_DEPTH):
            info = self.styles.get(style_id) if style_id else None
            if info is None:
                return
            yield info
            style_id = info.based_on

    def paragraph_style(self, paragraph: _Element) -> _ParagraphStyle:
        style_id = _child_val(paragraph.find(qn("w:pPr")), "w:pStyle") or self.default_paragraph
        chain = list(self.chain(style_id))
        return _ParagraphStyle(
            name=chain[0].name if chain else None,
            bold=next((info.bold for info in chain if info.bold is not None), None),
            numbered=next((info.numbered for info in chain if info.numbered is not None), False),
            outline_level=next(
                (info.outline_level for info in chain if info.outline_level is not None), None
            ),
        )

    def run_bold(self, run: _Element, paragraph_bold: bool | None) -> bool:
        """Direct formatting wins, then the character style, then the paragraph style."""
        properties = run.find(qn("w:rPr"))
        direct = _bold_in(properties)
        if direct is not None:
            return direct
        character_style = _child_val(properties, "w:rStyle")
        inherited = (info.bold for info in self.chain(character_style) if info.bold is not None)
        return next(inherited, paragraph_bold) or False


def _ui_style_name(style_element: _Element, style_id: str) -> str:
    """The name Word shows: built-in styles are stored lower-case ("heading 1")."""
    from docx.styles import BabelFish

    raw = _child_val(style_element, "w:name") or style_id
    return BabelFish.internal2ui(raw)


def _child_val(element: _Element | None, tag: str) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return child.get(VAL) if child is not None else None


def _on(element: _Element, attribute: str) -> bool:
    value = element.get(qn(attribute))
    return value is not None and value.lower() not in FALSE_VALUES


def _bold_in(run_properties: _Element | None) -> bool | None:
    bold = run_properties.find(qn("w:b")) if run_properties is not None else None
    if bold is None:
        return None
    value = bold.get(VAL)
    return value is None or value.lower() not in FALSE_VALUES


def _outline_level(paragraph_properties: _Element | None) -> int | None:
    value = _child_val(paragraph_properties, "w:outlineLvl")
    return int(value) if value is not None and value.isdigit() else None


def _content_children(element: _Element) -> Iterator[_Element]:
    """Children, looking through content controls and custom-XML wrappers to what they hold."""
    for child in element.iterchildren():
        if child.tag == SDT:
            if not _is_table_of_contents(child):
                content = child.find(SDT_CONTENT)
                if content is not None:
                    yield from _content_children(content)
        elif child.tag == CUSTOM_XML:
            yield from _content_children(child)
        else:
            yield child


def _is_table_of_contents(sdt: _Element) -> bool:
    """Word's generated contents list repeats every heading; it is navigation, not plan text."""
    gallery = sdt.find(f"{qn('w:sdtPr')}/{qn('w:docPartObj')}/{qn('w:docPartGallery')}")
    return gallery is not None and gallery.get(VAL) == TABLE_OF_CONTENTS


def _paragraph_text(paragraph: _Element) -> str:
    return "".join(run.text for run in paragraph.xpath(PARAGRAPH_RUNS)).strip()


class _BodyWalker:
    """Turns a story (body, header or footer) into blocks, numbering paragraphs and tables."""

    def __init__(self, styles: _StyleIndex) -> None:
        self.styles = styles
        self.blocks = BlockList()
        self.paragraph_count = 0
        self.table_count = 0

    def walk(self, container: _Element) -> None:
        for child in _content_children(container):
            if child.tag == P:
                self._paragraph(child)
            elif child.tag == TBL:
                self._table(child)

    def _paragraph(self, paragraph: _Element) -> None:
        # Every body paragraph counts, empty ones too, so the number matches Word's order.
        self.paragraph_count += 1
        text = _paragraph_text(paragraph)
        if not text:
            return
        style = self.styles.paragraph_style(paragraph)
        level = _heading_level(style, _outline_level(paragraph.find(qn("w:pPr"))))
        if level is not None:
            kind = BlockKind.HEADING
        elif _is_list_item(paragraph, style):
            kind = BlockKind.LIST_ITEM
        else:
            kind = BlockKind.PARAGRAPH
        self.blocks.add(
            kind,
            text,
            Location(paragraph=self.paragraph_count),
            style=style.name,
            heading_level=level,
            bold=self._all_bold([paragraph]),
        )

    def _all_bold(self, paragraphs: list[_Element]) -> bool:
        """Whether every run with text is bold, however the bold was applied."""
        runs = [
            (run, self.styles.paragraph_style(paragraph).bold)
            for paragraph in paragraphs
            for run in paragraph.xpath(PARAGRAPH_RUNS)
            if run.text.strip()
        ]
        return bool(runs) and all(self.styles.run_bold(run, bold) for run, bold in runs)

    def _table(self, table: _Element) -> None:
        self.table_count += 1
        table_number = self.table_count
        rows = [child for child in _content_children(table) if child.tag == TR]
        for row_number, row in enumerate(rows, start=1):
            where = {"table": table_number, "row": row_number}
            cells: list[Cell] = []
            nested: list[_Element] = []
            column = 1 + _grid_span(row.find(qn("w:trPr")), "w:gridBefore", default=0)
            for tc in (child for child in _content_children(row) if child.tag == TC):
                # A cell is numbered by the grid column it starts in, as a reader counts them.
                if not _continues_vertical_merge(tc):  # else its text is in the cell above
                    cells.append(self._cell(tc, Location(cell=column, **where)))
                    nested.extend(child for child in _content_children(tc) if child.tag == TBL)
                column += _grid_span(tc.find(qn("w:tcPr")), "w:gridSpan", default=1)
            self.blocks.add_row(cells, Location(**where))
            for inner in nested:
                self._table(inner)

    def _cell(self, tc: _Element, location: Location) -> Cell:
        paragraphs = [child for child in _content_children(tc) if child.tag == P]
        texts = [text for text in map(_paragraph_text, paragraphs) if text]
        return Cell(
            text="\n".join(texts),
            bold=self._all_bold(paragraphs),
            shaded=_is_shaded(tc),
            location=location,
        )


def _heading_level(style: _ParagraphStyle, direct_outline: int | None) -> int | None:
    """Heading N / Title styles, or any style or paragraph given an outline level."""
    name = style.name or ""
    match = HEADING_STYLE.match(name)
    if match:
        return int(match.group(1))
    if name.lower() in TITLE_STYLES:
        return 1
    outline = direct_outline if direct_outline is not None else style.outline_level
    if outline is not None and outline < OUTLINE_BODY_TEXT:
        return outline + 1
    return None


def _is_list_item(paragraph: _Element, style: _ParagraphStyle) -> bool:
    """Numbered or bulleted (directly or by style), or in a "List ..." style."""
    direct = _numbering(paragraph)
    numbered = style.numbered if direct is None else direct
    return numbered or "list" in (style.name or "").lower()


def _numbering(element: _Element) -> bool | None:
    """A paragraph's or style's own numbering: on, switched off (numId 0), or not set."""
    numbering = element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
    if numbering is None:
        return None
    return _child_val(numbering, "w:numId") != NUMBERING_OFF


def _grid_span(properties: _Element | None, tag: str, default: int) -> int:
    value = _child_val(properties, tag)
    return int(value) if value is not None and value.isdigit() else default


def _continues_vertical_merge(tc: _Element) -> bool:
    merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    return merge is not None and merge.get(VAL) != "restart"


def _is_shaded(tc: _Element) -> bool:
    shading = tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
    fill = shading.get(qn("w:fill")) if shading is not None else None
    return fill is not None and fill.lower() not in NO_FILL


def _headers_and_footers(
    document: DocxDocument, styles: _StyleIndex
) -> tuple[list[str], list[str]]:
    """Text of every header and footer part, one entry per paragraph or row, deduplicated."""
    found: dict[str, list[str]] = {"header": [], "footer": []}
    parts = sorted(document.part.package.iter_parts(), key=lambda part: str(part.partname))
    for part in parts:
        kind = HEADER_FOOTER_TYPES.get(part.content_type)
        if kind is None:
            continue
        story = _BodyWalker(styles)
        story.walk(part.element)
        for block in story.blocks.blocks:
            if block.text not in found[kind]:
                found[kind].append(block.text)
    return found["header"], found["footer"]
