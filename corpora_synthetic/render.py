"""Lay a PlanSpec out as .docx, .pdf or .txt in one of the LA template styles.

Every SpecBlock text is written verbatim (a table row's cells joined with " | " is the row text),
so gold labels written from the spec are found again in the file. Output is byte-identical for
the same spec, template and format: fixed document dates and author, fixed zip entry times.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from corpora_synthetic.spec import SECTION_IDS, GoldSection, PlanSpec, SpecBlock
from corpora_synthetic.templates import CELL_SEPARATOR, TemplateStyle, get_template

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import _Cell
    from fpdf import FPDF

Format = Literal["docx", "pdf", "txt"]
FORMATS: tuple[Format, ...] = ("docx", "pdf", "txt")

AUTHOR = "ehcp-lint synthetic"
FIXED_DATE = datetime(2025, 1, 1, tzinfo=UTC)
ZIP_ENTRY_TIME = (2025, 1, 1, 0, 0, 0)
# Front-matter labels whose values go into the docx page footer (matched case-insensitively).
NAME_LABEL_WORD = "name"
PLAN_DATE_LABEL_WORDS = ("date of plan", "plan date", "date issued", "date of issue")


class RenderedPlan(BaseModel):
    """What was written: the file, and each rendered section's heading as a reader sees it."""

    plan_id: str
    template: str
    format: Format
    path: str
    headings: dict[str, str] = Field(
        description="Heading text per rendered section id, in the order the sections appear"
    )

    def gold_sections(self) -> list[GoldSection]:
        """All twelve sections in statutory order, present when rendered, with their heading."""
        return [
            GoldSection(id=sid, present=sid in self.headings, heading=self.headings.get(sid))
            for sid in SECTION_IDS
        ]


def heading_text(template: str, section_id: str) -> str:
    """The heading a section gets in a template (split cells joined with ' | ')."""
    if section_id not in SECTION_IDS:
        raise KeyError(f"unknown section id {section_id!r}; choose one of {SECTION_IDS}")
    return get_template(template).headings[section_id]


def render(spec: PlanSpec, template: str, fmt: Format, path: Path) -> RenderedPlan:
    """Write `spec` to `path` as `fmt` in the named template style (parent folders made).

    Raises KeyError for an unknown template, ValueError for a spec no layout can render
    faithfully (unknown or repeated section ids, ragged tables, line breaks inside a block) and,
    for pdf, for text outside latin-1. Nothing is written when it raises.
    """
    style = get_template(template)
    _check_spec(spec)
    if fmt not in _WRITERS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {FORMATS}")
    content = _WRITERS[fmt](spec, style)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return RenderedPlan(
        plan_id=spec.plan_id,
        template=style.name,
        format=fmt,
        path=str(path),
        headings={section.id: style.headings[section.id] for section in spec.sections},
    )


def _check_spec(spec: PlanSpec) -> None:
    """Reject specs that no layout could render faithfully (unknown ids, ragged tables)."""
    ids = [section.id for section in spec.sections]
    unknown = sorted(set(ids) - set(SECTION_IDS))
    if unknown:
        raise ValueError(f"plan {spec.plan_id}: unknown section ids {unknown}")
    if len(set(ids)) != len(ids):
        raise ValueError(f"plan {spec.plan_id}: a section id appears more than once")
    if any(_has_line_break(text) for pair in spec.front_matter for text in pair):
        raise ValueError(f"plan {spec.plan_id}: a front-matter label or value has a line break")
    for section in spec.sections:
        for block in section.blocks:
            if block.kind == "table" and not _is_rectangular(block):
                raise ValueError(
                    f"plan {spec.plan_id}: a table in section {section.id} has rows of "
                    "different lengths; give every row as many cells as the header"
                )
            if any(_has_line_break(text) for text in _block_texts(block)):
                raise ValueError(
                    f"plan {spec.plan_id}: a block in section {section.id} contains a line "
                    "break; split it into separate blocks (each block is one line of text)"
                )


def _has_line_break(text: str) -> bool:
    return bool(text) and text.splitlines() != [text]


def _block_texts(block: SpecBlock) -> list[str]:
    """The texts a block shows: its cells for a table, otherwise its text."""
    if block.kind == "table":
        return [cell for row in _table_rows(block) for cell in row]
    return [block.text]


