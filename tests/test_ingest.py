"""Ingest: .docx, .pdf and .txt/.md plans become ordered blocks; bad files become clear errors.

Every fixture is built here, in tmp_path, with python-docx and fpdf2 the way plan writers' tools
produce them, so each test shows the input it is about.
"""

from __future__ import annotations

import functools
import io
import struct
import textwrap
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from fpdf import FPDF
from fpdf.fonts import FontFace
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from ehcp_lint.document import BlockKind, Document
from ehcp_lint.errors import (
    CorruptDocument,
    EhcpLintError,
    EmptyDocument,
    EncryptedDocument,
    FileNotFound,
    NoTextLayer,
    TooLarge,
    UnsupportedFormat,
)
from ehcp_lint.ingest import pdf_reader, read_document, sniff

WRAPPED_TEXT = (
    "Sam is a lively and sociable boy who loves trains, football and spending time with his "
    "grandad at the allotment, where he grows tomatoes and looks after the chickens every "
    "Saturday morning with great care and pride."
)


# ---------------------------------------------------------------------------------------------
# Builders
# ---------------------------------------------------------------------------------------------


def write_docx(
    tmp_path: Path, build: Callable[[docx.document.Document], None], name: str = "plan.docx"
) -> Path:
    document = docx.Document()
    build(document)
    path = tmp_path / name
    document.save(str(path))
    return path


def add_body_xml(document: docx.document.Document, xml: str) -> None:
    """Insert raw WordprocessingML (e.g. a content control) at the end of the body."""
    document.element.body.sectPr.addprevious(parse_xml(xml))


def shade(cell: docx.table._Cell, fill: str = "D9D9D9") -> None:
    cell._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')
    )


class PlanPdf(FPDF):
    """A council-style PDF: a running header and a "Page n of m" footer on every page."""

    def __init__(self, running_lines: bool) -> None:
        super().__init__()
        self.running_lines = running_lines
        self.core_fonts_encoding = "cp1252"  # so "•" can be written with Helvetica
        self.alias_nb_pages()
        self.set_auto_page_break(auto=True, margin=20)

    def header(self) -> None:
        if not self.running_lines:
            return
        self.set_font("Helvetica", "", 9)
        self.cell(0, 5, "Brookfield Council - EHC Plan - OFFICIAL SENSITIVE", new_y="NEXT")
        self.ln(4)

    def footer(self) -> None:
        if not self.running_lines:
            return
        self.set_y(-12)
        self.set_font("Helvetica", "", 9)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")

    def paragraph(self, text: str, *, style: str = "", size: int = 11, after: float = 3) -> None:
        self.set_font("Helvetica", style, size)
        self.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(after)


def write_pdf(
    tmp_path: Path,
    build: Callable[[PlanPdf], object],
    name: str = "plan.pdf",
    running_lines: bool = False,
) -> Path:
    pdf = PlanPdf(running_lines)
    pdf.add_page()
    build(pdf)
    path = tmp_path / name
    path.write_bytes(bytes(pdf.output()))
    return path


