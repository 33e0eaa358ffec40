"""Synthetic plan renderers: every template x format writes a file whose text holds the spec."""

from __future__ import annotations

import re
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpora_synthetic.render import (
    FIXED_DATE,
    FORMATS,
    ZIP_ENTRY_TIME,
    Format,
    RenderedPlan,
    heading_text,
    render,
)
from corpora_synthetic.spec import SECTION_IDS, PlanSpec, SpecBlock, SpecSection
from corpora_synthetic.templates import TEMPLATE_NAMES, TEMPLATES

T = TypeVar("T")

REQUIRED_TEMPLATES = (
    "letters_colon",
    "section_dash_words",
    "letter_dot",
    "numbered_parts",
    "friendly",
    "table_cells",
    "split_cells",
    "mixed_friendly_letter",
    "markdown",
)


def _paragraph(text: str) -> SpecBlock:
    return SpecBlock(kind="paragraph", text=text)


def _bullets(*texts: str) -> list[SpecBlock]:
    return [SpecBlock(kind="bullet", text=text) for text in texts]


def _table(header: list[str], *rows: list[str]) -> SpecBlock:
    return SpecBlock(kind="table", header=header, rows=list(rows))


SECTION_BLOCKS: dict[str, list[SpecBlock]] = {
    "A": [
        SpecBlock(kind="subheading", text="What people like about me"),
        _paragraph("I like trains, swimming on Saturdays and building Lego models with my dad."),
        *_bullets("I feel happy when I know what is happening next.", "I do not like loud rooms."),
        _table(["Who", "What they told us"], ["Sam", "I want to be a train driver."]),
    ],
    "B": [
        SpecBlock(kind="subheading", text="Communication and interaction"),
        _paragraph(
            "Sam has a diagnosis of autism. He finds it hard to follow spoken instructions of "
            "more than two steps and to join in conversations with other children at playtime."
        ),
        *_bullets("Processing spoken language", "Reading comprehension below age expectations"),
        _table(["Area of need", "Description"], ["Cognition and learning", "Reads at age 7"]),
    ],
    "C": [
        _paragraph("Sam has mild asthma, managed with an inhaler kept in class."),
        *_bullets("Inhaler before PE lessons"),
        _table(["Health need", "Managed by"], ["Asthma", "School nurse"]),
    ],
    "D": [
        _paragraph("Sam's family receive short breaks support from the local authority."),
        *_bullets("Needs an adult with him in the community"),
        _table(["Social care need", "Source"], ["Short breaks", "Social worker report"]),
    ],
    "E": [
        _paragraph("These outcomes are to be achieved by the end of Key Stage 2 (July 2026)."),
        *_bullets(
            "By July 2026, Sam will follow a three-step classroom instruction on 4 out of 5 "
            "occasions without adult prompting.",
            "By the end of Year 6, Sam will read a 150-word passage at his level with 95% "
            "accuracy.",
        ),
        _table(
            ["Need", "Outcome", "Provision"],
            [
                "Communication",
                "By July 2026, Sam will start a conversation with a peer at playtime twice a week.",
                "Speech and language therapy",
            ],
        ),
    ],
    "F": [
        _paragraph("The following provision will be delivered at Sam's school."),
        *_bullets(
            "A speech and language therapist will deliver one 30-minute individual session "
            "every week during term time.",
            "A teaching assistant trained in Precision Teaching will deliver 10-minute reading "
            "sessions, 1:1, five times a week.",
        ),
        _table(
            ["Provision", "Who", "How often"],
            ["Social skills group of 4 pupils", "ELSA-trained teaching assistant", "Weekly"],
        ),
    ],
    "G": [
        _paragraph("An asthma care plan will be reviewed by the school nurse every 12 months."),
        *_bullets("Annual asthma review with the GP"),
        _table(["Provision", "Who"], ["Asthma care plan", "School nurse"]),
    ],
    "H1": [
        _paragraph("Sam will receive 6 hours a month of short breaks at Oak Lodge."),
        *_bullets("Transport to and from Oak Lodge"),
        _table(["Provision", "Hours"], ["Short breaks", "6 hours a month"]),
    ],
    "H2": [
        _paragraph("No other social care provision has been identified."),
        *_bullets("To be reviewed at the annual review"),
        _table(["Provision", "Status"], ["None", "Reviewed annually"]),
    ],
    "I": [
        _paragraph("Meadow Primary School, a mainstream community primary school."),
        *_bullets("Type: mainstream primary"),
        _table(["Setting", "Type"], ["Meadow Primary School", "Mainstream"]),
    ],
    "J": [
        _paragraph("A personal budget of £1,200 a year is agreed for short breaks."),
        *_bullets("Paid as a direct payment to Sam's parents"),
        _table(["Budget", "Amount"], ["Short breaks", "£1,200"]),
    ],
    "K": [
        _paragraph("The following advice was used to write this plan."),
        *_bullets("Educational psychologist report, Dr A Patel, 3 February 2025"),
        _table(["Advice", "Date"], ["Speech and language therapy report", "10 February 2025"]),
    ],
}

