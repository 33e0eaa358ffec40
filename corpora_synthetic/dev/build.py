"""Build the hand-written dev set (and the bundled sample plan) from their markup sources.

Each plan is written once by hand in `src/<plan_id>.txt` and laid out here as .txt, .docx and
.pdf. The layouts are deliberately our own, not those of corpora_synthetic/templates.py, so the
dev set tests ehcp_lint on LA templates the generator never produced.

Markup (one block per line; blank lines are ignored):

    @title <text>              document title (default "Education, Health and Care Plan")
    @template <name>           free-text template name, copied into the gold labels
    @headings <style>          word | bold | shaded | columns (how section headings look)
    @header <text>             page header repeated on every PDF page
    @meta <label> | <value>    one front-matter row
    # <text>                   section heading ("columns" style: "# E | Outcomes" = 2 cells)
    ## <text>                  subheading
    - <text>                   bullet
    | <a> | <b> | <c>          table row; consecutive rows are one table, the first is its header
    <anything else>            paragraph

Hand-written gold labels live beside each source in `src/<plan_id>.labels.toml` and are
assembled into `labels.json` (one GoldPlan per plan per format); see README.md for the notation.

Rebuilding gives byte-identical files: docx core properties, zip entry dates and the PDF
creation date are fixed.
"""

from __future__ import annotations

import io
import json
import sys
import tomllib
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal, get_args

from pydantic import BaseModel, Field

from ehcp_lint.gold import (
    GoldCorpus,
    GoldDefect,
    GoldOutcome,
    GoldPlan,
    GoldProvision,
    GoldSection,
    ProvisionElements,
    SmartLabel,
)

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import _Cell
    from fpdf import FPDF

DEV_DIR = Path(__file__).resolve().parent
SRC_DIR = DEV_DIR / "src"
PLANS_DIR = DEV_DIR / "plans"
LABELS_PATH = DEV_DIR / "labels.json"
EXAMPLES_DIR = DEV_DIR.parent.parent / "examples"
SAMPLE_SOURCE = EXAMPLES_DIR / "src" / "sample_plan.txt"

FORMATS = ("txt", "docx", "pdf")
SECTION_ORDER = ("A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K")
FIXED_DATE = datetime(2025, 1, 6, 9, 0, 0, tzinfo=UTC)
ZIP_DATE = (2025, 1, 6, 9, 0, 0)
LABELS_VERSION = "dev-handwritten-1"

HeadingStyle = Literal["word", "bold", "shaded", "columns"]
BlockKind = Literal["heading", "subheading", "paragraph", "bullet", "table"]

# Relative column widths: a narrow label column for front matter and the Section column.
FRONT_MATTER_WIDTHS = (3, 7)
SECTION_COLUMN_WIDTHS = (1, 6)
SHADE_HEX = "D9E2F3"
SHADE_RGB = (217, 226, 243)


class MarkupError(ValueError):
    """A markup source that cannot be built; the message names the file and line only."""


class DevBlock(BaseModel):
    kind: BlockKind
    text: str = ""
    cells: list[str] = Field(default_factory=list, description="Heading cells, columns style")
    rows: list[list[str]] = Field(default_factory=list, description="Table rows, header first")


class DevPlan(BaseModel):
    plan_id: str
    title: str = "Education, Health and Care Plan"
    template: str = ""
    heading_style: HeadingStyle = "word"
    header: str = ""
    front_matter: list[tuple[str, str]] = Field(default_factory=list)
    blocks: list[DevBlock] = Field(default_factory=list)


# ---------------------------------------------------------------- markup parsing


def _split_cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _apply_directive(plan: DevPlan, line: str) -> None:
    name, _, value = line[1:].partition(" ")
    value = value.strip()
    if name == "title":
        plan.title = value
    elif name == "template":
        plan.template = value
    elif name == "headings":
        if value not in get_args(HeadingStyle):
            raise MarkupError(f"unknown heading style {value!r}")
        plan.heading_style = value  # type: ignore[assignment]  # checked just above
    elif name == "header":
        plan.header = value
    elif name == "meta":
        cells = _split_cells(value)
        if len(cells) != 2:
            raise MarkupError("@meta needs exactly one '|' between label and value")
        plan.front_matter.append((cells[0], cells[1]))
    else:
        raise MarkupError(f"unknown directive @{name}")