def ole2_file(stream_names: list[str], stream_data: bytes = b"") -> bytes:
    """A minimal, structurally valid OLE2 compound file holding empty streams with these names.

    olefile is not a dependency and cannot write, so the container is assembled by hand from
    the MS-CFB layout: a 512-byte header, one FAT sector, one directory sector (the root entry
    plus one entry per stream, chained as right siblings) and an optional data sector.
    """
    end_of_chain, free, fat_sector, no_stream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    header = bytearray(512)
    header[0:8] = sniff.OLE2_MAGIC
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 40, 0, 1, 1, 0, 4096, end_of_chain, 0, end_of_chain)
    struct.pack_into("<I", header, 72, 0)  # no DIFAT sectors
    struct.pack_into("<109I", header, 76, 0, *([free] * 108))  # FAT lives in sector 0
    fat = struct.pack("<128I", fat_sector, end_of_chain, end_of_chain, *([free] * 125))

    def entry(name: str, kind: int, right: int, child: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\0\0"
        record = bytearray(128)
        record[0 : len(encoded)] = encoded
        struct.pack_into("<HBB", record, 64, len(encoded), kind, 1)
        struct.pack_into("<III", record, 68, no_stream, right, child)
        struct.pack_into("<IQ", record, 116, end_of_chain, 0)
        return bytes(record)

    entries = [entry("Root Entry", 5, no_stream, 1 if stream_names else no_stream)]
    for position, name in enumerate(stream_names, start=1):
        right = position + 1 if position < len(stream_names) else no_stream
        entries.append(entry(name, 2, right, no_stream))
    directory = b"".join(entries).ljust(512, b"\0")
    return bytes(header) + fat + directory + stream_data.ljust(512, b"\0")


def png_bytes() -> bytes:
    image = Image.new("L", (240, 320), 255)
    ImageDraw.Draw(image).rectangle((20, 20, 220, 50), fill=0)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def texts(document: Document) -> list[str]:
    return [block.text for block in document.blocks]


# ---------------------------------------------------------------------------------------------
# .docx
# ---------------------------------------------------------------------------------------------


def test_docx_keeps_paragraphs_and_tables_in_document_order(tmp_path: Path) -> None:
    def build(document: docx.document.Document) -> None:
        document.add_paragraph("Before the table.")
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "Need", "Provision"
        table.cell(1, 0).text, table.cell(1, 1).text = "Reading", "Daily phonics, 20 minutes"
        document.add_paragraph("")
        document.add_paragraph("After the table.")

    result = read_document(write_docx(tmp_path, build))

    assert texts(result) == [
        "Before the table.",
        "Need | Provision",
        "Reading | Daily phonics, 20 minutes",
        "After the table.",
    ]
    assert [block.index for block in result.blocks] == [0, 1, 2, 3]
    row = result.blocks[2]
    assert row.kind is BlockKind.TABLE_ROW
    assert (row.location.table, row.location.row) == (1, 2)
    assert [(cell.text, cell.location.cell) for cell in row.cells] == [
        ("Reading", 1),
        ("Daily phonics, 20 minutes", 2),
    ]
    # The empty paragraph is skipped but still counted, so numbers match Word's paragraphs.
    assert result.blocks[3].location.paragraph == 3


def test_docx_heading_styles_become_headings_but_bold_lines_stay_paragraphs(
    tmp_path: Path,
) -> None:
    def build(document: docx.document.Document) -> None:
        document.add_heading("Education, Health and Care Plan", level=0)
        document.add_heading("Section A: All about me", level=1)
        document.add_heading("What people like about me", level=2)
        document.add_paragraph().add_run("Communication and interaction").bold = True
        document.add_paragraph("Sam talks in short sentences.")

    blocks = read_document(write_docx(tmp_path, build)).blocks

    assert [(b.kind, b.heading_level, b.style) for b in blocks[:3]] == [
        (BlockKind.HEADING, 1, "Title"),
        (BlockKind.HEADING, 1, "Heading 1"),
        (BlockKind.HEADING, 2, "Heading 2"),
    ]
    assert (blocks[3].kind, blocks[3].bold) == (BlockKind.PARAGRAPH, True)
    assert (blocks[4].kind, blocks[4].bold) == (BlockKind.PARAGRAPH, False)


def test_docx_bold_inherited_from_a_paragraph_style_counts(tmp_path: Path) -> None:
    from docx.enum.style import WD_STYLE_TYPE

    def build(document: docx.document.Document) -> None:
        style = document.styles.add_style("LA Subheading", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.font.bold = True
        document.add_paragraph("Cognition and learning", style="LA Subheading")

    block = read_document(write_docx(tmp_path, build)).blocks[0]

    assert (block.kind, block.bold, block.style) == (BlockKind.PARAGRAPH, True, "LA Subheading")


def test_docx_list_styles_and_numbering_make_list_items(tmp_path: Path) -> None:
    def build(document: docx.document.Document) -> None:
        document.add_paragraph("I like Lego", style="List Bullet")
        document.add_paragraph("I like swimming", style="List Number")
        numbered = document.add_paragraph("I like trains")  # Normal style, direct numbering
        numbered._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>')
        )
        document.add_paragraph("Sam enjoys school.")
        unnumbered = document.add_paragraph("Sam likes maths.")  # numbering switched off
        unnumbered._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="0"/></w:numPr>')
        )

    blocks = read_document(write_docx(tmp_path, build)).blocks

    assert [block.kind for block in blocks] == [
        BlockKind.LIST_ITEM,
        BlockKind.LIST_ITEM,
        BlockKind.LIST_ITEM,
        BlockKind.PARAGRAPH,
        BlockKind.PARAGRAPH,
    ]
    assert blocks[2].text == "I like trains"


def test_docx_merged_cells_appear_once(tmp_path: Path) -> None:
    def build(document: docx.document.Document) -> None:
        table = document.add_table(rows=3, cols=3)
        table.cell(0, 0).merge(table.cell(0, 2)).text = "Section F: Special educational provision"
        table.cell(1, 0).text = "Speech"
        table.cell(1, 1).text = "SALT 30 minutes weekly"
        table.cell(1, 2).merge(table.cell(2, 2)).text = "Speech and language therapist"
        table.cell(2, 0).text = "Social"
        table.cell(2, 1).text = "Lego group twice weekly"

    rows = read_document(write_docx(tmp_path, build)).blocks

    assert texts(read_document(write_docx(tmp_path, build))) == [
        "Section F: Special educational provision",
        "Speech | SALT 30 minutes weekly | Speech and language therapist",
        "Social | Lego group twice weekly",
    ]
    assert len(rows[0].cells) == 1
    # Cells are numbered by the column they start in, as a reader counts them.
    assert [cell.location.cell for cell in rows[2].cells] == [1, 2]
    assert [cell.location.cell for cell in rows[1].cells] == [1, 2, 3]