def _is_rectangular(table: SpecBlock) -> bool:
    rows = _table_rows(table)
    return bool(rows) and all(len(row) == len(rows[0]) and row for row in rows)


def _table_rows(table: SpecBlock) -> list[list[str]]:
    """Header row (when there is one) followed by the body rows."""
    return ([table.header] if table.header else []) + table.rows


def _footer_text(spec: PlanSpec) -> str:
    """'<child's name> - <plan date>' from the front matter, when the front matter has them."""
    name = _front_matter_value(spec, lambda label: NAME_LABEL_WORD in label)
    plan_date = _front_matter_value(
        spec, lambda label: any(word in label for word in PLAN_DATE_LABEL_WORDS)
    )
    return " - ".join(part for part in (name, plan_date) if part) or spec.title


def _front_matter_value(spec: PlanSpec, label_matches: Callable[[str], bool]) -> str | None:
    return next(
        (value for label, value in spec.front_matter if label_matches(label.casefold())), None
    )


# --- txt -------------------------------------------------------------------------------------


def _render_txt(spec: PlanSpec, style: TemplateStyle) -> bytes:
    """UTF-8 text: one chunk per heading, paragraph, list or table, chunks split by a blank line."""
    chunks = [[style.txt_title_prefix + spec.title], _txt_front_matter(spec, style)]
    for section in spec.sections:
        chunks.append([_txt_heading(style, section.id)])
        chunks.extend(_txt_body_chunks(section.blocks, style))
    return ("\n\n".join("\n".join(chunk) for chunk in chunks if chunk) + "\n").encode("utf-8")


def _txt_front_matter(spec: PlanSpec, style: TemplateStyle) -> list[str]:
    separator = CELL_SEPARATOR if style.front_matter_layout == "table" else ": "
    return [f"{label}{separator}{value}" for label, value in spec.front_matter]


def _txt_heading(style: TemplateStyle, section_id: str) -> str:
    """A heading line; headings drawn in table cells keep a pipe border, like a table row."""
    if style.heading_layout in ("shaded_cell", "split_cells"):
        return f"| {CELL_SEPARATOR.join(style.heading_cells(section_id))} |"
    return style.txt_heading_prefix + style.headings[section_id]


def _txt_body_chunks(blocks: list[SpecBlock], style: TemplateStyle) -> Iterator[list[str]]:
    """Consecutive bullets form one list chunk; every other block is a chunk of its own."""
    for kind, run in groupby(blocks, key=lambda block: block.kind):
        if kind == "bullet":
            yield [f"- {block.text}" for block in run]
            continue
        for block in run:
            if block.kind == "table":
                yield [CELL_SEPARATOR.join(row) for row in _table_rows(block)]
            elif block.kind == "subheading":
                yield [style.txt_subheading_prefix + block.text]
            else:
                yield [block.text]


# --- docx ------------------------------------------------------------------------------------

DOCX_PAGE_CM = (21.0, 29.7)  # A4, as English LAs print; python-docx defaults to US Letter
DOCX_MARGIN_CM = 2.0
DOCX_TEXT_WIDTH_CM = DOCX_PAGE_CM[0] - 2 * DOCX_MARGIN_CM
DOCX_LETTER_CELL_CM = 1.5


def _render_docx(spec: PlanSpec, style: TemplateStyle) -> bytes:
    from docx import Document

    document = Document()
    _set_docx_properties(document, spec)
    _set_docx_page(document, spec, style)
    document.add_heading(spec.title, level=0)
    _docx_front_matter(document, spec, style)
    for section in spec.sections:
        _docx_heading(document, style, section.id)
        for block in section.blocks:
            _docx_block(document, block, style)
    buffer = io.BytesIO()
    document.save(buffer)
    return _with_fixed_zip_times(buffer.getvalue())


def _set_docx_properties(document: DocxDocument, spec: PlanSpec) -> None:
    properties = document.core_properties
    properties.author = AUTHOR
    properties.last_modified_by = AUTHOR
    properties.comments = ""
    properties.title = spec.title
    properties.created = FIXED_DATE
    properties.modified = FIXED_DATE
    properties.revision = 1


def _set_docx_page(document: DocxDocument, spec: PlanSpec, style: TemplateStyle) -> None:
    """A4 with the template's page header and a footer naming the child and the plan date."""
    from docx.shared import Cm

    page = document.sections[0]
    page.page_width, page.page_height = (Cm(size) for size in DOCX_PAGE_CM)
    page.left_margin = page.right_margin = Cm(DOCX_MARGIN_CM)
    page.header.paragraphs[0].text = style.page_header
    page.footer.paragraphs[0].text = _footer_text(spec)


