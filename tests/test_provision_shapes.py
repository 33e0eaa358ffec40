"""Provision specificity and ENF001-ENF004 read by shape: wording never seen when the checks were
written (other verbs, word orders, units and table-cell shorthand) is read as its grammar says."""

from __future__ import annotations

import pytest

from ehcp_lint.checks.enforceability import (
    checks_delivery,
    condition_spans,
    reviews_progress,
    universal_span,
    weak_commitment_spans,
)
from ehcp_lint.checks.provision import judge_provision
from ehcp_lint.extract import is_nil_statement


def _missing(text: str) -> list[str]:
    return judge_provision(text).missing


def _words(text: str) -> list[str]:
    return [span.text for span in judge_provision(text).unenforceable_words]


@pytest.mark.parametrize(
    "text",
    [
        # How often: a share of a run of any time unit, every N of any unit, weekday runs.
        "Ruby will have a phonics session with the HLTA on three mornings out of five for 20 "
        "minutes, 1:1.",
        "Ruby will have a phonics session with the HLTA on 2 school days in every 5 for 20 "
        "minutes, 1:1.",
        "Ruby will see the orthoptist every thirty-two weeks for a 40-minute appointment, 1:1.",
        "Ruby will have a phonics session with the HLTA Monday to Thursday for 20 minutes, 1:1.",
        "Short breaks at the centre for Ruby one whole weekend in every four, 10 hours, with one "
        "carer to one child, staffed by care workers from the council's short breaks unit.",
        # How long with a word between the number and the unit.
        "Ruby will have a phonics session with the HLTA daily for 25 protected minutes, 1:1.",
        # Group size counted on both sides, by a member count, or alone.
        "Phonics | Phonics catch-up | HLTA | Daily | 20 minutes, 1 adult : 2 pupils",
        "Ruby will have a phonics session with the HLTA daily for 20 minutes in a three-child "
        "group.",
        "Phonics | Phonics catch-up | HLTA | Daily | 20 minutes, solo",
        # Who: a role noun phrase whose modifiers are joined by "and".
        "Ruby will have a regulation session led by the school's wellbeing and inclusion lead "
        "daily for 20 minutes, 1:1.",
        "Ruby will have a phonics session with the HLTA on 3 out of 5 school days for 20 "
        "minutes, 1:1.",
        "Phonics | Phonics catch-up | HLTA | Tues, Thurs & Fri | 20 minutes, 1:1",
        "Ruby will have maths pre-teaching with the HLTA during each maths lesson for 10 "
        "minutes, 1:1.",
        "Ruby will have a phonics session with the HLTA weekly for a whole lesson, 1:1.",
        "Phonics | Phonics catch-up | HLTA | Daily | 20 minutes, 1-to-1",
        "Ruby will have a phonics session with the HLTA daily for 20 minutes in a trio.",
        "Ruby will have a phonics session daily for 20 minutes alone with the HLTA.",
        "Ruby will have a phonics session with the HLTA daily for 20 minutes with up to two "
        "others.",
        # Standing: every part of the day.
        "Ruby will have a sloped writing board at every moment of the school day.",
        # What: the object of a promise or the provision named as what it is.
        "Ruby is promised a weighted lap pad at all times.",
        # Group: the child alone, by a ratio or with no other child.
        "A TA will teach Ruby touch typing every Monday for 20 minutes, 1-on-1.",
        "A TA will teach Ruby touch typing every Monday for 20 minutes with no other pupil.",
        "A TA will teach Ruby touch typing every Monday for 20 minutes without any other child "
        "present.",
    ],
)
def test_elements_read_by_shape(text: str) -> None:
    assert _missing(text) == []


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        # "daily" before a noun of everyday life says nothing of how often.
        (
            "A life skills session on daily living tasks with the TA for 30 minutes, 1:1.",
            "frequency",
        ),
        # A technique's name is no group: "minimal pair".
        ("Minimal pair games for fronting with the SALT weekly for 30 minutes.", "group_size"),
        # A capitalised name used as a modifier names no provider.
        ("A Forest School group for Ruby weekly for 60 minutes, 1:1.", "who"),
        # A bare "trained" makes no role of "a person"; plural assistants are generic.
        ("A phonics session by a trained person daily for 20 minutes, 1:1.", "who"),
        ("A phonics session by classroom assistants daily for 20 minutes, 1:1.", "who"),
        ("A phonics session by a trained member of staff daily for 20 minutes, 1:1.", "who"),
        ("Phonics | Phonics catch-up | HLTA | Daily | However long is workable, 1:1", "duration"),
    ],
)
def test_missing_elements_by_shape(text: str, missing: str) -> None:
    assert missing in _missing(text)


