"""Provision specificity: elements, hedges in context, kinds of provision and the PRO rules."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ehcp_lint.checks import provision
from ehcp_lint.checks.provision import judge_provision, only_monitors
from ehcp_lint.plan import SectionId
from ehcp_lint.ruleset import Rule, RuleExample
from tests.plan_builder import assert_rule_example, base_plan, rule_example_cases, run_check

# (statement, elements present as W/H/F/D/G, weakening words as written, is_specific)
CASES = [
    (
        "A Level 3 teaching assistant trained in Precision Teaching will deliver 15-minute "
        "one-to-one reading sessions five times a week.",
        "WHFDG",
        [],
        True,
    ),
    (
        "An HCPC-registered speech and language therapist will deliver a 45-minute session "
        "with Sam every four weeks to set and model targets.",
        "WHFDG",
        [],
        True,
    ),
    (
        "Sam will take part in a Lego-based therapy group of no more than 4 pupils, led by an "
        "ELSA, for 30 minutes twice a week.",
        "WHFDG",
        [],
        True,
    ),
    (
        "Precision teaching of high frequency words, 10 minutes daily, 1:1 with a teaching "
        "assistant.",
        "WHFDG",
        [],
        True,
    ),
    (
        "Sam's class teacher will give instructions in chunks of no more than two steps, with "
        "a visual checklist, in all lessons.",
        "WHFDG",
        [],
        True,
    ),
    ("Sam will have a writing slope and pencil grip at all times.", "WFDG", [], True),
    (
        "Sam will be given 25% extra time and a reader in all tests and examinations.",
        "WFDG",
        [],
        True,
    ),
    (
        "The educational psychologist will visit school once a term for 90 minutes to review "
        "Sam's progress and advise staff.",
        "WHFD",
        [],
        True,
    ),
    (
        "The NHS occupational therapist will review Sam's seating and equipment every six months.",
        "WHF",
        [],
        True,
    ),
    (
        "The Short Breaks Team will send the family the short breaks information pack by "
        "31/03/2026.",
        "WH",
        [],
        True,
    ),
    (
        "Sam will have access to a small group literacy intervention as appropriate.",
        "W",
        ["access to", "small group", "as appropriate"],
        False,
    ),
    # A generic person standing in for the role is quoted as well ("an adult", "staff").
    ("Regular phonics sessions with an adult.", "W", ["Regular", "adult"], False),
    (
        "Sam would benefit from the use of a laptop where possible.",
        "W",
        ["would benefit from", "where possible"],
        False,
    ),
    ("Coloured overlays should be used in class.", "W", ["should"], False),
    ("Movement breaks as and when required.", "W", ["as and when required"], False),
    ("Sam may benefit from a time out card.", "W", ["may benefit from"], False),
    ("A reduced timetable may be considered if needed.", "W", ["may", "if needed"], False),
    ("Support with organisation from school staff.", "W", ["Support with", "school staff"], False),
    ("Advice from the SENCo as required.", "H", ["Advice from", "as required"], False),
    ("Sam will be supported by the SENCo and his class teacher.", "H", [], False),
    ("Sam will have check-ins with a key adult.", "W", ["key adult"], False),
    (
        "A teaching assistant will deliver up to 3 hours of literacy support each week, 1:1.",
        "WHFDG",
        ["up to"],
        False,
    ),
    (
        "A teaching assistant will run a phonics group of up to 4 pupils for 20 minutes daily.",
        "WHFDG",
        [],
        True,
    ),
    (
        "A specialist teacher will deliver 1:1 maths sessions of 20-45 minutes twice a week.",
        "WHFDG",
        ["20-45 minutes"],
        False,
    ),
    (
        "A specialist teacher will teach Sam 1:1 every Monday from 9.00-9.45am in May and June.",
        "WHFDG",
        [],
        True,
    ),
    (
        "A Level 3 teaching assistant will deliver 20-minute one-to-one Numicon sessions three "
        "times a week; progress will be reviewed regularly by the SENCo.",
        "WHFDG",
        [],
        True,
    ),
    (
        "Sam will have regular movement breaks; progress will be reviewed regularly.",
        "W",
        ["regular", "regularly"],
        False,
    ),
    (
        "A key adult (a Level 3 teaching assistant trained in emotion coaching) will check in "
        "with Sam for 10 minutes each morning, 1:1.",
        "WHFDG",
        [],
        True,
    ),
    ("A teaching assistant will support Sam with reading.", "WHG", [], False),
    (
        "Speech and language therapy sessions will be delivered weekly in a small group.",
        "WF",
        ["small group"],
        False,
    ),
    (
        "Interventions | Precision teaching | Teaching assistant | 10 minutes daily | 1:1",
        "WHFDG",
        [],
        True,
    ),
    (
        "A teaching assistant will run a social skills group, such as Talkabout, weekly.",
        "WHF",
        ["such as"],
        False,
    ),  # Who by shape: a person noun after "by" or opening a cell, not a list of known roles.
    (
        "Sam will have an eye examination by a paediatric ophthalmologist every six months in a "
        "20-minute appointment.",
        "WHFD",
        [],
        True,
    ),
    (
        "Provide Sam with sibling support sessions delivered by a young carers worker once a "
        "month for 3 hours each time on a 1:1 basis.",
        "WHFDG",
        [],
        True,
    ),
    (
        "Attendance | A worry management programme | The pastoral lead | Each morning | "
        "60 mins per session, Group of no more than 6",
        "WHFDG",
        [],
        True,
    ),
    # A time or a comparative ending like a role names nobody; nor does a generic helper.
    (
        "Sam will have reading sessions in a smaller group by the end of the summer term.",
        "W",
        [],
        False,
    ),
    ("Sam will work with a helper for 20 minutes daily.", "WFD", ["helper"], False),
    # What by grammar: the object of "will have" names provision worded like no programme.
    (
        "Sam will have inclusive classroom practice throughout the school day led by his "
        "subject teachers.",
        "WHFDG",
        [],
        True,
    ),
    # A row's first cell names the need; its words hedge nothing.
    (
        "Access to spoken language | Mobility and orientation training | A qualified "
        "habilitation specialist | Every school day | 60 minutes, Group of 4",
        "WHFDG",
        [],
        True,
    ),
    # "support with his reading" is a hedge, not one-to-one work with the child.
    (
        "Sam will receive support with his reading in class by a teaching assistant trained in "
        "the programme for 20 minutes every school day.",
        "WHFD",
        ["support with"],
        False,
    ),
    # Training the child is direct work (how long?); training adults is indirect.
    (
        "Hearing | Training in using his magnifier | A teaching assistant trained by the "
        "occupational therapist | Five times a week | Group of 4",
        "WHFG",
        [],
        False,
    ),
    (
        "Teachers will receive deaf awareness training from the Teacher of the Deaf once a year.",
        "WHF",
        [],
        True,
    ),
    ("All written materials will be provided in large print.", "WFDG", [], True),
    # A named setting provides; a placement there is the child's whole time; a timetabled
    # period ("at lunchtime") sets its own length.
    (
        "Sam will attend Meadowview Specialist College 5 days a week, 9am to 3.30pm, on a "
        "personalised study programme.",
        "WHFDG",
        [],
        True,
    ),
    ("Sam will have 20 minutes of Lexia at The School.", "WD", [], False),
    # Aiming, considering or doing something from time to time commits to nothing.
    ("The school will aim to provide Sam with a daily reading session.", "WF", ["aim to"], False),
    (
        "Staff will use calming strategies with Sam from time to time.",
        "W",
        ["Staff", "from time to time"],
        False,
    ),
    (
        "A communication support worker will support Sam one-to-one at lunchtime every day.",
        "WHFDG",
        [],
        True,
    ),
    (
        "Sam will have 6 transition visits to his new school in the summer term, each of 1 hour, "
        "with his key worker.",
        "WHFD",
        [],
        True,
    ),
    # Wording of other services: amounts as multiplications, counts per period, caps written as
    # comparisons, "on his own", roles as the subject of "will" or after "through".
    (
        "Sam will receive 3 x 30 minute sessions per week of Lexia with a trained TA, 1:1.",
        "WHFDG",
        [],
        True,
    ),
    (
        "Sam will have a fortnightly 45-minute session with the school counsellor on his own.",
        "WHFDG",
        [],
        True,
    ),
    (
        "Sam is to have a phonics catch-up programme through the literacy lead on alternate "
        "weeks in sessions of 30 minutes, in a group no larger than 4.",
        "WHFDG",
        [],
        True,
    ),
    (
        "Every Tuesday the assistant head for inclusion will run a 40-minute social skills "
        "group for Sam and no more than 5 other pupils.",
        "WHFDG",
        [],
        True,
    ),
    (
        "Sam will have a short break with a dedicated support worker one Saturday a month for "
        "5 hours, provided by the short breaks service.",
        "WHFDG",
        [],
        True,
    ),
    # "small group" hedges nothing where the size is given; a one-off assessment by a term.
    (
        "Sam will receive 1 hour per week of maths tuition from a qualified teacher in a small "
        "group (max 4).",
        "WHFDG",
        [],
        True,
    ),
    (
        "The educational psychologist will assess Sam's cognitive skills by the end of the "
        "autumn term.",
        "WH",
        [],
        True,
    ),
    # Oversight: checking delivery or meeting about progress is indirect work.
    (
        "The class teacher will keep a log of Sam's sessions and the SENCo will check it monthly.",
        "WHF",
        [],
        True,
    ),
    # A meeting on progress with the family is work around the child: it needs no length or
    # group, so neither is reported missing.
    (
        "The SENCo will meet with Sam's parents each half term to review progress.",
        "WHFDG",
        [],
        True,
    ),
    # Hedges by family, in words of no other plan: examples, chances, unquantified amounts,
    # help named only by its aim, a stand-in adult, a choice of group size.
    (
        "Sam will get targeted support around his reading from the literacy lead, 1:1, three "
        "mornings a week, 20 minutes.",
        "WHFDG",
        ["targeted support around"],
        False,
    ),
    ("Sam will have a few short movement breaks during the day.", "W", ["a few"], False),
    (
        # A school's own team names no role or level of expertise.
        "Sam will work on his fine motor skills with the class team now and then.",
        "W",
        ["class team", "now and then"],
        False,
    ),
    (
        "Sam will receive speech therapy from a therapist or another suitably trained adult, "
        "along the lines of the Derbyshire Language Scheme, weekly for 30 minutes, 1:1.",
        "WHFDG",
        ["or another suitably trained adult", "along the lines of"],
        False,
    ),
    (
        "Sam will be given the chance to join a lunchtime club with peers run by a learning "
        "mentor every Friday for 30 minutes.",
        "WHFD",
        ["chance to", "with peers"],
        False,
    ),
    (
        "Sam will have Precision Teaching for 10 minutes daily from a trained TA, individually "
        "or in a small group.",
        "WHFD",
        ["individually or in a small group"],
        False,
    ),
    # Help named by its aim stays a hedge when "through" names a person, not a programme.
    (
        "Sam will have extra help with his spelling through the literacy intervention lead "
        "twice a week for 20 minutes, 1:1.",
        "WHFDG",
        ["extra help with"],
        False,
    ),
    # Who planned a programme is not who delivers it; a generic adult names no role.
    (
        "Sam will have a handwriting programme designed by the occupational therapist, 1:1, "
        "three times a week for 20 minutes with an adult.",
        "WFDG",
        ["programme designed by", "adult"],
        False,
    ),
    (
        "Sam will follow a programme written by the physiotherapist, four times a week for 15 "
        "minutes, individually.",
        "WFDG",
        ["a programme written by"],
        False,
    ),
    (  # the author plans it, a named role delivers it
        "Sam will follow an exercise programme set by the physiotherapist with a Level 3 "
        "teaching assistant, four times a week for 15 minutes, individually.",
        "WHFDG",
        [],
        True,
    ),
    (  # the author stands where the deliverer belongs: no one is said to deliver it
        "Sam will have a phonics session every day for 20 minutes, 1:1, with a programme "
        "written by a teaching assistant supervised by the educational psychologist.",
        "WHFDG",
        ["a programme written by"],
        False,
    ),
    (
        "Advice to the family on sleep routines from the sleep practitioner once a term for "
        "45 minutes, 1:1.",
        "WHFDG",
        [],
        True,
    ),
    # Session 4: provision read by its structure, not by set phrases.
    (
        "The assistant head will cross-check the intervention log against the timetable every "
        "half term.",
        "WHF",
        [],
        True,
    ),
    (
        "Ben is entitled to family psychotherapy from a clinical psychologist quarterly for 60 "
        "minutes, individually.",
        "WHFDG",
        [],
        True,
    ),
    (
        "Ben will have help with dressing and undressing for PE from a teaching assistant twice "
        "weekly for 10 minutes, one to one.",
        "WHFDG",
        [],
        True,
    ),
    (
        "Ben gets interventions that build his vocabulary from a Level 3 TA three times a week "
        "for 20 minutes in a group capped at 4.",
        "WHFDG",
        ["interventions that build"],
        False,
    ),
    (
        "Ben will be given a comprehension programme modelled on Reciprocal Reading by the "
        "English teacher weekly for 30 minutes with a maximum of 5 pupils.",
        "WHFDG",
        ["modelled on"],
        False,
    ),
    (
        "Ben will practise handwriting with the class team, two staff to one child, for 15 "
        "minutes each morning.",
        "WFDG",
        ["class team"],
        False,
    ),
    (
        "Ben will have a sensory circuit with a TA for part of the morning on most days, "
        "one-to-one.",
        "WHG",
        ["part of the morning", "most days"],
        False,
    ),
    (
        "Ben will have a phonics programme from a TA or anyone with equivalent training, three "
        "times a week for 20 minutes, in a group of 3.",
        "WHFDG",
        ["or anyone with equivalent training"],
        False,
    ),
    (
        "Ben will use a writing slope and pencil grip from arrival to the end of the school day.",
        "WFDG",
        [],
        True,
    ),
    (
        "Ben will have speech and language therapy (SALT) twice a term for 30 minutes, 1:1.",
        "WFDG",
        [],
        False,
    ),
    (
        "Ben will have a movement break with his TA when the need arises, 5 minutes, 1:1.",
        "WHDG",
        ["when the need arises"],
        False,
    ),
    (
        "Ben will have a package of targeted support from a TA once or twice a week for ten or "
        "fifteen minutes, 1:1.",
        "WHFDG",
        ["a package of targeted support", "once or twice", "ten or fifteen minutes"],
        False,
    ),
    (
        "Ben will have training in using his new powered wheelchair with a specialist TA from "
        "the physical support service twice a week.",
        "WHF",
        [],
        False,
    ),
    (
        "Ben will have therapist-led language work by the inclusion team three times a week for "
        "20 minutes, 1:1.",
        "WFDG",
        ["inclusion team"],
        False,
    ),
    (
        "Speech | Therapist-led language group | Any member of staff | Weekly | 20 minutes, 1:2",
        "WFDG",
        ["Any member of staff"],
        False,
    ),
    (
        "Staff advice | Advice on visual supports for his class team | The Sensory Support "
        "Service (specialist teacher) | Termly | Staff team",
        "WHF",
        [],
        True,
    ),
    (
        "Fine motor | A scissor skills programme | A Level 3 TA | Twice weekly | 20 minutes, "
        "Nurture group",
        "WHFD",
        ["Nurture group"],
        False,
    ),
    (
        "Ben receives a numeracy group with the maths HLTA each spring and summer term, weekly, "
        "for 30 minutes in a group of varying size.",
        "WHFD",
        ["of varying size"],
        False,
    ),
]
ELEMENT_LETTERS = {"what": "W", "who": "H", "frequency": "F", "duration": "D", "group_size": "G"}


@pytest.mark.parametrize(("text", "elements", "hedges", "specific"), CASES)
def test_provision_statement(text: str, elements: str, hedges: list[str], specific: bool) -> None:
    verdict = judge_provision(text)
    found = "".join(
        letter for name, letter in ELEMENT_LETTERS.items() if getattr(verdict.elements, name)
    )
    assert found == elements
    # Hedges, ranges, and the weak verbs and conditions that ENF003 / ENF002 report.
    assert [span.text for span in verdict.unenforceable_words] == hedges
    assert verdict.is_specific is specific
    for span in verdict.unenforceable_words:
        assert text[span.start : span.end] == span.text


WORDS = [
    "up to",
    "20-45 minutes",
    "may",
    "May",
    "1:1",
    "small group",
    "of 4",
    "regularly",
    "reviewed",
    "key adult",
    "TA",
    "daily",
    "9.00-9.45",
    ",",
    ";",
    "e.g.",
    "Sam",
    "weekly",
]


@given(st.lists(st.sampled_from(WORDS), max_size=12))
def test_reported_spans_are_exact_text(words: list[str]) -> None:
    text = " ".join(words)
    verdict = judge_provision(text)
    for span in verdict.unenforceable_words:
        assert text[span.start : span.end] == span.text


def test_may_the_month_is_not_a_hedge() -> None:
    assert not judge_provision("Sessions will start in May 2026, weekly for 30 minutes.").hedges


def test_standing_adjustment_needs_no_duration_or_group() -> None:
    verdict = judge_provision("All staff will give Sam extra processing time in all lessons.")
    assert verdict.kind == "standing"
    assert verdict.missing == []


def test_indirect_provision_needs_no_group_size() -> None:
    verdict = judge_provision("The SENCo will review Sam's support plan with his parents termly.")
    assert verdict.kind == "indirect"
    assert verdict.is_specific


def _codes(body: str) -> list[str]:
    output = run_check(provision.run, base_plan(F=body))
    return [finding.rule for finding in output.findings]


def test_missing_what_is_one_finding_not_five() -> None:
    assert _codes("- Sam will be supported as needed.") == ["PRO001", "PRO007"]


def test_each_missing_element_is_its_own_finding() -> None:
    codes = _codes("- Sam will have 1:1 Numicon maths sessions.")
    assert codes == ["PRO004", "PRO002", "PRO003"]


def test_hedge_finding_quotes_the_hedges_and_suggests_a_fix() -> None:
    output = run_check(provision.run, base_plan(F="- Movement breaks as and when required."))
    finding = next(f for f in output.findings if f.rule == "PRO001")
    assert '"as and when required"' in finding.message
    assert finding.evidence == "Movement breaks as and when required."
    assert finding.suggestion


def test_a_generic_adult_is_reported_once_by_the_missing_who_rule() -> None:
    plan = base_plan(
        F="- Sam will have a one-to-one reading programme with an adult every day for 20 minutes."
    )
    verdict = judge_provision(plan.sections[SectionId.F].text.strip("- \n"))
    assert [span.text for span in verdict.unenforceable_words] == ["adult"]
    assert [f.rule for f in run_check(provision.run, plan).findings] == ["PRO004"]


def test_question_headings_and_nil_answers_are_not_provision() -> None:
    plan = base_plan(
        F="- Sam will have a reading programme from a trained TA every day for 20 minutes, 1:1.\n"
        "How this provision will be checked\n"
        "- The SENCo will check the session log every half term.",
        H1="Nothing is required under section 2 of the Chronically Sick and Disabled Persons Act.",
        H2="Other social care provision: not required.",
    )
    provisions = run_check(provision.run, plan).provisions
    assert [result.text[:24] for result in provisions if result.section != "G"] == [
        "Sam will have a reading ",
        "The SENCo will check the",
    ]
    assert all(result.is_specific for result in provisions if result.section == "F")


def test_results_cover_every_provision_section_and_skip_nil_statements() -> None:
    plan = base_plan(
        G="The school nurse will train staff in Sam's epilepsy care plan once a year.",
        H1="None.",
        H2="- A short break of 2 nights each month at Rainbow House, arranged by the Disabled "
        "Children's Team.",
    )
    output = run_check(provision.run, plan)
    assert [result.section for result in output.provisions] == ["F", "F", "F", "G", "H2"]
    assert output.provisions[2].standing_adjustment


@pytest.mark.parametrize(("rule", "example"), rule_example_cases("PRO"))
def test_rule_examples(rule: Rule, example: RuleExample) -> None:
    assert_rule_example(provision.run, rule, example)


def test_a_long_section_is_judged_line_by_line_and_the_same_each_time() -> None:
    """About 2,500 words of F (speed is measured in benchmarks/, not asserted here)."""
    lines = [text for text, *_ in CASES if " | " not in text] * 8
    plan = base_plan(F="\n".join(f"- {line}" for line in lines))
    first = run_check(provision.run, plan)
    assert len([p for p in first.provisions if p.section == "F"]) == len(lines)
    assert run_check(provision.run, plan) == first


@pytest.mark.parametrize(
    "text",
    [
        "Progress will be reviewed termly by the SENCo.",
        "The SENCo will monitor Maisie's progress every half term.",
        "Progress towards the outcomes will be reviewed each term with Maisie and her parents.",
    ],
)
def test_a_review_of_progress_is_itself_what_is_done(text: str) -> None:
    """A monitoring line in F says what happens (a review); it is not 'provision without a
    what' (PRO007), though it may still lack who or how often."""
    assert "what" not in judge_provision(text).missing


