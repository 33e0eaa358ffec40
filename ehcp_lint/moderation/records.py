"""What the moderation store hands out and takes in (pydantic, so it crosses module lines)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from ehcp_lint.plan import SectionId
from ehcp_lint.report import Finding, SectionScore
from ehcp_lint.score import Grade


class PreAuditRecord(BaseModel):
    """A stored pre-audit result; moderation never changes it."""

    id: int
    sha256: str
    path: str
    tool_version: str
    created_at: datetime
    score: float
    grade: Grade
    sections: dict[SectionId, SectionScore]
    caps: list[str]
    findings: list[Finding]


class ModerationRequest(BaseModel):
    """An auditor's verdict: the overall grade and the sections whose grade they change."""

    auditor: str = Field(min_length=1)
    grade: Grade
    sections: dict[SectionId, Grade] = Field(
        default_factory=dict, description="Overridden section grades; the rest are agreed"
    )
    reason: str = ""
    round_name: str | None = Field(
        default=None, description="Audit round; default: the latest round the plan is in"
    )


class ModeratedSection(BaseModel):
    section: SectionId
    pre_audit_grade: Grade
    grade: Grade
    overridden: bool


class ModerationRecord(BaseModel):
    id: int
    sha256: str
    path: str
    auditor: str
    moderated_at: datetime
    round_name: str | None
    reason: str
    pre_audit: PreAuditRecord
    grade: Grade
    sections: list[ModeratedSection]

    @property
    def overridden(self) -> bool:
        return self.grade != self.pre_audit.grade


class SampleEntry(BaseModel):
    """One row of a sample list (`ehcp-lint sample` writes them): path,sha256,reason."""

    path: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    reason: str = ""


class RoundSummary(BaseModel):
    name: str
    plans: int
    source: str | None