@pytest.mark.parametrize(
    ("text", "hedge"),
    [
        (
            "A maths session led by the maths lead or a named deputy daily for 20 minutes, 1:1.",
            "or a named deputy",
        ),
        (
            "A maths session led by the maths lead or supply staff daily for 20 minutes, 1:1.",
            "or supply",
        ),
        (
            "A maths session using Numicon or any other scheme by the TA daily for 20 minutes, "
            "1:1.",
            "or any other scheme",
        ),
        (
            "A reading session borrowing elements of Toe by Toe with the TA daily for 20 minutes, "
            "1:1.",
            "borrowing elements of",
        ),
        (
            "Speech therapy with contributions from the SALT weekly for 30 minutes, 1:1.",
            "contributions from",
        ),
        (
            "Ruby will get guidance with her handwriting from the OT weekly for 30 minutes, 1:1.",
            "guidance with",
        ),
        (
            "Speech therapy with the SALT weekly for 30 minutes in a small group or 1:1.",
            "small group or 1:1",
        ),
        ("Speech therapy with the SALT weekly for about half an hour, 1:1.", "about"),
        (
            "A reading session drawing loosely on Toe by Toe with the TA daily for 20 minutes, "
            "1:1.",
            "drawing loosely on",
        ),
        (
            "Phonics with the TA for whatever time is available each day, 1:1.",
            "whatever time is available",
        ),
    ],
)
def test_hedges_in_any_position(text: str, hedge: str) -> None:
    assert hedge in _words(text)


@pytest.mark.parametrize(
    "text",
    [
        # A cue word in a compound or a capitalised name does not make the work indirect.
        "Clinic-style physiotherapy sessions held in school by the physiotherapist on Mondays.",
        "A spelling session using Look, Cover, Write, Check by the TA on Mondays.",
    ],
)
def test_direct_work_needs_its_length_and_group(text: str) -> None:
    assert judge_provision(text).kind == "direct"


@pytest.mark.parametrize(
    "text",
    [
        "The school will email Ruby's parents the attendance log every half term.",
        "Each term the setting will share the session records with Ruby's dad.",
        "A sign-in sheet will be completed for every session and checked by the SENCo monthly.",
        "An intervention register is to be kept by the HLTA after every session.",
        "Each half term the deputy head will do a learning walk to see these sessions run.",
        "The SENCo will give governors a termly report showing the hours planned and delivered.",
    ],
)
def test_oversight_by_grammar_is_indirect_and_complete(text: str) -> None:
    verdict = judge_provision(text)
    assert verdict.kind == "indirect" and verdict.missing == []


@pytest.mark.parametrize(
    ("text", "nil"),
    [
        ("The short breaks team did not identify anything further to provide.", True),
        ("The assessment found nothing else to put in place.", True),
        ("Social care considered the 1970 Act; there is nothing for the council to arrange.", True),
        ("Her needs are met without further social care provision, so this part is empty.", True),
        ("There is nothing Ruby likes more than swimming: she swims weekly for 30 minutes.", False),
        ("Ruby does not eat anything at lunch.", False),
        ("Ruby will have a TA at lunch daily, and will not miss anything.", False),
    ],
)
def test_nil_by_a_negated_verb_of_providing(text: str, nil: bool) -> None:
    assert is_nil_statement(text) is nil


@pytest.mark.parametrize(
    "text",
    [
        "Teaching that is adjusted for the class as a whole by the class teacher.",
        "Visual prompts displayed for all pupils in the room.",
        "Support in accordance with the academy's SEND policy.",
    ],
)
def test_universal_offer_by_structure(text: str) -> None:
    assert universal_span(text) is not None


