"""The result of checking one plan: the JSON contract of DESIGN.md as pydantic models.

Fields that belong to checks not built yet are None ("not assessed"), never a made-up value.
Add fields freely; never rename or drop the contract's fields.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from ehcp_lint.document import Location, Source
from ehcp_lint.plan import PlanMetadata, SectionId

SCHEMA_VERSION = "1.0"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Category(StrEnum):
    CHILD_VOICE = "child_voice"
    SMART_OUTCOMES = "smart_outcomes"
    PROVISION_SPECIFICITY = "provision_specificity"
    COP_COMPLIANCE = "cop_compliance"
    GOLDEN_THREAD = "golden_thread"
    CONSISTENCY = "consistency"
    ACCESSIBILITY = "accessibility"
    PFA = "pfa"


class Finding(BaseModel):
    rule: str
    category: Category
    severity: Severity
    section: SectionId | None
    message: str
    evidence: str | None = Field(description="The plan's own words, quoted exactly")
    location: Location | None
    suggestion: str | None = None


class SectionSummary(BaseModel):
    id: SectionId
    present: bool
    heading: str | None
    location: Location | None
    word_count: int


class VoiceEvidence(BaseModel):
    text: str
    kind: Literal["first_person", "quotation", "reported", "observed"]
    location: Location


class VoiceResult(BaseModel):
    child_voice_present: bool
    evidence: list[VoiceEvidence] = Field(default_factory=list)


class SmartElements(BaseModel):
    specific: bool
    measurable: bool
    achievable: bool
    relevant: bool
    time_bound: bool


class OutcomeResult(BaseModel):
    text: str
    section: SectionId = SectionId.E
    location: Location
    smart: SmartElements
    is_smart: bool
    provision_not_outcome: bool
    reasons: dict[str, str] = Field(
        default_factory=dict, description="Why each SMART element was judged as it was"
    )


class ProvisionElements(BaseModel):
    what: bool
    who: bool
    frequency: bool
    duration: bool
    group_size: bool


class ProvisionResult(BaseModel):
    text: str
    section: Literal["F", "G", "H1", "H2"]
    location: Location
    elements: ProvisionElements
    vague_terms: list[str]
    is_specific: bool
    standing_adjustment: bool = Field(
        default=False,
        description="Applies all the time ('in all lessons'): duration and group size not needed",
    )
    commitment: Literal["firm", "weak", "unstated"] | None = Field(
        default=None,
        description=(
            "firm: 'will', 'must', 'shall'; weak: 'should', 'may', 'would benefit from' and the "
            "like (ENF003); unstated: no verb (a table row); null: not assessed"
        ),
    )


class PfaResult(BaseModel):
    required: bool | None = Field(description="From Year 9 / age 14; null when age is unknown")
    outcomes_present: bool
    areas: list[str] = Field(
        default_factory=list, description="Preparing for Adulthood areas that outcomes cover"
    )


class ReadingFigures(BaseModel):
    """How hard one section is to read (Flesch formulas; syllables from pyphen)."""

    words: int
    sentences: int
    reading_ease: float = Field(description="Flesch reading ease: 0-100, higher is easier")
    grade: float = Field(description="Flesch-Kincaid grade level: US school grade, lower is easier")


class SectionScore(BaseModel):
    score: float
    grade: Literal["outstanding", "good", "requires_improvement", "inadequate"]


class GradeDriver(BaseModel):
    """A rule's findings in one section and the overall points they cost: why the grade."""

    rule: str
    section: SectionId | None
    message: str = Field(description="The first such finding's message")
    points: float
    count: int = 1


class ScoreResult(BaseModel):
    overall: float
    grade: Literal["outstanding", "good", "requires_improvement", "inadequate"]
    sections: dict[SectionId, SectionScore]
    caps: list[str] = Field(
        default_factory=list, description="Caps that limited the grade, e.g. missing_section"
    )
    drivers: list[GradeDriver] = Field(
        default_factory=list, description="The findings that cost the most points"
    )


class PlanReport(BaseModel):
    schema_version: str = SCHEMA_VERSION
    tool_version: str
    source: Source
    metadata: PlanMetadata
    sections: list[SectionSummary] = Field(
        min_length=12, max_length=12, description="Always all twelve, in statutory order"
    )
    checks_run: list[str] = Field(description="Names of the checks that produced this report")
    voice: VoiceResult | None = None
    outcomes: list[OutcomeResult] | None = None
    provisions: list[ProvisionResult] | None = None
    pfa: PfaResult | None = None
    readability: dict[SectionId, ReadingFigures] | None = Field(
        default=None, description="Reading figures per section with enough text to measure"
    )
    findings: list[Finding] = Field(default_factory=list)
    score: ScoreResult | None = None

    def to_json(self) -> str:
        return self.model_dump_json(indent=2)
