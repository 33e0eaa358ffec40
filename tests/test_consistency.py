"""Consistency (CON003 pronoun mix, CON004 duplicated paragraphs) on whole plans."""

from __future__ import annotations

import pytest

from ehcp_lint import parse
from ehcp_lint.checks import consistency
from tests.conftest import plan_text
from tests.plan_builder import run_check

HE_SENTENCES = (
    "Ayaan reads at a level typical of a child two years younger and he guesses long words.\n"
    "He works hard in lessons and he likes to use his reading ruler.\n"
    "Ayaan tires quickly when writing and he needs short breaks.\n"
)


def rules_raised(write_plan, bodies: dict[str, str]) -> dict[str, list[str]]:
    output = run_check(consistency.run, parse(write_plan(plan_text(bodies))))
    found: dict[str, list[str]] = {}
    for finding in output.findings:
        found.setdefault(finding.rule, []).append(finding.evidence or "")
    return found


@pytest.mark.parametrize(
    "sentence",
    [
        "Ayaan enjoys jigsaw puzzles and their confidence grows when they solve one.",
        "Ayaan responds well to praise from adults they trust.",
        "Ayaan needs adults to check that they have understood each instruction.",
        "Ayaan likes swimming and she goes every Saturday.",
        "He likes puzzles and their concentration improves when they choose the task.",
        "Ayaan tidies up the classroom and puts away their own coat.",
        "Ayaan takes the register to the office and hands it over with their friend.",
        # someone named only after the pronoun cannot be who it means
        "Ayaan likes to compare her answers with a partner.",
        "Ayaan checks their spelling with a friend before handing it in.",
        "At the end of the day Ayaan packs her bag and walks out with his mum.",
    ],
)
def test_another_pronoun_for_the_child_is_flagged(write_plan, sentence: str) -> None:
    found = rules_raised(write_plan, {"B": HE_SENTENCES + sentence})
    assert found.get("CON003") == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "Ayaan finds it hard to link letters to their sounds.",
        "Ayaan plays with peers at break and they share the football.",
        "Ayaan sorts the cards into groups and they are then checked.",
        "Ayaan makes paper planes out of scrap and throws them across the yard.",
        "Ayaan, his foster carers and the SENDCo will meet, and they will agree the targets.",
        "Ayaan walks out with his mum and she carries her bag to the car.",
        "The social care team confirmed that Ayaan has no needs that call for their support.",
        "The school reported that Ayaan settled well and they have no concerns.",
    ],
)
def test_a_they_that_may_be_plural_is_not_the_child(write_plan, sentence: str) -> None:
    assert "CON003" not in rules_raised(write_plan, {"B": HE_SENTENCES + sentence})


def test_the_dominant_pronoun_counts_sentences_near_other_people_too(write_plan) -> None:
    """Most "he" sentences here mention a teacher, so they are not checked themselves, but they
    still show which pronoun the plan uses for the child."""
    body = (
        "His teacher says he reads well and he enjoys books about space.\n"
        "His teacher reports that he needs reminders and he forgets his kit.\n"
        "His teacher adds that he is kind and he helps younger pupils.\n"
        "Ayaan reads every evening.\n"
        "Ayaan enjoys board games and their confidence grows when they win."
    )
    found = rules_raised(write_plan, {"B": body})
    assert found.get("CON003") == [
        "Ayaan enjoys board games and their confidence grows when they win."
    ]


def test_a_short_paragraph_repeated_under_one_heading_is_a_duplicate(write_plan) -> None:
    repeated = "Ayaan cannot copy from the board."
    body = f"Cognition and learning\n{repeated}\n{repeated}"
    assert rules_raised(write_plan, {"B": body}).get("CON004") == [repeated]


def test_a_short_statement_repeated_under_different_headings_is_not(write_plan) -> None:
    body = (
        "Cognition and learning\nAyaan is working below age-related expectations in reading.\n"
        "Sensory and physical\nNot an area of need for Ayaan.\n"
        "Social, emotional and mental health\nNot an area of need for Ayaan."
    )
    assert "CON004" not in rules_raised(write_plan, {"B": body})


def test_a_value_repeated_down_a_table_column_is_not_a_duplicate(write_plan) -> None:
    provider = "A Level 3 teaching assistant trained by the speech and language therapist team"
    body = (
        "| Provision | Who | How often |\n|---|---|---|\n"
        f"| Precision Teaching of common exception words | {provider} | Daily |\n"
        f"| Colourful Semantics sentence building programme | {provider} | Weekly |\n"
    )
    assert "CON004" not in rules_raised(write_plan, {"F": body})


