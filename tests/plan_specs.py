"""Small, realistic PlanSpecs for file-level segmentation and metadata tests.

The content is invented. It deliberately holds the things that trip a segmenter: subheadings
that sound like section titles ("Health", "Outcomes for adulthood"), body sentences that name
other sections ("The provision in Section F will be reviewed termly."), short lines with no full
stop ("None", "No personal budget requested"), and tables inside sections.
"""

from __future__ import annotations

from corpora_synthetic.spec import PlanSpec, SpecBlock, SpecSection


def _paragraph(text: str) -> SpecBlock:
    return SpecBlock(kind="paragraph", text=text)


def _bullet(text: str) -> SpecBlock:
    return SpecBlock(kind="bullet", text=text)


def _subheading(text: str) -> SpecBlock:
    return SpecBlock(kind="subheading", text=text)


def _table(header: list[str], *rows: list[str]) -> SpecBlock:
    return SpecBlock(kind="table", header=header, rows=list(rows))


FRONT_MATTER: list[tuple[str, str]] = [
    ("Name", "Maya Okafor"),
    ("Date of birth", "14/03/2015"),
    ("Year group", "Year 5"),
    ("UPN", "H801200001001"),
    ("Date of plan", "2 June 2025"),
]

SECTION_BODIES: dict[str, list[SpecBlock]] = {
    "A": [
        _paragraph("I like drawing horses and playing football with my cousin."),
        _subheading("What people like about me"),
        _bullet("Maya is kind and always helps younger children."),
        _bullet("Maya has a great sense of humour."),
        _paragraph("When I grow up I want to work with animals."),
    ],
    "B": [
        _subheading("Communication and interaction"),
        _paragraph("Maya finds it hard to follow spoken instructions with more than two steps."),
        _subheading("Cognition and learning"),
        _paragraph("Maya reads at a level expected for a child in Year 2."),
        _subheading("Health"),
        _paragraph("Maya tires easily in the afternoon, which affects her learning."),
        _paragraph("The provision in Section F will be reviewed termly."),
    ],
    "C": [
        _paragraph("Maya has mild asthma, managed with an inhaler kept in class."),
    ],
    "D": [
        _paragraph("No social care needs have been identified."),
    ],
    "E": [
        _subheading("Outcome 1"),
        _paragraph("By July 2026 Maya will read a 100-word passage with 90% accuracy."),
        _subheading("Outcomes for adulthood"),
        _table(
            ["Outcome", "By when"],
            ["Maya will travel to school with a friend", "July 2027"],
        ),
    ],
    "F": [
        _table(
            ["Provision", "Who", "How often"],
            ["Phonics programme, one to one", "Teaching assistant", "20 minutes daily"],
            ["Speech and language therapy", "Speech and language therapist", "Weekly"],
        ),
        _paragraph("Progress towards the outcomes in Section E will be reviewed each term."),
    ],
    "G": [
        _paragraph("None"),
    ],
    "H1": [
        _paragraph("None identified"),
    ],
    "H2": [
        _paragraph("Maya attends a weekly after-school club funded by children's services."),
    ],
    "I": [
        _paragraph("Hill Top Primary School, a mainstream maintained primary school."),
    ],
    "J": [
        _paragraph("No personal budget requested"),
    ],
    "K": [
        _table(
            ["Advice", "Author", "Date"],
            ["Educational psychology advice", "Educational psychologist", "3 March 2025"],
            ["Health advice", "Community paediatrician", "10 March 2025"],
        ),
    ],
}

ALL_SECTIONS = ("A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K")


def plan_spec(
    plan_id: str = "maya", sections: tuple[str, ...] = ALL_SECTIONS, front_matter: bool = True
) -> PlanSpec:
    """A plan with the given sections, in the given order."""
    return PlanSpec(
        plan_id=plan_id,
        front_matter=FRONT_MATTER if front_matter else [],
        sections=[SpecSection(id=sid, blocks=SECTION_BODIES[sid]) for sid in sections],
    )


# A plan missing C, D and H1 (a common draft), with J and K swapped.
GAPPY_SECTIONS = ("A", "B", "E", "F", "G", "H2", "I", "K", "J")
