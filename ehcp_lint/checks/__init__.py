"""The checks: each reads a Plan and its items and returns findings and item verdicts.

A check is a plain function registered in CHECKS under a stable name; the pipeline runs them in
that order and merges their outputs into the PlanReport.
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel, Field

from ehcp_lint.items import PlanItems
from ehcp_lint.plan import Plan, SectionId
from ehcp_lint.report import (
    Finding,
    OutcomeResult,
    PfaResult,
    ProvisionResult,
    ReadingFigures,
    VoiceResult,
)


class CheckOutput(BaseModel):
    findings: list[Finding] = Field(default_factory=list)
    voice: VoiceResult | None = None
    outcomes: list[OutcomeResult] | None = None
    provisions: list[ProvisionResult] | None = None
    pfa: PfaResult | None = None
    readability: dict[SectionId, ReadingFigures] | None = None


Check = Callable[[Plan, PlanItems], CheckOutput]


def registered_checks() -> dict[str, Check]:
    """Name -> check function, in the order they run. Imported here to keep package import light."""
    from ehcp_lint.checks import (
        accessibility,
        compliance,
        consistency,
        dates,
        enforceability,
        golden_thread,
        outcomes,
        pfa,
        provision,
        readability,
        voice,
    )

    return {
        "compliance": compliance.run,
        "voice": voice.run,
        "outcomes": outcomes.run,
        "provision": provision.run,
        "consistency": consistency.run,
        "enforceability": enforceability.run,
        "accessibility": accessibility.run,
        "readability": readability.run,
        "dates": dates.run,
        "golden_thread": golden_thread.run,
        "pfa": pfa.run,
    }