@pytest.mark.parametrize(
    "sentence",
    [
        "Jayden finds reading hard and he guesses long words.",  # a listed first name
        "Zephyr enjoys practical tasks and his confidence grows when he succeeds.",  # unlisted
        "Zephyr's older brother walks him to school.",
        "Zephyr tidies his tray before he goes home.",
        "Jayden said that he wants to be a footballer.",
        # a listed first name as the object of a verb in a sentence about the child
        "Adults will greet Jayden at the door and remind him where his peg is.",
        "Staff will remind Jayden to use his sand timer.",
    ],
)
def test_another_childs_name_is_flagged(write_plan, sentence: str) -> None:
    assert rules_raised(write_plan, {"B": HE_SENTENCES + sentence}).get("CON002") == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "Minecraft is his favourite game and he plays it every evening.",
        "Maths worries him and he avoids number work.",
        "Brookfield has a sensory room that he uses after lunch.",
        "Boardmaker is used to make his visual timetable.",
        "He reads with Rapid Phonics and Toe by Toe, and Stepping Stones to Reading helps him.",
        "Sarah says he sleeps badly.",  # named as his mother in Section A
        "She says he sleeps badly.",
        # a name inside a longer proper name: a book, show or character
        "He likes reading Horrid Henry books with his dad.",
        "He watches Fireman Sam episodes and he laughs at them.",
        "He asks for Peppa Pig stickers when he finishes a task.",
        "His favourite book is Charlie and the Chocolate Factory and he reads it often.",
        "Listening checks on his hearing aids each morning.",
        "Swimming helps his coordination and he enjoys it.",
        # peers named beside the child, after a preposition or conjunction
        "He plays with Oscar and Leo at break and he enjoys it.",
        "He sits next to Oscar and he copies the date.",
        "He plays football with his best friend Noah and he scores goals.",
    ],
)
def test_capitalised_words_that_are_not_another_child(write_plan, sentence: str) -> None:
    bodies = {"A": "Sarah (mum) said that Ayaan loves Minecraft.", "B": HE_SENTENCES + sentence}
    assert "CON002" not in rules_raised(write_plan, bodies)


def test_a_duplicate_differing_only_in_punctuation_is_still_a_duplicate(write_plan) -> None:
    first = "Ayaan finds it hard to start written tasks without an adult beside him."
    again = "Ayaan finds it hard to start written tasks without an adult beside him"
    body = f"Cognition and learning\n{first}\nSocial, emotional and mental health\n{again}"
    assert rules_raised(write_plan, {"B": body}).get("CON004") == [again]


@pytest.mark.parametrize(
    "placeholder",
    [
        "[Forename Surname]",
        "[Child/young person name]",
        "[SCHOOL]",
        "<FIRST NAME>",
        "<<date of birth>>",
        "«Forename»",
        "{child_name}",
        "NAME HERE",
        "CHILD'S NAME",
        "insert child's name",
        "xx/xx/xxxx",
        "Mrs XXXX",
        "TBA",
        "(name of school)",
        "Joe Bloggs",
        "______ at",
        "***NAME***",
        "##CHILD##",
        "%FORENAME%",
        "[Child/YP]",
        "[pupil / student]",
        "[CYP]",
        "[Learner]",
        "[ChildName]",
        "{pupil_first_name}",
    ],
)
def test_placeholder_shapes_are_found_whatever_the_field_is_called(
    write_plan, placeholder: str
) -> None:
    sentence = f"Staff will meet {placeholder} each morning to go through the day."
    found = rules_raised(write_plan, {"B": HE_SENTENCES + sentence})
    assert found.get("CON001") == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        'Mum said: "They [the school] never listen to what he tells them."',
        "Staff insert his hearing aids before the first lesson.",
        "His standard scores are < 85 in reading and > 100 in maths.",
        "He uses the NHS app and attends SALT sessions at the CDC.",
        "DOB | 14/09/2016",
        "He has diabetes (type 1) and his mum (Sarah) checks his levels before school.",
        "Signed ______ Date ______",
        "He uses **PECS** at snack time and a *NOW and NEXT* board.",
        "He asks for [McDonald's] chips and plays [MineCraft] at home.",
    ],
)
def test_real_text_with_brackets_or_capitals_is_no_placeholder(write_plan, sentence: str) -> None:
    assert "CON001" not in rules_raised(write_plan, {"B": HE_SENTENCES + sentence})


