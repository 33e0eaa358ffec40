"""Preparing for Adulthood: which outcomes work towards adult life (CoP 8.9-8.12), PFA rules."""

from __future__ import annotations

import pytest

from ehcp_lint.checks import pfa
from tests.plan_builder import base_plan, build_plan, run_check

EMPLOYMENT = "employment and higher education"
LIVING = "independent living"
COMMUNITY = "friends, relationships and community"
HEALTH = "good health"

# (one Section E outcome, the PfA areas it works towards)
CASES = [
    # Shapes of adult life in other words: food made for oneself, staying active, out in the
    # area, a placement, a small business, adult health services; not a task set in class or a
    # service that comes to the child.
    ("By July 2027, Maya will make toast and a cup of coffee for her breakfast.", {LIVING}),
    ("By July 2027, Maya will go for a bike ride at the weekend to keep active.", {HEALTH}),
    (
        "By July 2027, Maya will find out what is on in her town from the council's website.",
        {COMMUNITY},
    ),
    (
        "By July 2027, Maya will wear her safety boots on every shift of her placement.",
        {EMPLOYMENT},
    ),
    (
        "By July 2027, Maya will sell the candles she makes at a craft stall once a term.",
        {EMPLOYMENT},
    ),
    ("By July 2027, Maya will take part in an enterprise scheme with her class.", {EMPLOYMENT}),
    (
        "By July 2027, Maya will tell the adult health team what helps her at appointments.",
        {HEALTH},
    ),
    ("By July 2027, Maya will follow a picture recipe to make a cake in a food lesson.", set()),
    ("Maya will be referred to the community paediatrician.", set()),
    (
        "By July 2026, Maya will complete a one-week work experience placement at a bakery.",
        {EMPLOYMENT},
    ),
    (
        "By July 2027, Maya will fill in a supported internship application with her job coach.",
        {EMPLOYMENT},
    ),
    (
        "By July 2026, Maya will arrive on time for her college course on four days out of five.",
        {EMPLOYMENT},
    ),
    ("By July 2026, Maya will use a bank card to pay for her lunch in the canteen.", {LIVING}),
    ("By July 2026, Maya will wash and dry her own clothes using the washing machine.", {LIVING}),
    ("By July 2026, Maya will cook a simple pasta meal following a picture recipe.", {LIVING}),
    (
        "By July 2026, Maya will walk to school on her own using a route she has practised.",
        {LIVING},
    ),
    (
        "By July 2027, Maya will travel to college on the bus without an adult.",
        {EMPLOYMENT, LIVING},
    ),
    (
        "By July 2026, Maya will go to a youth club every week and stay for the session.",
        {COMMUNITY},
    ),
    ("By July 2026, Maya will borrow books from the local library on her own.", {COMMUNITY}),
    ("By July 2026, Maya will play for a netball team outside school every week.", {COMMUNITY}),
    (
        "By July 2026, Maya will describe her health needs to a new doctor using her passport.",
        {HEALTH},
    ),
    ("By July 2026, Maya will take part in a physical activity of her choice each week.", {HEALTH}),
    ("By July 2026, Maya will take her inhaler before exercise without a reminder.", {HEALTH}),
    (
        "Before she leaves school, Maya will go to the cinema with two friends once a month.",
        {COMMUNITY},
    ),
    ("By July 2027, Maya will make a hot drink and a sandwich for herself at home.", {LIVING}),
    (
        "By July 2026, Maya will go to her annual health check and answer the nurse's questions.",
        {HEALTH},
    ),
    # school life, self-care and classroom maths are not preparing for adult life
    ("By July 2026, Maya will join the lunchtime art club for the whole term.", set()),
    ("By July 2026, Maya will join the school choir and sing at the summer concert.", set()),
    ("By July 2026, Maya will start a conversation with a friend at break time.", set()),
    ("By July 2026, Maya will make friends with two children in her class.", set()),
    ("By July 2026, Maya will need no help with personal care in four out of five weeks.", set()),
    ("By July 2026, Maya will dress and undress for swimming without adult help.", set()),
    ("By July 2026, Maya will use a calculator to work out change from a five-pound note.", set()),
    ("By July 2026, Maya will find her way around the school building using landmarks.", set()),
    ("By July 2026, Maya will achieve a grade 4 or above in GCSE English language.", set()),
    ("By July 2026, Maya will take part in a group discussion with two peers in lessons.", set()),
    ("By July 2026, Maya will attend a nurture group three times a week.", set()),
    ("By July 2026, Chloe will make new friends through her drama group.", {COMMUNITY}),
    (
        "By July 2025, Chloe will tell her job coach what to do if she has a seizure.",
        {EMPLOYMENT, HEALTH},
    ),
    ("By July 2026, Maya will keep her bedroom tidy and strip her own bed each week.", {LIVING}),
    ("By July 2026, Maya will plan and prepare a healthy packed lunch twice a week.", {LIVING}),
    ("By July 2026, Maya will arrange her own dental appointments using a diary.", {HEALTH}),
    (
        "By July 2026, Maya will go to a weekend activity run by a local charity with a friend.",
        {COMMUNITY},
    ),
    ("By July 2026, Maya will tell a member of staff when she feels unwell at college.", {HEALTH}),
    (
        "By July 2026, Maya will follow a picture checklist to finish a work task on time.",
        {EMPLOYMENT},
    ),
    # getting on with classmates is school life
    ("By July 2026, Maya will build good relationships with classmates in group work.", set()),
    # a time frame says when, not what
    ("Before she starts college, Maya will read a 150-word passage with 90% accuracy.", set()),
    ("By the end of her first year at college, Maya will write a paragraph unaided.", set()),
    # A vocational placement named by its trade; running one's own morning.
    (
        "By July 2027, Zoe will serve customers during her hospitality placement.",
        {"employment and higher education"},
    ),
    (
        "By July 2027, Zoe will set her own alarm and get up in time for work.",
        {"independent living"},
    ),
    # Getting about between classrooms is mobility at school, not travel.
    ("By July 2027, Zoe will use her cane to travel between classrooms.", set()),
    # A sponsored event raises money for a charity: it is not volunteering in the community.
    ("By July 2027, Zoe will take part in a sponsored swim for charity.", set()),
    # Housework, nights away, job shadowing, services in town, visiting where to go next.
    ("By July 2027, Zoe will hoover her bedroom at home every Sunday.", {"independent living"}),
    (
        "By July 2027, Zoe will job shadow at a vet's practice for two days.",
        {"employment and higher education"},
    ),
    (
        "By July 2027, Zoe will post a parcel at the post office.",
        {"friends, relationships and community"},
    ),
    (
        "By July 2027, Zoe will visit three colleges with her dad.",
        {"employment and higher education"},
    ),
    # New shapes of our own wording: a home's door and keys, anything local, tickets, going
    # somewhere with a friend however far the verb is from "with"; shopping in class is not.
    (
        "By July 2027, Sam will let himself in with his own key after college.",
        {"independent living"},
    ),
    (
        "By July 2027, Mia will use her local gym with a friend on 3 occasions.",
        {"friends, relationships and community", "good health"},
    ),
    (
        "By July 2027, Sam will buy two cinema tickets at the kiosk on 3 occasions.",
        {"friends, relationships and community", "independent living"},
    ),
    (
        "By July 2027, Mia will go bowling on a Saturday in the town with a friend.",
        {"friends, relationships and community"},
    ),
    ("By July 2027, Sam will pay for an item in the class shop using the right coins.", set()),
]