def test_the_whole_school_day_is_no_universal_audience() -> None:
    assert universal_span("Ruby will have ear defenders across the whole school day.") is None


@pytest.mark.parametrize(
    "text",
    [
        "Ruby would thrive with a nurture group each morning.",
        "Ruby might respond well to a visual timetable.",
        "Our aim is for Ruby to have a daily reading session.",
        "The school intends to provide a weekly social skills group.",
    ],
)
def test_weak_commitment_by_shape(text: str) -> None:
    assert weak_commitment_spans(text)


@pytest.mark.parametrize(
    "text",
    [
        "A weekly reading session if enough time can be set aside.",
        "A weekly reading session where staff can be released.",
        "A weekly reading session unless staffing is short.",
        "A weekly reading session where it fits the class timetable.",
        "A weekly reading session subject to the head teacher's approval.",
    ],
)
def test_conditions_by_shape(text: str) -> None:
    assert condition_spans(text)


@pytest.mark.parametrize(
    ("text", "delivery", "review"),
    [
        ("The pastoral lead will keep a list of every session delivered.", True, False),
        ("The head of year will check the attendance log weekly.", True, False),
        ("Each half term the college will post his parents the session register.", True, False),
        # A review named only as the time of something else is no review of progress.
        ("The SENCo will share the session log with the LA at each annual review.", True, False),
        ("Progress will be discussed with Ruby's mum at each termly review.", False, True),
    ],
)
def test_monitoring_by_shape(text: str, delivery: bool, review: bool) -> None:
    assert (checks_delivery(text), reviews_progress(text)) == (delivery, review)


@pytest.mark.parametrize(
    "text",
    [
        "Ethan will use writing frames and planning templates for all extended writing tasks.",
        "The class teacher and TA will use visual supports in every session.",
        "Staff will give Mia a word bank in all science and humanities lessons.",
        "A writing slope will be used for every piece of written work.",
    ],
)
def test_an_adjustment_for_every_occasion_of_a_kind_is_standing(text: str) -> None:
    assert judge_provision(text).kind == "standing"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # One capital is spelling; a name runs over several capitalised words.
        ("The orthopaedic team will X-ray Poppy's hips every 12 months.", "indirect"),
        ("Sam will practise spellings with Look, Say, Cover, Write, Check daily.", "direct"),
    ],
)
def test_a_capitalised_cue_word_is_a_name_only_beside_other_capitals(text: str, kind: str) -> None:
    assert judge_provision(text).kind == kind


# Session 6: abstain when the line holds anything that could be the missing element.
@pytest.mark.parametrize(
    "text",
    [
        # How often, in a unit the frequency patterns may not read.
        "Priya will have a hearing check by the audiologist once per school year, 30 minutes, "
        "with her dad present.",
        "Priya's eye clinic appointment with the orthoptist falls in alternate summers, 45 "
        "minutes, seen alone.",
        # Group size: the child alone or a count of staff, however worded.
        "Priya will have a keyboard skills session with a Level 3 teaching assistant every "
        "Monday for 20 minutes without other pupils.",
        "A youth worker from the county disability charity will take Priya swimming on "
        "alternate Sundays for 3 hours, supported by one named worker throughout.",
        "Priya will have a road safety session with a sessional worker each Saturday for 2 hours, "
        "with two staff.",
    ],
)
def test_could_be_the_element_so_no_missing_finding(text: str) -> None:
    assert _missing(text) == []


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        # Nothing that could be a frequency: a length, a level and a group do not count.
        (
            "Priya will have a keyboard skills session with a Level 3 teaching assistant for "
            "20 minutes each, in a group of 3.",
            ["frequency"],
        ),
        # "each one 15 minutes long" names a length, not how often.
        (
            "Priya will have a signing session with the specialist teacher of the deaf, each one "
            "15 minutes long, 1:1.",
            ["frequency"],
        ),
        # A role's words ("head of year") are not a time unit.
        (
            "Priya will have a mentoring session with the head of year for 15 minutes, 1:1.",
            ["frequency"],
        ),
        # "daily routines" is what is taught, not how often.
        (
            "Priya will have a Makaton session on the signs of daily routines with the SALT for "
            "20 minutes, 1:1.",
            ["frequency"],
        ),
        # "paired reading" names a technique, not a pair.
        (
            "Priya will have paired reading with a Level 2 teaching assistant three times a week "
            "for 15 minutes.",
            ["group_size"],
        ),
    ],
)
def test_still_missing_when_nothing_could_be_it(text: str, missing: list[str]) -> None:
    assert _missing(text) == missing