def _parse_block(line: str, heading_style: HeadingStyle) -> DevBlock:
    if line.startswith("## "):
        return DevBlock(kind="subheading", text=line[3:].strip())
    if line.startswith("# "):
        cells = _split_cells(line[2:]) if heading_style == "columns" else []
        return DevBlock(kind="heading", text=" | ".join(cells) or line[2:].strip(), cells=cells)
    if line.startswith("- "):
        return DevBlock(kind="bullet", text=line[2:].strip())
    if line.startswith("|"):
        return DevBlock(kind="table", rows=[_split_cells(line)])
    return DevBlock(kind="paragraph", text=line.strip())


def parse_markup(path: Path) -> DevPlan:
    plan = DevPlan(plan_id=path.stem)
    previous_line = ""
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.rstrip()
        try:
            line.encode("latin-1")
        except UnicodeEncodeError as error:
            raise MarkupError(f"{path.name} line {number}: not latin-1 (core PDF fonts)") from error
        if line.startswith("@"):
            try:
                _apply_directive(plan, line)
            except MarkupError as error:
                raise MarkupError(f"{path.name} line {number}: {error}") from error
        elif line.startswith("|") and previous_line.startswith("|"):
            # Consecutive pipe rows form one table; a blank line starts a new one.
            plan.blocks[-1].rows.append(_split_cells(line))
        elif line:
            plan.blocks.append(_parse_block(line, plan.heading_style))
        previous_line = line
    return plan


# ---------------------------------------------------------------- plain text


def render_txt(plan: DevPlan) -> str:
    """Plain text: one block per line, a blank line between blocks, tables as pipe rows."""
    chunks = [plan.title]
    if plan.front_matter:
        chunks.append("\n".join(f"{label} | {value}" for label, value in plan.front_matter))
    for block in plan.blocks:
        if block.kind == "table":
            chunks.append("\n".join(" | ".join(row) for row in block.rows))
        elif block.kind == "bullet":
            chunks.append(f"- {block.text}")
        else:
            chunks.append(block.text)
    return "\n\n".join(chunks) + "\n"


# ---------------------------------------------------------------- Word


def _shade(cell: _Cell) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), SHADE_HEX)
    cell._tc.get_or_add_tcPr().append(shading)


def _set_cell(cell: _Cell, text: str, *, bold: bool, shaded: bool) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.add_run(text).bold = bold
    if shaded:
        _shade(cell)


def _docx_table(
    doc: DocxDocument,
    rows: list[list[str]],
    *,
    header: bool,
    shade_all: bool,
    widths: tuple[int, ...] | None = None,
) -> None:
    from docx.shared import Cm

    table = doc.add_table(rows=0, cols=len(rows[0]))
    table.style = "Table Grid"
    for number, row in enumerate(rows):
        emphasised = shade_all or (header and number == 0)
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            _set_cell(cell, text, bold=emphasised, shaded=emphasised)
    if widths:
        # Word reads widths per cell; the proportions match the PDF layout on a 16 cm body.
        for column, share in zip(table.columns, widths, strict=True):
            for cell in column.cells:
                cell.width = Cm(16 * share / sum(widths))
    doc.add_paragraph()  # Word needs a gap between tables


def _docx_bold_paragraph(doc: DocxDocument, text: str, size: int, italic: bool = False) -> None:
    from docx.shared import Pt

    run = doc.add_paragraph().add_run(text)
    run.bold = True
    run.italic = italic
    run.font.size = Pt(size)


def _docx_heading(doc: DocxDocument, block: DevBlock, style: HeadingStyle) -> None:
    if style == "word":
        doc.add_heading(block.text, level=1)
    elif style == "bold":
        _docx_bold_paragraph(doc, block.text, 13)
    elif style == "shaded":
        _docx_table(doc, [[block.text]], header=False, shade_all=True)
    else:
        _docx_table(doc, [block.cells], header=False, shade_all=True, widths=SECTION_COLUMN_WIDTHS)


def _docx_block(doc: DocxDocument, block: DevBlock, style: HeadingStyle) -> None:
    if block.kind == "heading":
        _docx_heading(doc, block, style)
    elif block.kind == "subheading":
        if style == "word":
            doc.add_heading(block.text, level=2)
        else:
            _docx_bold_paragraph(doc, block.text, 11, italic=True)
    elif block.kind == "bullet":
        doc.add_paragraph(block.text, style="List Bullet")
    elif block.kind == "table":
        _docx_table(doc, block.rows, header=True, shade_all=False)
    else:
        doc.add_paragraph(block.text)