SPEC = PlanSpec(
    plan_id="render-test-001",
    front_matter=[
        ("Name", "Sam Smith"),
        ("Date of birth", "04/05/2014"),
        ("Year group", "Year 6"),
        ("Date of plan", "12 March 2025"),
        ("UPN", "A123456789012"),
    ],
    sections=[SpecSection(id=sid, blocks=blocks) for sid, blocks in SECTION_BLOCKS.items()],
)

CASES = [(template, fmt) for template in TEMPLATE_NAMES for fmt in FORMATS]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], RenderedPlan]:
    """Every template x format rendered once for the whole module."""
    folder = tmp_path_factory.mktemp("rendered")
    return {
        (template, fmt): render(SPEC, template, fmt, folder / f"{template}.{fmt}")
        for template, fmt in CASES
    }


# --- reading the files back -------------------------------------------------------------------


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _docx_lines(path: Path) -> list[str]:
    """Body in reading order: paragraph texts, and table rows as cells joined with ' | '."""
    from docx import Document
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for item in Document(str(path)).iter_inner_content():
        if isinstance(item, Paragraph):
            lines.append(item.text)
        else:
            lines.extend(" | ".join(cell.text for cell in row.cells) for row in item.rows)
    return lines


def _pdf_text_and_rows(path: Path, page_header: str) -> tuple[str, list[list[str]]]:
    """Body text without page furniture (whitespace normalised), and all table rows in order."""
    import pdfplumber

    furniture = re.compile(rf"^({re.escape(page_header)}|Page \d+ of \d+)$")
    lines: list[str] = []
    rows: list[list[str]] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            lines.extend(
                line for line in page.extract_text().splitlines() if not furniture.match(line)
            )
            for table in page.extract_tables():
                rows.extend([_normalise(cell or "") for cell in row] for row in table)
    return _normalise(" ".join(lines)), rows


def _assert_in_order(expected: list[T], found: list[T], matches: Callable[[T, T], bool]) -> None:
    """Each expected item matches some found item, after the previous one's match."""
    position = 0
    for item in expected:
        while position < len(found) and not matches(item, found[position]):
            position += 1
        assert position < len(found), f"not found in order: {item!r}"
        position += 1


def _assert_substrings_in_order(expected: list[str], text: str) -> None:
    position = 0
    for want in expected:
        found_at = text.find(want, position)
        assert found_at >= 0, f"not found in order: {want!r}"
        position = found_at + len(want)


def _expected_lines(template: str) -> list[str]:
    """Headings and every block as its own line (table rows joined with ' | '), in order."""
    lines: list[str] = []
    for section in SPEC.sections:
        lines.append(heading_text(template, section.id))
        for block in section.blocks:
            if block.kind == "table":
                lines.extend(" | ".join(row) for row in [block.header, *block.rows])
            else:
                lines.append(block.text)
    return lines


# --- tests ------------------------------------------------------------------------------------


def test_required_templates_exist_with_twelve_distinct_headings() -> None:
    assert set(REQUIRED_TEMPLATES) <= set(TEMPLATE_NAMES)
    assert len(TEMPLATE_NAMES) >= 9
    for style in TEMPLATES.values():
        assert tuple(style.headings) == SECTION_IDS
        assert len(set(style.headings.values())) == len(SECTION_IDS), style.name


