"""The abstract plan that the generator writes and the renderers lay out, and its gold labels.

Content (what the plan says) and layout (template style, file format) are kept apart: the
generator and the hand-written dev set produce a PlanSpec; `render.py` turns a PlanSpec into
.docx, .pdf or .txt in one of the template styles of `templates.py`. Gold labels are written in
the same run, so every gold text is known to occur in the rendered file.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from ehcp_lint.gold import (  # noqa: F401 - re-exported for the generator
    GoldCorpus,
    GoldDefect,
    GoldOutcome,
    GoldPlan,
    GoldProvision,
    GoldSection,
    Grade,
    ProvisionElements,
    SmartLabel,
)

SECTION_IDS = ("A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K")


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