def _fix_core_properties(doc: DocxDocument) -> None:
    properties = doc.core_properties
    naive = FIXED_DATE.replace(tzinfo=None)
    properties.author = "ehcp-lint dev set"
    properties.last_modified_by = "ehcp-lint dev set"
    properties.created = naive
    properties.modified = naive
    properties.last_printed = naive
    properties.revision = 1
    properties.title = "Education, Health and Care Plan"


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed entry dates: python-docx stamps entries with 'now'."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return output.getvalue()


def render_docx(plan: DevPlan) -> bytes:
    from docx import Document

    doc = Document()
    _fix_core_properties(doc)
    doc.add_heading(plan.title, level=0)
    if plan.front_matter:
        _docx_table(
            doc,
            [list(pair) for pair in plan.front_matter],
            header=False,
            shade_all=False,
            widths=FRONT_MATTER_WIDTHS,
        )
    for block in plan.blocks:
        _docx_block(doc, block, plan.heading_style)
    buffer = io.BytesIO()
    doc.save(buffer)
    return _normalise_zip(buffer.getvalue())


# ---------------------------------------------------------------- PDF

LINE_HEIGHT = 5.5


def _pdf_class() -> type[FPDF]:
    from fpdf import FPDF

    class PlanPdf(FPDF):
        """A4 with the LA's page header on every page and 'Page N of M' in the footer."""

        header_text = ""

        def header(self) -> None:
            self.set_font("Helvetica", "I", 8)
            self.set_y(8)
            self.cell(0, 5, self.header_text, align="C")
            self.set_y(20)

        def footer(self) -> None:
            self.set_y(-13)
            self.set_font("Helvetica", "I", 8)
            self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")

    return PlanPdf


def _pdf_table(
    pdf: FPDF,
    rows: list[list[str]],
    *,
    header: bool,
    shade_all: bool,
    widths: tuple[int, ...] | None = None,
) -> None:
    from fpdf.fonts import FontFace

    emphasis = FontFace(emphasis="BOLD", fill_color=SHADE_RGB)
    pdf.set_font("Helvetica", "", 9)
    with pdf.table(
        text_align="LEFT",
        line_height=4.5,
        first_row_as_headings=header,
        headings_style=emphasis,
        repeat_headings=0,
        col_widths=widths,
    ) as table:
        for row in rows:
            table_row = table.row()
            for text in row:
                table_row.cell(text, style=emphasis if shade_all else None)
    pdf.ln(3)