@pytest.mark.parametrize(
    "text",
    [
        "Sam will receive a phonics programme from staff daily for 20 minutes one-to-one.",
        "Sam will receive a phonics programme from an adult daily for 20 minutes one-to-one.",
        "Phonics | Read Write Inc. phonics | A member of staff | Daily | 20 minutes, 1:1",
    ],
)
def test_a_group_size_does_not_make_generic_staff_a_role(text: str) -> None:
    verdict = judge_provision(text)
    assert "who" in verdict.missing
    assert not verdict.is_specific


@pytest.mark.parametrize(
    ("ending", "term"),
    [
        (", dependent on his engagement.", "dependent on"),
        (", following assessment.", "following assessment"),
        (", in line with school policy.", "in line with school policy"),
        (", or as advised by the educational psychologist.", "or as advised"),
        (" if staffing permits.", "if staffing permits"),
        (" or in pairs.", "one-to-one or in pairs"),
    ],
)
def test_left_open_endings_make_a_quantified_line_vague(ending: str, term: str) -> None:
    text = (
        "Sam will receive a phonics programme from a Level 3 teaching assistant daily for "
        "20 minutes one-to-one" + ending
    )
    verdict = judge_provision(text)
    assert not verdict.is_specific
    assert term in [span.text for span in verdict.unenforceable_words]