@pytest.mark.parametrize(
    ("template", "section_id", "expected"),
    [
        (
            "letters_colon",
            "A",
            "Section A: Views, interests and aspirations of the child and "
            "their parents or the young person",
        ),
        (
            "letters_colon",
            "H1",
            "Section H1: Social care provision under section 2 of the "
            "Chronically Sick and Disabled Persons Act 1970",
        ),
        ("section_dash_words", "F", "SECTION F - SPECIAL EDUCATIONAL PROVISION"),
        ("letter_dot", "H1", "H1. Social care provision (CSDPA)"),
        ("numbered_parts", "A", "Part 1 - All about me"),
        ("numbered_parts", "K", "Part 12 - Advice and information used to write my plan"),
        ("numbered_parts_grouped", "H2", "Part 8b - Other care support"),
        ("friendly", "I", "My school or college"),
        ("table_cells", "B", "Section B - Special Educational Needs"),
        ("split_cells", "E", "E | Outcomes sought for the child or young person"),
        ("mixed_friendly_letter", "E", "What I want to achieve (Section E)"),
        ("mixed_friendly_letter", "F", "How I will be supported at school - Section F"),
        ("markdown", "A", "Section A - Views, interests and aspirations"),
    ],
)
def test_heading_text(template: str, section_id: str, expected: str) -> None:
    assert heading_text(template, section_id) == expected


@pytest.mark.parametrize("template", ["numbered_parts", "numbered_parts_grouped", "friendly"])
def test_letterless_templates_name_no_section_letter(template: str) -> None:
    section_letter = re.compile(r"\bSection\b|\([A-K]\d?\)|^[A-K]\d?\W|\b[A-K]\d?$")
    for sid in SECTION_IDS:
        assert not section_letter.search(heading_text(template, sid)), sid
    assert section_letter.search(heading_text("mixed_friendly_letter", "A"))


def test_unknown_template_and_section_are_rejected() -> None:
    with pytest.raises(KeyError, match="letters_colon"):
        heading_text("no_such_template", "A")
    with pytest.raises(KeyError, match="unknown section id"):
        heading_text("letters_colon", "Z")


@pytest.mark.parametrize(("template", "fmt"), CASES)
def test_rendered_plan_records_headings(
    rendered: dict[tuple[str, str], RenderedPlan], template: str, fmt: Format
) -> None:
    plan = rendered[template, fmt]
    assert Path(plan.path).stat().st_size > 0
    assert list(plan.headings) == list(SECTION_IDS)
    assert all(gold.present for gold in plan.gold_sections())
    assert plan.headings == {sid: heading_text(template, sid) for sid in SECTION_IDS}


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_docx_holds_headings_and_blocks_in_order(
    rendered: dict[tuple[str, str], RenderedPlan], template: str
) -> None:
    lines = _docx_lines(Path(rendered[template, "docx"].path))
    _assert_in_order(_expected_lines(template), lines, lambda want, got: want == got)
    front = [f"{label} | {value}" for label, value in SPEC.front_matter]
    if TEMPLATES[template].front_matter_layout == "lines":
        front = [f"{label}: {value}" for label, value in SPEC.front_matter]
    _assert_in_order(front, lines, lambda want, got: want == got)


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_txt_holds_headings_and_blocks_in_order(
    rendered: dict[tuple[str, str], RenderedPlan], template: str
) -> None:
    text = Path(rendered[template, "txt"].path).read_text(encoding="utf-8")
    lines = text.splitlines()
    _assert_in_order(_expected_lines(template), lines, lambda want, got: want in got)
    for section in SPEC.sections:
        heading_line = lines.index(
            next(line for line in lines if heading_text(template, section.id) in line)
        )
        assert lines[heading_line - 1] == "" and lines[heading_line + 1] == ""
        for block in section.blocks:
            if block.kind == "bullet":
                assert f"- {block.text}" in lines
            elif block.kind == "paragraph":
                assert block.text in lines


@pytest.mark.parametrize(
    ("template", "section_id", "line"),
    [
        ("markdown", "A", "## Section A - Views, interests and aspirations"),
        ("table_cells", "B", "| Section B - Special Educational Needs |"),
        ("split_cells", "E", "| E | Outcomes sought for the child or young person |"),
        ("letter_dot", "C", "C. Health needs"),
    ],
)
def test_txt_heading_markup(
    rendered: dict[tuple[str, str], RenderedPlan], template: str, section_id: str, line: str
) -> None:
    lines = Path(rendered[template, "txt"].path).read_text(encoding="utf-8").splitlines()
    assert line in lines


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_pdf_holds_headings_and_blocks_in_order(
    rendered: dict[tuple[str, str], RenderedPlan], template: str
) -> None:
    style = TEMPLATES[template]
    text, rows = _pdf_text_and_rows(Path(rendered[template, "pdf"].path), style.page_header)
    # pdfplumber finds tables of two or more cells only: a one-cell heading reads as a line.
    in_cells = style.heading_layout == "split_cells"
    running: list[str] = []
    table_rows: list[list[str]] = []
    for section in SPEC.sections:
        if in_cells:
            table_rows.append(style.heading_cells(section.id))
        else:
            running.append(heading_text(template, section.id))
        for block in section.blocks:
            if block.kind == "table":
                table_rows.extend([block.header, *block.rows])
            else:
                running.append(block.text)
    _assert_substrings_in_order([_normalise(want) for want in running], text)
    _assert_in_order(table_rows, rows, lambda want, got: [_normalise(c) for c in want] == got)


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_pdf_front_matter(rendered: dict[tuple[str, str], RenderedPlan], template: str) -> None:
    style = TEMPLATES[template]
    text, rows = _pdf_text_and_rows(Path(rendered[template, "pdf"].path), style.page_header)
    for label, value in SPEC.front_matter:
        if style.front_matter_layout == "table":
            assert [label, value] in rows
        else:
            assert f"{label}: {value}" in text