def test_an_unlisted_childs_name_is_read_from_the_plan_when_the_front_matter_has_none(
    write_plan,
) -> None:
    """The child is named far more often than a name pasted in from another plan, so a listed
    name used once is the stranger even when the child's own name is on no list."""
    pasted = "Jayden works best when he knows what is coming next."
    text = plan_text({"B": HE_SENTENCES + pasted}).replace("Name: Ayaan Khan\n", "")
    output = run_check(consistency.run, parse(write_plan(text.replace("Ayaan", "Tamsin"))))
    assert [(f.rule, f.evidence) for f in output.findings if f.rule == "CON002"] == [
        ("CON002", pasted)
    ]


def test_a_hyphenated_childs_name_is_one_name_when_the_front_matter_has_none(write_plan) -> None:
    """With no name on the front page, the child's name is read from the plan whole: the second
    half of "Ellie-Mae" is no name of its own, so "Ellie-Mae" is not another child."""
    text = plan_text({"B": HE_SENTENCES}).replace("Name: Ayaan Khan\n", "")
    output = run_check(consistency.run, parse(write_plan(text.replace("Ayaan", "Ellie-Mae"))))
    assert [f.rule for f in output.findings if f.rule == "CON002"] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Zephyr has shown real determination and his attendance has improved.",
        "Adults notice that Zephyr is calmer when he has had a movement break.",
        "Zephyr can explain his ideas well in a small group.",
        "Zephyr's confidence has grown and he now reads aloud in class.",
        "Staff will help Zephyr to settle by talking him through changes in advance.",
        "Zephyr has a diagnosis of autism and his sensory needs are high.",
        "When tired, Zephyr often refuses to write and he puts his head down.",
        "Zephyr was so pleased when he scored a goal at break.",
        "Zephyr keeps going when he gets something wrong.",
        "When Zephyr is given a choice of two tasks, he settles more quickly.",
    ],
)
def test_an_unlisted_name_doing_what_people_do_is_flagged(write_plan, sentence: str) -> None:
    assert rules_raised(write_plan, {"B": HE_SENTENCES + sentence}).get("CON002") == [sentence]


def test_a_heading_phrase_is_no_name(write_plan) -> None:
    body = HE_SENTENCES + "Strategies to develop his spelling\nStaff will help him to revise."
    assert "CON002" not in rules_raised(write_plan, {"F": body})


def test_a_list_after_the_childs_name_does_not_make_it_a_relatives(write_plan) -> None:
    """'with Ayaan, his dad and his sister' lists people: Ayaan is still the child."""
    meeting = "A review meeting with Ayaan, his dad and the adults who teach him is held termly."
    text = plan_text({"F": meeting}).replace("Name: Ayaan Khan\n", "")
    plan = parse(write_plan(text))
    assert consistency.child_first_name(plan) == "Ayaan"


def test_a_sentence_naming_the_child_is_checked_after_one_about_a_professional(
    write_plan,
) -> None:
    """Its pronoun looks back to the child named in it, not to the psychologist before."""
    mixed = "Adults notice that Ayaan is calmer when she has had a movement break."
    body = HE_SENTENCES + "The educational psychologist assessed him in May. " + mixed
    assert rules_raised(write_plan, {"B": body}).get("CON003") == [mixed]


def test_sentences_about_the_child_and_a_relative_do_not_decide_the_pronoun(write_plan) -> None:
    """'mum and her partner' gives "she" votes that are the mother's, not the child's."""
    family = "".join(
        f"Ayaan's mum and her partner say that his {topic} has improved.\n"
        for topic in ("sleep", "reading", "confidence", "appetite", "mood")
    )
    mixed = "Ayaan takes pride in her work when she has clear success criteria."
    body = "He reads well.\nHe enjoys football.\n" + family + mixed
    assert rules_raised(write_plan, {"B": body}).get("CON003") == [mixed]


@pytest.mark.parametrize(
    "nil",
    [
        "This is not an area of difficulty for Ayaan at the present time.",
        "No concerns have been raised by home or school about Ayaan.",
    ],
)
def test_a_line_about_its_own_heading_may_recur_under_each_heading(write_plan, nil: str) -> None:
    body = (
        "Cognition and learning\nAyaan is working below age-related expectations in reading.\n"
        f"Sensory and physical\n{nil}\nSocial, emotional and mental health\n{nil}"
    )
    assert "CON004" not in rules_raised(write_plan, {"B": body})


