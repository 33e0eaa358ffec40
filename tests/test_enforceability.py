"""Enforceability rules ENF001-ENF008: their examples through the pipeline, the words they quote,
the per-statement commitment in the contract, and recall and precision on a generated corpus."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from corpora_synthetic.generate import generate_corpus
from ehcp_lint import check
from ehcp_lint.checks import enforceability, provision
from ehcp_lint.checks.enforceability import (
    checks_delivery,
    commitment,
    condition_spans,
    is_strength_heading,
    not_a_strength,
    reviews_progress,
    universal_span,
    weak_commitment_spans,
)
from ehcp_lint.checks.provision import judge_provision
from ehcp_lint.evaluate import DEFECT_RULES, _defect_metrics, load_corpus
from ehcp_lint.report import PlanReport, Severity
from ehcp_lint.ruleset import Rule, RuleExample, all_rules
from tests.conftest import plan_text
from tests.plan_builder import base_plan, run_check

ENF_RULES = [rule for code, rule in sorted(all_rules().items()) if code.startswith("ENF")]
BAD_EXAMPLES = [
    pytest.param(rule, example, id=f"{rule.code}-bad-{number}")
    for rule in ENF_RULES
    for number, example in enumerate(e for e in rule.examples if e.kind == "bad")
]
NEW_DEFECT_KINDS = {kind: codes[0] for kind, codes in DEFECT_RULES.items() if codes[0][:3] == "ENF"}
MONITORING = (
    "\n- The SENCo will check the delivery log each half term to make sure every session in this "
    "section has taken place.\n- Ayaan's progress will be reviewed termly with his mother."
)


def enf_codes(report: PlanReport) -> set[str]:
    return {finding.rule for finding in report.findings if finding.rule.startswith("ENF")}


@cache
def base_codes(tmp_dir: Path) -> frozenset[str]:
    path = tmp_dir / "base.txt"
    path.write_text(plan_text(), encoding="utf-8")
    return frozenset(enf_codes(check(path)))


def test_every_rule_has_eight_good_and_eight_bad_examples() -> None:
    assert [rule.code for rule in ENF_RULES] == [f"ENF00{n}" for n in range(1, 9)]
    for rule in ENF_RULES:
        kinds = [example.kind for example in rule.examples]
        assert kinds.count("bad") >= 8 and kinds.count("good") >= 8, rule.code


@pytest.mark.parametrize(("rule", "example"), BAD_EXAMPLES)
def test_bad_example_raises_exactly_its_rule(
    rule: Rule, example: RuleExample, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Beyond what the sound base plan already raises, a bad example raises its own ENF rule and
    no other (the base plan's B lists two areas and its F has no review arrangements)."""
    assert example.section is not None
    path = tmp_path_factory.mktemp("enf") / "plan.txt"
    path.write_text(plan_text({example.section.value: example.text}), encoding="utf-8")
    codes = enf_codes(check(path))
    assert rule.code in codes
    assert codes - base_codes(tmp_path_factory.getbasetemp()) - {rule.code} == set()


# --- words quoted exactly ----------------------------------------------------------------------


def test_weak_commitment_spans_are_exact_and_merged() -> None:
    text = "Sam may benefit from a laptop and it is recommended that he should use it."
    spans = weak_commitment_spans(text)
    assert [span.text for span in spans] == ["may benefit from", "it is recommended", "should"]
    assert all(text[span.start : span.end] == span.text for span in spans)


def test_may_the_month_is_not_a_weak_verb() -> None:
    assert weak_commitment_spans("Sessions will start in May 2026, weekly for 30 minutes.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A TA will run a phonics group of 4 pupils daily, subject to funding.", "firm"),
        ("Sam should have a 20-minute one-to-one reading session daily.", "weak"),
        ("It is hoped that Sam will join a Lego therapy group.", "weak"),
        ("Sam shall have a daily 15-minute check-in with his mentor.", "firm"),
        ("Sam is to receive a 45-minute session each week.", "firm"),
        ("Precision teaching | Teaching assistant | 10 minutes daily | 1:1", "unstated"),
    ],
)
def test_commitment(text: str, expected: str) -> None:
    assert commitment(text) == expected


