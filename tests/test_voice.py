"""Child's voice: per-sentence evidence kinds (and the adult-speaker traps), VOI rules."""

from __future__ import annotations

import pytest

from ehcp_lint.checks import voice
from ehcp_lint.extract import extract_items
from ehcp_lint.plan import Plan
from ehcp_lint.ruleset import Rule, RuleExample
from tests.plan_builder import (
    assert_rule_example,
    base_plan,
    build_plan,
    rule_example_cases,
    run_check,
)

# (subheading or None, one Section A line, the evidence kind of each of its sentences or None)
CASES = [
    (None, "I like building Lego models with my friends.", ["first_person"]),
    (None, "My favourite lesson is science.", ["first_person"]),
    (None, "I want to be a vet when I grow up.", ["first_person"]),
    (None, "When I am worried I go quiet and hide under the table.", ["first_person"]),
    (None, "I'm good at drawing and making things.", ["first_person"]),
    ("My views", "Assembly is too loud. It hurts my ears.", ["first_person", "first_person"]),
    (None, 'Ayaan said: "I like it when the words are on the board in blue."', ["quotation"]),
    (None, "“Maths is my best subject,” Ayaan told us.", ["quotation"]),
    ("Ayaan's views", '"The pictures tell me what is next."', ["quotation"]),
    (None, "Ayaan told us that he loves football.", ["reported"]),
    # A label hands the floor: to the child ("Ayaan's opinion:"), or to an adult ("Mum: I ...").
    (None, "Ayaan's own words: spelling tests make my tummy hurt.", ["reported"]),
    (None, "Ayaan's opinion: he likes PE best because he can run.", ["reported"]),
    (None, "Grandad: I think he needs more time to answer.", [None]),
    (None, "Ayaan said that he finds reading out loud scary.", ["reported"]),
    (None, "Ayaan says the playground is too noisy.", ["reported"]),
    (None, "Ayaan would like people to know that he tries his best.", ["reported"]),
    (None, "When asked what helps, he said he likes a quiet space to work.", ["reported"]),
    # Words someone else uses for the child are theirs: "his aunt calls him '...'".
    (None, 'Ayaan\'s aunt and her husband call him "the best helper in our family".', [None]),
    (None, "His grandad nicknamed him 'the professor' because he knows every dinosaur.", [None]),
    (None, 'Ayaan\'s guardian often calls him "our little chef".', [None]),
    (None, "Ayaan shows he is happy by flapping his hands and smiling.", ["observed"]),
    (None, "Ayaan communicates using Makaton and eye pointing.", ["observed"]),
    (None, "Ayaan uses PECS to ask for a snack.", ["observed"]),
    (None, "Staff have observed that Ayaan chooses the sand tray every morning.", ["observed"]),
    (None, "Ayaan makes his choices known by looking at the object he wants.", ["observed"]),
    (None, "Ayaan pushes the plate away when he has had enough.", ["observed"]),
    (None, "Ayaan will point to a picture to choose his snack.", ["observed"]),
    (None, "Ayaan often squeals when the music starts.", ["observed"]),
    (None, "Ayaan covers his ears when the hall is noisy.", ["observed"]),
    (None, "His foster carer said that Ayaan sleeps well now.", [None]),
    (None, "Ayaan's teacher says he tells lots of jokes.", [None]),
    (None, "His dad told us that Ayaan said he was scared of the dark.", [None]),
    (None, "Ayaan told us that his mum says he can stay up late.", ["reported"]),
    (None, "In Ayaan's words: 'School is fun when I can move.'", ["quotation"]),
    (None, 'Mum said: "I worry about him at night."', [None]),
    (None, "Mum said: 'I worry about him when he is on his own.'", [None]),
    ("Parents' views", "I worry that he is falling behind with his reading.", [None]),
    ("What my family say", "We are proud of how hard he works.", [None]),
    (None, "Mum says he is a kind and funny boy.", [None]),
    (None, "His teacher reports that Ayaan works hard in class.", [None]),
    (None, "The EP noted that Ayaan tires quickly when reading.", [None]),
    (None, "My son loves Lego and I am proud of him.", [None]),
    (None, "I am proud of Ayaan and how hard he tries.", [None]),
    (None, "Ayaan is a happy boy who loves football.", [None]),
    (None, "Ayaan is told off when he shouts out in class.", [None]),
    (None, "This part of my plan was written with my mum and my teacher.", [None]),
    (None, "My name is Ayaan and I am 8.", ["first_person"]),
    # A view put without "I" under the child's own subheading is still the child's.
    ("What matters to me", "Break time is the best part of the day.", ["first_person"]),
    ("My views", "Please write the homework on the board.", ["first_person"]),
    ("My views", "Ayaan finds it hard to wait his turn.", [None]),
    ("My views", "[Child's name] likes football.", [None]),
    ("My story", "Diagnosed with dyslexia in Year 3.", [None]),
    ("Parents' views", "Homework is a battle every night.", [None]),
    # Reported views: the person after "to"/"with" is an object, not the one who speaks.
    (None, "Ayaan chatted with his key worker and said that he wants to swim.", ["reported"]),
    (None, "Ayaan met the school nurse and told her he gets headaches.", ["reported"]),
    # A child who shows rather than says: a communicative act done by some means ...
    (None, "Ayaan requests his snack by handing over a symbol.", ["observed"]),
    (None, "Ayaan rejects food he dislikes by turning his face to the wall.", ["observed"]),
    (None, "If Ayaan has had enough, he makes it obvious by pushing the tray away.", ["observed"]),
    (None, "Ayaan greets familiar adults with a wave.", [None]),
    # ... a feeling read from a sign, or the signs listed.
    (None, "Staff who support Ayaan can see he is anxious when he starts pacing.", ["observed"]),
    (None, "Clues that Ayaan is overwhelmed include covering his face.", ["observed"]),
    (None, "His mum said he is happiest at home when he is baking.", [None]),
    (None, "Staff have noticed that Ayaan is calmer when he has had a run outside.", [None]),
    (None, "Ayaan hides under the table when the hall gets noisy.", ["observed"]),
    (None, "Ayaan's face lights up when he hears the school bus.", ["observed"]),
    (None, "Ayaan will take an adult's hand and walk them to the snack cupboard.", ["observed"]),
    (None, "Ayaan pushes away any food he does not like.", ["observed"]),
    (None, "Ayaan struggles to make choices by using symbols.", [None]),
    # The child's words with no speech verb; speech that did not happen.
    (None, "According to Ayaan, the best part of school is lunch.", ["reported"]),
    (None, "Ayaan's view is that there should be more breaks.", ["reported"]),
    (None, "Ayaan's views were collected by his key adult.", [None]),
    (None, "Ayaan has not yet shared his views.", [None]),
    (None, "Ayaan finds it hard to tell adults when he is upset.", [None]),
    (None, "When asked about school, Ayaan shrugged and said 'boring'.", ["quotation"]),
    (None, "Ayaan shook his head and said that he did not want to go.", ["reported"]),
    # What only the child can know, with the child as subject: wishes and opinion clauses.
    (None, "Ayaan is looking forward to moving up to the juniors.", ["reported"]),
    (None, "Ayaan feels that nobody listens to him at playtime.", ["reported"]),
    (None, "Ayaan enjoys swimming and going to the park.", [None]),
    (None, "His grandad feels that Ayaan wants to be a pilot.", [None]),
    # "I" speaking of the child in the third person is an adult.
    (None, "I have taught him since September and he has settled well.", [None]),
    (None, "I play with Tom at break and I like him a lot.", ["first_person"]),
    # Notes under a subheading that asks for the child's view; "he" left out is a description.
    ("Things I like", "Trains, buses and anything with wheels.", ["first_person"]),
    ("About me", "Loves football and is good at climbing.", [None]),
    # "Sam likes trains" reports Sam's view under "Sam's views", describes Sam under "About me".
    ("Ayaan's views", "Ayaan really likes science because of the experiments.", ["reported"]),
    ("What Ayaan told us", "He does not like the dinner hall.", ["reported"]),
    ("About me", "Ayaan likes science and is kind to his friends.", [None]),
    ("Ayaan's comments", "Ayaan would like more time on the computer.", ["reported"]),
    ("Teacher's comments", "Ayaan would like more time on the computer.", [None]),
    (None, "Ayaan's comments: likes PE, hates spelling tests.", ["reported"]),
    ("My needs", "Significant difficulties with attention; needs help to stay on task.", [None]),
    (
        "Views, interests and aspirations of the child and their parents",
        "I like football.",
        ["first_person"],
    ),
    # Sharing a thing is no speech; sharing a view is.
    (None, "Ayaan shares his crisps with friends at lunchtime.", [None]),
    (None, "Ayaan shared his worries about the school trip.", ["reported"]),
    # "according to" a possessive names someone else.
    (None, "Mornings, according to Ayaan's grandad, go better with a visual timetable.", [None]),
    (None, "According to Ayaan, science is the best lesson.", ["reported"]),
    # Adults reading a feeling from what the child is doing; the child's own way of saying.
    (None, "Staff know that Ayaan is excited when he is flapping his hands.", ["observed"]),
    (None, "Ayaan's way of saying no is turning his head away.", ["observed"]),
]


