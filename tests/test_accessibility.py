"""ACC001 unexplained acronyms: what needs spelling out and what does not."""

from __future__ import annotations

import pytest

from ehcp_lint import parse
from ehcp_lint.checks import accessibility
from tests.conftest import plan_text
from tests.plan_builder import run_check


def acronyms_flagged(write_plan, provision: str) -> list[str]:
    plan = parse(write_plan(plan_text({"F": f"- {provision}"})))
    return [f.message.split('"')[1] for f in run_check(accessibility.run, plan).findings]


@pytest.mark.parametrize(
    ("provision", "acronym"),
    [
        ("A SALT will see Ayaan for 30 minutes once a week.", "SALT"),
        ("A SALT registered with the HCPC will see Ayaan once a week.", "SALT"),
        ("A counsellor registered with the BACP will see Ayaan once a week.", "BACP"),
        ("Ayaan is working at PKS4 in writing and will have daily phonics.", "PKS4"),
        ("A Specialist SALT Assistant will see Ayaan once a week.", "SALT"),
    ],
)
def test_professional_shorthand_and_voluntary_registers_need_spelling_out(
    write_plan, provision: str, acronym: str
) -> None:
    assert acronyms_flagged(write_plan, provision) == [acronym]


@pytest.mark.parametrize(
    "provision",
    [
        "An occupational therapist (HCPC registered) will see Ayaan once a week.",
        "An HCPC-registered physiotherapist will see Ayaan once a week.",
        "A nurse registered with the NMC will check Ayaan's care plan once a term.",
        "A physiotherapist who holds current HCPC registration will see Ayaan once a week.",
        "A nurse whose NMC registration is up to date will check Ayaan's care plan each term.",
        "Staff from Oakfield CE Primary School will share his reading records each term.",
        "[CHILD'S NAME] will have a visual timetable in every lesson.",
        "Ayaan will sit his GCSE mock exams in a separate room with 25% extra time.",
    ],
)
def test_regulators_in_a_qualification_names_and_everyday_abbreviations_are_not_flagged(
    write_plan, provision: str
) -> None:
    assert acronyms_flagged(write_plan, provision) == []


@pytest.mark.parametrize(
    "provision",
    [
        "An emotional literacy support assistant, or ELSA, will see Ayaan once a week.",
        "An ELSA - emotional literacy support assistant - will see Ayaan once a week.",
        "An ELSA, which stands for emotional literacy support assistant, will see Ayaan weekly.",
        'The Child and Adolescent Mental Health Service ("CAMHS") will see Ayaan each month.',
        "The special educational needs co-ordinator (SENCo) will meet the SENCO's team termly.",
        "A higher level teaching assistant (hereafter HLTA) will see Ayaan; the HLTA logs it.",
        "An occupational therapist, referred to as the OT, will visit Ayaan once a term.",
    ],
)
def test_an_acronym_spelt_out_beside_it_in_any_way_is_explained(write_plan, provision: str) -> None:
    assert acronyms_flagged(write_plan, provision) == []


@pytest.mark.parametrize(
    "provision",
    [
        "An ELSA will see Ayaan once a week for emotional literacy support.",
        "Ayaan attends the ARP three mornings a week; a resourced provision suits him.",
        "A TA will help Ayaan to attend art sessions.",
    ],
)
def test_words_near_an_acronym_that_do_not_spell_it_explain_nothing(
    write_plan, provision: str
) -> None:
    assert len(acronyms_flagged(write_plan, provision)) == 1


@pytest.mark.parametrize(
    "provision",
    [
        "<FIRST NAME> will have a named adult to check in with each morning.",
        "Staff will help NAME HERE to prepare for changes.",
        "CHILD'S SURNAME will have a visual timetable in every lesson.",
        "Ayaan will write a CV with the careers adviser once a term.",
    ],
)
def test_placeholder_fields_in_capitals_and_a_cv_are_not_acronyms(
    write_plan, provision: str
) -> None:
    assert acronyms_flagged(write_plan, provision) == []
