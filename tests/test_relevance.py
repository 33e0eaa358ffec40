"""Outcome relevance (SMA006) from the plan's own words: skill families link an outcome to the
needs in B in other words than theirs; an aim no need relates to is found without a list of
unrelated things; a heading is weak evidence; "no needs in this area" is not a need."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpora_synthetic.generate import generate_corpus
from ehcp_lint import parse
from ehcp_lint.checks import outcomes
from ehcp_lint.checks.outcomes import OutcomeVerdict, judge_outcome, need_context
from ehcp_lint.evaluate import match_texts
from ehcp_lint.extract import extract_items
from ehcp_lint.items import OutcomeItem
from tests.conftest import BASE_BODIES
from tests.plan_builder import base_plan, run_check

# The base plan's Section B: dyslexia (reading, spelling) and processing spoken instructions.
SEMH_NEED = (
    "Social, emotional and mental health\n"
    "Ayaan becomes very anxious when his routine changes and may refuse to go into class."
)
PHYSICAL_NEED = (
    "Sensory and/or physical\n"
    "Ayaan has dyspraxia: dressing, cutting and handwriting are hard for him."
)
NO_SEMH_NEED = "Social, emotional and mental health\nNo needs have been identified in this area."


def _judge(
    aim: str, *, extra_needs: str = "", group: str | None = None, pastime_list: bool = True
) -> OutcomeVerdict:
    plan = base_plan(B="\n".join(filter(None, [BASE_BODIES["B"], extra_needs])))
    items = extract_items(plan)
    outcome = OutcomeItem(
        text=f"By July 2026, Ayaan will {aim} on 4 out of 5 occasions.",
        section="E",
        location=items.outcomes[0].location,
        block_index=0,
        group=group,
    )
    return judge_outcome(outcome, need_context(plan, items), pastime_list=pastime_list)


@pytest.mark.parametrize(
    ("aim", "extra_needs"),
    [
        # Other words than B's for the same skill: the family links them.
        ("decode unfamiliar two-syllable words in a levelled book", ""),
        ("write his name with correctly formed letters", ""),
        ("answer who and where questions about a story", ""),
        ("use a calm-down strategy when he feels overwhelmed", SEMH_NEED),
        ("tell a trusted adult when he is worried", SEMH_NEED),
        ("put on his coat and fasten the zip", PHYSICAL_NEED),
        ("cut along a curved line with scissors", PHYSICAL_NEED),
        # "confident to" is the frame; "more confident" is about confidence.
        ("become more confident", SEMH_NEED),
    ],
)
def test_an_outcome_is_linked_to_a_need_worded_differently(aim: str, extra_needs: str) -> None:
    verdict = _judge(aim, extra_needs=extra_needs, pastime_list=False)
    assert verdict.smart.relevant, verdict.reasons["relevant"]


@pytest.mark.parametrize(
    "aim",
    [
        "grow tomatoes in the school garden",
        "learn the names of the planets in the solar system",
        "be confident to bake a Victoria sponge cake",
        "look after the class hamster",
        "take part in the school play",
        "visit the seaside with his family",
    ],
)
def test_an_aim_no_need_relates_to_is_found_without_a_list(aim: str) -> None:
    # Under an area-of-need heading of B too: a heading does not outweigh the outcome's words.
    verdict = _judge(aim, extra_needs=SEMH_NEED, group="Cognition and learning", pastime_list=False)
    assert not verdict.smart.relevant
    assert verdict.reasons["relevant"].startswith("nothing in Section B")
    assert verdict.about is not None and verdict.about.startswith("it is about '")


def test_the_finding_quotes_the_outcome_and_says_what_it_is_about() -> None:
    aim = "By July 2026, Ayaan will grow tomatoes in the school garden on 4 out of 5 days."
    output = run_check(outcomes.run, base_plan(E=f"- {aim}"))
    finding = next(f for f in output.findings if f.rule == "SMA006")
    assert finding.evidence == aim
    assert finding.message == (
        "Nothing in Section B or the aspirations in Section A relates to this outcome "
        "(it is about 'grow tomatoes garden')"
    )


def test_a_skill_of_an_area_b_does_not_describe_is_named_with_its_area() -> None:
    verdict = _judge("name how he is feeling using a feelings chart", pastime_list=False)
    assert not verdict.smart.relevant
    assert verdict.about == "it is about feelings (social emotional mental health)"


def test_no_needs_in_an_area_is_not_a_need_in_it() -> None:
    aim = "name how he is feeling using a feelings chart"
    assert _judge(aim, extra_needs=SEMH_NEED).smart.relevant
    assert not _judge(aim, extra_needs=NO_SEMH_NEED).smart.relevant


def test_a_heading_decides_only_for_an_outcome_that_names_no_skill() -> None:
    verdict = _judge("make good progress", group="Cognition and learning")
    assert verdict.smart.relevant
    assert verdict.reasons["relevant"].startswith("under a heading of an area of need")
    assert not _judge("make good progress", group="Sensory and physical").smart.relevant


def test_train_plans_unrelated_aims_are_found_without_the_pastime_list(tmp_path: Path) -> None:
    """On a fresh TRAIN-split corpus (a seed no tuning used) the links to B and A alone find
    the aims gold labels as not relevant, with few false alarms."""
    corpus = generate_corpus(tmp_path, n=30, seed=47, split="train", formats=("txt",))
    tp = fp = fn = 0
    for gold in corpus.plans:
        plan = parse(tmp_path / gold.file)
        items = extract_items(plan)
        needs = need_context(plan, items)
        pairs = match_texts([o.text for o in gold.outcomes], [o.text for o in items.outcomes])
        for gi, fi in pairs:
            if gold.outcomes[gi].provision_not_outcome:
                continue
            verdict = judge_outcome(items.outcomes[fi], needs, pastime_list=False)
            flagged = not verdict.smart.relevant and not verdict.provision_not_outcome
            planted = not gold.outcomes[gi].smart.relevant
            tp, fp, fn = (
                tp + (flagged and planted),
                fp + (flagged > planted),
                fn + (planted > flagged),
            )
    assert tp + fn >= 5
    assert tp / (tp + fn) >= 0.9
    assert tp / (tp + fp) >= 0.9


def test_a_sentence_opening_word_is_a_word_and_the_childs_name_is_not() -> None:
    need = "Social, emotional and mental health\nUnstructured times such as lunch are hard for him."
    verdict = _judge("keep his hands to himself in unstructured times", extra_needs=need)
    assert verdict.reasons["relevant"] == "shares words with the needs or aspirations: unstructur"
    # "Ayaan ..." opens B's sentences and the outcome: the name links nothing.
    assert "ayaan" not in outcomes.content_stems("Ayaan will grow tomatoes.", frozenset({"Ayaan"}))