def _areas(outcome: str, *, heading: str | None = None) -> set[str]:
    body = f"## {heading}\n- {outcome}" if heading else f"- {outcome}"
    output = run_check(pfa.run, base_plan(E=body))
    assert output.pfa is not None
    return set(output.pfa.areas)


@pytest.mark.parametrize(("outcome", "areas"), CASES)
def test_outcome_areas(outcome: str, areas: set[str]) -> None:
    assert _areas(outcome) == areas


def test_a_pfa_heading_alone_does_not_make_provision_a_pfa_outcome() -> None:
    heading = "Preparing for adulthood: community inclusion"
    assert _areas("Maya will receive speech and language therapy.", heading=heading) == set()


@pytest.mark.parametrize(
    ("year_group", "required", "codes"),
    [(10, True, {"PFA001"}), (7, False, set()), (None, None, set())],
)
def test_required_from_year_9_and_unknown_without_age(
    year_group: int | None, required: bool | None, codes: set[str]
) -> None:
    body = "- By July 2026, Maya will join the lunchtime art club for the whole term."
    plan = build_plan({"E": body}, first_name="Maya", year_group=year_group)
    output = run_check(pfa.run, plan)
    assert output.pfa is not None and output.pfa.required is required
    assert {finding.rule for finding in output.findings} == codes


@pytest.mark.parametrize(
    ("heading", "codes"),
    [("Into work", set()), ("Looking after myself at home", set()), ("Learning", {"PFA001"})],
)
def test_outcomes_under_a_pfa_heading_are_pfa_outcomes(heading: str, codes: set[str]) -> None:
    body = f"## {heading}\n- By July 2026, Maya will tidy her desk at the end of each lesson."
    output = run_check(pfa.run, build_plan({"E": body}, first_name="Maya", year_group=10))
    assert {finding.rule for finding in output.findings} == codes


def test_missing_areas_are_named_one_finding_each() -> None:
    body = "- By July 2026, Maya will complete a one-week work experience placement at a bakery."
    plan = build_plan({"E": body}, first_name="Maya", year_group=11)
    findings = run_check(pfa.run, plan).findings
    assert [finding.rule for finding in findings] == ["PFA002"] * 3
    named = " ".join(finding.message for finding in findings)
    assert all(area in named for area in (LIVING, COMMUNITY, HEALTH))


@pytest.mark.parametrize(
    ("bodies", "stage"),
    [
        (
            {"E": "- By the end of Year 11, Maya will join the lunchtime art club for the term."},
            "in Year 10 or later (outcomes look to Year 11)",
        ),
        (
            {
                "E": "- By July 2026, Maya will join the lunchtime art club for the term.",
                "I": "Type of setting: general further education college. Name: Vale College.",
            },
            "placed in a post-16 setting (Section I)",
        ),
    ],
)
def test_required_read_from_the_plan_when_it_states_no_year_or_age(
    bodies: dict[str, str], stage: str
) -> None:
    output = run_check(pfa.run, build_plan(bodies, first_name="Maya", year_group=None))
    assert output.pfa is not None and output.pfa.required is True
    assert [finding.message for finding in output.findings] == [
        f"No Preparing for Adulthood outcomes, though the young person is {stage}"
    ]


def test_outcomes_looking_to_year_9_or_a_college_name_do_not_say_pfa_is_required() -> None:
    bodies = {
        "E": "- By the end of Year 9, Maya will join the lunchtime art club for the term.",
        "I": "St Anne's College, a mainstream secondary school.",
    }
    output = run_check(pfa.run, build_plan(bodies, first_name="Maya", year_group=None))
    assert output.pfa is not None and output.pfa.required is None
    assert output.findings == []
