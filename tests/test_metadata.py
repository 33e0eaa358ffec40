"""Front-matter metadata: labels in tables and lines, UK dates, year groups, UPN and age."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ehcp_lint.document import Block, BlockKind, Cell, Document, Location, Source
from ehcp_lint.metadata import (
    extract_metadata,
    parse_uk_date,
    parse_year_group,
    school_year_start,
)
from ehcp_lint.plan import PlanMetadata

SOURCE = Source(path="plan.docx", format="docx", sha256="0" * 64, size_bytes=1)


def line(text: str) -> dict[str, object]:
    return {"kind": BlockKind.PARAGRAPH, "text": text}


def row(*texts: str) -> dict[str, object]:
    cells = [Cell(text=t, location=Location(cell=n + 1)) for n, t in enumerate(texts)]
    return {"kind": BlockKind.TABLE_ROW, "text": " | ".join(texts), "cells": cells}


def blocks(*items: dict[str, object]) -> list[Block]:
    return [
        Block(index=n, location=Location(paragraph=n + 1), **item)  # type: ignore[arg-type]
        for n, item in enumerate(items)
    ]


def metadata_of(*items: dict[str, object]) -> PlanMetadata:
    """Metadata when all the items are the front matter."""
    front = blocks(*items)
    return extract_metadata(Document(source=SOURCE, blocks=front), front)


MAYA = PlanMetadata(
    child_name="Maya Okafor",
    first_name="Maya",
    date_of_birth=date(2015, 3, 14),
    age=10,
    year_group=5,
    plan_date=date(2025, 6, 2),
    upn="H801200001001",
)


def test_two_column_table() -> None:
    assert (
        metadata_of(
            row("Name", "Maya Okafor"),
            row("Date of birth", "14/03/2015"),
            row("Year group", "Year 5"),
            row("UPN", "H801200001001"),
            row("Date of plan", "2 June 2025"),
        )
        == MAYA
    )


def test_label_value_lines() -> None:
    assert (
        metadata_of(
            line("Child's name: Maya Okafor"),
            line("Date of birth: 14th March 2015"),
            line("National Curriculum year: Y5"),
            line("Unique Pupil Number: H 8012 0000 1001"),
            line("Date of issue: 2025-06-02"),
        )
        == MAYA
    )


def test_four_column_table() -> None:
    assert (
        metadata_of(
            row("Name of child or young person", "Maya Okafor", "UPN", "H801200001001"),
            row("Date of birth", "14.03.2015", "Year group", "5"),
            row("Final plan date", "02/06/2025", "School", "Hill Top Primary"),
        )
        == MAYA
    )


def test_header_row_of_labels_over_a_row_of_values() -> None:
    assert metadata_of(
        row("Name", "Date of birth", "Date of plan"),
        row("Maya Okafor", "14/03/2015", "02/06/2025"),
    ) == MAYA.model_copy(update={"upn": None})


def test_several_labels_on_one_line() -> None:
    meta = metadata_of(line("Name: Maya Okafor   Date of birth: 14/03/2015   Year group: Year 5"))
    assert (meta.child_name, meta.date_of_birth, meta.year_group) == (
        "Maya Okafor",
        date(2015, 3, 14),
        5,
    )


def test_labels_for_other_people_are_not_the_child() -> None:
    meta = metadata_of(
        line("Parent's name: Grace Okafor"),
        row("Name of school", "Hill Top Primary"),
        line("Parent/carer name: Grace Okafor"),
        line("Young person's name: Maya Okafor"),
    )
    assert meta.child_name == "Maya Okafor"


def test_preferred_name_is_the_first_name_used_in_the_plan() -> None:
    meta = metadata_of(row("Full name", "Margaret Anne Okafor"), row("Preferred name", "Maya"))
    assert (meta.child_name, meta.first_name) == ("Margaret Anne Okafor", "Maya")


def test_two_labels_for_one_value_are_read_part_by_part() -> None:
    meta = metadata_of(row("Known as / legal name", "Maya Okafor"), row("Which year", "Year 5"))
    assert (meta.child_name, meta.first_name, meta.year_group) == ("Maya Okafor", "Maya", 5)
    assert metadata_of(row("Date of birth / age", "14/03/2015")).date_of_birth == date(2015, 3, 14)


def test_separate_first_name_and_surname() -> None:
    meta = metadata_of(row("First name", "Maya"), row("Surname", "Okafor"))
    assert (meta.child_name, meta.first_name) == ("Maya Okafor", "Maya")


def test_the_final_plan_date_wins_over_the_draft_date() -> None:
    meta = metadata_of(
        row("Draft plan date", "01/04/2025"),
        row("Date EHCP finalised", "02/06/2025"),
    )
    assert meta.plan_date == date(2025, 6, 2)


@pytest.mark.parametrize(
    "label", ["Date plan issued", "Plan issue date", "Date final EHCP sent", "Issued"]
)
def test_plan_date_labels_including_unlisted_ones(label: str) -> None:
    assert metadata_of(row(label, "02/06/2025")).plan_date == date(2025, 6, 2)
    assert metadata_of(line(f"{label}: 02/06/2025")).plan_date == date(2025, 6, 2)


@pytest.mark.parametrize(
    "label",
    [
        "Document date",
        "Date of this version",
        "Date circulated to parents",
        "Date signed by the SEN officer",
        "Dated",
        "Finalised on",
    ],
)
def test_any_other_date_of_the_document_itself_is_the_plan_date(label: str) -> None:
    assert metadata_of(row(label, "02/06/2025")).plan_date == date(2025, 6, 2)
    assert metadata_of(line(f"{label}: 02/06/2025")).plan_date == date(2025, 6, 2)


@pytest.mark.parametrize(
    ("label", "value"),
    [
        ("Issued as", "Final"),
        ("Plan status (issued)", "Draft"),
        ("Date of issue", "to follow"),
        ("Date of plan", "TBC"),
    ],
)
def test_a_plan_date_label_holding_no_date_gives_way_to_one_that_does(
    label: str, value: str
) -> None:
    """A higher-ranked label whose value is no date ("Issued as: Final") says nothing of the
    plan's date, wherever it stands."""
    for items in (
        (row("Dated", "02/06/2025"), row(label, value)),
        (row(label, value), row("Dated", "02/06/2025")),
        (line("Dated: 2 June 2025"), line(f"{label}: {value}")),
    ):
        assert metadata_of(*items).plan_date == date(2025, 6, 2)


