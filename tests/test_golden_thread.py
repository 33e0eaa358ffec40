"""The golden thread (GLD001-GLD002): every area of need in B has an outcome in E and provision in
F, linked by area of need or by shared words, each link explained."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpora_synthetic.generate import generate_corpus
from ehcp_lint import parse
from ehcp_lint.checks import golden_thread
from ehcp_lint.checks.golden_thread import LinkReason, link_items
from ehcp_lint.extract import extract_items
from ehcp_lint.items import NeedArea
from ehcp_lint.ruleset import Rule, RuleExample
from tests.plan_builder import assert_rule_example, base_plan, rule_example_cases, run_check

THREAD_KINDS = {"need_without_outcome": "GLD001", "need_without_provision": "GLD002"}


def codes(**bodies: str) -> list[str]:
    return [f.rule for f in run_check(golden_thread.run, base_plan(**bodies)).findings]


@pytest.mark.parametrize(("rule", "example"), rule_example_cases("GLD"))
def test_rule_examples(rule: Rule, example: RuleExample) -> None:
    assert_rule_example(golden_thread.run, rule, example)


def test_links_say_why_by_area_or_by_the_words_shared() -> None:
    plan = base_plan(
        B="## Sensory and physical\nAyaan finds handwriting slow and his letters are hard to read."
        "\nAyaan forms letters with an awkward pencil grip.",
        E="- By July 2026, Ayaan will form all lower-case letters correctly.\n"
        "## Sensory and physical\n- By July 2026, Ayaan will use a pencil grip in all lessons.",
    )
    items = extract_items(plan)
    first, second = link_items(items.needs, items.outcomes, ignore_words=["Ayaan"])
    # "letters" alone is one shared word, too few: the first need links by its area only.
    assert [(link.target, link.reason) for link in first] == [(1, LinkReason.SAME_AREA)]
    assert first[0].area is NeedArea.SENSORY_PHYSICAL
    by_words = second[0]
    assert (by_words.target, by_words.reason) == (0, LinkReason.SHARED_TERMS)
    assert by_words.shared_terms == ["form", "letter"]


def test_an_area_with_no_outcome_is_one_finding_quoting_its_first_need() -> None:
    needs = (
        "## Cognition and learning\nAyaan reads at a level typical of a child two years younger."
        "\n## Social, emotional and mental health\nAyaan becomes anxious when routines change."
        "\nAyaan finds it hard to name his feelings."
    )
    outcome = "- By July 2026, Ayaan will read a 100-word passage with 95% accuracy."
    provision = (
        "- A teaching assistant will deliver 15-minute one-to-one reading sessions daily.\n"
        "- A trained mentor will meet Ayaan for 20 minutes each morning to help with his worries."
    )
    findings = run_check(golden_thread.run, base_plan(B=needs, E=outcome, F=provision)).findings
    (finding,) = findings
    assert finding.rule == "GLD001"
    assert finding.evidence == "Ayaan becomes anxious when routines change."
    assert "social emotional mental health" in finding.message


def test_a_table_row_label_places_provision_in_an_area() -> None:
    needs = "## Social, emotional and mental health\nAyaan runs out of class when he feels unsafe."
    table = (
        "Need | Provision | Who | How often\n"
        "Feeling safe | A check-in session to plan the day | A teaching assistant | Daily, 15 mins"
    )
    assert "GLD002" not in codes(B=needs, F=table)
    other_label = table.replace("Feeling safe", "Handwriting")
    assert "GLD002" in codes(B=needs, F=other_label)
    # What the row provides and who provides it name its area too: a learning mentor is
    # pastoral support, whatever the label says.
    mentor = other_label.replace("A teaching assistant", "A learning mentor")
    assert "GLD002" not in codes(B=needs, F=mentor)


def test_a_label_naming_a_topic_shared_between_areas_answers_a_need_in_any_of_them() -> None:
    """ADHD is written under SEMH, its provision under "Attention" (also a learning skill)."""
    needs = (
        "## Social, emotional and mental health\n"
        "Ayaan has ADHD and finds it hard to stay on task for more than five minutes."
    )
    table = (
        "Need | Provision | Who | How often\n"
        "Attention | A programme of short daily sessions | A teaching assistant | Daily, 15 mins"
    )
    assert "GLD002" not in codes(B=needs, F=table)
    assert "GLD002" in codes(B=needs, F=table.replace("Attention", "Spelling"))
    # Whatever the label, a row plainly for emotional health answers the need.
    calming = table.replace("short daily sessions", "calming strategies")
    assert "GLD002" not in codes(B=needs, F=calming.replace("Attention", "Spelling"))


def test_attention_inside_a_communication_phrase_is_communication_only() -> None:
    needs = "## Social, emotional and mental health\nAyaan becomes anxious when routines change."
    table = (
        "Need | Provision | Who | How often\n"
        "Joint attention | Attention Autism sessions | A specialist teaching assistant | Daily"
    )
    assert "GLD002" in codes(B=needs, F=table)
    concentration = "Concentration | Short breaks between activities | A teaching assistant | Daily"
    assert "GLD002" not in codes(B=needs, F=table.replace(table.splitlines()[1], concentration))


def test_a_row_answers_the_area_its_provision_and_provider_name_clearly() -> None:
    """A loosely worded label ("Following what is said in class" reads as communication) on a
    row whose provision is plainly for hearing loss answers the hearing need."""
    needs = "## Sensory and physical\nAyaan has a moderate hearing loss in both ears."
    table = (
        "Need | Provision | Who | How often\n"
        "Following what is said in class | Checks of his hearing aids and radio aid | "
        "A qualified teacher of the deaf | Daily, 10 minutes\n"
        "Reading | Paired reading | A teaching assistant | Daily, 15 minutes"
    )
    assert "GLD002" not in codes(B=needs, F=table)
    one_keyword = table.replace("Checks of his hearing aids and radio aid", "A listening programme")
    assert "GLD002" in codes(B=needs, F=one_keyword)


def test_a_rows_content_settles_which_area_a_shared_topic_label_means() -> None:
    needs = "## Cognition and learning\nAyaan loses track of the steps of a written task."
    table = (
        "Need | Provision | Who | How often\n"
        "Organisation | A visual checklist for each task | A teaching assistant | Every lesson"
    )
    assert "GLD002" not in codes(B=needs, F=table)
    pastoral = table.replace("A visual checklist for each task", "Sessions on his anxiety")
    assert "GLD002" in codes(B=needs, F=pastoral.replace("A teaching assistant", "A mentor"))


def test_a_row_that_only_watches_answers_its_label_not_what_it_watches() -> None:
    needs = (
        "## Communication and interaction\nAyaan finds it hard to find the right word.\n"
        "## Social, emotional and mental health\nAyaan may run out of the classroom."
    )
    table = (
        "Need | Provision | Who | How often\n"
        "Expressive language | Monitoring of wellbeing | The SENCo | Twice a week, 30 minutes, 1:1"
    )
    found = run_check(golden_thread.run, base_plan(B=needs, F=table)).findings
    unprovided = [f.evidence for f in found if f.rule == "GLD002"]
    assert unprovided == ["Ayaan may run out of the classroom."]


def test_an_unplaced_statement_naming_two_areas_alike_answers_both() -> None:
    needs = "## Cognition and learning\nAyaan reads fluently but writes no more than two sentences."
    tied = "- A teaching assistant will run a writing group using Colourful Semantics every week."
    assert "GLD002" not in codes(B=needs, F=tied)
    assert "GLD002" in codes(B=needs, F=tied.replace("writing group", "group"))


def test_an_emotional_heading_naming_relationships_is_not_preparing_for_adulthood() -> None:
    needs = "## Social, emotional and mental health\nAyaan becomes anxious when routines change."
    feelings = "## Managing feelings and relationships\n- By July 2026, Ayaan will use a calm box."
    community = "## Relationships and community life\n- By July 2026, Ayaan will join a club."
    assert "GLD001" not in codes(B=needs, E=feelings)
    assert "GLD001" in codes(B=needs, E=community)


def test_a_heading_naming_two_areas_alike_places_its_outcomes_in_both() -> None:
    needs = "## Cognition and learning\nAyaan is working well below his classmates in maths."
    both = "## Play and learning\n- By July 2026, Ayaan will take turns in a simple board game."
    assert "GLD001" not in codes(B=needs, E=both)
    assert "GLD001" in codes(B=needs, E=both.replace("Play and learning", "Play"))


def test_the_childs_name_links_nothing_even_when_possessive() -> None:
    assert golden_thread.content_stems("Ayaan's reading", ignore_words=["Ayaan"]) == {"read"}


def test_word_forms_with_a_doubled_consonant_meet() -> None:
    hitting = golden_thread.content_stems("hitting and pushing peers")
    assert hitting == golden_thread.content_stems("hits or pushes a peer")


def test_ordinarily_available_teaching_is_no_provision_for_a_need() -> None:
    needs = "## Communication and interaction\nAyaan needs many repetitions to learn new words."
    universal = "- Ayaan will be given quality first teaching by his class teacher in all lessons."
    assert "GLD002" in codes(B=needs, F=universal)
    individual = "- A teaching assistant will pre-teach Ayaan topic words for 15 minutes daily."
    assert "GLD002" not in codes(B=needs, F=f"{universal}\n{individual}")


def test_no_needs_in_an_area_opens_no_area() -> None:
    needs = (
        "## Cognition and learning\nAyaan reads at a level typical of a child two years younger."
        "\n## Sensory and physical\nNo needs have been identified in this area."
    )
    assert codes(B=needs) == []


@pytest.mark.parametrize(
    "text",
    [
        "Nobody at the multi-agency meeting raised a need in this area.",
        "The educational psychologist's assessment did not find any difficulties here.",
        "Sensory and physical | Ayaan doesn't have any particular needs in this area.",
        "There are no concerns about Ayaan's hearing or vision.",
        "Nothing of concern has been reported by school or home.",
        "Ayaan does not have needs in this area.",
        "Nothing of note was raised by school or by the educational psychologist.",
        "Ayaan's needs lie elsewhere; none have been identified in this area.",
        # What a need calls for, negated with a verb of needing.
        "No extra provision is needed for Ayaan here.",
        "Ayaan doesn't require any additional help with this.",
        "Sensory and physical | No further support necessary.",
        # The verb of needing may come before the negation.
        "Ayaan copes well with this and needs no extra support.",
        "Physical development | Requires no additional help.",
        "He is settled in class and needs no adjustments here.",
        # A typical comparison: where others of the same age are.
        "Ayaan's motor skills are typical for a boy of his age.",
        "His speech is in line with his classmates, and no support is needed.",
        "Physical development: age-appropriate.",
        "Ayaan is progressing as expected and keeps pace with peers.",
        "Ayaan's development here is comparable with other children of his age.",
    ],
)
def test_a_sentence_saying_the_area_is_empty_is_no_need(text: str) -> None:
    assert golden_thread.says_no_need(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ayaan relies on lip-reading and needs to see the speaker's face.",
        "Ayaan cannot always tell adults when he needs help.",
        "Ayaan has no difficulty decoding, but his comprehension is weak.",
        "Ayaan does not follow spoken instructions, a particular difficulty in PE.",
        "Ayaan becomes upset when his needs are not understood.",
        "Ayaan doesn't understand that he has difficulties with reading.",
        "Nobody noticed that Ayaan could not see the board until Year 2.",
        "None of the strategies tried so far has helped Ayaan settle to work.",
        # Refusing what he needs is a need; so is a comparison with someone younger or below.
        "Ayaan will not accept any help from adults and screws up his work.",
        "Ayaan needs no help to start a task but gives up within minutes.",
        "Ayaan needs a quiet corner with no other pupils nearby to settle.",
        "Ayaan's reading is typical of a child about three years younger.",
        "Sudden outbursts are typical for Ayaan when the timetable changes.",
        "Ayaan is not yet working at age-related expectations in writing.",
        "His number skills are in line with those of a pupil in Year 1.",
        "Ayaan's spelling is well below what is expected for his age.",
    ],
)
def test_a_need_described_with_a_negation_is_still_a_need(text: str) -> None:
    assert not golden_thread.says_no_need(text)


def test_an_outcome_about_the_neighbourhood_is_preparing_for_adulthood() -> None:
    needs = "## Social, emotional and mental health\nAyaan worries about being apart from his mum."
    pfa = "## Social life and my neighbourhood\n- By July 2026, Ayaan will go to a youth club."
    assert "GLD001" in codes(B=needs, E=pfa)


def test_preparing_for_adulthood_outcomes_answer_no_area_of_need() -> None:
    needs = "## Communication and interaction\nAyaan finds it hard to take turns in conversation."
    pfa = "## Friendships and community participation\n- By July 2026, Ayaan will join a club."
    assert "GLD001" in codes(B=needs, E=pfa)


def test_nothing_is_judged_when_e_or_f_has_no_items() -> None:
    assert codes(E="None.", F="None.") == []


def test_planted_gaps_in_generated_plans_are_found_and_nothing_else(tmp_path: Path) -> None:
    corpus = generate_corpus(tmp_path, n=40, seed=5, split="heldout", formats=("txt",))
    planted = raised = 0
    for gold in corpus.plans:
        findings = run_check(golden_thread.run, parse(tmp_path / gold.file)).findings
        expected = [(THREAD_KINDS[d.kind], d.text) for d in gold.defects if d.kind in THREAD_KINDS]
        got = [(f.rule, f.evidence or "") for f in findings]
        planted += len(expected)
        raised += len(got)
        # Every planted gap is found, and every finding quotes a planted gap: recall and
        # precision of 1 on this corpus.
        assert all(any(r == rule and text in e for r, e in got) for rule, text in expected), gold
        assert all(any(r == rule and text in e for rule, text in expected) for r, e in got), gold
    assert planted > 0 and raised == planted


def test_an_outcome_naming_only_a_skill_addresses_that_skills_area() -> None:
    """No headings in E and no area keyword: 'explain the meaning of idioms' is a talking skill,
    so it answers B's communication need, as the outcome check's relevance also says."""
    bodies = {
        "B": "## Communication and interaction\nTobias takes language literally and can misread "
        "sarcasm from peers.",
        "E": "- By July 2026, Tobias will explain the meaning of two common idioms in 4 out of 5 "
        "checks.",
    }
    assert "GLD001" not in codes(**bodies)
    assert golden_thread.item_area(extract_items(base_plan(**bodies)).outcomes[0]) is (
        NeedArea.COMMUNICATION_INTERACTION
    )


@pytest.mark.parametrize(
    ("heading", "area"),
    [
        # An area title's word in any form, before any keyword count.
        ("Cognitive skills and progress", NeedArea.COGNITION_LEARNING),
        ("Communicating with others", NeedArea.COMMUNICATION_INTERACTION),
        # Keywords of two areas alike: the heading leads with its area.
        ("Learning and understanding", NeedArea.COGNITION_LEARNING),
        ("Thinking, memory and language", NeedArea.COGNITION_LEARNING),
        ("Reading other people", NeedArea.COMMUNICATION_INTERACTION),
        ("Community inclusion", None),
        # "Social" opening a skill of communication names communication, not emotional health.
        ("Language and social understanding", NeedArea.COMMUNICATION_INTERACTION),
        ("Social interaction", NeedArea.COMMUNICATION_INTERACTION),
        ("Social use of language", NeedArea.COMMUNICATION_INTERACTION),
        ("Emotional wellbeing and social development", NeedArea.SEMH),
        ("Social and emotional needs", NeedArea.SEMH),
        # A title word is one word of a list: more keywords of another area outweigh it.
        ("Talking, listening and social skills", NeedArea.COMMUNICATION_INTERACTION),
        ("Speech, language and social skills", NeedArea.COMMUNICATION_INTERACTION),
        ("Social skills, feelings and behaviour", NeedArea.SEMH),
        ("Communication and social skills", NeedArea.COMMUNICATION_INTERACTION),
    ],
)
def test_a_heading_names_its_area_by_meaning(heading: str, area: NeedArea | None) -> None:
    from ehcp_lint.extract import heading_area

    assert heading_area(heading) is area


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("How you can help me", True),
        ("What I would like you to know", True),
        ("Sam can read simple words", False),
        ("Staff will meet him at the gate", False),
    ],
)
def test_an_indirect_question_is_a_subheading_whatever_its_verb(line: str, title: bool) -> None:
    from ehcp_lint.extract import _looks_like_title

    assert _looks_like_title(line) is title


def test_a_row_label_naming_two_areas_means_the_one_its_row_names() -> None:
    needs = "## Communication and interaction\nAyaan cannot yet put three words together."
    hearing = "Language through hearing | Daily checks of his hearing aids and radio aid | TA"
    assert "GLD002" in codes(B=needs, F=hearing)
    speech = "Language through hearing | Speech and language therapy programme | SALT"
    assert "GLD002" not in codes(B=needs, F=speech)


def test_a_need_written_with_without_is_still_a_need() -> None:
    from ehcp_lint.checks.enforceability import is_no_need_statement

    assert not is_no_need_statement("Sam tires when sitting on a bench without back support.")
    assert is_no_need_statement("None.")


def test_an_area_phrase_counts_whole_before_its_first_word() -> None:
    from ehcp_lint.extract import area_keyword_counts

    counts = area_keyword_counts("Sam needs help with listening and attention in class.")
    assert counts[NeedArea.COMMUNICATION_INTERACTION] == 1
    assert counts[NeedArea.COGNITION_LEARNING] == 0


def test_a_row_whose_label_names_no_area_answers_any_area_its_provision_names() -> None:
    """'Taking part' names no area; a row giving a wellbeing session under it may answer an
    emotional need. What cannot be read for sure links rather than being reported."""
    needs = "## Social, emotional and mental health\nAyaan panics before tests and cannot sleep."
    table = (
        "Need | Provision | Who | How often\n"
        "Taking part | A shared reading and wellbeing session | A teaching assistant | Daily"
    )
    assert "GLD002" not in codes(B=needs, F=table)
    # A label naming an area is read as it is, where the provision names two areas alike: a
    # spelling row answers no emotional need.
    assert "GLD002" in codes(B=needs, F=table.replace("Taking part", "Spelling"))


@pytest.mark.parametrize(
    ("label", "area"),
    [
        ("Access to the curriculum materials", NeedArea.SENSORY_PHYSICAL),
        ("Print size and contrast", NeedArea.SENSORY_PHYSICAL),
        ("Finding his way around the site", NeedArea.SENSORY_PHYSICAL),
        ("Controlling impulses", NeedArea.SEMH),
        ("Positive self-image", NeedArea.SEMH),
        ("Early thinking skills", NeedArea.COGNITION_LEARNING),
        ("Understanding quantity", NeedArea.COGNITION_LEARNING),
        ("Retelling a narrative", NeedArea.COMMUNICATION_INTERACTION),
    ],
)
def test_need_labels_are_read_by_broad_area_vocabulary(label: str, area: NeedArea) -> None:
    assert golden_thread.label_area(label) is area


@pytest.mark.parametrize("heading", ["Running my own home", "Skills for living on my own"])
def test_an_outcome_about_a_home_of_ones_own_is_preparing_for_adulthood(heading: str) -> None:
    needs = "## Sensory and physical needs\nAyaan trips over kerbs and often drops his cup."
    pfa = f"## {heading}\n- By July 2026, Ayaan will lift and carry the recycling box outside."
    assert "GLD001" in codes(B=needs, E=pfa)
