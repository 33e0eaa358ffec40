"""Shared test helpers: realistic plan text, written to files the way users give them to us."""

from __future__ import annotations

from pathlib import Path

import pytest

SECTION_HEADINGS = {
    "A": "Section A: Views, interests and aspirations of the child and their parents",
    "B": "Section B: Special educational needs",
    "C": "Section C: Health needs related to SEN",
    "D": "Section D: Social care needs related to SEN or disability",
    "E": "Section E: Outcomes",
    "F": "Section F: Special educational provision",
    "G": "Section G: Health provision",
    "H1": "Section H1: Social care provision under section 2 of the CSDPA 1970",
    "H2": "Section H2: Other social care provision",
    "I": "Section I: Placement",
    "J": "Section J: Personal budget",
    "K": "Section K: Advice and information",
}

# A sound, plain plan for a Year 4 pupil: each rule example replaces one section's body.
BASE_BODIES = {
    "A": (
        "I like building Lego models and playing football with my friends at break time.\n"
        "When I am worried I go quiet and I like an adult to check in with me.\n"
        'Ayaan told us: "When I grow up I want to be an engineer and build bridges."\n'
        "Ayaan's views were gathered by his teacher using a talking mat in February 2025."
    ),
    "B": (
        "Cognition and learning\n"
        "Ayaan has a specific learning difficulty (dyslexia). He reads at a level typical of a "
        "child two years younger and finds spelling common exception words difficult.\n"
        "Communication and interaction\n"
        "Ayaan takes longer than his peers to process spoken instructions of more than two parts."
    ),
    "C": "No health needs related to Ayaan's special educational needs have been identified.",
    "D": "No social care needs have been identified.",
    "E": (
        "- By the end of Year 4, Ayaan will read a 100-word passage at his reading level with "
        "95% accuracy.\n"
        "- By July 2026, Ayaan will spell 40 of the Year 3 and 4 common exception words "
        "correctly in a dictation.\n"
        "- By the end of the spring term, Ayaan will follow three-part classroom instructions "
        "independently on 4 out of 5 occasions."
    ),
    "F": (
        "- A Level 3 teaching assistant trained in Precision Teaching will deliver 15-minute "
        "one-to-one reading sessions five times a week.\n"
        "- A specialist dyslexia teacher will deliver a structured multisensory spelling "
        "programme in 45-minute one-to-one sessions once a week.\n"
        "- Ayaan's class teacher will give instructions in chunks of no more than two steps, "
        "with a visual checklist, in all lessons."
    ),
    "G": "No health provision is required.",
    "H1": "No provision under section 2 of the Chronically Sick and Disabled Persons Act 1970.",
    "H2": "No other social care provision is required.",
    "I": "Brookfield Primary School, a mainstream community primary school.",
    "J": "No personal budget has been requested.",
    "K": (
        "- Educational psychologist advice, Dr P Rowe, 3 February 2025\n"
        "- Parental advice, Mrs S Khan, 10 February 2025\n"
        "- School advice, Mrs L Hart (SENCo), 12 February 2025"
    ),
}

FRONT_MATTER = (
    "Education, Health and Care Plan\n\n"
    "Name: Ayaan Khan\n"
    "Date of birth: 14/09/2016\n"
    "Year group: Year 4\n"
    "Date of plan: 10 March 2025\n"
)


def plan_text(bodies: dict[str, str | None] | None = None) -> str:
    """A whole plan as plain text; a body of None leaves that section out entirely."""
    merged = {**BASE_BODIES, **(bodies or {})}
    parts = [FRONT_MATTER]
    for section_id, heading in SECTION_HEADINGS.items():
        body = merged[section_id]
        if body is not None:
            parts.append(f"{heading}\n\n{body}\n")
    return "\n".join(parts)


@pytest.fixture
def write_plan(tmp_path: Path):
    """Write plan text to a .txt file and return its path."""

    def write(text: str, name: str = "plan.txt") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