@pytest.mark.parametrize(
    "label",
    [
        "Academic year",
        "Year level",
        "Stage/year",
        "Year now",
        "In year",
        "Current National Curriculum group",
    ],
)
def test_a_year_label_with_a_year_group_value_is_the_year_group(label: str) -> None:
    assert metadata_of(row(label, "Year 5")).year_group == 5
    assert metadata_of(line(f"{label}: Year 5")).year_group == 5


def test_a_class_or_form_is_the_year_group_only_where_it_names_the_year() -> None:
    assert metadata_of(row("Class", "Year 3")).year_group == 3
    assert metadata_of(line("Form: Reception")).year_group == 0
    # "Class 3" or a form's own code is no National Curriculum year; with no year given, the
    # year group is worked out from the dates.
    assert metadata_of(row("Class", "3")).year_group is None
    assert metadata_of(row("Form", "9B"), row("Year group", "Year 9")).year_group == 9
    assert metadata_of(row("Class", "Oak"), row("Year group", "Year 2")).year_group == 2


def test_a_year_label_holding_no_year_group_gives_way_to_one_that_does() -> None:
    meta = metadata_of(row("Academic year", "2024/25"), row("Class and year", "Oak, Year 5"))
    assert meta.year_group == 5


@pytest.mark.parametrize(
    "label",
    [
        "Child",
        "Young person",
        "Learner",
        "Pupil",
        "Who this plan is for",
        "Name of the person this plan is for",
        "Name of the learner",
        "Person this plan is about",
        "Pupil this plan concerns",
        "Whose plan this is",
        "Plan for",
        "EHC plan for",
    ],
)
def test_a_label_naming_only_whom_the_plan_is_for_is_the_childs_name(label: str) -> None:
    assert metadata_of(row(label, "Maya Okafor")).first_name == "Maya"


@pytest.mark.parametrize(
    "label", ["Person responsible for this plan", "Key person for the child", "Plan writer"]
)
def test_a_label_naming_someone_elses_role_is_not_the_childs_name(label: str) -> None:
    assert metadata_of(row(label, "Grace Okafor"), row("Pupil", "Maya Okafor")).first_name == "Maya"


def test_d_of_b_is_the_date_of_birth() -> None:
    assert metadata_of(line("D of B: 13 October 2012")).date_of_birth == date(2012, 10, 13)


def test_a_birth_date_label_holding_no_date_gives_way_to_one_that_does() -> None:
    meta = metadata_of(row("DOB", "see file"), row("Birthday", "14 March 2015"))
    assert meta.date_of_birth == date(2015, 3, 14)


def test_a_label_naming_the_plan_or_its_issue_outranks_another_document_date() -> None:
    meta = metadata_of(row("Document date", "01/04/2025"), row("Date of issue", "02/06/2025"))
    assert meta.plan_date == date(2025, 6, 2)