def _docx_body_paragraph(path: Path, text: str):
    from docx import Document

    return next(p for p in Document(str(path)).paragraphs if p.text == text)


@pytest.mark.parametrize(
    ("template", "style_name"),
    [
        ("letters_colon", "Heading 1"),
        ("section_dash_words", "Heading 2"),
        ("markdown", "Heading 2"),
        ("numbered_parts", "Heading 1"),
    ],
)
def test_docx_heading_uses_word_heading_style(
    rendered: dict[tuple[str, str], RenderedPlan], template: str, style_name: str
) -> None:
    path = Path(rendered[template, "docx"].path)
    assert _docx_body_paragraph(path, heading_text(template, "F")).style.name == style_name


def test_docx_bold_heading_is_a_plain_bold_paragraph(
    rendered: dict[tuple[str, str], RenderedPlan],
) -> None:
    paragraph = _docx_body_paragraph(
        Path(rendered["letter_dot", "docx"].path), heading_text("letter_dot", "H1")
    )
    assert paragraph.style.name == "Normal"
    assert all(run.bold for run in paragraph.runs)


@pytest.mark.parametrize(
    ("template", "fill"), [("table_cells", "D9D9D9"), ("split_cells", "DCE6F1")]
)
def test_docx_cell_headings_are_shaded_table_rows(
    rendered: dict[tuple[str, str], RenderedPlan], template: str, fill: str
) -> None:
    from docx import Document
    from docx.oxml.ns import qn

    tables = Document(rendered[template, "docx"].path).tables
    heading_rows = [
        row
        for table in tables
        for row in table.rows
        if " | ".join(cell.text for cell in row.cells) == heading_text(template, "E")
    ]
    assert len(heading_rows) == 1
    cells = heading_rows[0].cells
    assert len(cells) == len(TEMPLATES[template].heading_cells("E"))
    for cell in cells:
        assert cell._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == fill


def test_docx_bullets_tables_and_page_furniture(
    rendered: dict[tuple[str, str], RenderedPlan],
) -> None:
    from docx import Document

    document = Document(rendered["letters_colon", "docx"].path)
    bullet = next(p for p in document.paragraphs if p.text == "Inhaler before PE lessons")
    assert bullet.style.name == "List Bullet"
    assert all(table.style.name == "Table Grid" for table in document.tables)
    page = document.sections[0]
    assert page.header.paragraphs[0].text == "Education, Health and Care Plan - Confidential"
    assert page.footer.paragraphs[0].text == "Sam Smith - 12 March 2025"
    assert document.core_properties.author == "ehcp-lint synthetic"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("template", ["table_cells", "markdown"])
def test_rerender_is_byte_identical(
    rendered: dict[tuple[str, str], RenderedPlan], tmp_path: Path, template: str, fmt: Format
) -> None:
    again = render(SPEC, template, fmt, tmp_path / f"again.{fmt}")
    assert Path(again.path).read_bytes() == Path(rendered[template, fmt].path).read_bytes()


def test_docx_has_fixed_zip_times_and_dates(
    rendered: dict[tuple[str, str], RenderedPlan],
) -> None:
    from docx import Document

    path = rendered["friendly", "docx"].path
    with zipfile.ZipFile(path) as package:
        assert {entry.date_time for entry in package.infolist()} == {ZIP_ENTRY_TIME}
    properties = Document(path).core_properties
    assert properties.created == properties.modified == FIXED_DATE