def _kinds(heading: str | None, line: str) -> list[str | None]:
    body = f"## {heading}\n{line}" if heading else line
    plan = build_plan({"A": body, "B": "Ayaan has dyslexia. He finds reading hard."})
    output = run_check(voice.run, plan)
    assert output.voice is not None
    by_text = {evidence.text: evidence.kind for evidence in output.voice.evidence}
    return [by_text.get(item.text) for item in extract_items(plan).section_a_sentences]


@pytest.mark.parametrize(("heading", "line", "kinds"), CASES)
def test_sentence_voice(heading: str | None, line: str, kinds: list[str | None]) -> None:
    assert _kinds(heading, line) == kinds


def test_a_pronoun_that_is_not_the_childs_is_not_the_child_speaking() -> None:
    # Ayaan is "he" in B; "she" here is his mother.
    assert _kinds(None, "She says Ayaan would like to be a mechanic.") == [None]


def test_singular_they_child_who_does_not_speak_is_heard() -> None:
    # B, C and E call Sam "they", so "they" in A is Sam; the grandparents' "they" is theirs.
    body = (
        "How I communicate\n"
        "When Sam wants something they let us know by pointing at a picture card.\n"
        "Sam shows that they do not like something by walking away.\n"
        "Views of my family\n"
        "Sam's grandparents said that they love animals."
    )
    b_text = "Sam has autism. They find changes to routine hard. They use a few single words."
    plan = build_plan({"A": body, "B": b_text}, first_name="Sam")
    output = run_check(voice.run, plan)
    assert voice.child_reference(plan).pronoun == "they"
    assert output.voice is not None
    assert [(e.text, e.kind) for e in output.voice.evidence] == [
        ("When Sam wants something they let us know by pointing at a picture card.", "reported"),
        ("Sam shows that they do not like something by walking away.", "observed"),
    ]