def test_a_step_repeated_in_the_same_column_of_the_next_table_is_not_a_duplicate(
    write_plan,
) -> None:
    step = "Rehearse the skill in a small group before trying it in class with an adult."
    table = "| Outcome | Steps |\n|---|---|\n| {} | " + step + " |\n"
    body = (
        table.format("Ayaan will read 50 common exception words by July 2026.")
        + "\nCommunication\n\n"
        + table.format("Ayaan will ask for help using a help card by July 2026.")
    )
    assert "CON004" not in rules_raised(write_plan, {"E": body})


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("DOB (date of birth): 6 April 2013", False),
        ("Date of birth (D.O.B.): 6 April 2013", False),
        ("NC year (National Curriculum year): Year 4", False),
        ("Date of birth: (date of birth)", True),
        ("(child's name) will attend the lunchtime club.", True),
    ],
)
def test_a_bracket_spelling_out_its_abbreviation_is_a_gloss_not_a_field(
    text: str, flagged: bool
) -> None:
    pattern = consistency.placeholder_pattern()
    found = [m for m in pattern.finditer(text) if not consistency._is_gloss(text, m)]
    assert bool(found) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Born (date): 26 January 2017", False),
        ("Plan completed (date) | 29 October 2025", False),
        ("Review date (DD/MM/YYYY): 3 March 2026", False),
        ("Next review (date)", False),  # a label cell; its value sits in the next cell
        ("Date of birth: (date)", True),
        ("Sam was born on (date) in Leeds.", True),
        ("Date of plan: dd/mm/yyyy", True),
        ("Sam (name) enjoys football.", True),
    ],
)
def test_a_bracket_after_a_form_label_is_a_hint_not_a_field(text: str, flagged: bool) -> None:
    pattern = consistency.placeholder_pattern()
    found = [m for m in pattern.finditer(text) if not consistency._is_label_hint(text, m)]
    assert bool(found) is flagged


def test_a_name_masked_after_its_initial_is_a_placeholder_not_another_child(write_plan) -> None:
    pattern = consistency.placeholder_pattern()
    assert pattern.search("J.xxx enjoys music.")
    assert not pattern.search("Maxx enjoys music and Xander sings.")
    found = rules_raised(
        write_plan, {"B": "Ayaan finds reading hard. Mxxxx works best with adults who know him."}
    )
    assert "CON001" in found and "CON002" not in found


def test_an_unlisted_word_in_a_sentence_about_things_is_no_name(write_plan) -> None:
    # an imperative step: "them" stands for the attempts, not for a person
    body = "Ayaan finds writing hard. Record attempts on the tablet and review them each week."
    assert "CON002" not in rules_raised(write_plan, {"B": body})


def test_a_hyphenated_first_name_is_the_child_in_each_part(write_plan) -> None:
    body = (
        "Robyn-Lee finds reading hard. Robyn-Lee's mother says she is falling behind. "
        "Robyn loves swimming and she goes every Saturday."
    )
    text = plan_text({"B": body}).replace("Ayaan", "Robyn-Lee")
    output = run_check(consistency.run, parse(write_plan(text)))
    assert "CON002" not in {finding.rule for finding in output.findings}
    other = plan_text({"B": "Ayaan finds reading hard. Lily-Mae enjoys art and she paints."})
    found = [f for f in run_check(consistency.run, parse(write_plan(other))).findings]
    assert any(f.rule == "CON002" and "Lily-Mae" in f.message for f in found)


@pytest.mark.parametrize(
    ("word", "after"),
    [
        ("When", " asked about school, Zephyr said he liked art."),
        ("Whenever", " possible, Zephyr chooses the quiet table and he reads."),
        ("During", " assembly Zephyr sits at the end of a row and he fidgets."),
        ("Excitement", " shows in his face when he sees the minibus."),
        ("Frustration", " builds up and he throws his pencil."),
        ("Friendship", " matters to him and he asks to see his friends."),
        ("Physical", " signs of worry come on quickly and he asks to leave the room."),
    ],
)
def test_a_closed_class_word_or_abstract_noun_opening_a_sentence_is_no_name(
    word: str, after: str
) -> None:
    """Never written in lower case in the plan, yet no name: a conjunction, a preposition, or a
    noun with an abstract noun's ending, in the subject's place."""
    assert not consistency._unlisted_name(word, "", after, word + after, set())


def test_an_unlisted_name_opening_a_sentence_is_still_read() -> None:
    after = " asks to help in the library and he stacks the books."
    assert consistency._unlisted_name("Zephyr", "", after, "Zephyr" + after, set())


def test_a_row_naming_another_person_reaches_every_sentence_of_its_other_cells(write_plan) -> None:
    """'Ayaan's mother | She feels ... She would like ...': both sentences are the mother's."""
    row = (
        "Views of Ayaan's mother | She feels he is happier this year. "
        "She would like him to join an after-school club."
    )
    bodies = {"A": HE_SENTENCES + "\n" + row}
    assert "CON003" not in rules_raised(write_plan, bodies)