def test_docx_nested_table_rows_follow_their_outer_row(tmp_path: Path) -> None:
    def build(document: docx.document.Document) -> None:
        outer = document.add_table(rows=2, cols=2)
        outer.cell(0, 0).text, outer.cell(0, 1).text = "Outcome", "Steps"
        outer.cell(1, 0).text = "Read 100 words with 95% accuracy"
        inner = outer.cell(1, 1).add_table(rows=2, cols=1)
        inner.cell(0, 0).text = "Step 1: phonics phase 3"
        inner.cell(1, 0).text = "Step 2: phonics phase 4"
        document.add_table(rows=1, cols=1).cell(0, 0).text = "Second table"

    blocks = read_document(write_docx(tmp_path, build)).blocks

    assert [(b.text, b.location.table, b.location.row) for b in blocks] == [
        ("Outcome | Steps", 1, 1),
        ("Read 100 words with 95% accuracy", 1, 2),
        ("Step 1: phonics phase 3", 2, 1),
        ("Step 2: phonics phase 4", 2, 2),
        ("Second table", 3, 1),
    ]


def test_docx_cells_keep_shading_bold_and_line_breaks(tmp_path: Path) -> None:
    def build(document: docx.document.Document) -> None:
        table = document.add_table(rows=2, cols=2)
        for cell, text in zip(table.rows[0].cells, ["Section E", "Outcomes"], strict=True):
            cell.paragraphs[0].add_run(text).bold = True
            shade(cell)
        table.cell(1, 0).text = "By July 2026"
        table.cell(1, 1).text = "Sam will read 100 words."
        table.cell(1, 1).add_paragraph("Sam will write two sentences.")
        shade(table.cell(1, 0), fill="FFFFFF")  # white is no shading

    heading_row, body_row = read_document(write_docx(tmp_path, build)).blocks

    assert (heading_row.shaded, heading_row.bold) == (True, True)
    assert all(cell.shaded and cell.bold for cell in heading_row.cells)
    assert (body_row.shaded, body_row.bold) == (False, False)
    assert body_row.cells[1].text == "Sam will read 100 words.\nSam will write two sentences."


def test_docx_headers_and_footers_are_kept_out_of_the_body(tmp_path: Path) -> None:
    def build(document: docx.document.Document) -> None:
        section = document.sections[0]
        section.header.paragraphs[0].text = "EHC Plan - Sam Smith - OFFICIAL SENSITIVE"
        section.footer.paragraphs[0].text = "Brookfield Council SEND Team"
        section.different_first_page_header_footer = True
        section.first_page_header.paragraphs[0].text = "EHC Plan - Sam Smith - OFFICIAL SENSITIVE"
        document.add_paragraph("Sam loves trains.")

    result = read_document(write_docx(tmp_path, build))

    assert texts(result) == ["Sam loves trains."]
    assert result.headers == ["EHC Plan - Sam Smith - OFFICIAL SENSITIVE"]
    assert result.footers == ["Brookfield Council SEND Team"]


def test_docx_text_in_content_controls_is_kept(tmp_path: Path) -> None:
    def build(document: docx.document.Document) -> None:
        document.add_heading("Section A: All about me", level=1)
        add_body_xml(
            document,
            f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="Child\'s views"/></w:sdtPr>'
            "<w:sdtContent><w:p><w:r><w:t>I like building Lego.</w:t></w:r></w:p>"
            "</w:sdtContent></w:sdt>",
        )
        paragraph = document.add_paragraph("Date of birth: ")
        paragraph._p.append(
            parse_xml(
                f"<w:sdt {nsdecls('w')}><w:sdtContent><w:r><w:t>14/09/2016</w:t></w:r>"
                "</w:sdtContent></w:sdt>"
            )
        )

    blocks = read_document(write_docx(tmp_path, build)).blocks

    assert [block.text for block in blocks] == [
        "Section A: All about me",
        "I like building Lego.",
        "Date of birth: 14/09/2016",
    ]
    assert blocks[1].location.paragraph == 2


def test_docx_generated_table_of_contents_is_skipped(tmp_path: Path) -> None:
    def build(document: docx.document.Document) -> None:
        add_body_xml(
            document,
            f"<w:sdt {nsdecls('w')}><w:sdtPr><w:docPartObj>"
            '<w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr>'
            "<w:sdtContent><w:p><w:r><w:t>Section A: All about me ..... 2</w:t></w:r></w:p>"
            "</w:sdtContent></w:sdt>",
        )
        document.add_heading("Section A: All about me", level=1)

    assert texts(read_document(write_docx(tmp_path, build))) == ["Section A: All about me"]


def test_docx_tracked_insertions_are_text_but_deletions_are_not(tmp_path: Path) -> None:
    def build(document: docx.document.Document) -> None:
        paragraph = document.add_paragraph("Sam will have ")
        paragraph._p.append(
            parse_xml(
                f'<w:ins {nsdecls("w")} w:id="1" w:author="LA"><w:r><w:t>30 minutes of</w:t>'
                "</w:r></w:ins>"
            )
        )
        paragraph._p.append(
            parse_xml(
                f'<w:del {nsdecls("w")} w:id="2" w:author="LA"><w:r><w:delText> some</w:delText>'
                "</w:r></w:del>"
            )
        )
        paragraph.add_run(" support.")

    assert texts(read_document(write_docx(tmp_path, build))) == [
        "Sam will have 30 minutes of support."
    ]