def test_the_childs_name_comes_from_the_plan_when_the_front_matter_misreads_it() -> None:
    # The reader took the school ("Setting attended | Moorside School") for the child's name.
    body = "Lacey told us that she loves wrestling.\nLacey's nan said that Lacey sleeps badly."
    b_text = "Lacey has dyslexia. Lacey finds reading hard. Reading books are sent home."
    plan = build_plan({"A": body, "B": b_text}, first_name="Moorside")
    assert voice.child_reference(plan).name == "Lacey"
    assert _evidence_kinds(plan) == ["reported"]


def test_the_childs_name_is_found_when_the_front_matter_has_none() -> None:
    b_text = "Assessments\nRosie has autism. Rosie finds noise hard. Rosie uses a visual timetable."
    plan = build_plan({"A": "Rosie explained that she likes maths.", "B": b_text}, first_name=None)
    assert voice.child_reference(plan).name == "Rosie"
    assert _evidence_kinds(plan) == ["reported"]


def _evidence_kinds(plan: Plan) -> list[str]:
    output = run_check(voice.run, plan)
    assert output.voice is not None
    return [evidence.kind for evidence in output.voice.evidence]


def test_a_question_title_without_a_full_stop_is_not_the_child_speaking() -> None:
    body = "What I want to do when I am older\nMum hopes that Ayaan will have a job he enjoys."
    findings = run_check(voice.run, base_plan(A=body)).findings
    assert "VOI001" in {finding.rule for finding in findings}
    # Read as a subheading or as a sentence, it is no evidence of the child's voice.
    assert not any(_kinds(None, "What I would like to do when I leave school"))
    assert _kinds(None, "What I would like to do when I leave school is cook.") == ["first_person"]


