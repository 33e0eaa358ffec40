"""Build Plans straight from section text, without ingest or the segmenter, for check unit tests.

Body text is one line per block: "## Title" is a subheading, "- " a bullet, a line with " | "
a table row (consecutive rows form one table), anything else a paragraph.
"""

from __future__ import annotations

import pytest

from ehcp_lint.checks import Check, CheckOutput
from ehcp_lint.document import Block, BlockKind, Cell, Location, Source
from ehcp_lint.extract import extract_items
from ehcp_lint.plan import Plan, PlanMetadata, Section, SectionId
from ehcp_lint.ruleset import Rule, RuleExample, all_rules
from tests.conftest import BASE_BODIES

SOURCE = Source(path="test.txt", format="txt", sha256="0" * 64, size_bytes=0)


def section_blocks(body: str, first_index: int = 0, first_table: int = 1) -> list[Block]:
    """The blocks of one section body, numbered from `first_index`."""
    blocks: list[Block] = []
    table, row = first_table - 1, 0
    for line in (line for line in body.split("\n") if line.strip()):
        index = first_index + len(blocks)
        if " | " in line:
            if not blocks or blocks[-1].kind is not BlockKind.TABLE_ROW:
                table, row = table + 1, 0
            row += 1
            blocks.append(_row(index, line, table, row))
            continue
        kind, text = BlockKind.PARAGRAPH, line
        if line.startswith("## "):
            kind, text = BlockKind.HEADING, line[3:]
        elif line.startswith("- "):
            kind, text = BlockKind.LIST_ITEM, line[2:]
        blocks.append(
            Block(index=index, kind=kind, text=text, location=Location(paragraph=index + 1))
        )
    return blocks


def _row(index: int, line: str, table: int, row: int) -> Block:
    cells = [
        Cell(text=text, location=Location(table=table, row=row, cell=number))
        for number, text in enumerate(line.split(" | "), start=1)
    ]
    return Block(
        index=index,
        kind=BlockKind.TABLE_ROW,
        text=line,
        cells=cells,
        location=Location(table=table, row=row),
    )


def build_plan(
    bodies: dict[str, str | None], *, first_name: str | None = "Ayaan", year_group: int | None = 4
) -> Plan:
    """A plan with the given section bodies; a section not given (or None) is absent."""
    sections: dict[SectionId, Section] = {}
    index = 0
    for section_id in SectionId:
        body = bodies.get(section_id.value)
        if body is None:
            sections[section_id] = Section(id=section_id, present=False)
            continue
        blocks = section_blocks(body, index + 1)
        heading_location = Location(paragraph=index + 1)
        sections[section_id] = Section(
            id=section_id,
            present=True,
            heading=f"Section {section_id.value}",
            location=heading_location,
            blocks=blocks,
        )
        index += len(blocks) + 1
    metadata = PlanMetadata(
        first_name=first_name,
        child_name=f"{first_name} Khan" if first_name else None,
        year_group=year_group,
    )
    return Plan(source=SOURCE, metadata=metadata, sections=sections)


def base_plan(**bodies: str | None) -> Plan:
    """The sound base plan of conftest with some section bodies replaced."""
    return build_plan({**BASE_BODIES, **bodies})


def run_check(run: Check, plan: Plan) -> CheckOutput:
    return run(plan, extract_items(plan))


def rule_example_cases(prefix: str) -> list[object]:
    """pytest params for every section example of the rules whose code starts with `prefix`."""
    return [
        pytest.param(rule, example, id=f"{rule.code}-{example.kind}-{number}")
        for rule in all_rules().values()
        if rule.code.startswith(prefix)
        for number, example in enumerate(rule.examples)
        if example.section is not None
    ]


def assert_rule_example(run: Check, rule: Rule, example: RuleExample) -> None:
    """A bad example raises its rule; a good one does not."""
    assert example.section is not None
    output = run_check(run, base_plan(**{example.section.value: example.text}))
    codes = {finding.rule for finding in output.findings}
    if example.kind == "bad":
        assert rule.code in codes, f"{rule.code} missed its bad example"
    else:
        assert rule.code not in codes, f"{rule.code} fired on its good example"