def test_docm_is_read_as_docx_with_macros_ignored(tmp_path: Path) -> None:
    source = write_docx(tmp_path, lambda document: document.add_paragraph("Sam loves trains."))
    macro_enabled = tmp_path / "plan.docm"
    plain_type = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    macro_type = b"application/vnd.ms-word.document.macroEnabled.main+xml"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(macro_enabled, "w") as copy:
        for member in original.infolist():
            data = original.read(member)
            if member.filename == "[Content_Types].xml":
                assert plain_type in data
                data = data.replace(plain_type, macro_type)
            copy.writestr(member, data)
        copy.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro storage")

    result = read_document(macro_enabled)

    assert texts(result) == ["Sam loves trains."]
    assert result.source.format == "docx"
    with zipfile.ZipFile(macro_enabled) as unchanged:  # relabelled in memory only
        assert macro_type in unchanged.read("[Content_Types].xml")


# ---------------------------------------------------------------------------------------------
# .pdf
# ---------------------------------------------------------------------------------------------


def test_pdf_headings_bold_lines_and_wrapped_paragraphs(tmp_path: Path) -> None:
    def build(pdf: PlanPdf) -> None:
        pdf.paragraph("Section A: All about me", style="B", size=16)
        pdf.paragraph("Communication and interaction", style="B")
        pdf.paragraph(WRAPPED_TEXT)
        pdf.paragraph("Sam uses Makaton signs.")

    blocks = read_document(write_pdf(tmp_path, build)).blocks

    assert [block.text for block in blocks] == [
        "Section A: All about me",
        "Communication and interaction",
        WRAPPED_TEXT,
        "Sam uses Makaton signs.",
    ]
    assert (blocks[0].kind, blocks[0].heading_level, blocks[0].bold) == (
        BlockKind.HEADING,
        1,
        True,
    )
    assert (blocks[1].kind, blocks[1].bold) == (BlockKind.PARAGRAPH, True)
    assert (blocks[2].kind, blocks[2].bold) == (BlockKind.PARAGRAPH, False)
    assert [(b.location.page, b.location.paragraph) for b in blocks] == [
        (1, 1),
        (1, 2),
        (1, 3),
        (1, 4),
    ]


def test_pdf_one_line_paragraphs_with_spacing_stay_apart(tmp_path: Path) -> None:
    lines = [
        "I like being with my deaf friends at the Hearing Support Centre because it is easy.",
        "In mainstream lessons I get tired because I watch the interpreter and the board.",
    ]

    def build(pdf: PlanPdf) -> None:
        for line in lines:
            pdf.paragraph(line, after=2)

    assert texts(read_document(write_pdf(tmp_path, build))) == lines


def test_pdf_full_bullet_line_stays_apart_from_the_paragraph_after_it(tmp_path: Path) -> None:
    """In a plan of mostly one-line paragraphs the usual line pitch is measured on wrapped lines
    only: paragraph gaps, being the commonest pitch, would otherwise pass for wraps and join a
    bullet that reaches the right edge to the paragraph below it."""
    words = [
        "Dmitri",
        "will",
        "have",
        "a",
        "review",
        "of",
        "his",
        "splints",
        "with",
        "the",
        "orthotics",
        "service",
    ]
    after = "Occupational therapy to develop his fine motor skills will be provided weekly."
    bullet: list[str] = []

    def build(pdf: PlanPdf) -> None:
        for number in range(6):
            pdf.paragraph(f"Short line number {number} of the plan.", after=1)
        pdf.paragraph(WRAPPED_TEXT, after=1)
        pdf.set_font("Helvetica", "", 11)
        while pdf.get_string_width(" ".join(["\u2022", *bullet, "and"])) < pdf.epw - 2:
            bullet.append(words[len(bullet) % len(words)])  # fill the line to the right edge
        pdf.paragraph(" ".join(["\u2022", *bullet]), after=1)
        pdf.paragraph(after, after=1)

    blocks = read_document(write_pdf(tmp_path, build)).blocks

    assert [b.text for b in blocks[-2:]] == [" ".join(bullet), after]
    assert blocks[-3].text == " ".join(WRAPPED_TEXT.split())


def test_pdf_bullets_become_list_items_without_the_glyph(tmp_path: Path) -> None:
    def build(pdf: PlanPdf) -> None:
        pdf.paragraph("What I like", style="B")
        pdf.paragraph("\u2022 Playing football with my friends", after=0)
        pdf.paragraph("- Swimming on Saturdays", after=0)
        pdf.paragraph("1. Trains and buses", after=0)

    blocks = read_document(write_pdf(tmp_path, build)).blocks

    assert [(b.kind, b.text) for b in blocks[1:]] == [
        (BlockKind.LIST_ITEM, "Playing football with my friends"),
        (BlockKind.LIST_ITEM, "Swimming on Saturdays"),
        (BlockKind.LIST_ITEM, "1. Trains and buses"),  # numbers stay: "1) About me" headings
    ]


