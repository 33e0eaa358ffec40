"""Extraction: sentences, outcomes with steps and groups, provision statements, needs by area."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ehcp_lint.extract import extract_items, is_nil_statement
from ehcp_lint.items import NeedArea
from ehcp_lint.plan import Plan
from ehcp_lint.textfeatures import split_sentences
from tests.plan_builder import build_plan


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("I like trains. I like Lego.", ["I like trains.", "I like Lego."]),
        (
            "Use visual supports, e.g. Makaton and PECS. Review termly.",
            ["Use visual supports, e.g. Makaton and PECS.", "Review termly."],
        ),
        ("Mr. Jones will visit. He is the EP.", ["Mr. Jones will visit.", "He is the EP."]),
        (
            "Support is 1:1 at 9.30 daily. It lasts 20 minutes.",
            ["Support is 1:1 at 9.30 daily.", "It lasts 20 minutes."],
        ),
        ('He said "I like it." Then he left.', ['He said "I like it."', "Then he left."]),
        ("Is it loud? Yes! It hurts.", ["Is it loud?", "Yes!", "It hurts."]),
        ("Line one\nLine two.", ["Line one", "Line two."]),
        ("Dr P. Rowe wrote the advice.", ["Dr P. Rowe wrote the advice."]),
        ("  ", []),
    ],
)
def test_split_sentences(text: str, sentences: list[str]) -> None:
    assert [span.text for span in split_sentences(text)] == sentences


@given(st.text(alphabet=st.sampled_from("ab .!?:19\n\"'E"), max_size=80))
def test_sentences_are_exact_ordered_pieces_of_the_text(text: str) -> None:
    previous_end = 0
    for span in split_sentences(text):
        assert text[span.start : span.end] == span.text
        assert span.text == span.text.strip() and span.text
        assert span.start >= previous_end
        previous_end = span.end


def _items(bodies: dict[str, str | None]) -> tuple[Plan, object]:
    plan = build_plan(bodies)
    return plan, extract_items(plan)


def _block_text(plan: Plan, index: int) -> str:
    return next(
        block.text
        for section in plan.sections.values()
        for block in section.blocks
        if block.index == index
    )


def test_outcomes_from_bullets_with_groups_and_steps() -> None:
    body = (
        "## Cognition and learning\n"
        "- Outcome 1: By July 2026, Sam will read 100 words with 90% accuracy.\n"
        "Steps towards this outcome:\n"
        "- By December, Sam will read 40 words.\n"
        "- By April, Sam will read 70 words.\n"
        "## Preparing for adulthood: independent living\n"
        "By July 2026, Sam will make a sandwich on his own. By July 2026, Sam will pack his bag."
    )
    plan, items = _items({"E": body})
    outcomes = items.outcomes
    assert [o.text for o in outcomes] == [
        "By July 2026, Sam will read 100 words with 90% accuracy.",
        "By July 2026, Sam will make a sandwich on his own.",
        "By July 2026, Sam will pack his bag.",
    ]
    assert outcomes[0].steps == [
        "By December, Sam will read 40 words.",
        "By April, Sam will read 70 words.",
    ]
    assert outcomes[0].group == "Cognition and learning"
    assert outcomes[2].group == "Preparing for adulthood: independent living"
    for outcome in outcomes:
        assert _block_text(plan, outcome.block_index)[outcome.start :].startswith(outcome.text)


def test_outcomes_from_a_table_by_header() -> None:
    body = (
        "Area of need | Outcome by end of Key Stage 2 | Short-term steps\n"
        "Communication | By July 2026, Sam will ask for help using a help card on 4 out of 5 "
        "occasions. | Use the card with an adult\n"
        "Physical | By July 2026, Sam will dress for PE in 10 minutes. | Put on his shoes"
    )
    plan, items = _items({"E": body})
    first, second = items.outcomes
    assert first.text.startswith("By July 2026, Sam will ask for help")
    assert first.group == "Communication"
    assert first.steps == ["Use the card with an adult"]
    assert first.location.cell == 2
    assert second.group == "Physical" and second.steps == ["Put on his shoes"]
    assert _block_text(plan, first.block_index)[first.start :].startswith(first.text)


def test_need_the_verb_in_a_header_names_no_area_column() -> None:
    body = (
        "Area of need | Longer-term aim | What needs to happen first\n"
        "Communication | By July 2026, Sam will ask for help using a help card on 4 out of 5 "
        "occasions. | Use the card with an adult"
    )
    _, items = _items({"E": body})
    (outcome,) = items.outcomes
    assert outcome.group == "Communication"
    assert outcome.steps == ["Use the card with an adult"]


def test_a_long_area_title_in_a_table_without_an_outcome_header_is_the_group() -> None:
    body = (
        "Area | What we would like to see | Steps\n"
        "Listening, attention and getting along with others | By July 2026, Sam will wait "
        "for his turn in a small-group game on 4 out of 5 occasions. | Practise with a timer"
    )
    _, items = _items({"E": body})
    (outcome,) = items.outcomes
    assert outcome.text.startswith("By July 2026, Sam will wait")
    assert outcome.group == "Listening, attention and getting along with others"


def test_intro_sentences_are_not_outcomes() -> None:
    body = (
        "The outcomes below were agreed with Sam and his parents.\n"
        "- By July 2026, Sam will read 20 words."
    )
    _, items = _items({"E": body})
    assert [o.text for o in items.outcomes] == ["By July 2026, Sam will read 20 words."]


def test_an_aspiration_title_in_e_is_a_heading_not_an_outcome() -> None:
    body = (
        "Living as independently as I can\n"
        "By July 2026, Sam will use a bank card to buy his lunch on 4 out of 5 days.\n"
        "I can make toast\n"
    )
    _, items = _items({"E": body})
    assert [(o.text, o.group) for o in items.outcomes] == [
        (
            "By July 2026, Sam will use a bank card to buy his lunch on 4 out of 5 days.",
            "Living as independently as I can",
        ),
        ("I can make toast", "Living as independently as I can"),
    ]


def test_an_area_title_with_a_gloss_in_brackets_is_a_heading() -> None:
    """A bracketed gloss does not make an area title a sentence, nor an outcome."""
    title = (
        "Communication and interaction (spoken language, listening and the social use of language)"
    )
    body = (
        f"{title}\n- By July 2026, Sam will sign 'all done' when an activity ends on 4 of 5 days.\n"
    )
    _, items = _items({"E": body})
    assert [(o.text, o.group) for o in items.outcomes] == [
        ("By July 2026, Sam will sign 'all done' when an activity ends on 4 of 5 days.", title)
    ]


def test_provisions_keep_rows_whole_and_skip_headers_subheadings_and_nil() -> None:
    _, items = _items(
        {
            "F": (
                "## Communication and interaction\n"
                "Need | Provision | Who | How often\n"
                "Speech | Attention Autism group | Trained TA | 20 minutes daily\n"
                "The following provision will be made:\n"
                "Sam will have a visual timetable in all lessons. It will be checked each morning."
            ),
            "G": "No health provision is required.",
            "H1": "None.",
            "H2": "- Two nights a month of short breaks at Rainbow House.",
        }
    )
    texts = [(p.section.value, p.text) for p in items.provisions]
    assert texts == [
        ("F", "Speech | Attention Autism group | Trained TA | 20 minutes daily"),
        ("F", "Sam will have a visual timetable in all lessons."),
        ("F", "It will be checked each morning."),
        ("H2", "Two nights a month of short breaks at Rainbow House."),
    ]
    assert items.provisions[0].cells == [
        "Speech",
        "Attention Autism group",
        "Trained TA",
        "20 minutes daily",
    ]


@pytest.mark.parametrize(
    ("text", "nil"),
    [
        ("None.", True),
        ("N/A", True),
        ("No health provision is required.", True),
        ("No social care needs have been identified at this time.", True),
        ("There is no provision under section 2 of the CSDPA.", True),
        (
            "There is no social care provision under section 2 of the Chronically Sick and "
            "Disabled Persons Act 1970.",
            True,
        ),
        ("There is no provision under section 2, but Sam has a carer two evenings a week.", False),
        ("There is no support at home except a short break once a month.", False),
        (
            "No provision under section 2 of the Chronically Sick and Disabled Persons Act 1970.",
            True,
        ),
        ("No more than 4 pupils in the group.", False),
        ("Nurse visits termly.", False),
        # By grammar: a negation reaching a provision or need word, committing nothing.
        ("Ben's care needs are met by his family without any additional services.", True),
        ("Ben is not assessed as requiring any service under section 2 of the CSDPA.", True),
        ("Nothing additional is needed from health services at present.", True),
        ("As no health needs are recorded in Section C, no health provision is made.", True),
        ("Ben does not like loud noise so needs ear defenders in assembly.", False),
        ("Ben will not need an adult at lunch once he can use his card; a TA will check.", False),
        # A negated verb whose object is any provision, and a label with the nil answer.
        ("The review did not find any need for further health services for Ben.", True),
        ("Social care has not put in place any support under section 2 for Ben.", True),
        ("The council is not currently providing any short breaks for this family.", True),
        ("Section 2 of the Chronically Sick and Disabled Persons Act 1970: nothing agreed.", True),
        ("The LA has not agreed any equipment, so the OT will visit weekly for 30 minutes.", False),
    ],
)
def test_nil_statements(text: str, nil: bool) -> None:
    assert is_nil_statement(text) is nil


def test_needs_by_area_from_subheadings_or_keywords() -> None:
    body = (
        "## Social, emotional and mental health\n"
        "Sam becomes anxious at transitions.\n"
        "## Other\n"
        "- Sam has dyslexia and finds spelling hard.\n"
        "- He finds swimming tiring."
    )
    _, items = _items({"B": body})
    assert [(n.text, n.area) for n in items.needs] == [
        ("Sam becomes anxious at transitions.", NeedArea.SEMH),
        ("Sam has dyslexia and finds spelling hard.", NeedArea.COGNITION_LEARNING),
        ("He finds swimming tiring.", NeedArea.SENSORY_PHYSICAL),
    ]


def test_section_a_sentences_keep_their_heading_and_table_label() -> None:
    body = (
        "## Parents' views\n"
        "We are proud of him. He loves music.\n"
        "What I like | I like trains. I like Lego."
    )
    plan, items = _items({"A": body})
    sentences = [(s.text, s.heading) for s in items.section_a_sentences]
    assert sentences == [
        ("We are proud of him.", "Parents' views"),
        ("He loves music.", "Parents' views"),
        ("I like trains.", "What I like"),
        ("I like Lego.", "What I like"),
    ]
    row = items.section_a_sentences[3]
    assert _block_text(plan, row.block_index)[row.start :].startswith("I like Lego.")
    assert row.location.cell == 2


def test_absent_sections_give_no_items() -> None:
    _, items = _items({})
    assert items.model_dump() == {
        "outcomes": [],
        "provisions": [],
        "needs": [],
        "section_a_sentences": [],
    }
