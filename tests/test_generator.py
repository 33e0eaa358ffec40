"""The synthetic corpus generator: determinism, gold texts found in the rendered files, disjoint
train/held-out phrase banks, defects where the labels say, and a rubric that uses all grades."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from corpora_synthetic.check_written import problems
from corpora_synthetic.generate import (
    QUALITIES,
    age_on,
    find_terms,
    generate_corpus,
    make_child,
    plan_rng,
)
from corpora_synthetic.phrases import (
    WRITTEN_SPLITS,
    PhraseBank,
    iter_bank_lists,
    load_banks,
    load_written_banks,
    split_half,
)
from corpora_synthetic.rubric import GradingFacts, grade_facts, grade_plan
from corpora_synthetic.spec import GoldCorpus, GoldPlan
from corpora_synthetic.templates import CELL_SEPARATOR, TEMPLATE_NAMES, get_template

PAGE_NUMBER = re.compile(r"^Page \d+ of \d+$")


@cache
def corpus(fmt: str, split: str = "train", n: int = 11, seed: int = 5) -> tuple[Path, GoldCorpus]:
    """A small corpus per format, generated once per test session (11 plans = every template)."""
    import tempfile

    out = Path(tempfile.mkdtemp(prefix=f"gen-{fmt}-{split}-"))
    return out, generate_corpus(out, n=n, seed=seed, split=split, formats=[fmt])


def normalise(text: str) -> str:
    return " ".join(text.split())


# --- reading the rendered files back -----------------------------------------------------------


def txt_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def docx_lines(path: Path) -> list[str]:
    """Body paragraphs and table rows (cells joined with ' | ') in document order."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(str(path))
    lines: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            lines.append(item.text)
        elif isinstance(item, Table):
            lines.extend(CELL_SEPARATOR.join(cell.text for cell in row.cells) for row in item.rows)
    return lines


