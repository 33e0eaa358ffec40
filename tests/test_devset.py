"""The hand-written dev set: labels are valid, files exist, gold text is really in every file,
and rebuilding from the markup sources gives byte-identical files."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from corpora_synthetic.dev import build
from ehcp_lint.gold import GoldCorpus, GoldPlan

MM_TO_POINTS = 72 / 25.4
# The PDF page header sits above 17 mm and the footer below 282 mm (A4 is 297 mm tall).
BODY_TOP_MM = 17
BODY_BOTTOM_MARGIN_MM = 15


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _docx_text(path: Path) -> str:
    from docx import Document

    document = Document(str(path))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts.extend(" | ".join(cell.text for cell in row.cells) for row in table.rows)
    return "\n".join(parts)


def _pdf_text(path: Path) -> str:
    import pdfplumber

    parts: list[str] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            body = page.crop(
                (
                    0,
                    BODY_TOP_MM * MM_TO_POINTS,
                    page.width,
                    page.height - BODY_BOTTOM_MARGIN_MM * MM_TO_POINTS,
                )
            )
            parts.append(body.extract_text() or "")
            for table in page.extract_tables():
                parts.extend(" | ".join(_normalise(cell or "") for cell in row) for row in table)
    return "\n".join(parts)


@cache
def extracted_text(path: Path) -> str:
    readers = {".docx": _docx_text, ".pdf": _pdf_text}
    reader = readers.get(path.suffix)
    text = reader(path) if reader else path.read_text(encoding="utf-8")
    return _normalise(text)


@cache
def corpus() -> GoldCorpus:
    return GoldCorpus.model_validate_json(build.LABELS_PATH.read_text(encoding="utf-8"))


def _gold_texts(plan: GoldPlan) -> list[str]:
    texts = [outcome.text for outcome in plan.outcomes]
    texts += [provision.text for provision in plan.provisions]
    texts += plan.voice_evidence
    texts += [section.heading for section in plan.sections if section.heading]
    texts += [defect.text for defect in plan.defects if defect.text]
    return texts


def test_labels_cover_every_plan_in_every_format() -> None:
    plans = corpus().plans
    ids = sorted({plan.plan_id for plan in plans})
    assert len(ids) >= 10
    assert all(plan.split == "dev" for plan in plans)
    for plan_id in ids:
        formats = sorted(plan.format for plan in plans if plan.plan_id == plan_id)
        assert formats == ["docx", "pdf", "txt"]


def test_the_three_formats_of_a_plan_share_the_same_labels() -> None:
    by_id: dict[str, list[dict]] = {}
    for plan in corpus().plans:
        by_id.setdefault(plan.plan_id, []).append(plan.model_dump(exclude={"file", "format"}))
    for labels in by_id.values():
        assert all(label == labels[0] for label in labels)


def test_labels_follow_statutory_order_and_spread_ages_needs_and_grades() -> None:
    plans = corpus().plans
    for plan in plans:
        assert [section.id for section in plan.sections] == list(build.SECTION_ORDER)
    ages = {plan.age for plan in plans if plan.age is not None}
    assert min(ages) <= 4 and max(ages) >= 20
    assert {area for plan in plans for area in plan.need_areas} == {
        "communication_and_interaction",
        "cognition_and_learning",
        "social_emotional_mental_health",
        "sensory_and_physical",
    }
    assert {plan.grade for plan in plans} == {
        "outstanding",
        "good",
        "requires_improvement",
        "inadequate",
    }


@pytest.mark.parametrize("plan", corpus().plans, ids=lambda plan: plan.file)
def test_every_gold_text_occurs_in_the_file(plan: GoldPlan) -> None:
    path = build.DEV_DIR / plan.file
    assert path.is_file()
    text = extracted_text(path)
    missing = [gold for gold in _gold_texts(plan) if _normalise(gold) not in text]
    assert missing == []


def test_plan_length_is_900_to_2500_words() -> None:
    for source in build.dev_sources():
        words = len(build.render_txt(build.parse_markup(source)).split())
        assert 900 <= words <= 2500, source.name


def test_rebuild_is_byte_identical() -> None:
    for path, data in build.build_outputs():
        assert path.read_bytes() == data, path.name


SAMPLE_FILES = [build.EXAMPLES_DIR / f"sample_plan.{fmt}" for fmt in build.FORMATS]


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda path: path.suffix)
def test_sample_plan_has_its_planted_problems_in_every_format(path: Path) -> None:
    text = extracted_text(path)
    assert "Section A: Ethan's views, interests and aspirations" in text
    assert "UPN" in text
    assert "Section J" not in text  # the missing personal budget section
    assert "access to a small group social skills intervention as appropriate" in text


def test_sample_plan_is_2000_to_2500_words() -> None:
    words = len(build.render_txt(build.parse_markup(build.SAMPLE_SOURCE)).split())
    assert 2000 <= words <= 2500


def test_markup_parses_headings_bullets_and_separate_tables(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text(
        "@headings columns\n@meta Name | Sam\n# E | Outcomes\n- By July Sam will read.\n"
        "| Need | Provision\n| Reading | Daily 1:1\n\n| Advice | Date\n",
        encoding="utf-8",
    )
    plan = build.parse_markup(source)
    assert plan.front_matter == [("Name", "Sam")]
    assert [block.kind for block in plan.blocks] == ["heading", "bullet", "table", "table"]
    assert plan.blocks[0].text == "E | Outcomes"
    assert plan.blocks[2].rows == [["Need", "Provision"], ["Reading", "Daily 1:1"]]
    assert "E | Outcomes\n\n- By July Sam will read." in build.render_txt(plan)


def test_markup_outside_latin1_is_refused_with_file_and_line(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text("# A\nSam said \u201chello\u201d\n", encoding="utf-8")
    with pytest.raises(build.MarkupError, match=r"plan\.txt line 2"):
        build.parse_markup(source)


def test_defects_agree_with_the_item_labels() -> None:
    for plan in corpus().plans:
        vague = {item.text for item in plan.provisions if not item.is_specific}
        not_smart = {item.text for item in plan.outcomes if not item.is_smart}
        as_outcome = {item.text for item in plan.outcomes if item.provision_not_outcome}
        absent = {section.id for section in plan.sections if not section.present}
        for defect in plan.defects:
            if defect.kind == "vague_provision":
                assert defect.text in vague, defect.text
            elif defect.kind == "non_smart_outcome":
                assert defect.text in not_smart, defect.text
            elif defect.kind == "provision_as_outcome":
                assert defect.text in as_outcome, defect.text
            elif defect.kind == "missing_section":
                assert defect.section in absent, defect.section
        assert plan.child_voice_present == bool(plan.voice_evidence)