@pytest.mark.parametrize(
    "label",
    [
        "Date of next review",
        "Date of annual review",
        "Review date",
        "Date of request for assessment",
        "Date started at current school",
        "Date of diagnosis",
        "Date advice received",
    ],
)
def test_review_and_other_event_dates_are_not_the_plan_date(label: str) -> None:
    assert metadata_of(row(label, "02/06/2025")).plan_date is None


def test_a_label_with_a_typo_in_a_table_cell() -> None:
    assert metadata_of(row("Date of brith", "14/03/2015")).date_of_birth == date(2015, 3, 14)


def test_falls_back_to_labelled_lines_early_in_the_document() -> None:
    document_blocks = blocks(
        {"kind": BlockKind.HEADING, "text": "Section A: About me", "heading_level": 1},
        line("Name: Maya Okafor"),
        line("I like horses."),
    )
    meta = extract_metadata(Document(source=SOURCE, blocks=document_blocks), front_matter=[])
    assert meta.child_name == "Maya Okafor"


def test_a_data_table_header_is_not_a_label_value_pair() -> None:
    meta = metadata_of(
        row("Name", "Role", "Date"),
        row("Dr A Patel", "Educational psychologist", "03/03/2025"),
        row("Name", "Date of birth"),
    )
    assert (meta.child_name, meta.date_of_birth) == (None, None)


def test_nothing_known_means_nothing_guessed() -> None:
    meta = metadata_of(
        line("Education, Health and Care Plan"),
        row("Name", "[INSERT NAME]"),
        row("Date of birth", "31/02/2015"),
        row("UPN", "not known"),
        row("Year group", "Key stage 2"),
        row("Age", "unknown"),
    )
    assert meta == PlanMetadata()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("04/05/2014", date(2014, 5, 4)),
        ("4/5/2014", date(2014, 5, 4)),
        ("04-05-2014", date(2014, 5, 4)),
        ("04.05.2014", date(2014, 5, 4)),
        ("4 May 2014", date(2014, 5, 4)),
        ("4th May 2014", date(2014, 5, 4)),
        ("Sunday 4th of May, 2014", date(2014, 5, 4)),
        ("4 Sept 2014", date(2014, 9, 4)),
        ("May 4, 2014", date(2014, 5, 4)),
        ("2014-05-04", date(2014, 5, 4)),
        ("04-May-2014", date(2014, 5, 4)),
        ("4 Sept. 2014", date(2014, 9, 4)),
        ("13/01/2025 (final)", date(2025, 1, 13)),
        ("31/02/2014", None),
        ("04/05/14", None),
        ("", None),
    ],
)
def test_parse_uk_date(text: str, expected: date | None) -> None:
    assert parse_uk_date(text) == expected


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)))
def test_uk_date_formats_round_trip(day: date) -> None:
    for text in (
        day.strftime("%d/%m/%Y"),
        f"{day.day}/{day.month}/{day.year}",
        day.strftime("%d %B %Y"),
        day.strftime("%d %b %Y"),
        day.isoformat(),
    ):
        assert parse_uk_date(text) == day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Year 6", 6),
        ("Y6", 6),
        ("Yr 6", 6),
        ("NC Year 6", 6),
        ("6", 6),
        ("Reception", 0),
        ("Year R", 0),
        ("Nursery", -1),
        ("Year 12", 12),
        ("Year 13 (post-16)", 13),
        ("Year Eleven", 11),
        ("Oak class, Year 4", 4),
        ("Kingfishers (Y2)", 2),
        ("year three (NC)", 3),
        ("Post-16", 12),
        ("Key stage 2", None),
        ("Year 20", None),
        ("", None),
    ],
)
def test_parse_year_group(text: str, expected: int | None) -> None:
    assert parse_year_group(text) == expected


@pytest.mark.parametrize(
    ("date_of_birth", "plan_date", "year_group"),
    [
        ("14/03/2015", "02/06/2025", 5),
        ("01/09/2014", "02/06/2025", 5),
        ("31/08/2015", "02/06/2025", 5),
        ("09/08/2007", "06/01/2025", 13),
        ("14/10/2021", "06/01/2025", None),
        ("11/04/2004", "06/01/2025", None),
    ],
)
def test_year_group_from_date_of_birth_when_not_stated(
    date_of_birth: str, plan_date: str, year_group: int | None
) -> None:
    meta = metadata_of(row("Date of birth", date_of_birth), row("Date of plan", plan_date))
    assert meta.year_group == year_group


def test_school_year_starts_in_september() -> None:
    assert school_year_start(date(2025, 8, 31)) == 2024
    assert school_year_start(date(2025, 9, 1)) == 2025