def test_pdf_tables_become_rows_at_their_position(tmp_path: Path) -> None:
    def build(pdf: PlanPdf) -> None:
        pdf.paragraph("Section F: Special educational provision", style="B")
        pdf.set_font("Helvetica", size=11)
        heading_style = FontFace(emphasis="BOLD", fill_color=(200, 200, 200))
        with pdf.table(headings_style=heading_style) as table:
            for values in [
                ("Need", "Provision", "Who"),
                ("Speech", "SALT 30 minutes weekly in a group of two pupils", "Therapist"),
            ]:
                row = table.row()
                for value in values:
                    row.cell(value)
        pdf.ln(4)
        pdf.paragraph("Provision is reviewed termly.")

    blocks = read_document(write_pdf(tmp_path, build)).blocks

    assert [block.text for block in blocks] == [
        "Section F: Special educational provision",
        "Need | Provision | Who",
        "Speech | SALT 30 minutes weekly in a group of two pupils | Therapist",
        "Provision is reviewed termly.",
    ]
    heading_row, body_row = blocks[1], blocks[2]
    assert (heading_row.bold, heading_row.shaded) == (True, True)
    assert (body_row.bold, body_row.shaded) == (False, False)
    assert body_row.location.model_dump(exclude_none=True) == {"page": 1, "table": 1, "row": 2}
    assert body_row.cells[1].location.cell == 2


def test_pdf_one_cell_shaded_box_is_a_one_cell_row_but_a_page_frame_is_not(
    tmp_path: Path,
) -> None:
    def build(pdf: PlanPdf) -> None:
        pdf.rect(5, 5, pdf.w - 10, pdf.h - 10)  # decorative frame round the page
        pdf.set_font("Helvetica", "B", 11)
        pdf.set_fill_color(217, 226, 243)
        pdf.cell(0, 8, "Section B: Special educational needs", border=1, fill=True, new_y="NEXT")
        pdf.ln(3)
        pdf.paragraph("Sam finds reading hard.")

    blocks = read_document(write_pdf(tmp_path, build)).blocks

    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.TABLE_ROW, "Section B: Special educational needs"),
        (BlockKind.PARAGRAPH, "Sam finds reading hard."),
    ]
    assert (blocks[0].shaded, blocks[0].bold, len(blocks[0].cells)) == (True, True, 1)


UNICODE_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@pytest.mark.skipif(not UNICODE_FONT.exists(), reason="needs a Unicode TrueType font")
def test_pdf_symbol_bullets_are_stripped(tmp_path: Path) -> None:
    def build(pdf: PlanPdf) -> None:
        pdf.add_font("DejaVu", fname=str(UNICODE_FONT))
        pdf.set_font("DejaVu", size=11)
        for text in ["\u27a2 Sam likes trains", "\u25aa Sam likes buses"]:
            pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")

    blocks = read_document(write_pdf(tmp_path, build)).blocks

    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.LIST_ITEM, "Sam likes trains"),
        (BlockKind.LIST_ITEM, "Sam likes buses"),
    ]


def test_pdf_ligature_characters_are_spelt_out() -> None:
    # Some PDF producers map ligature glyphs to U+FB01 etc.; term lists spell words out.
    assert pdf_reader.spell_out_ligatures("speci\ufb01c \ufb02exible o\ufb03ce") == (
        "specific flexible office"
    )


BODY_BY_PAGE = ["Sam enjoys school.", "Sam has a dog called Biscuit.", "Sam likes maths."]


def test_pdf_running_header_and_page_numbers_are_removed(tmp_path: Path) -> None:
    def build(pdf: PlanPdf) -> None:
        for number, text in enumerate(BODY_BY_PAGE, start=1):
            pdf.paragraph(text)
            if number < len(BODY_BY_PAGE):
                pdf.add_page()

    result = read_document(write_pdf(tmp_path, build, running_lines=True))

    assert texts(result) == BODY_BY_PAGE
    assert result.headers == ["Brookfield Council - EHC Plan - OFFICIAL SENSITIVE"]
    assert result.footers == ["Page 1 of 3"]
    assert result.page_count == 3
    assert [block.location.page for block in result.blocks] == [1, 2, 3]


def test_pdf_paragraph_broken_by_a_page_continues(tmp_path: Path) -> None:
    def build(pdf: PlanPdf) -> None:
        pdf.set_y(pdf.h - 40)  # two lines from the bottom margin: the paragraph must break
        pdf.paragraph(WRAPPED_TEXT + " " + WRAPPED_TEXT)
        pdf.paragraph("Sam uses Makaton signs.")

    result = read_document(write_pdf(tmp_path, build, running_lines=True))

    assert texts(result) == [WRAPPED_TEXT + " " + WRAPPED_TEXT, "Sam uses Makaton signs."]
    assert result.blocks[0].location.page == 1
    assert (result.blocks[1].location.page, result.blocks[1].location.paragraph) == (2, 1)


def test_pdf_paragraph_repeated_across_a_page_break_is_kept_twice(tmp_path: Path) -> None:
    """The last line of page 1 written again as the first of page 2 is a duplicated paragraph
    (CON004 must see both), not a running header or footer: those keep their margin."""
    repeated = "Sam finds it hard to wait for a turn in group games."

    def build(pdf: PlanPdf) -> None:
        pdf.paragraph("Sam is a friendly boy who likes trains.")
        pdf.set_y(pdf.h - 28)
        pdf.paragraph(repeated)
        pdf.add_page()
        pdf.paragraph(repeated)
        pdf.paragraph("Sam uses Makaton signs.")

    result = read_document(write_pdf(tmp_path, build))

    assert texts(result).count(repeated) == 2
    assert result.headers == [] and result.footers == []