def test_shared_support_is_a_condition_only_without_a_ratio() -> None:
    shared = "Sam will have 10 hours a week of support shared with other pupils."
    assert [span.text for span in condition_spans(shared)] == ["shared with other pupils"]
    assert condition_spans(shared.replace("other pupils", "2 other pupils, a ratio of 1:3")) == []


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("Ben will have a reading group weekly for 20 minutes when the timetable allows.", True),
        ("Ben will have a reading group weekly for 20 minutes, should staffing permit.", True),
        ("Ben will have a reading group weekly, depending on staff capacity.", True),
        ("Ben will have a reading group weekly if there are enough staff.", True),
        ("Ben will have a reading group weekly, depending on how he engages.", False),
        ("The class teacher allows Ben to stand at the back of the room in all lessons.", False),
    ],
)
def test_conditions_by_their_shape(text: str, condition: bool) -> None:
    assert bool(condition_spans(text)) is condition
    if condition:  # "should staffing permit" is a condition, not a weak verb
        assert weak_commitment_spans(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "We recommend that Ben has a reading group with a TA weekly for 20 minutes.",
        "The speech therapist suggests that Ben has a language group weekly.",
        "Ben is expected to need a reading group with a TA weekly for 20 minutes.",
        "It is anticipated that Ben will have a reading group weekly for 20 minutes.",
        "Ben ought to have a reading group with a TA weekly for 20 minutes.",
        "Consideration will be given to a reading group with a TA weekly for 20 minutes.",
        "It is important that Ben has a reading group with a TA weekly for 20 minutes.",
    ],
)
def test_recommending_or_expecting_is_weak(text: str) -> None:
    assert commitment(text) == "weak"


@pytest.mark.parametrize(
    "text",
    [
        "Ben will follow the same timetable and materials as the rest of his class.",
        "Ben will have the phonics teaching that all pupils in Year 2 receive.",
        "Ben will have adaptive teaching from his class teacher in every lesson.",
        "Ben will be taught as set out in the school's SEND information report.",
        "Ben will have the support the school offers all its pupils.",
    ],
)
def test_universal_provision_by_its_shape(text: str) -> None:
    assert universal_span(text) is not None


def test_universal_provision_with_something_individual_is_not_flagged() -> None:
    assert universal_span("Sam will receive quality first teaching in all lessons.") is not None
    individual = (
        "Beyond quality first teaching, a TA will teach Sam phonics one-to-one for 20 minutes "
        "daily."
    )
    assert universal_span(individual) is None
    assert universal_span("Sam's class teacher will seat him at the front in all lessons.") is None


# --- kept apart from PRO001 ----------------------------------------------------------------------


def test_weak_verbs_and_conditions_are_not_pro001_hedges_but_still_not_specific() -> None:
    verdict = judge_provision(
        "Sam should have 15-minute one-to-one reading sessions with a Level 3 teaching "
        "assistant five times a week, subject to funding."
    )
    assert verdict.hedges == []
    assert [s.text for s in verdict.unenforceable_words] == ["should", "subject to funding"]
    assert not verdict.is_specific


def test_regular_class_teacher_is_a_role_not_a_hedge() -> None:
    verdict = judge_provision(
        "His regular class teacher will give instructions in chunks of two steps in all lessons."
    )
    assert verdict.hedges == [] and verdict.is_specific


def test_one_finding_per_word_across_pro_and_enf() -> None:
    plan = base_plan(
        F="- Sam should have 15-minute one-to-one reading sessions with a Level 3 teaching "
        "assistant five times a week as appropriate."
    )
    pro = run_check(provision.run, plan).findings
    enf = run_check(enforceability.run, plan).findings
    assert [f.message for f in pro if f.rule == "PRO001"] == [
        'Provision uses vague wording that makes it unenforceable: "as appropriate"'
    ]
    assert [f.message for f in enf if f.rule == "ENF003"] == [
        'Provision recommends rather than commits: "should"'
    ]
    results = run_check(provision.run, plan).provisions or []
    assert [(r.commitment, r.vague_terms) for r in results] == [
        ("weak", ["should", "as appropriate"])
    ]


# --- per plan: monitoring and need coverage ------------------------------------------------------

F_BODY = (
    "- A Level 3 teaching assistant will deliver 15-minute one-to-one reading sessions five "
    "times a week."
)


def _findings(code: str, **bodies: str) -> list[object]:
    output = run_check(enforceability.run, base_plan(**bodies))
    return [finding for finding in output.findings if finding.rule == code]