def _docx_front_matter(document: DocxDocument, spec: PlanSpec, style: TemplateStyle) -> None:
    if style.front_matter_layout == "table":
        if spec.front_matter:
            _docx_table(document, [list(pair) for pair in spec.front_matter], bold_first_row=False)
        return
    for label, value in spec.front_matter:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}:").bold = True
        paragraph.add_run(f" {value}")


def _docx_heading(document: DocxDocument, style: TemplateStyle, section_id: str) -> None:
    text = style.headings[section_id]
    if style.heading_layout == "heading":
        document.add_heading(text, level=style.docx_heading_level)
    elif style.heading_layout == "bold":
        document.add_paragraph().add_run(text).bold = True
    else:
        cells = style.heading_cells(section_id)
        row = document.add_table(rows=1, cols=len(cells)).rows[0]
        for cell, cell_text in zip(row.cells, cells, strict=True):
            cell.paragraphs[0].add_run(cell_text).bold = True
            _shade_docx_cell(cell, style.shade_fill)
        if len(cells) == 2:
            _narrow_letter_cell(row.cells)


def _narrow_letter_cell(cells: list[_Cell]) -> None:
    """A split heading's letter cell is narrow and its title cell takes the rest of the row."""
    from docx.shared import Cm

    letter, title = cells
    letter.width = Cm(DOCX_LETTER_CELL_CM)
    title.width = Cm(DOCX_TEXT_WIDTH_CM - DOCX_LETTER_CELL_CM)


def _docx_block(document: DocxDocument, block: SpecBlock, style: TemplateStyle) -> None:
    if block.kind == "paragraph":
        document.add_paragraph(block.text)
    elif block.kind == "bullet":
        document.add_paragraph(block.text, style="List Bullet")
    elif block.kind == "subheading" and style.subheading_layout == "heading":
        document.add_heading(block.text, level=3)
    elif block.kind == "subheading":
        document.add_paragraph().add_run(block.text).bold = True
    else:
        _docx_table(document, _table_rows(block), bold_first_row=bool(block.header))


def _docx_table(document: DocxDocument, rows: list[list[str]], *, bold_first_row: bool) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for row_number, (row, texts) in enumerate(zip(table.rows, rows, strict=True)):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.paragraphs[0].add_run(text).bold = bold_first_row and row_number == 0


def _shade_docx_cell(cell: _Cell, fill: str) -> None:
    """Give a table cell a solid background fill (w:shd), as LA templates do for headings."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _with_fixed_zip_times(package: bytes) -> bytes:
    """Rewrite the .docx zip with fixed entry times (python-docx stamps the current time)."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=ZIP_ENTRY_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(entry))
    return output.getvalue()


# --- pdf -------------------------------------------------------------------------------------

PDF_LINE_HEIGHT_FACTOR = 0.5  # mm of line height per point of font size
PDF_BULLET_INDENT = 4  # mm from the left margin to the bullet marker
PDF_BULLET_MARKER_WIDTH = 6  # mm; wide enough that text extraction keeps a space after it
PDF_HEADING_KEEP_WITH_NEXT = 25  # mm: a heading this close to the page end starts a new page


def _render_pdf(spec: PlanSpec, style: TemplateStyle) -> bytes:
    _check_latin1(spec, style)
    pdf = _new_pdf(spec, style)
    pdf.add_page()
    _pdf_text(pdf, spec.title, size=style.pdf_heading_size + 4, bold=True)
    _pdf_front_matter(pdf, spec, style)
    for section in spec.sections:
        _pdf_heading(pdf, style, section.id)
        for block in section.blocks:
            _pdf_block(pdf, block, style)
    return bytes(pdf.output())


def _check_latin1(spec: PlanSpec, style: TemplateStyle) -> None:
    """The PDF core font Helvetica only has latin-1 glyphs; say which plan, never the text."""
    try:
        for text in _all_pdf_texts(spec, style):
            text.encode("latin-1")
    except UnicodeEncodeError:
        raise ValueError(
            f"plan {spec.plan_id}: text that is not latin-1 cannot be drawn in the PDF core "
            "font Helvetica; replace those characters (e.g. curly quotes, en dashes) or render "
            "as docx or txt"
        ) from None