def _pdf_text(pdf: FPDF, text: str, style: str, size: int, indent: float = 0) -> None:
    pdf.set_font("Helvetica", style, size)
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(0, LINE_HEIGHT, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def _pdf_heading(pdf: FPDF, block: DevBlock, style: HeadingStyle) -> None:
    pdf.ln(2)
    if style == "word":
        _pdf_text(pdf, block.text, "B", 14)
    elif style == "bold":
        _pdf_text(pdf, block.text, "B", 12)
    elif style == "shaded":
        _pdf_table(pdf, [[block.text]], header=False, shade_all=True)
    else:
        _pdf_table(pdf, [block.cells], header=False, shade_all=True, widths=SECTION_COLUMN_WIDTHS)


def _pdf_block(pdf: FPDF, block: DevBlock, style: HeadingStyle) -> None:
    if block.kind == "heading":
        _pdf_heading(pdf, block, style)
    elif block.kind == "subheading":
        _pdf_text(pdf, block.text, "B" if style == "word" else "BI", 11)
    elif block.kind == "bullet":
        _pdf_text(pdf, f"- {block.text}", "", 10, indent=5)
    elif block.kind == "table":
        _pdf_table(pdf, block.rows, header=True, shade_all=False)
    else:
        _pdf_text(pdf, block.text, "", 10)


def render_pdf(plan: DevPlan) -> bytes:
    pdf = _pdf_class()(format="A4")
    pdf.header_text = plan.header or plan.title
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_author("ehcp-lint dev set")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, plan.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    if plan.front_matter:
        _pdf_table(
            pdf,
            [list(pair) for pair in plan.front_matter],
            header=False,
            shade_all=False,
            widths=FRONT_MATTER_WIDTHS,
        )
    for block in plan.blocks:
        _pdf_block(pdf, block, plan.heading_style)
    return bytes(pdf.output())


RENDERERS = {
    "txt": lambda plan: render_txt(plan).encode("utf-8"),
    "docx": render_docx,
    "pdf": render_pdf,
}


def render(plan: DevPlan, fmt: str) -> bytes:
    return RENDERERS[fmt](plan)


# ---------------------------------------------------------------- gold labels

SMART_LETTERS = {
    "S": "specific",
    "M": "measurable",
    "A": "achievable",
    "R": "relevant",
    "T": "time_bound",
}
ELEMENT_LETTERS = {"W": "what", "H": "who", "F": "frequency", "D": "duration", "G": "group_size"}


def _flags(letters: str, names: dict[str, str]) -> dict[str, bool]:
    unknown = set(letters) - set(names)
    if unknown:
        raise MarkupError(f"unknown label letters {sorted(unknown)}")
    return {name: letter in letters for letter, name in names.items()}


def _gold_outcome(raw: dict) -> GoldOutcome:
    smart = SmartLabel(**_flags(raw["smart"], SMART_LETTERS))
    not_outcome = raw.get("provision_not_outcome", False)
    return GoldOutcome(
        text=raw["text"],
        need_area=raw.get("need_area"),
        smart=smart,
        is_smart=all(smart.model_dump().values()) and not not_outcome,
        provision_not_outcome=not_outcome,
    )


def _gold_provision(raw: dict) -> GoldProvision:
    return GoldProvision(
        text=raw["text"],
        section=raw["section"],
        elements=ProvisionElements(**_flags(raw["elements"], ELEMENT_LETTERS)),
        hedge_terms=raw.get("hedges", []),
        is_specific=raw["specific"],
    )


def _gold_sections(headings: dict[str, str]) -> list[GoldSection]:
    return [
        GoldSection(id=section, present=section in headings, heading=headings.get(section))
        for section in SECTION_ORDER
    ]


def gold_plans(plan: DevPlan, labels_path: Path) -> list[GoldPlan]:
    """The hand-written labels of one plan, once for each of its three files."""
    raw = tomllib.loads(labels_path.read_text(encoding="utf-8"))
    content = {
        "plan_id": plan.plan_id,
        "template": plan.template,
        "split": "dev",
        "child_name": raw["child_name"],
        "age": raw.get("age"),
        "year_group": raw.get("year_group"),
        "need_areas": raw["need_areas"],
        "setting": raw["setting"],
        "sections": _gold_sections(raw["headings"]),
        "child_voice_present": raw["child_voice_present"],
        "voice_evidence": raw.get("voice", []),
        "pfa_required": raw.get("pfa_required"),
        "pfa_outcomes_present": raw["pfa_outcomes_present"],
        "outcomes": [_gold_outcome(item) for item in raw.get("outcomes", [])],
        "provisions": [_gold_provision(item) for item in raw.get("provisions", [])],
        "defects": [GoldDefect(**item) for item in raw.get("defects", [])],
        "grade": raw["grade"],
        "section_grades": raw["section_grades"],
    }
    return [GoldPlan(file=f"plans/{plan.plan_id}.{fmt}", format=fmt, **content) for fmt in FORMATS]


# ---------------------------------------------------------------- build


def dev_sources() -> list[Path]:
    return sorted(SRC_DIR.glob("dev*.txt"))


def build_outputs() -> Iterator[tuple[Path, bytes]]:
    """Every file the build writes, as (path, bytes), in a fixed order."""
    corpus_plans: list[GoldPlan] = []
    for source in dev_sources():
        plan = parse_markup(source)
        for fmt in FORMATS:
            yield PLANS_DIR / f"{plan.plan_id}.{fmt}", render(plan, fmt)
        corpus_plans.extend(gold_plans(plan, source.with_suffix(".labels.toml")))
    corpus = GoldCorpus(generator_version=LABELS_VERSION, seed=None, plans=corpus_plans)
    yield LABELS_PATH, (json.dumps(corpus.model_dump(mode="json"), indent=1) + "\n").encode()
    sample = parse_markup(SAMPLE_SOURCE)
    for fmt in FORMATS:
        yield EXAMPLES_DIR / f"sample_plan.{fmt}", render(sample, fmt)


def main() -> int:
    PLANS_DIR.mkdir(parents=True, exist_ok=True)
    for path, data in build_outputs():
        path.write_bytes(data)
        print(path.relative_to(DEV_DIR.parent.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