# ---------------------------------------------------------------------------------------------
# .txt / .md
# ---------------------------------------------------------------------------------------------


def write_text(tmp_path: Path, text: str, name: str = "plan.txt", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_text_hard_wrapped_paragraphs_are_joined(tmp_path: Path) -> None:
    second = "He communicates using short sentences and Makaton signs, and he enjoys music."
    text = textwrap.fill(WRAPPED_TEXT, 60) + "\n\n" + textwrap.fill(second, 60) + "\n"

    result = read_document(write_text(tmp_path, text))

    assert texts(result) == [WRAPPED_TEXT, second]
    assert [(b.location.line, b.location.paragraph) for b in result.blocks] == [(1, 1), (6, 2)]


def test_text_one_paragraph_per_line_stays_apart(tmp_path: Path) -> None:
    lines = [
        "Section B: Special educational needs",
        "Cognition and learning",
        "Sam reads at a level typical of a child two years younger and finds spelling hard.",
        "Communication and interaction",
        "Sam takes longer than his peers to process spoken instructions of more than two parts.",
    ]

    result = read_document(write_text(tmp_path, "\n".join(lines)))

    assert texts(result) == lines
    assert [block.location.line for block in result.blocks] == [1, 2, 3, 4, 5]


def test_text_short_line_between_blank_lines_is_its_own_block(tmp_path: Path) -> None:
    text = "What people like about me\n\nEveryone says Sam has the best laugh in the room.\n"

    blocks = read_document(write_text(tmp_path, text)).blocks

    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.PARAGRAPH, "What people like about me"),
        (BlockKind.PARAGRAPH, "Everyone says Sam has the best laugh in the room."),
    ]


def test_text_bullets_and_numbered_items(tmp_path: Path) -> None:
    text = (
        "What I like\n"
        "- Lego\n"
        "* Swimming on Saturdays with my dad and my sister, especially when we go down\n"
        "  the big slide.\n"
        "• Trains\n"
        "1. Reading with Mum\n"
        "2) Football\n"
    )

    blocks = read_document(write_text(tmp_path, text)).blocks

    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.PARAGRAPH, "What I like"),
        (BlockKind.LIST_ITEM, "Lego"),
        (
            BlockKind.LIST_ITEM,
            "Swimming on Saturdays with my dad and my sister, especially when we go down "
            "the big slide.",
        ),
        (BlockKind.LIST_ITEM, "Trains"),
        (BlockKind.LIST_ITEM, "1. Reading with Mum"),
        (BlockKind.LIST_ITEM, "2) Football"),
    ]


def test_text_pipe_tables_become_rows(tmp_path: Path) -> None:
    text = (
        "| Need | Provision | Who |\n"
        "|------|:---------:|-----|\n"
        "| Speech | SALT 30 minutes weekly | Therapist |\n"
        "\n"
        "Advice | Date\n"
        "EP advice | 3 February 2025\n"
    )

    rows = read_document(write_text(tmp_path, text, name="plan.md")).blocks

    assert [(r.kind, r.text, r.location.table, r.location.row) for r in rows] == [
        (BlockKind.TABLE_ROW, "Need | Provision | Who", 1, 1),
        (BlockKind.TABLE_ROW, "Speech | SALT 30 minutes weekly | Therapist", 1, 2),
        (BlockKind.TABLE_ROW, "Advice | Date", 2, 1),
        (BlockKind.TABLE_ROW, "EP advice | 3 February 2025", 2, 2),
    ]
    assert [(c.text, c.location.cell, c.location.line) for c in rows[1].cells] == [
        ("Speech", 1, 3),
        ("SALT 30 minutes weekly", 2, 3),
        ("Therapist", 3, 3),
    ]


def test_text_copied_from_word_tables_and_bullets_uses_tabs(tmp_path: Path) -> None:
    text = "Need\tProvision\t\tWho\nSpeech\tSALT weekly\t\tTherapist\n\n\u2022\tSam likes Lego\n"

    blocks = read_document(write_text(tmp_path, text)).blocks

    assert [(b.kind, b.text, b.location.table) for b in blocks] == [
        (BlockKind.TABLE_ROW, "Need | Provision | Who", 1),
        (BlockKind.TABLE_ROW, "Speech | SALT weekly | Therapist", 1),
        (BlockKind.LIST_ITEM, "Sam likes Lego", None),
    ]