def test_monitoring_is_one_finding_per_plan_warning_or_info() -> None:
    neither = _findings("ENF004", F=F_BODY + "\n" + F_BODY.replace("reading", "spelling"))
    assert [(f.severity, f.evidence) for f in neither] == [(Severity.WARNING, None)]
    review_only = _findings("ENF004", F=F_BODY + "\n- Progress will be reviewed termly.")
    assert [f.severity for f in review_only] == [Severity.INFO]
    assert "who checks" in review_only[0].message
    assert _findings("ENF004", F=F_BODY + MONITORING) == []


@pytest.mark.parametrize(
    ("sentence", "delivery", "review"),
    [
        ("The deputy head will audit this provision every term.", True, False),
        (
            "Staff will keep a weekly log of sessions, which the head of school will sign off.",
            True,
            False,
        ),
        ("The principal will verify each month that every visit has taken place.", True, False),
        ("The SENDCo will review the attendance records each month.", True, False),
        ("The TA will check in with Sam before each session.", False, False),
        ("The TA will monitor Sam's anxiety levels throughout the sessions.", False, False),
        ("Three times a year Sam's father and his tutor will go over his targets.", False, True),
        (
            "Every half term, Sam, his carer and his tutor will meet to talk over his progress.",
            False,
            True,
        ),
        ("Each term the SENCo will look at how Sam is doing with his carer.", False, True),
        ("The SENCo will look at how Sam is doing with his carer.", False, False),
        # A side clause borrows no frequency from the provision before it.
        ("An HLTA will teach Sam daily, with progress looked at regularly.", False, False),
        ("An HLTA will teach Sam daily, with progress looked at each term.", False, True),
        # Planned against delivered, records passed on, gaps reported: all check delivery.
        (
            "Each half term the assistant head will cross-check the provision map against the"
            " TA timetables.",
            True,
            False,
        ),
        (
            "The SENCo will forward the completed intervention registers to the case officer"
            " at the end of each term.",
            True,
            False,
        ),
        ("The head of school will flag any missed sessions to the LA within a week.", True, False),
        (
            "The deputy head will be answerable to the governors for delivering this plan.",
            True,
            False,
        ),
        (
            "The teaching assistant will record missed play times in the home-school book.",
            False,
            False,
        ),
        (
            "Twice a year the SENCo will share Sam's attainment data with his parents.",
            False,
            True,
        ),
        ("Each term his tutor and his mother will agree his next steps.", False, True),
        # Who hears whether the sessions happened, however far the verb is from "whether".
        (
            "Every half term the SENCo will tell the chair of governors and the case officer"
            " at the council whether each session in this section was delivered.",
            True,
            False,
        ),
        ("The SENDCo will drop in on one session a term and note whether it ran.", True, False),
        ("The deputy head will log each lesson that does not go ahead.", True, False),
        ("The head of year will reschedule any cancelled appointment within a week.", True, False),
        (
            "Staff tick a sheet after each visit, and the principal initials the sheets each"
            " Friday.",
            True,
            False,
        ),
        ("The teaching assistant will note whether Sam enjoyed the session.", False, False),
    ],
)
def test_monitoring_and_review_are_read_by_meaning(
    sentence: str, delivery: bool, review: bool
) -> None:
    assert (checks_delivery(sentence), reviews_progress(sentence)) == (delivery, review)


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Things Sam does well", True),
        ("Sam's gifts and talents", True),
        ("What we admire about Sam", True),
        ("Sam's achievements", True),
        ("What his teachers appreciate in Sam", True),
        ("What Sam is valued for", True),
        ("Where Sam excels", True),
        ("Hobbies, gifts and passions", True),
        ("Sam's interests and skills", True),
        ("Communication skills", False),
        ("Physical abilities", False),
        ("Strengths and needs", False),
        ("What I am good at and what I find difficult", False),
        ("About me", False),
        ("Things that make Sam special", True),
        ("What is amazing about me", True),
        ("What makes me anxious", False),
        ("Things that make me happy", False),
    ],
)
def test_strength_headings_by_their_words(heading: str, expected: bool) -> None:
    assert is_strength_heading(heading) is expected


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Sam has not punched anyone since the autumn.", "the absence of a problem"),
        ("Sam no longer walks out of maths.", "the absence of a problem"),
        ("There have been fewer sanctions this year.", "the absence of a problem"),
        ("His temper is not such a big problem now.", "the absence of a problem"),
        ("Sam finds writing quite tricky but tries.", "a need"),
        ("Sam is meeting the expected standard in reading.", "an average level"),
        ("Sam never gives up and always finishes his work.", None),
        ("Sam reads above the expected standard for his age.", None),
        ("Sam is kind to younger children and shares his toys.", None),
        (
            "Sam has stopped taking food from other children's lunchboxes.",
            "the absence of a problem",
        ),
        ("Sam hasn't scratched anybody this half term.", "the absence of a problem"),
        ("Sam has not needed to go home early since half term.", "the absence of a problem"),
        ("Sam's spelling is about two years behind.", "a need"),
        ("Sam is working well behind most of his year group in maths.", "a need"),
        ("Sam will join a whole-class story for a couple of minutes.", "a need"),
        ("Sam has not stopped smiling since he joined the choir.", None),
        ("Sam never stops asking questions about space.", None),
        ("Sam has been swimming since he was three.", None),
        # Not the absence of a problem: getting cross is a need.
        ("Sam gets cross when he does not know anyone.", "a need"),
        ("Sam can become very anxious in assemblies but tries hard.", "a need"),
        ("Sam is easily frustrated, though he keeps going.", "a need"),
        ("Sam comforts friends who get upset at playtime.", None),
        ("Sam helps others feel less anxious on trips.", None),
        ("Sam's writing is in line with other children of his age.", "an average level"),
        ("Sam is reading at roughly the level expected for his age.", "an average level"),
        ("Sam's reading is well above what is typical for his age.", None),
        (
            "Sam is now back on a full timetable and no longer on a part-time day.",
            "the absence of a problem",
        ),
        (
            "Sam got through a fortnight without being collected early.",
            "the absence of a problem",
        ),
        ("Sam has only had two detentions since Christmas.", "the absence of a problem"),
        ("Sam's maths is below the expected standard.", "a need"),
        ("Sam can write without an adult beside him.", None),
        ("Only Sam knew the answer to the quiz question.", None),
        ("Sam is reading well below most of his class.", "a need"),
        ("We met Sam at home, because Sam finds busy meetings hard.", None),
    ],
)
def test_what_is_not_a_strength_is_read_by_meaning(line: str, kind: str | None) -> None:
    found = not_a_strength(line)
    assert (found[1] if found else None) == kind


