"""A Document divided into the statutory sections A-K, with the plan's front-matter metadata."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field

from ehcp_lint.document import Block, Location, Source


class SectionId(StrEnum):
    """The twelve statutory sections (SEND Regulations 2014 reg. 12; CoP 9.62), in order."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"
    G = "G"
    H1 = "H1"
    H2 = "H2"
    I = "I"  # noqa: E741 - the statutory name
    J = "J"
    K = "K"


class Section(BaseModel):
    id: SectionId
    present: bool
    heading: str | None = Field(default=None, description="Heading text exactly as found")
    location: Location | None = None
    blocks: list[Block] = Field(default_factory=list, description="Body blocks, heading excluded")

    @property
    def word_count(self) -> int:
        return sum(len(block.text.split()) for block in self.blocks)

    @property
    def text(self) -> str:
        return "\n".join(block.text for block in self.blocks)


class PlanMetadata(BaseModel):
    """Facts from the front matter that later checks need (name, age, plan date)."""

    child_name: str | None = None
    first_name: str | None = None
    date_of_birth: date | None = None
    age: int | None = Field(default=None, description="Age in whole years at the plan date")
    year_group: int | None = Field(
        default=None, description="National Curriculum year: 0 = Reception, 12-14 = post-16"
    )
    plan_date: date | None = None
    upn: str | None = None


class Plan(BaseModel):
    source: Source
    metadata: PlanMetadata
    front_matter: list[Block] = Field(
        default_factory=list, description="Blocks before the first statutory section"
    )
    sections: dict[SectionId, Section] = Field(description="All twelve, present or not")

    def section(self, section_id: SectionId | str) -> Section:
        return self.sections[SectionId(section_id)]

    @property
    def present_sections(self) -> list[Section]:
        return [section for section in self.sections.values() if section.present]

    def blocks_by_section(self) -> Iterator[tuple[SectionId | None, Block]]:
        """Every block in reading order with its section (None for front matter)."""
        for block in self.front_matter:
            yield None, block
        for section in self.present_sections:
            for block in section.blocks:
                yield section.id, block