def test_markdown_and_underlined_headings(tmp_path: Path) -> None:
    text = (
        "# Education, Health and Care Plan\n\n"
        "## Section A: All about me ##\n\n"
        "Section B: Special educational needs\n"
        "====================================\n\n"
        "Communication\n"
        "-------------\n\n"
        "**Cognition and learning**\n\n"
        "---\n\n"
        "Sam reads well.\n"
    )

    result = read_document(write_text(tmp_path, text, name="plan.md"))

    assert [(b.kind, b.heading_level, b.bold, b.text) for b in result.blocks] == [
        (BlockKind.HEADING, 1, False, "Education, Health and Care Plan"),
        (BlockKind.HEADING, 2, False, "Section A: All about me"),
        (BlockKind.HEADING, 1, False, "Section B: Special educational needs"),
        (BlockKind.HEADING, 2, False, "Communication"),
        (BlockKind.PARAGRAPH, None, True, "Cognition and learning"),
        (BlockKind.PARAGRAPH, None, False, "Sam reads well."),
    ]
    assert result.source.format == "md"
    assert result.blocks[2].location.line == 5


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("cp1252", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b"")],
    ids=["windows-1252", "utf-8 with BOM", "utf-16 with BOM"],
)
def test_text_encodings(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    text = "Zoë’s café visit – “a great day” costs £5.\r\n"
    path = tmp_path / "plan.txt"
    path.write_bytes(prefix + text.encode(encoding))

    assert texts(read_document(path)) == [text.strip()]


# ---------------------------------------------------------------------------------------------
# Source and file handling
# ---------------------------------------------------------------------------------------------


def test_source_describes_the_file_and_the_file_is_left_alone(tmp_path: Path) -> None:
    import hashlib

    path = write_text(tmp_path, "Sam loves trains.\n")
    before = (path.read_bytes(), path.stat().st_mtime_ns, sorted(tmp_path.iterdir()))

    source = read_document(path).source

    assert source.model_dump() == {
        "path": str(path),
        "format": "txt",
        "sha256": hashlib.sha256(b"Sam loves trains.\n").hexdigest(),
        "size_bytes": 18,
    }
    assert (path.read_bytes(), path.stat().st_mtime_ns, sorted(tmp_path.iterdir())) == before


def test_a_file_is_read_by_its_content_not_its_extension(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path, lambda p: p.paragraph("Sam loves trains."))
    word = write_docx(tmp_path, lambda document: document.add_paragraph("Sam loves buses."))
    pdf_named_docx = tmp_path / "really_a_pdf.docx"
    pdf_named_docx.write_bytes(pdf.read_bytes())
    docx_named_txt = tmp_path / "really_a_docx.txt"
    docx_named_txt.write_bytes(word.read_bytes())

    assert read_document(pdf_named_docx).source.format == "pdf"
    assert texts(read_document(pdf_named_docx)) == ["Sam loves trains."]
    assert texts(read_document(docx_named_txt)) == ["Sam loves buses."]


# ---------------------------------------------------------------------------------------------
# Bad input: each kind raises its own error, naming the file and never quoting it
# ---------------------------------------------------------------------------------------------


def assert_refused(path: Path, error: type[EhcpLintError], **kwargs: int) -> EhcpLintError:
    with pytest.raises(error) as raised:
        read_document(path, **kwargs)
    message = str(raised.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    return raised.value


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert_refused(tmp_path / "nowhere.docx", FileNotFound)
    folder = tmp_path / "plans.docx"
    folder.mkdir()
    assert "folder" in assert_refused(folder, FileNotFound).reason


@pytest.mark.parametrize(
    ("name", "content"),
    [("", b""), ("", b"  \r\n\t\n"), ("", "\ufeff\n".encode())],
    ids=["0 bytes", "whitespace", "BOM only"],
)
def test_empty_text_file(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(content)
    assert_refused(path, EmptyDocument)


def test_docx_and_pdf_without_text_are_empty(tmp_path: Path) -> None:
    assert_refused(write_docx(tmp_path, lambda document: None), EmptyDocument)
    assert_refused(write_pdf(tmp_path, lambda pdf: None), EmptyDocument)


def test_image_and_other_zip_files_are_unsupported(tmp_path: Path) -> None:
    image = tmp_path / "scan.png"
    image.write_bytes(png_bytes())
    workbook = tmp_path / "tracker.xlsx"
    with zipfile.ZipFile(workbook, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    archive_path = tmp_path / "plans.zip"
    with zipfile.ZipFile(archive_path, "w") as archive:
        archive.writestr("plan.txt", "Sam loves trains.")

    assert_refused(image, UnsupportedFormat)
    assert "Excel" in assert_refused(workbook, UnsupportedFormat).reason
    assert_refused(archive_path, UnsupportedFormat)


def test_binary_data_in_a_text_file_is_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(b"Sam\x00\x01\x02\x03 loves trains" * 20)
    assert_refused(path, UnsupportedFormat)


def test_old_word_doc_is_unsupported_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "plan.doc"
    path.write_bytes(ole2_file(["WordDocument", "1Table", "\x05SummaryInformation"]))

    error = assert_refused(path, UnsupportedFormat)

    assert "save it as .docx" in error.message


def test_password_protected_word_file_is_encrypted(tmp_path: Path) -> None:
    # Word saves a password-protected .docx as an OLE2 file with an EncryptedPackage stream.
    path = tmp_path / "plan.docx"
    path.write_bytes(ole2_file(["EncryptionInfo", "EncryptedPackage"]))
    assert_refused(path, EncryptedDocument)


def test_doc_that_only_mentions_encryption_in_its_text_is_not_encrypted(tmp_path: Path) -> None:
    # The name in a stream's data, off the 128-byte entry grid, is not a directory entry.
    text = b"x" + "EncryptedPackage".encode("utf-16-le")
    path = tmp_path / "plan.doc"
    path.write_bytes(ole2_file(["WordDocument"], stream_data=text))
    assert_refused(path, UnsupportedFormat)


def test_encrypted_pdf_needs_its_password_removed(tmp_path: Path) -> None:
    def build(pdf: PlanPdf) -> None:
        pdf.paragraph("Sam loves trains.")
        pdf.set_encryption(owner_password="council", user_password="secret")

    assert_refused(write_pdf(tmp_path, build), EncryptedDocument)


def test_pdf_with_only_an_owner_password_opens(tmp_path: Path) -> None:
    def build(pdf: PlanPdf) -> None:
        pdf.paragraph("Sam loves trains.")
        pdf.set_encryption(owner_password="council")

    assert texts(read_document(write_pdf(tmp_path, build))) == ["Sam loves trains."]


def test_scanned_pdf_has_no_text_layer(tmp_path: Path) -> None:
    def build(pdf: PlanPdf) -> None:
        pdf.image(io.BytesIO(png_bytes()), x=10, y=10, w=150)

    assert_refused(write_pdf(tmp_path, build), NoTextLayer)


def test_truncated_files_are_corrupt(tmp_path: Path) -> None:
    whole_docx = write_docx(tmp_path, lambda document: document.add_paragraph("Sam")).read_bytes()
    whole_pdf = write_pdf(tmp_path, lambda pdf: pdf.paragraph("Sam")).read_bytes()
    cut_docx = tmp_path / "cut.docx"
    cut_docx.write_bytes(whole_docx[: len(whole_docx) // 2])
    cut_pdf = tmp_path / "cut.pdf"
    cut_pdf.write_bytes(whole_pdf[: len(whole_pdf) // 2])

    assert_refused(cut_docx, CorruptDocument)
    assert_refused(cut_pdf, CorruptDocument)


def test_a_parser_failure_is_corrupt_and_does_not_quote_the_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>Sam Smith has autism <unclosed")

    error = assert_refused(path, CorruptDocument)

    assert "Sam" not in error.message and error.__cause__ is None


def test_file_named_pdf_that_is_not_a_pdf_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    path.write_text("<html>Sign in to download this file</html>")
    assert_refused(path, CorruptDocument)


def test_size_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_text(tmp_path, "Sam loves trains.\n" * 100)
    assert_refused(path, TooLarge, max_bytes=1000)

    three_pages = write_pdf(tmp_path, lambda pdf: [pdf.add_page() for _ in range(2)])
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 2)
    assert_refused(three_pages, TooLarge)


def test_zip_bombs_are_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (4 * 1024 * 1024))
    assert_refused(path, CorruptDocument)


def test_huge_unzipped_size_is_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sniff, "MAX_UNZIPPED_BYTES", 1024)
    path = write_docx(tmp_path, lambda document: document.add_paragraph("Sam loves trains."))
    assert_refused(path, TooLarge)


# ---------------------------------------------------------------------------------------------
# Property: whatever the bytes, the result is a Document or an EhcpLintError
# ---------------------------------------------------------------------------------------------

MAGIC_PREFIXES = [b"", b"PK\x03\x04", b"%PDF-1.7\n", sniff.OLE2_MAGIC, b"\xef\xbb\xbf"]


@settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    prefix=st.sampled_from(MAGIC_PREFIXES),
    body=st.binary(max_size=400),
    suffix=st.sampled_from([".docx", ".pdf", ".txt", ".md"]),
)
def test_any_bytes_give_a_document_or_a_clean_error(
    tmp_path: Path, prefix: bytes, body: bytes, suffix: str
) -> None:
    path = tmp_path / f"random{suffix}"
    path.write_bytes(prefix + body)
    try:
        result = read_document(path)
    except EhcpLintError as error:
        assert str(error).startswith(str(path))
    else:
        assert result.blocks


@functools.cache
def sample_files() -> dict[str, bytes]:
    """A small real .docx and .pdf, built once, for the damaged-file property below."""
    word = docx.Document()
    word.add_heading("Section A: All about me", level=1)
    word.add_paragraph(WRAPPED_TEXT)
    table = word.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(1, 1).text = "Need", "SALT weekly"
    word_bytes = io.BytesIO()
    word.save(word_bytes)
    pdf = PlanPdf(running_lines=True)
    pdf.add_page()
    pdf.paragraph("Section A: All about me", style="B", size=16)
    pdf.paragraph(WRAPPED_TEXT)
    return {".docx": word_bytes.getvalue(), ".pdf": bytes(pdf.output())}


@settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    suffix=st.sampled_from([".docx", ".pdf"]),
    damage=st.lists(
        st.tuples(st.floats(min_value=0, max_value=1), st.integers(0, 255)), min_size=1, max_size=8
    ),
    keep=st.floats(min_value=0.05, max_value=1),
)
def test_damaged_real_files_give_a_document_or_a_clean_error(
    tmp_path: Path, suffix: str, damage: list[tuple[float, int]], keep: float
) -> None:
    data = bytearray(sample_files()[suffix])
    for where, value in damage:
        data[int(where * (len(data) - 1))] = value
    path = tmp_path / f"damaged{suffix}"
    path.write_bytes(bytes(data[: max(1, int(keep * len(data)))]))
    try:
        result = read_document(path)
    except EhcpLintError as error:
        assert str(error).startswith(str(path)) and error.__cause__ is None
    else:
        assert result.blocks