def test_evidence_quotes_exact_text_and_location() -> None:
    plan = base_plan()
    output = run_check(voice.run, plan)
    assert output.voice is not None and output.voice.child_voice_present
    section_text = plan.section("A").text
    for evidence in output.voice.evidence:
        assert evidence.text in section_text
        assert evidence.location.paragraph is not None


def _codes(body: str) -> set[str]:
    return {finding.rule for finding in run_check(voice.run, base_plan(A=body)).findings}


def test_adults_only_folds_into_voi001_and_quotes_an_adult_view() -> None:
    body = "Mum says Ayaan loves Lego.\nHis teacher reports that he works hard."
    findings = run_check(voice.run, base_plan(A=body)).findings
    no_voice = next(f for f in findings if f.rule == "VOI001")
    assert "only parents' and professionals' views" in no_voice.message
    assert no_voice.evidence == "Mum says Ayaan loves Lego."
    assert no_voice.severity == "error"


def test_no_voice_findings_when_section_a_is_absent() -> None:
    output = run_check(voice.run, base_plan(A=None))
    assert output.findings == []
    assert output.voice is not None and not output.voice.child_voice_present


def test_a_sound_section_a_raises_nothing() -> None:
    assert _codes(base_plan().section("A").text) == set()


@pytest.mark.parametrize(
    ("gathered", "said"),
    [
        ("We gathered Ayaan's views using a drawing and talking session.", True),
        ("His teacher sought his wishes at a review meeting in March.", True),
        ("Ayaan's views were recorded by his key adult.", True),
        ("Ayaan gathered conkers in the park with his grandad.", False),
    ],
)
def test_how_views_were_gathered_in_either_voice(gathered: str, said: bool) -> None:
    body = base_plan().section("A").text.rsplit("\n", 1)[0]  # without its own "were gathered"
    codes = _codes(f"{body}\n{gathered}")
    assert ("VOI005" not in codes) is said


@pytest.mark.parametrize(("rule", "example"), rule_example_cases("VOI"))
def test_rule_examples(rule: Rule, example: RuleExample) -> None:
    assert_rule_example(voice.run, rule, example)


@pytest.mark.parametrize(
    "shown",
    [
        "When Ayaan wants a snack, he will usually try leading an adult towards the cupboard.",
        "Ayaan's delight is plain to see: he can be seen rocking and humming to the music.",
        "Displeasure shows in Ayaan's facial expression when the spoon comes near.",
        "To ask for more, Ayaan tries tapping the table twice.",
        "Ayaan lets adults know what he likes through eye pointing at photos.",
    ],
)
def test_what_a_child_shows_in_an_unread_shape_silences_voi001(shown: str) -> None:
    """A feeling, want or request and a sign of it: it may be the child's voice observed, so
    'no child's voice' cannot be said for sure."""
    body = f"Mum says Ayaan loves Lego.\n{shown}\nHis teacher reports that he works hard."
    assert "VOI001" not in _codes(body)


@pytest.mark.parametrize(
    "described",
    [
        "Ayaan is warm and affectionate and greets family members with a big hug.",
        "Ayaan has had grommets fitted in both ears.",
        "Ayaan is a cheerful boy who asks lots of questions.",
        "Ayaan no longer throws chairs when upset.",
    ],
)
def test_an_adults_description_of_the_child_still_leaves_section_a_without_voice(
    described: str,
) -> None:
    body = f"Mum says Ayaan loves Lego.\n{described}\nHis teacher reports that he works hard."
    assert "VOI001" in _codes(body)
