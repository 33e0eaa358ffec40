"""Gold labels: what a careful auditor says is in a plan. The evaluation compares reports with them.

Written by the synthetic generator and by hand for the dev set (corpora_synthetic/); read by
`ehcp-lint evaluate`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from ehcp_lint.report import ProvisionElements, SmartElements

# The synthetic corpora's wording sets: the main bank's two halves, then the written splits in
# the order they were written (corpora_synthetic/phrases).
CorpusSplit = Literal[
    "train",
    "heldout",
    "probe",
    "blind",
    "sealed",
    "vault",
    "cellar",
    "crypt",
    "attic",
    "loft",
    "garret",
    "turret",
    "spire",
    "belfry",
    "steeple",
    "minaret",
    "pagoda",
    "cupola",
    "rotunda",
    "campanile",
    "portico",
    "parapet",
    "rampart",
]

Grade = Literal["outstanding", "good", "requires_improvement", "inadequate"]


# Gold labels use the report's own element models, so the two can never drift apart.
SmartLabel = SmartElements


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
    pfa_area: str | None = Field(
        default=None, description="Preparing-for-adulthood area when it is a PfA outcome"
    )


class GoldProvision(BaseModel):
    text: str = Field(description="Exact text (a table row's cells joined with ' | ')")
    section: Literal["F", "G", "H1", "H2"]
    elements: ProvisionElements
    hedge_terms: list[str] = Field(default_factory=list, description="Exact phrases as written")
    is_specific: bool
    context_terms: list[str] = Field(
        default_factory=list,
        description=(
            "Hedge-like words that do not weaken this line, exactly as written (e.g. "
            "'reviewed regularly' as a side clause of a fully quantified line)"
        ),
    )


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


class GradingFacts(BaseModel):
    """The gold facts a grading rubric reads: what is in a plan, without its identity."""

    sections: list[GoldSection] = Field(description="All twelve, in statutory order")
    child_voice_present: bool
    voice_evidence: list[str] = Field(default_factory=list)
    pfa_required: bool | None
    pfa_outcomes_present: bool
    outcomes: list[GoldOutcome]
    provisions: list[GoldProvision]
    defects: list[GoldDefect]


class GoldPlan(GradingFacts):
    plan_id: str
    file: str = Field(description="File name relative to the labels file")
    format: Literal["docx", "pdf", "txt"]
    template: str
    split: CorpusSplit | Literal["dev"]
    child_name: str
    age: int | None
    year_group: int | None
    need_areas: list[str]
    setting: str
    grade: Grade
    section_grades: dict[str, Grade]


class GoldCorpus(BaseModel):
    """Everything in one labels.json beside the rendered files."""

    generator_version: str
    seed: int | None
    plans: list[GoldPlan]