@pytest.mark.parametrize(
    ("watched", "specific"),
    [("medication and blood pressure", True), ("wellbeing", False), ("progress", False)],
)
def test_monitoring_is_provision_only_of_a_clinical_measure(watched: str, specific: bool) -> None:
    """Watching blood pressure is health provision; watching 'wellbeing' meets no need."""
    text = (
        f"Sam will have monitoring of his {watched} by the specialist nurse once a term for 30 "
        "minutes, one-to-one."
    )
    assert judge_provision(text).is_specific is specific
    assert only_monitors(text) is not specific  # the golden thread's test


def test_offered_or_available_is_not_provided() -> None:
    verdict = judge_provision(
        "A phonics programme will be available to Sam from a Level 3 teaching assistant daily "
        "for 20 minutes one-to-one."
    )
    assert [span.text for span in verdict.unenforceable_words] == ["be available to"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Ben will have lessons in using his radio aid with a TA twice a week.", "direct"),
        ("Staff will receive training in using the hoist from the OT each term.", "indirect"),
        ("Ben will have a new wheelchair from the wheelchair service by March 2026.", "indirect"),
        ("Posture and seating | A keyboard skills programme | A TA | Weekly | 20 min", "direct"),
    ],
)
def test_teaching_the_child_to_use_equipment_is_direct_work(text: str, kind: str) -> None:
    assert judge_provision(text).kind == kind