def test_every_area_described_or_said_empty() -> None:
    b = (
        "Cognition and learning\nSam reads at a level two years below his age.\n"
        "Communication and interaction\nSam finds long spoken instructions hard to follow.\n"
        "Social, emotional and mental health\nN/A\n"
    )
    assert [f.message for f in _findings("ENF005", B=b)] == [
        "Section B neither describes sensory and physical needs nor says there are none"
    ]
    b += "Sensory and/or physical\nNo needs have been identified in this area."
    assert _findings("ENF005", B=b) == []


def test_repeated_need_quotes_the_repeat_and_names_both_areas() -> None:
    b = (
        "Communication and interaction\n"
        "Sam finds it hard to follow spoken instructions with more than two parts.\n"
        "Cognition and learning\n"
        "Sam also finds it hard to follow spoken instructions with more than two parts."
    )
    [finding] = _findings("ENF006", B=b)
    assert finding.evidence.startswith("Sam also finds")
    assert "under cognition and learning and under communication and interaction" in (
        finding.message
    )


def test_a_short_need_repeated_word_for_word_under_another_area() -> None:
    b = (
        "Cognition and learning\nSam can attend to an adult-led activity for two minutes.\n"
        "Social, emotional and mental health\n"
        "Sam also can attend to an adult-led activity for two minutes."
    )
    [finding] = _findings("ENF006", B=b)
    assert finding.evidence.startswith("Sam also can attend")
    # Short needs sharing a word or two are different needs.
    different = b.replace("also can attend to an adult-led activity", "can attend to a story")
    assert _findings("ENF006", B=different) == []


def test_provision_under_a_label_of_areas_b_never_describes() -> None:
    b = "Social, emotional and mental health\nSam finds it hard to understand his own worries."
    row = (
        "Need | Provision | Who | How often\n"
        "{label} | An intensive interaction session | A teaching assistant | Daily, 20 minutes, 1:1"
    )
    # One word of B ("understand") in a longer label does not make it a described need.
    unmatched = _findings("ENF007", B=b, F=row.format(label="Understanding social situations"))
    assert [f.message for f in unmatched] == [
        "Provision for communication and interaction answers no need described in Section B"
    ]
    # "Attention" may be learning or emotional health: SEMH is described, so it may answer it.
    assert _findings("ENF007", B=b, F=row.format(label="Attention")) == []