def _all_pdf_texts(spec: PlanSpec, style: TemplateStyle) -> Iterator[str]:
    yield spec.title
    yield style.page_header
    for label, value in spec.front_matter:
        yield from (label, value)
    for section in spec.sections:
        yield style.headings[section.id]
        for block in section.blocks:
            yield from _block_texts(block)


def _new_pdf(spec: PlanSpec, style: TemplateStyle) -> FPDF:
    from fpdf import FPDF

    class PlanPdf(FPDF):
        """A4 pages with the template's header line and a 'Page N of M' footer on every page."""

        def header(self) -> None:
            self.set_font("Helvetica", "I", 8)
            self.cell(0, 6, style.page_header, align="C", new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", "I", 8)
            self.cell(0, 8, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = PlanPdf(format="A4")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_producer(AUTHOR)
    pdf.set_creator(AUTHOR)
    pdf.set_author(AUTHOR)
    pdf.set_title(spec.title)
    return pdf


def _line_height(size: float) -> float:
    return size * PDF_LINE_HEIGHT_FACTOR


def _pdf_text(pdf: FPDF, text: str, *, size: float, bold: bool = False) -> None:
    """A wrapped paragraph across the full text width, then a small gap."""
    pdf.set_font("Helvetica", "B" if bold else "", size)
    pdf.multi_cell(0, _line_height(size), text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _pdf_front_matter(pdf: FPDF, spec: PlanSpec, style: TemplateStyle) -> None:
    if style.front_matter_layout == "table":
        if spec.front_matter:
            rows = [list(pair) for pair in spec.front_matter]
            _pdf_table(pdf, rows, style, has_header=False, col_widths=(1, 2))
        return
    for label, value in spec.front_matter:
        _pdf_text(pdf, f"{label}: {value}", size=style.pdf_body_size)


def _pdf_heading(pdf: FPDF, style: TemplateStyle, section_id: str) -> None:
    if pdf.will_page_break(PDF_HEADING_KEEP_WITH_NEXT):
        pdf.add_page()
    else:
        pdf.ln(2)
    if style.heading_layout in ("heading", "bold"):
        _pdf_text(pdf, style.headings[section_id], size=style.pdf_heading_size, bold=True)
        return
    cells = style.heading_cells(section_id)
    pdf.set_font("Helvetica", "B", style.pdf_heading_size)
    with pdf.table(
        [cells],
        col_widths=(1, 14) if len(cells) == 2 else None,
        first_row_as_headings=False,
        cell_fill_color=style.pdf_shade_rgb,
        cell_fill_mode="ALL",
        text_align="LEFT",
        line_height=_line_height(style.pdf_heading_size),
    ):
        pass  # every row was given up front; fpdf2 draws the table when the block closes
    pdf.ln(2)


def _pdf_block(pdf: FPDF, block: SpecBlock, style: TemplateStyle) -> None:
    size = style.pdf_body_size
    if block.kind == "paragraph":
        _pdf_text(pdf, block.text, size=size)
    elif block.kind == "subheading":
        _pdf_text(pdf, block.text, size=size + 1, bold=True)
    elif block.kind == "bullet":
        pdf.set_font("Helvetica", "", size)
        pdf.set_x(pdf.l_margin + PDF_BULLET_INDENT)
        pdf.cell(PDF_BULLET_MARKER_WIDTH, _line_height(size), style.pdf_bullet)
        pdf.multi_cell(0, _line_height(size), block.text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    else:
        _pdf_table(pdf, _table_rows(block), style, has_header=bool(block.header))


def _pdf_table(
    pdf: FPDF,
    rows: list[list[str]],
    style: TemplateStyle,
    *,
    has_header: bool,
    col_widths: tuple[int, ...] | None = None,
) -> None:
    pdf.set_font("Helvetica", "", style.pdf_body_size)
    with pdf.table(
        rows,
        col_widths=col_widths,
        first_row_as_headings=has_header,
        text_align="LEFT",
        line_height=_line_height(style.pdf_body_size),
    ):
        pass  # every row was given up front; fpdf2 draws the table when the block closes
    pdf.ln(3)


_WRITERS: dict[Format, Callable[[PlanSpec, TemplateStyle], bytes]] = {
    "txt": _render_txt,
    "docx": _render_docx,
    "pdf": _render_pdf,
}