def test_pdf_cell_headings_are_filled(rendered: dict[tuple[str, str], RenderedPlan]) -> None:
    import pdfplumber

    with pdfplumber.open(rendered["table_cells", "pdf"].path) as pdf:
        filled = [rect for rect in pdf.pages[0].rects if rect["fill"]]
        assert filled and all(
            rect["non_stroking_color"] == pytest.approx((0.851, 0.851, 0.851), abs=0.01)
            for rect in filled
        )


def test_pdf_has_fixed_creation_date(rendered: dict[tuple[str, str], RenderedPlan]) -> None:
    import pdfplumber

    with pdfplumber.open(rendered["friendly", "pdf"].path) as pdf:
        assert pdf.metadata["CreationDate"].startswith(FIXED_DATE.strftime("D:%Y%m%d%H%M%S"))
        assert pdf.metadata["Producer"] == "ehcp-lint synthetic"


def test_pdf_rejects_text_outside_latin1(tmp_path: Path) -> None:
    curly = "Sam said \u201cI like trains\u201d \u2013 and swimming."
    spec = PlanSpec(
        plan_id="curly-quotes-7",
        sections=[SpecSection(id="A", blocks=[_paragraph(curly)])],
    )
    with pytest.raises(ValueError, match="curly-quotes-7") as raised:
        render(spec, "letters_colon", "pdf", tmp_path / "plan.pdf")
    assert "trains" not in str(raised.value)
    assert not (tmp_path / "plan.pdf").exists()
    render(spec, "letters_colon", "txt", tmp_path / "plan.txt")
    assert curly in (tmp_path / "plan.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", FORMATS)
def test_missing_sections_are_absent_from_file_and_gold(tmp_path: Path, fmt: Format) -> None:
    spec = SPEC.model_copy(
        update={"sections": [s for s in SPEC.sections if s.id not in ("D", "H1", "J")]}
    )
    plan = render(spec, "numbered_parts", fmt, tmp_path / f"plan.{fmt}")
    gold = {section.id: section for section in plan.gold_sections()}
    assert [sid for sid in SECTION_IDS if not gold[sid].present] == ["D", "H1", "J"]
    assert gold["D"].heading is None
    assert gold["E"].heading == "Part 5 - What I want to achieve in the future"
    if fmt == "txt":
        text = Path(plan.path).read_text(encoding="utf-8")
        assert "Part 4 -" not in text and "Part 3 - My health needs" in text


def test_spec_errors_are_rejected(tmp_path: Path) -> None:
    ragged = _table(["Need", "Outcome"], ["Reading"])
    cases = [
        [SpecSection(id="A", blocks=[ragged])],
        [SpecSection(id="A", blocks=[_paragraph("Two lines\nin one block")])],
        [SpecSection(id="A", blocks=[_table(["Need"], ["Reading\r\nWriting"])])],
        [SpecSection(id="A"), SpecSection(id="A")],
        [SpecSection(id="L")],
    ]
    for sections in cases:
        spec = PlanSpec(plan_id="bad-spec", sections=sections)
        with pytest.raises(ValueError, match="bad-spec"):
            render(spec, "letters_colon", "txt", tmp_path / "plan.txt")


# Latin-1 text with no line breaks, NBSP or soft hyphen (the PDF line breaker handles those);
# short enough that no single word is wider than a PDF line, which would be split mid-word.
LINE_TEXT = st.text(
    alphabet=st.characters(
        codec="latin-1", categories=("L", "N", "P", "S"), include_characters=" "
    ),
    min_size=1,
    max_size=40,
)


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=12, deadline=None, derandomize=True)
@given(text=LINE_TEXT, cell=LINE_TEXT)
def test_any_latin1_line_is_written_verbatim(fmt: Format, text: str, cell: str) -> None:
    spec = PlanSpec(
        plan_id="property",
        sections=[SpecSection(id="B", blocks=[_paragraph(text), _table(["Need"], [cell])])],
    )
    with tempfile.TemporaryDirectory() as folder:
        path = render(spec, "letter_dot", fmt, Path(folder) / f"plan.{fmt}").path
        if fmt == "txt":
            lines = Path(path).read_text(encoding="utf-8").splitlines()
            assert text in lines and cell in lines
        elif fmt == "docx":
            lines = _docx_lines(Path(path))
            assert text in lines and cell in lines
        else:
            body, rows = _pdf_text_and_rows(Path(path), TEMPLATES["letter_dot"].page_header)
            assert _normalise(text) in body and [_normalise(cell)] in rows