@pytest.mark.parametrize(
    "text",
    [
        # Work around the child: a report or review meeting needs no length or group.
        "A written report on Priya's progress will be sent home each half term by the SENCo.",
        "Every term the SENCo will bring together Priya, her foster carer and her therapists "
        "to look at her targets.",
        # A check on delivery by the team answerable for it.
        "Each half term a member of the learning support team will observe one session and "
        "note whether it ran as set out.",
        # A place list: an adjustment that applies all the time.
        "Priya will have a writing slope in class, in the library and in assemblies.",
    ],
)
def test_work_around_the_child_needs_no_session_elements(text: str) -> None:
    assert _missing(text) == []


@pytest.mark.parametrize(
    ("text", "hedge"),
    [
        # Hedges used as hedges stay.
        (
            "Priya will be signposted to a lunchtime club run by a Level 3 teaching assistant "
            "every Tuesday for 30 minutes in a group of 6.",
            "signposted to",
        ),
        (
            "Priya will have a sensory circuit using trampettes, balance boards and the like "
            "with the OT every morning for 10 minutes, 1:1.",
            "and the like",
        ),
        (
            "Priya will have a movement session for as long as her attention holds with a TA "
            "trained in Sensory Circuits each morning, 1:1.",
            "as long as her attention holds",
        ),
        (
            "Priya will have a handwriting programme, possibly Speed Up!, with a Level 3 TA twice "
            "a week for 20 minutes, 1:1.",
            "possibly",
        ),
        (
            "Priya will have a calming session in the nurture room when her teacher judges it "
            "useful, with a Level 3 TA, 10 minutes, 1:1, twice daily.",
            "when her teacher judges it useful",
        ),
        (
            "Priya will have a SALT session more than twice a month for 40 minutes, 1:1.",
            "more than twice",
        ),
        (
            "Priya will have a phonics programme with Read Write Inc. as one option from a "
            "Level 3 TA daily for 15 minutes in a group of 4.",
            "as one option",
        ),
        (
            "Priya will have help with her handwriting from a Level 3 teaching assistant twice a "
            "week for 20 minutes, 1:1.",
            "help with",
        ),
    ],
)
def test_hedges_used_as_hedges(text: str, hedge: str) -> None:
    assert hedge in _words(text)


@pytest.mark.parametrize(
    "text",
    [
        # A task after generic help names what is done.
        "Priya will have support with getting dressed after PE from a Level 3 teaching "
        "assistant twice a week for 15 minutes, 1:1.",
        "A family support worker from the children's centre will give help for her parents "
        "to complete the Blue Badge form on alternate Fridays for 2 hours, one worker to one "
        "family.",
        # Generic help then spelled out.
        "Priya will have support with sleep, including a bedtime routine plan from the "
        "children's sleep nurse, monthly for 45 minutes, seen alone.",
        # "regular" beside a stated frequency; a chance given by a review meeting.
        "Priya will have regular sessions with the SALT twice a week for 30 minutes, 1:1.",
        "Termly review meetings chaired by the SENCo will give Priya and her mum the chance to "
        "agree new targets.",
        # Monitoring by a clinician is the clinical work itself.
        "Priya will have monitoring of her scoliosis by the consultant orthopaedic surgeon "
        "twice a year, 30 minutes, seen alone.",
        # A side clause re-testing progress.
        "Priya will have Precision Teaching with a Level 3 TA daily for 10 minutes, 1:1, with "
        "her reading age re-tested periodically.",
    ],
)
def test_not_a_hedge_in_specific_wording(text: str) -> None:
    assert _words(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Section 2 help covers adaptations, equipment and travel; none of these is currently "
        "needed for Priya.",
        "The community health services have nothing to provide for Priya at present.",
    ],
)
def test_nil_answers(text: str) -> None:
    assert is_nil_statement(text)