def pdf_lines(path: Path, page_header: str) -> list[str]:
    """Text lines of every page without the running header and 'Page N of M' footer."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        lines = [line for page in pdf.pages for line in (page.extract_text() or "").splitlines()]
    return [line for line in lines if line != page_header and not PAGE_NUMBER.match(line)]


def pdf_table_texts(path: Path) -> set[str]:
    """Every table cell and every row (cells joined with ' | ') of a PDF, whitespace normalised."""
    import pdfplumber

    texts: set[str] = set()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                for row in table:
                    cells = [normalise(cell or "") for cell in row]
                    texts.update(cells)
                    texts.add(CELL_SEPARATOR.join(cells))
    return texts


def section_texts(plan: GoldPlan, text: str, *, pdf: bool) -> dict[str, str]:
    """The text between each present section's heading and the next one's."""
    present = [section for section in plan.sections if section.present]
    starts: list[tuple[str, int, int]] = []
    cursor = 0
    for section in present:
        assert section.heading is not None
        heading = section.heading.replace(CELL_SEPARATOR, " ") if pdf else section.heading
        heading = normalise(heading) if pdf else heading
        position = text.find(heading, cursor)
        assert position >= 0, f"{plan.plan_id}: heading of {section.id} not found"
        starts.append((section.id, position, position + len(heading)))
        cursor = position + len(heading)
    ends = [start for _, start, _ in starts[1:]] + [len(text)]
    return {sid: text[body:end] for (sid, _, body), end in zip(starts, ends, strict=True)}


def read_sections(out: Path, plan: GoldPlan) -> dict[str, str]:
    path = out / plan.file
    if plan.format == "pdf":
        lines = pdf_lines(path, get_template(plan.template).page_header)
        return section_texts(plan, normalise(" ".join(lines)), pdf=True)
    lines = docx_lines(path) if plan.format == "docx" else txt_lines(path)
    return section_texts(plan, "\n".join(lines), pdf=False)


def occurs(text: str, section_text: str, table_texts: set[str]) -> bool:
    """Exact occurrence in the section. In a PDF a table's cells sit side by side and wrap, so a
    table item must be an exact cell or row of a PDF table and have all its words in the section."""
    if text in section_text or normalise(text) in section_text:
        return True
    needed = Counter(normalise(text.replace(CELL_SEPARATOR, " ")).split())
    available = Counter(section_text.split())
    in_section = all(available[word] >= count for word, count in needed.items())
    # A row with an empty cell keeps its two spaces ("etc. |  | Each morning"): compare as is too.
    return in_section and (normalise(text) in table_texts or text in table_texts)


# --- tests ------------------------------------------------------------------------------------


def test_same_seed_gives_byte_identical_files_and_labels(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    generate_corpus(first, n=6, seed=21, split="train")
    generate_corpus(second, n=6, seed=21, split="train")
    names = sorted(path.name for path in first.iterdir())
    assert names == sorted(path.name for path in second.iterdir())
    assert len(names) == 7  # six plans in docx/pdf/txt and labels.json
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_a_different_seed_gives_different_plans(tmp_path: Path) -> None:
    one = generate_corpus(tmp_path / "a", n=3, seed=1, split="train", formats=["txt"])
    two = generate_corpus(tmp_path / "b", n=3, seed=2, split="train", formats=["txt"])
    assert [p.child_name for p in one.plans] != [p.child_name for p in two.plans]


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
def test_every_gold_item_occurs_in_its_section_of_the_rendered_file(fmt: str) -> None:
    out, gold = corpus(fmt)
    assert {plan.template for plan in gold.plans} == set(TEMPLATE_NAMES)
    for plan in gold.plans:
        sections = read_sections(out, plan)
        tables = pdf_table_texts(out / plan.file) if fmt == "pdf" else set()
        items = [(o.text, o.section) for o in plan.outcomes]
        items += [(p.text, p.section) for p in plan.provisions]
        items += [(sentence, "A") for sentence in plan.voice_evidence]
        assert plan.outcomes and plan.provisions
        for text, section in items:
            assert occurs(text, sections[section], tables), (plan.plan_id, section, text)


def test_defects_are_where_the_labels_say() -> None:
    out, gold = corpus("txt", n=40, seed=9)
    kinds: Counter[str] = Counter()
    for plan in gold.plans:
        sections = read_sections(out, plan)
        present = {section.id for section in plan.sections if section.present}
        for defect in plan.defects:
            kinds[defect.kind] += 1
            if defect.kind == "missing_section":
                assert defect.section not in present
            elif defect.kind == "no_child_voice":
                assert not plan.child_voice_present and not plan.voice_evidence
            elif defect.kind == "missing_pfa":
                assert plan.pfa_required and not plan.pfa_outcomes_present
            elif defect.kind == "year_group_mismatch":  # stated in the front matter
                assert defect.text and defect.text in (out / plan.file).read_text("utf-8")
            else:
                assert defect.text and defect.text in sections[defect.section], defect
        if plan.pfa_required and plan.pfa_outcomes_present:
            assert any(outcome.pfa_area for outcome in plan.outcomes)
    assert len(kinds) >= 10, kinds  # nearly every defect kind shows up in 40 plans


def test_planted_defects_match_item_labels() -> None:
    _, gold = corpus("txt", n=40, seed=9)
    for plan in gold.plans:
        texts = {(d.kind, d.text) for d in plan.defects}
        for outcome in plan.outcomes:
            if outcome.provision_not_outcome:
                assert ("provision_as_outcome", outcome.text) in texts
            elif not outcome.is_smart:
                assert ("non_smart_outcome", outcome.text) in texts
            assert outcome.is_smart == all(outcome.smart.model_dump().values())
        for provision in plan.provisions:
            elements = provision.elements.model_dump().values()
            assert provision.is_specific == (all(elements) and not provision.hedge_terms)
            for term in provision.hedge_terms:
                assert term in provision.text
            if provision.section == "F" and not provision.is_specific:
                assert ("vague_provision", provision.text) in texts


def hedge_terms_in_banks() -> list[str]:
    hedge = load_banks()["provision"]["hedge"]
    terms = [entry[2] for entries in hedge["replace"].values() for entry in entries]
    for key in ("openers", "suffixes", "what_suffixes", "who_frames"):
        terms += [term for _, term in hedge[key]]
    return sorted(set(terms))


def test_specific_provisions_contain_no_hedge_words() -> None:
    """A fully specified line has no hedge term, except side clauses marked as context."""
    terms = hedge_terms_in_banks()
    for fmt in ("txt", "docx"):
        for plan in corpus(fmt)[1].plans:
            for provision in plan.provisions:
                if not provision.is_specific:
                    continue
                text = provision.text
                for context in provision.context_terms:
                    text = text.replace(context, "")
                assert find_terms(text, terms) == [], provision.text


def test_standing_adjustments_and_review_clauses_are_labelled_as_context() -> None:
    _, gold = corpus("txt", n=40, seed=9)
    with_context = [p for plan in gold.plans for p in plan.provisions if p.context_terms]
    assert with_context
    assert all(p.is_specific and not p.hedge_terms for p in with_context)


def test_train_and_heldout_phrase_banks_are_disjoint() -> None:
    lists = list(iter_bank_lists(load_banks()))
    assert len(lists) > 100
    for path, entries in lists:
        if not entries:
            continue  # a sub-need with no related health needs
        assert len(entries) >= 2 and len(entries) % 2 == 0, path
        train, heldout = split_half(entries, "train"), split_half(entries, "heldout")
        train_keys = {str(entry) for entry in train}
        assert not train_keys & {str(entry) for entry in heldout}, path


@pytest.mark.parametrize("split", WRITTEN_SPLITS)
def test_written_bank_covers_every_list_with_wording_of_its_own(split: str) -> None:
    """A written split (probe, blind) must not fall back to the train half anywhere, nor reuse
    an entry of the main bank or of another written split."""
    own = dict(iter_bank_lists(load_written_banks(split)))
    others = [dict(iter_bank_lists(load_written_banks(s))) for s in WRITTEN_SPLITS if s != split]
    for path, entries in iter_bank_lists(load_banks()):
        assert path in own, path
        assert len(own[path]) >= len(split_half(entries, "train")), path
        taken = {str(e) for e in entries}.union(
            *({str(e) for e in o.get(path, [])} for o in others)
        )
        assert not {str(e) for e in own[path]} & taken, path


# Probe and blind were written before the checker existed; every later split is checked.
@pytest.mark.parametrize("split", [s for s in WRITTEN_SPLITS if s not in ("probe", "blind")])
def test_banks_written_with_the_checker_pass_it(split: str) -> None:
    """Written with corpora_synthetic.check_written (near-duplicates of any other bank, train
    placeholders and shapes, no acronym the gold does not plant); probe and blind predate it."""
    assert problems(split) == []


def test_heldout_plans_use_only_heldout_names_and_phrases() -> None:
    _, train = corpus("txt")
    _, heldout = corpus("txt", split="heldout")
    train_names = {p.child_name.split()[0] for p in train.plans}
    heldout_names = {p.child_name.split()[0] for p in heldout.plans}
    assert not train_names & heldout_names
    heldout_bank = PhraseBank("heldout")
    train_only = set(PhraseBank("train").options("outcomes", "measures"))
    for plan in heldout.plans:
        for outcome in plan.outcomes:
            assert not any(measure in outcome.text for measure in train_only)
    assert set(heldout_bank.options("outcomes", "measures")).isdisjoint(train_only)


def test_children_ages_dates_and_pfa_agree() -> None:
    bank = PhraseBank("train")
    ages = set()
    for index in range(300):
        child = make_child(plan_rng(3, "train", index), bank)
        ages.add(child.age)
        assert age_on(child.birth_date, child.plan_date) == child.age
        if child.year_group is not None:
            assert 0 <= child.year_group <= 14
            assert abs((child.age - 5) - child.year_group) <= 1
    assert min(ages) == 2 and max(ages) == 25
    _, gold = corpus("txt", n=40, seed=9)
    for plan in gold.plans:
        if plan.age is None:
            assert plan.pfa_required is None
        else:
            year_nine = plan.year_group is not None and plan.year_group >= 9
            assert plan.pfa_required == (plan.age >= 14 or year_nine)


def test_all_text_is_latin1_for_the_pdf_core_font() -> None:
    out, gold = corpus("txt")
    for plan in gold.plans:
        (out / plan.file).read_text(encoding="utf-8").encode("latin-1")


def test_rubric_grades_spread_over_all_four_grades() -> None:
    _, gold = corpus("txt", n=40, seed=9)
    grades = Counter(plan.grade for plan in gold.plans)
    assert set(grades) == set(QUALITIES), grades
    for plan in gold.plans:
        assert grade_plan(plan) == (plan.grade, plan.section_grades)
        assert set(plan.section_grades) == {section.id for section in plan.sections}


def test_rubric_caps_missing_voice_and_missing_sections() -> None:
    _, gold = corpus("txt", n=40, seed=9)
    best = next(plan for plan in gold.plans if plan.grade == "outstanding")
    facts = GradingFacts.model_validate(best.model_dump(include=set(GradingFacts.model_fields)))
    assert grade_facts(facts)[0] == "outstanding"
    no_voice = facts.model_copy(update={"child_voice_present": False, "voice_evidence": []})
    grade, sections = grade_facts(no_voice)
    assert grade in ("requires_improvement", "inadequate") and sections["A"] == "inadequate"
    gone = [s.model_copy(update={"present": s.id != "K"}) for s in facts.sections]
    grade, sections = grade_facts(facts.model_copy(update={"sections": gone}))
    assert grade == "requires_improvement" and sections["K"] == "inadequate"