def test_a_row_label_is_read_with_the_provision_it_gives() -> None:
    b = (
        "Communication and interaction\nSam finds it hard to understand long spoken instructions."
        "\nSensory and/or physical\nSam is blind and reads by touch."
    )
    row = "Need | Provision | Who | How often\n{label} | {what} | A specialist teacher | Daily, 1:1"
    # "Processing speed" may be language or learning; Precision Teaching says it is learning.
    word_reading = row.format(
        label="Processing speed", what="A Precision Teaching programme for high-frequency words"
    )
    assert [f.message for f in _findings("ENF007", B=b, F=word_reading)] == [
        "Provision for cognition and learning answers no need described in Section B"
    ]
    # Tactile resources from the QTVI answer a sensory need, whatever the label's words suggest.
    braille = row.format(
        label="Keeping up with lessons",
        what="Enlarged print and tactile resources prepared by the QTVI",
    )
    assert _findings("ENF007", B=b, F=braille) == []


def test_a_session_that_checks_equipment_is_provision_for_its_area() -> None:
    """A line of "checks of her hearing aids ... will be delivered" is a session (length and
    group size), not the plan's monitoring of delivery: it is weighed as provision."""
    b = "Cognition and learning\nSam finds it hard to remember number facts."
    f = (
        "Sensory and physical needs\nPre-teaching of vocabulary and checks of her hearing aids "
        "will be delivered to Sam by a qualified teacher of the deaf on Mondays in 30-minute "
        "sessions with one adult to 3 pupils."
    )
    assert [finding.message for finding in _findings("ENF007", B=b, F=f)] == [
        "Provision for sensory and physical answers no need described in Section B"
    ]


def test_a_stray_line_after_b_organised_by_area_covers_no_area() -> None:
    b = (
        "Area of need | Description of need\n"
        "Cognition and learning | Sam reads at a level two years below his age.\n"
        "Social, emotional and mental health | No needs have been identified in this area.\n"
        "Sensory and/or physical | Sam has a moderate hearing loss.\n"
        "Sam has an ASC diagnosis."
    )
    assert [f.message for f in _findings("ENF005", B=b)] == [
        "Section B neither describes communication and interaction needs nor says there are none"
    ]


# --- the generated corpus: every planted class found, nothing else raised ------------------------


def test_recall_and_precision_on_a_generated_heldout_corpus(tmp_path: Path) -> None:
    """The enforceability classes planted in 30 held-out plans are found, and ENF findings point
    at planted defects (pooled over the classes; the 300-plan figures per rule are in the
    README)."""
    generate_corpus(tmp_path, n=30, seed=2026, split="heldout", formats=["txt"])
    corpus = load_corpus(tmp_path)
    reports = [(gold, check(tmp_path / gold.file)) for gold in corpus.plans]
    recall, precision = _defect_metrics(reports, set(all_rules()))
    planted = [kind for kind in NEW_DEFECT_KINDS if kind in recall and recall[kind].total]
    assert len(planted) >= 6, planted
    found = sum(recall[kind].hits for kind in planted)
    right = sum(precision[kind].hits for kind in planted)
    assert found / sum(recall[kind].total for kind in planted) >= 0.95, recall
    assert right / sum(precision[kind].total for kind in planted) >= 0.95, precision


def test_a_session_that_reviews_targets_is_provision_not_the_plans_monitoring() -> None:
    session = (
        "Sam will meet the learning mentor once a week for 30 minutes, one-to-one, to review "
        "his targets and check his homework diary."
    )
    assert enforceability.is_session(session)
    assert not enforceability.reviews_progress(session)
    assert not enforceability.checks_delivery(session)
    review = "Progress will be reviewed with Sam's parents at a meeting led by the SENCo each term."
    assert enforceability.reviews_progress(review) and not enforceability.is_session(review)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Every effort will be made to give Sam a daily 20-minute phonics session, 1:1.", "weak"),
        ("The school will use its best endeavours to provide Sam with daily phonics, 1:1.", "weak"),
        ("The school will do its best to give Sam daily phonics for 20 minutes, 1:1.", "weak"),
        ("Sam will have daily phonics for 20 minutes, 1:1, if this can be organised.", "cond"),
        ("Sam will have daily phonics for 20 minutes, 1:1, provided a tutor can be found.", "cond"),
        (
            "Sam will have daily phonics for 20 minutes, 1:1, if the school is able to staff it.",
            "cond",
        ),
    ],
)
def test_effort_and_arrangement_frames(text: str, kind: str) -> None:
    spans = weak_commitment_spans(text) if kind == "weak" else condition_spans(text)
    assert spans


