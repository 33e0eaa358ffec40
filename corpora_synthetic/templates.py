"""Local-authority template styles for synthetic plans: heading wording and how it is laid out.

Real EHC plans come in many LA templates: "Section A: Views, interests and aspirations", "SECTION F
- SPECIAL EDUCATIONAL PROVISION", "Part 1 - All about me", friendly first-person titles with no
letters at all, headings in shaded table cells or split across a letter cell and a title cell.
Each TemplateStyle here is data: the heading text for every section id, and a few layout choices
(heading presentation, front matter as a table or as "Label: value" lines, subheading style,
bullet marker, page header). `render.py` reads these fields and never branches on a template name.

Heading text is the text a reader sees once format markup is gone: the markdown "## " prefix and
the txt pipe borders around heading cells are markup, not heading text; a heading split across two
cells reads as the cells joined with " | " (the same rule as any other table row).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from corpora_synthetic.spec import SECTION_IDS

HeadingLayout = Literal["heading", "bold", "shaded_cell", "split_cells"]
CELL_SEPARATOR = " | "
DEFAULT_PAGE_HEADER = "Education, Health and Care Plan - Confidential"

# Titles as the SEND Regulations 2014 (reg. 12) word them.
STATUTORY_TITLES: dict[str, str] = {
    "A": "Views, interests and aspirations of the child and their parents or the young person",
    "B": "Special educational needs",
    "C": "Health needs related to their special educational needs",
    "D": "Social care needs related to their special educational needs or disability",
    "E": "Outcomes sought for the child or young person",
    "F": "Special educational provision",
    "G": "Health provision",
    "H1": "Social care provision under section 2 of the Chronically Sick and Disabled Persons "
    "Act 1970",
    "H2": "Other social care provision",
    "I": "Placement",
    "J": "Personal budget",
    "K": "Advice and information",
}

# The short forms most LA templates print beside the letter.
SHORT_TITLES: dict[str, str] = {
    "A": "Views, interests and aspirations",
    "B": "Special educational needs",
    "C": "Health needs",
    "D": "Social care needs",
    "E": "Outcomes",
    "F": "Special educational provision",
    "G": "Health provision",
    "H1": "Social care provision (CSDPA)",
    "H2": "Other social care provision",
    "I": "Placement",
    "J": "Personal budget",
    "K": "Advice and information",
}

# Title-case forms for templates that capitalise every major word.
TITLE_CASE_TITLES: dict[str, str] = {
    "A": "Views, Interests and Aspirations",
    "B": "Special Educational Needs",
    "C": "Health Needs",
    "D": "Social Care Needs",
    "E": "Outcomes",
    "F": "Special Educational Provision",
    "G": "Health Provision",
    "H1": "Social Care Provision under the Chronically Sick and Disabled Persons Act 1970",
    "H2": "Other Social Care Provision",
    "I": "Placement",
    "J": "Personal Budget",
    "K": "Advice and Information",
}

# First-person titles of "child-friendly" templates, which carry no section letters.
FRIENDLY_TITLES: dict[str, str] = {
    "A": "All about me",
    "B": "What I find hard",
    "C": "My health needs",
    "D": "My social care needs",
    "E": "What I want to achieve",
    "F": "Help with my learning",
    "G": "Help with my health",
    "H1": "Care support (Chronically Sick and Disabled Persons Act)",
    "H2": "Other care support",
    "I": "My school or college",
    "J": "My personal budget",
    "K": "Who has given advice",
}

# Numbered-part templates: a friendly title per part, no letters anywhere.
PART_TITLES: dict[str, str] = {
    "A": "All about me",
    "B": "My special educational needs",
    "C": "My health needs",
    "D": "My social care needs",
    "E": "What I want to achieve in the future",
    "F": "Support for my learning",
    "G": "Support for my health",
    "H1": "Care support under the Chronically Sick and Disabled Persons Act 1970",
    "H2": "Other care support",
    "I": "My school or college",
    "J": "My personal budget",
    "K": "Advice and information used to write my plan",
}

# Twelve parts in statutory order; the grouped variant numbers H1/H2 as 8a/8b.
PART_NUMBERS: dict[str, str] = {sid: str(n) for n, sid in enumerate(SECTION_IDS, start=1)}
GROUPED_PART_NUMBERS: dict[str, str] = {
    "A": "1",
    "B": "2",
    "C": "3",
    "D": "4",
    "E": "5",
    "F": "6",
    "G": "7",
    "H1": "8a",
    "H2": "8b",
    "I": "9",
    "J": "10",
    "K": "11",
}

# Friendly titles that still name the section letter, placed as real templates place it.
MIXED_FRIENDLY_LETTER_HEADINGS: dict[str, str] = {
    "A": "About me (A)",
    "B": "What I find difficult (Section B)",
    "C": "My health (C)",
    "D": "My care needs (Section D)",
    "E": "What I want to achieve (Section E)",
    "F": "How I will be supported at school - Section F",
    "G": "How my health needs will be met - Section G",
    "H1": "Care support under the Chronically Sick and Disabled Persons Act (H1)",
    "H2": "Other care support (H2)",
    "I": "Where I will learn - Section I",
    "J": "My personal budget (Section J)",
    "K": "Advice used to write my plan (K)",
}


class TemplateStyle(BaseModel):
    """One LA template: heading wording per section and how headings and front matter look."""

    model_config = ConfigDict(frozen=True)

    name: str
    description: str
    headings: dict[str, str] = Field(
        description="Heading text per section id, as a reader sees it (split cells joined ' | ')"
    )
    heading_layout: HeadingLayout = Field(
        description=(
            "heading: a Word Heading style; bold: a bold body paragraph; shaded_cell: a one-cell "
            "table row with a fill; split_cells: a letter cell and a title cell in one row"
        )
    )
    docx_heading_level: int = Field(default=1, ge=1, le=3, description="For layout 'heading'")
    txt_heading_prefix: str = Field(default="", description="Markup before a txt heading line")
    txt_title_prefix: str = Field(default="", description="Markup before the txt title line")
    txt_subheading_prefix: str = Field(default="", description="Markup before a txt subheading")
    shade_fill: str = Field(default="D9D9D9", description="Hex RGB fill of heading cells")
    pdf_heading_size: float = 14
    pdf_body_size: float = 10
    front_matter_layout: Literal["table", "lines"]
    subheading_layout: Literal["heading", "bold"] = Field(
        description="docx: Heading 3 or a bold paragraph (pdf and txt always show bold/own line)"
    )
    pdf_bullet: Literal["-", "o"] = "-"
    page_header: str = DEFAULT_PAGE_HEADER

    def heading_cells(self, section_id: str) -> list[str]:
        """The cells a heading occupies: two for split_cells, otherwise one."""
        text = self.headings[section_id]
        if self.heading_layout == "split_cells":
            return text.split(CELL_SEPARATOR)
        return [text]

    @property
    def pdf_shade_rgb(self) -> tuple[int, int, int]:
        return (
            int(self.shade_fill[0:2], 16),
            int(self.shade_fill[2:4], 16),
            int(self.shade_fill[4:6], 16),
        )


def _headings(make: Callable[[str], str]) -> dict[str, str]:
    """Heading text for every section id from one formatting rule."""
    return {sid: make(sid) for sid in SECTION_IDS}


TEMPLATES: dict[str, TemplateStyle] = {
    style.name: style
    for style in (
        TemplateStyle(
            name="letters_colon",
            description="'Section A: <statutory title>' in Word Heading 1",
            headings=_headings(lambda sid: f"Section {sid}: {STATUTORY_TITLES[sid]}"),
            heading_layout="heading",
            docx_heading_level=1,
            front_matter_layout="table",
            subheading_layout="heading",
        ),
        TemplateStyle(
            name="section_dash_words",
            description="'SECTION F - SPECIAL EDUCATIONAL PROVISION' in upper case, Heading 2",
            headings=_headings(lambda sid: f"SECTION {sid} - {SHORT_TITLES[sid].upper()}"),
            heading_layout="heading",
            docx_heading_level=2,
            pdf_heading_size=12,
            front_matter_layout="lines",
            subheading_layout="bold",
            pdf_bullet="o",
            page_header="OFFICIAL - SENSITIVE - Education, Health and Care Plan",
        ),
        TemplateStyle(
            name="letter_dot",
            description="'A. Views, interests and aspirations' as a bold paragraph, no style",
            headings=_headings(lambda sid: f"{sid}. {SHORT_TITLES[sid]}"),
            heading_layout="bold",
            pdf_heading_size=12,
            front_matter_layout="table",
            subheading_layout="bold",
        ),
        TemplateStyle(
            name="numbered_parts",
            description="'Part 1 - All about me' ... 'Part 12', no letters anywhere",
            headings=_headings(lambda sid: f"Part {PART_NUMBERS[sid]} - {PART_TITLES[sid]}"),
            heading_layout="heading",
            docx_heading_level=1,
            pdf_heading_size=15,
            pdf_body_size=11,
            front_matter_layout="lines",
            subheading_layout="heading",
            page_header="My Education, Health and Care Plan",
        ),
        TemplateStyle(
            name="numbered_parts_grouped",
            description="Numbered parts with H1/H2 grouped as 'Part 8a' and 'Part 8b'",
            headings=_headings(
                lambda sid: f"Part {GROUPED_PART_NUMBERS[sid]} - {PART_TITLES[sid]}"
            ),
            heading_layout="bold",
            pdf_heading_size=13,
            front_matter_layout="table",
            subheading_layout="bold",
            pdf_bullet="o",
        ),
        TemplateStyle(
            name="friendly",
            description="First-person titles with no letters: 'All about me', 'My school'",
            headings=_headings(lambda sid: FRIENDLY_TITLES[sid]),
            heading_layout="heading",
            docx_heading_level=1,
            pdf_heading_size=16,
            pdf_body_size=11,
            front_matter_layout="lines",
            subheading_layout="bold",
            page_header="My EHC Plan - Confidential",
        ),
        TemplateStyle(
            name="table_cells",
            description="Each heading a one-cell table row with grey fill",
            headings=_headings(lambda sid: f"Section {sid} - {TITLE_CASE_TITLES[sid]}"),
            heading_layout="shaded_cell",
            shade_fill="D9D9D9",
            pdf_heading_size=11,
            front_matter_layout="table",
            subheading_layout="bold",
        ),
        TemplateStyle(
            name="split_cells",
            description="A letter cell and a statutory title cell in one blue-filled row",
            headings=_headings(lambda sid: f"{sid}{CELL_SEPARATOR}{STATUTORY_TITLES[sid]}"),
            heading_layout="split_cells",
            shade_fill="DCE6F1",
            pdf_heading_size=11,
            front_matter_layout="table",
            subheading_layout="heading",
            pdf_bullet="o",
            page_header="EHC Plan - OFFICIAL SENSITIVE",
        ),
        TemplateStyle(
            name="mixed_friendly_letter",
            description="Friendly titles with the letter in brackets or after a dash",
            headings=_headings(lambda sid: MIXED_FRIENDLY_LETTER_HEADINGS[sid]),
            heading_layout="heading",
            docx_heading_level=2,
            pdf_heading_size=13,
            front_matter_layout="lines",
            subheading_layout="heading",
        ),
        TemplateStyle(
            name="markdown",
            description="'## Section A - Views ...' markdown headings; Heading 2 in Word",
            headings=_headings(lambda sid: f"Section {sid} - {SHORT_TITLES[sid]}"),
            heading_layout="heading",
            docx_heading_level=2,
            txt_heading_prefix="## ",
            txt_title_prefix="# ",
            txt_subheading_prefix="### ",
            pdf_heading_size=13,
            front_matter_layout="lines",
            subheading_layout="heading",
        ),
        TemplateStyle(
            name="plain_titles",
            description="Statutory titles in Word Heading 1 with no letters or numbers",
            headings=_headings(lambda sid: STATUTORY_TITLES[sid]),
            heading_layout="heading",
            docx_heading_level=1,
            front_matter_layout="table",
            subheading_layout="bold",
            pdf_bullet="o",
        ),
    )
}

TEMPLATE_NAMES: tuple[str, ...] = tuple(TEMPLATES)


def get_template(name: str) -> TemplateStyle:
    """The named template style; a KeyError lists the valid names."""
    try:
        return TEMPLATES[name]
    except KeyError:
        raise KeyError(
            f"unknown template {name!r}; choose one of {', '.join(TEMPLATE_NAMES)}"
        ) from None