@pytest.mark.parametrize(
    ("items", "age"),
    [
        ((row("Date of birth", "14/06/2015"), row("Date of plan", "13/06/2025")), 9),
        ((row("Date of birth", "14/06/2015"), row("Date of plan", "14/06/2025")), 10),
        ((row("Age", "9 years 4 months"),), 9),
        ((row("Date of birth", "14/06/2015"), row("Age", "9")), 9),
        ((row("Date of birth", "14/06/2015"),), None),
    ],
)
def test_age_from_date_of_birth_at_plan_date_or_as_stated(
    items: tuple[dict[str, object], ...], age: int | None
) -> None:
    assert metadata_of(*items).age == age


@pytest.mark.parametrize(
    ("value", "upn"),
    [("H801200001001", "H801200001001"), ("h801 2000 0100 A", "H80120000100A"), ("1234", None)],
)
def test_upn(value: str, upn: str | None) -> None:
    assert metadata_of(row("UPN", value)).upn == upn


def test_labels_with_glosses_fillers_and_first_person_are_read() -> None:
    from ehcp_lint.document import Block, BlockKind, Cell, Document, Location, Source
    from ehcp_lint.metadata import extract_metadata

    def row(index: int, label: str, value: str) -> Block:
        cells = [
            Cell(text=label, location=Location(table=1, row=index, cell=1)),
            Cell(text=value, location=Location(table=1, row=index, cell=2)),
        ]
        return Block(
            index=index,
            kind=BlockKind.TABLE_ROW,
            text=f"{label} | {value}",
            cells=cells,
            location=Location(table=1, row=index),
        )

    blocks = [
        row(0, "My name", "Dmitri Okafor"),
        row(1, "DOB (date of birth)", "20 July 2015"),
        row(2, "Current year group", "Year 6"),
        row(3, "Date issued", "15 May 2026"),
    ]
    source = Source(path="p.docx", format="docx", sha256="0" * 64, size_bytes=1)
    meta = extract_metadata(Document(source=source, blocks=blocks), blocks)
    assert meta.child_name == "Dmitri Okafor" and meta.first_name == "Dmitri"
    assert meta.date_of_birth is not None and meta.date_of_birth.year == 2015
    assert meta.year_group == 6 and meta.age == 10


@pytest.mark.parametrize(
    "label",
    [
        "Born",
        "D.O.B.",
        "DoB",
        "Birthday",
        "Child's birth date",
        "Date of birth (dd/mm/yyyy)",
        "Learner's birthdate",
    ],
)
def test_date_of_birth_label_variants_including_unlisted_ones(label: str) -> None:
    assert metadata_of(row(label, "14 March 2015")).date_of_birth == date(2015, 3, 14)
    assert metadata_of(line(f"{label}: 14/03/2015")).date_of_birth == date(2015, 3, 14)


@pytest.mark.parametrize("label", ["Mother's date of birth", "Place of birth"])
def test_other_birth_facts_are_not_the_childs_date_of_birth(label: str) -> None:
    assert metadata_of(row(label, "14/03/1985")).date_of_birth is None


@pytest.mark.parametrize(
    "label", ["School year", "NC year", "Year", "Pupil's class year", "Year group (NC)"]
)
def test_year_group_label_variants_including_unlisted_ones(label: str) -> None:
    assert metadata_of(row(label, "Year 7")).year_group == 7
    assert metadata_of(line(f"{label}: Year 7")).year_group == 7


def test_a_year_of_transfer_is_not_the_year_group() -> None:
    meta = metadata_of(row("Year of transfer to secondary school", "Year 7"))
    assert meta.year_group is None


@pytest.mark.parametrize(
    "label",
    ["Forename(s) and surname", "Child's forename and surname", "Full legal name of pupil"],
)
def test_child_name_label_variants_including_unlisted_ones(label: str) -> None:
    """A label about a name that says it is nobody else's is the child's full name, in a table
    cell and on a line (where "surname:" at its end is no surname label of its own)."""
    for meta in (
        metadata_of(row(label, "Maya Okafor")),
        metadata_of(line(f"{label}: Maya Okafor")),
    ):
        assert (meta.child_name, meta.first_name) == ("Maya Okafor", "Maya")


@pytest.mark.parametrize(
    "label", ["Name of parent or carer", "Social worker's full name", "Setting name"]
)
def test_unlisted_names_of_other_people_and_places_are_not_the_child(label: str) -> None:
    meta = metadata_of(row(label, "Grace Okafor"), row("Forename(s) and surname", "Maya Okafor"))
    assert meta.child_name == "Maya Okafor"
    assert metadata_of(row(label, "Grace Okafor")).child_name is None