@pytest.mark.parametrize(
    "text",
    [
        "Sam will access the whole curriculum taught by each of his class teachers.",
        "Sam will have the same prompts a teacher gives the whole class.",
        "Sam will have teaching aimed at the level of the class as a whole.",
        "Sam will have the usual classroom resources from whichever adult is on duty.",
        "Sam will have visual prompts from the adults who teach his lessons, in every lesson.",
        "Sam will have visual prompts from the class teacher and any assistant present.",
    ],
)
def test_universal_provision_by_more_shapes(text: str) -> None:
    assert universal_span(text) is not None


def test_differentiation_for_a_named_need_is_not_universal() -> None:
    assert universal_span("Differentiation for his reading fluency | A specialist teacher") is None


SESSION = "A teaching assistant will deliver 20-minute one-to-one phonics sessions every morning."


@pytest.mark.parametrize(
    ("lines", "missing"),
    [
        # Words of checking delivery or reviewing that the readings cannot place: abstain.
        (["Each half term the deputy head will tell the governors how much was delivered."], "R"),
        (["Twice a term a member of the inclusion team will observe a session unannounced."], "R"),
        (["Each term the head will show governors the hours planned and hours delivered."], "R"),
        (["Sam and his dad go through his self-review sheet with his tutor each term."], "C"),
        (["His parents are invited to a meeting each term to agree new targets."], "C"),
        # Not checks of delivery: a check-in, watching the child, checking progress.
        (["The TA will check in with Sam before each session."], "CR"),
        (["Staff will monitor his concentration during lessons."], "CR"),
        (["Termly meetings give his parents the chance to check progress."], "C"),
        # A review named as when something was agreed is not a review F sets out.
        (["The sessions follow the targets agreed at review."], "CR"),
        (["He will sit near the front of the class."], "CR"),
    ],
)
def test_monitoring_abstains_on_what_it_cannot_place(lines: list[str], missing: str) -> None:
    found = enforceability.missing_parts([SESSION, *lines])
    assert ("who checks that the provision is delivered" in found) == ("C" in missing)
    assert ("how and how often progress is reviewed" in found) == ("R" in missing)


def test_a_line_under_a_monitoring_heading_that_nothing_reads_may_say_either_part() -> None:
    lines = ["Mum gets a text after every session.", "We all sit down together each term."]
    assert enforceability.is_monitoring_heading("Keeping track of this support")
    assert not enforceability.is_monitoring_heading("Communication and interaction")
    assert enforceability.missing_parts([SESSION, *lines], lines) == []
    # A lone line with no word of either part says at most one of them: still reported.
    assert enforceability.missing_parts([SESSION, lines[0]], lines[:1])


@pytest.mark.parametrize(
    ("cells", "placed"),
    [
        # The provision's words confirm none of the label's areas: placed nowhere (abstain).
        (["Listening in noisy rooms", "Sessions to build her spatial awareness"], set()),
        (["Sitting still in lessons", "Sessions to improve his conduct in lessons"], set()),
        # They confirm it: the label's area stands.
        (["Reading", "A daily phonics and reading fluency programme"], {"cognition_and_learning"}),
    ],
)
def test_a_row_is_placed_only_where_its_provision_confirms_the_label(
    cells: list[str], placed: set[str]
) -> None:
    from ehcp_lint.document import Location
    from ehcp_lint.items import ProvisionItem
    from ehcp_lint.plan import SectionId

    item = ProvisionItem(
        text=" | ".join(cells),
        section=SectionId.F,
        location=Location(table=1),
        block_index=0,
        cells=cells,
    )
    areas = enforceability.placed_areas(item, frozenset())
    assert {area.value for area in areas} == placed


def test_where_f_has_a_monitoring_part_only_its_lines_may_say_what_is_unread() -> None:
    provision = "Sam will talk about his week at a short meeting with his key adult every Monday."
    delivery = "The SENCo will check the session log every half term."
    # Outside a monitoring part, the meeting may be a review of progress: abstain.
    assert enforceability.missing_parts([provision, delivery]) == []
    # With a monitoring part holding only the delivery check, the meeting is the provision's work.
    assert enforceability.missing_parts([provision, delivery], [delivery]) == [
        "how and how often progress is reviewed"
    ]
