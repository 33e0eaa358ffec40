"""Items extracted from a Plan's sections: the units the checks judge.

Each item keeps its exact text and its Location so a finding can quote it.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from ehcp_lint.document import Location
from ehcp_lint.plan import SectionId


class NeedArea(StrEnum):
    """The four broad areas of need (CoP 6.28-6.35)."""

    COMMUNICATION_INTERACTION = "communication_and_interaction"
    COGNITION_LEARNING = "cognition_and_learning"
    SEMH = "social_emotional_mental_health"
    SENSORY_PHYSICAL = "sensory_and_physical"


class Item(BaseModel):
    text: str = Field(description="Exact text from the plan")
    section: SectionId
    location: Location
    block_index: int = Field(description="Index of the source block in Document.blocks")
    start: int = Field(default=0, description="Offset of the text in its block's text")
    heading: str | None = Field(
        default=None, description="The subheading (or table label cell) the text sits under"
    )


class OutcomeItem(Item):
    group: str | None = Field(default=None, description="Need area or PfA heading it sits under")
    steps: list[str] = Field(default_factory=list, description="Short-term targets linked to it")


class ProvisionItem(Item):
    cells: list[str] = Field(default_factory=list, description="The table row's cells, if any")


class NeedItem(Item):
    area: NeedArea | None = None


class SentenceItem(Item):
    """A sentence of Section A, the raw material of the voice check."""


class PlanItems(BaseModel):
    outcomes: list[OutcomeItem] = Field(default_factory=list)
    provisions: list[ProvisionItem] = Field(default_factory=list)
    needs: list[NeedItem] = Field(default_factory=list)
    section_a_sentences: list[SentenceItem] = Field(default_factory=list)
