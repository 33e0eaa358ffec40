"""The abstract plan that the generator writes and the renderers lay out, and its gold labels.

Content (what the plan says) and layout (template style, file format) are kept apart: the
generator and the hand-written dev set produce a PlanSpec; `render.py` turns a PlanSpec into
.docx, .pdf or .txt in one of the template styles of `templates.py`. Gold labels are written in
the same run, so every gold text is known to occur in the rendered file.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

SECTION_IDS = ("A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K")
Grade = Literal["outstanding", "good", "requires_improvement", "inadequate"]


class SpecBlock(BaseModel):
    """One unit of section content; a table has a header row and body rows of cells."""

    kind: Literal["paragraph", "bullet", "subheading", "table"]
    text: str = ""
    header: list[str] = Field(default_factory=list)
    rows: list[list[str]] = Field(default_factory=list)


class SpecSection(BaseModel):
    id: str = Field(description="One of SECTION_IDS")
    blocks: list[SpecBlock] = Field(default_factory=list)


class PlanSpec(BaseModel):
    """A plan before layout. Sections appear in the order given; a section not listed is missing."""

    plan_id: str
    title: str = "Education, Health and Care Plan"
    front_matter: list[tuple[str, str]] = Field(
        default_factory=list, description="Label/value pairs, e.g. ('Name', 'Sam Smith')"
    )
    sections: list[SpecSection]


class SmartLabel(BaseModel):
    specific: bool
    measurable: bool
    achievable: bool
    relevant: bool
    time_bound: bool


class ProvisionElements(BaseModel):
    what: bool
    who: bool
    frequency: bool
    duration: bool
    group_size: bool


class GoldSection(BaseModel):
    id: str
    present: bool
    heading: str | None = Field(description="Heading text exactly as rendered, or None")


class GoldOutcome(BaseModel):
    text: str = Field(description="Exact text as it occurs in the rendered plan")
    section: str = "E"
    need_area: str | None = None
    smart: SmartLabel
    is_smart: bool
    provision_not_outcome: bool = False


class GoldProvision(BaseModel):
    text: str = Field(description="Exact text (a table row's cells joined with ' | ')")
    section: Literal["F", "G", "H1", "H2"]
    elements: ProvisionElements
    hedge_terms: list[str] = Field(default_factory=list, description="Exact phrases as written")
    is_specific: bool


class GoldDefect(BaseModel):
    kind: str = Field(
        description=(
            "missing_section, no_child_voice, non_smart_outcome, provision_as_outcome, "
            "vague_provision, therapy_in_g, missing_pfa, wrong_name, pronoun_mix, placeholder, "
            "duplicated_paragraph, unexplained_acronym"
        )
    )
    section: str | None = None
    text: str | None = Field(default=None, description="Exact quoted text where there is one")
    detail: str | None = None


class GoldPlan(BaseModel):
    plan_id: str
    file: str = Field(description="File name relative to the labels file")
    format: Literal["docx", "pdf", "txt"]
    template: str
    split: Literal["train", "heldout", "dev"]
    child_name: str
    age: int | None
    year_group: int | None
    need_areas: list[str]
    setting: str
    sections: list[GoldSection] = Field(description="All twelve, in statutory order")
    child_voice_present: bool
    voice_evidence: list[str] = Field(default_factory=list)
    pfa_required: bool | None
    pfa_outcomes_present: bool
    outcomes: list[GoldOutcome]
    provisions: list[GoldProvision]
    defects: list[GoldDefect]
    grade: Grade
    section_grades: dict[str, Grade]


class GoldCorpus(BaseModel):
    """Everything in one labels.json beside the rendered files."""

    generator_version: str
    seed: int | None
    plans: list[GoldPlan]