@pytest.mark.parametrize(
    "when",
    [
        "at intervals of six weeks",
        "at 8-week intervals",
        "at six-weekly intervals",
        "at intervals of no more than 3 months",
        "three times in every academic year",
        "once during each school term",
        "twice within a calendar month",
        "every third Sunday",
        "every 2nd Friday",
    ],
)
def test_how_often_by_its_shape(when: str) -> None:
    text = f"Sam will have a review of his splints by the orthotist {when} for 30 minutes, 1:1."
    verdict = judge_provision(text)
    assert verdict.missing == [] and verdict.unenforceable_words == []


@pytest.mark.parametrize(
    "group",
    [
        "as the only pupil in the session",
        "as the sole learner",
        "with no other children present",
        "with two members of staff",
        "with a single care worker",
    ],
)
def test_group_size_said_of_the_child_or_the_staff(group: str) -> None:
    text = f"Sam will have a sensory circuit from an OT technician daily for 20 minutes {group}."
    assert judge_provision(text).missing == []


def test_a_teaching_assistant_alongside_is_who_not_a_group_size() -> None:
    text = "Sam will have a sensory circuit from an OT technician daily for 20 minutes with a TA."
    assert judge_provision(text).missing == ["group_size"]


@pytest.mark.parametrize(
    "text",
    [
        "The inclusion lead will observe one session of every programme each term and note "
        "whether it was delivered as planned.",
        "Each half term the head of year will meet Sam and his grandparents to review progress "
        "towards his targets.",
        "A short summary of Sam's progress will be emailed to his carers by his class teacher "
        "every half term.",
        "The tutor will send the SENCo a brief report after every session.",
        "The attendance officer will record each cancelled appointment and rebook it within ten "
        "working days.",
    ],
)
def test_oversight_in_other_words_needs_no_length_or_group(text: str) -> None:
    verdict = judge_provision(text)
    assert verdict.kind == "indirect" and verdict.is_specific


@pytest.mark.parametrize(
    ("text", "term"),
    [
        (
            "Sam will have a focus on his handwriting from a HLTA daily for 20 minutes, 1:1.",
            "a focus on",
        ),
        (
            "The LA will secure for Sam provision to address his hearing from a HLTA daily for 20 "
            "minutes, 1:1.",
            "provision to address",
        ),
        (
            "Sam will have Lego therapy or an alternative from a HLTA daily for 20 minutes, 1:1.",
            "or an alternative",
        ),
        (
            "Sam will have Lego therapy with the involvement of an ELSA daily for 20 minutes, 1:1.",
            "the involvement of",
        ),
        (
            "Sam will have Lego therapy from a HLTA weekly or fortnightly for 20 minutes, 1:1.",
            "weekly or fortnightly",
        ),
    ],
)
def test_vague_in_new_words(text: str, term: str) -> None:
    assert term in [span.text for span in judge_provision(text).unenforceable_words]


def test_a_check_of_the_provision_as_needed_does_not_weaken_it() -> None:
    text = (
        "Sam will have Lego therapy from a HLTA daily for 20 minutes, 1:1, with his targets "
        "revisited as needed by the SENCo."
    )
    assert judge_provision(text).is_specific


def test_tutor_time_is_when_not_who() -> None:
    verdict = judge_provision(
        "Sam will have a reading session during tutor time for 20 minutes, 1:1."
    )
    assert verdict.missing == ["who"]
