"""Annotated .docx: a Word comment per finding on its exact quote, opened as a user would."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from typer.testing import CliRunner

from corpora_synthetic.generate import generate_corpus
from ehcp_lint import check
from ehcp_lint.cli import app
from ehcp_lint.errors import EhcpLintError
from ehcp_lint.ingest.blocks import ROW_SEPARATOR
from ehcp_lint.render.annotate_docx import AUTHOR, annotate_docx
from ehcp_lint.report import PlanReport
from tests.conftest import BASE_BODIES, FRONT_MATTER, SECTION_HEADINGS

SAMPLE = Path(__file__).parent.parent / "examples" / "sample_plan.docx"
QUOTE_LINE = 'Quote: "'


def anchored_texts(data: bytes) -> dict[int, str]:
    """The body text between each comment's range start and end, by comment id."""
    body = docx.Document(io.BytesIO(data)).element.body
    texts: dict[int, str] = {}
    open_ids: set[int] = set()
    for element in body.iter():
        if element.tag == qn("w:commentRangeStart"):
            open_ids.add(int(element.get(qn("w:id"))))
            texts.setdefault(int(element.get(qn("w:id"))), "")
        elif element.tag == qn("w:commentRangeEnd"):
            open_ids.discard(int(element.get(qn("w:id"))))
        elif element.tag == qn("w:t"):
            for comment_id in open_ids:
                texts[comment_id] += element.text or ""
    return texts


def assert_one_comment_per_finding(report: PlanReport, data: bytes) -> None:
    """Summary first; then every finding with words to anchor on has its own comment on its
    exact quote, in report order; the rest are listed in the summary."""
    comments = list(docx.Document(io.BytesIO(data)).comments)
    anchored = anchored_texts(data)
    summary, *per_finding = comments
    assert summary.author == AUTHOR and "pre-audit, for moderation" in summary.text
    assert all(comment.author == AUTHOR and comment.initials == "EL" for comment in comments)
    located = [f for f in report.findings if f.location is not None]
    assert len(per_finding) == len(located)
    for finding, comment in zip(located, per_finding, strict=True):
        assert comment.text.startswith(f"{finding.rule} ({finding.severity.value}): ")
        assert finding.message in comment.text
        if finding.evidence:
            # On the quote itself: a row's quote is its cells joined with " | ".
            expected = finding.evidence.replace(ROW_SEPARATOR, "")
            assert "".join(anchored[comment.comment_id].split()) == "".join(expected.split())
            assert QUOTE_LINE not in comment.text
    for finding in report.findings:
        if finding.location is None:
            assert f"{finding.rule} ({finding.severity.value}): {finding.message}" in summary.text


@pytest.fixture(scope="module")
def sample() -> tuple[PlanReport, bytes]:
    report = check(SAMPLE)
    return report, annotate_docx(SAMPLE, report)


def test_sample_plan_gets_one_comment_per_finding_on_its_quote(
    sample: tuple[PlanReport, bytes],
) -> None:
    report, data = sample
    assert_one_comment_per_finding(report, data)
    anchored = anchored_texts(data)
    outcome = next(f for f in report.findings if f.rule == "SMA001")
    assert outcome.evidence in anchored.values()  # exactly the sentence, nothing around it


def test_summary_comment_gives_grade_caps_drivers_and_unanchored_findings(
    sample: tuple[PlanReport, bytes],
) -> None:
    report, data = sample
    summary = next(iter(docx.Document(io.BytesIO(data)).comments))
    assert report.score is not None
    assert f"Grade: {report.score.grade.replace('_', ' ')}" in summary.text
    assert "Grade capped by: missing section" in summary.text
    assert f"Top driver: {report.score.drivers[0].rule}" in summary.text
    assert f"Findings: {len(report.findings)} (" in summary.text
    assert "CMP001 (error): Section J (personal budget) is missing" in summary.text
    assert anchored_texts(data)[summary.comment_id] == "Education, Health and Care Plan"


def test_comment_says_suggestion_and_source(sample: tuple[PlanReport, bytes]) -> None:
    _, data = sample
    comments = list(docx.Document(io.BytesIO(data)).comments)
    vague = next(c for c in comments if c.text.startswith("PRO001"))
    assert "Suggestion: " in vague.text
    assert "Source: SEND Code of Practice" in vague.text


def test_original_is_untouched_and_output_is_reproducible(
    sample: tuple[PlanReport, bytes],
) -> None:
    report, data = sample
    assert hashlib.sha256(SAMPLE.read_bytes()).hexdigest() == report.source.sha256
    assert annotate_docx(SAMPLE, report) == data


def test_annotated_copy_still_reads_as_the_same_plan(
    sample: tuple[PlanReport, bytes], tmp_path: Path
) -> None:
    report, data = sample
    copy = tmp_path / "annotated.docx"
    copy.write_bytes(data)
    again = check(copy)
    assert [f.evidence for f in again.findings] == [f.evidence for f in report.findings]


def test_generated_docx_plans_in_every_template(tmp_path: Path) -> None:
    corpus = generate_corpus(tmp_path, n=6, seed=21, split="heldout", formats=("docx",))
    for plan in corpus.plans:
        path = tmp_path / plan.file
        report = check(path)
        assert_one_comment_per_finding(report, annotate_docx(path, report))


def _plan_with_formatted_quote(path: Path) -> None:
    """A plan whose vague provision starts inside an italic run and ends inside a plain one."""
    document = docx.Document()
    for line in FRONT_MATTER.strip().split("\n"):
        document.add_paragraph(line)
    for section_id, heading in SECTION_HEADINGS.items():
        document.add_heading(heading, level=1)
        if section_id == "F":
            paragraph = document.add_paragraph()
            paragraph.add_run("Provision 4. Ayaan will have access to ").italic = True
            paragraph.add_run("a reading group as appropriate").bold = True
            paragraph.add_run(". It starts in May.")
        for line in BASE_BODIES[section_id].split("\n"):
            style = "List Bullet" if line.startswith("- ") else None
            document.add_paragraph(line.removeprefix("- "), style=style)
    document.save(path)


def test_runs_are_split_at_the_quote_and_keep_their_formatting(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    _plan_with_formatted_quote(path)
    report = check(path)
    data = annotate_docx(path, report)
    quote = "Ayaan will have access to a reading group as appropriate."
    assert sum(f.evidence == quote for f in report.findings) >= 2
    assert_one_comment_per_finding(report, data)
    paragraph = next(
        p for p in docx.Document(io.BytesIO(data)).paragraphs if p.text.startswith("Provision 4")
    )
    assert paragraph.text == "Provision 4. " + quote + " It starts in May."
    runs = [(run.text, bool(run.italic), bool(run.bold)) for run in paragraph.runs if run.text]
    # Split at every quote's edges: "Provision 4." and "It starts in May." have findings too.
    assert runs == [
        ("Provision 4.", True, False),
        (" ", True, False),
        ("Ayaan will have access to ", True, False),
        ("a reading group as appropriate", False, True),
        (".", False, False),
        (" ", False, False),
        ("It starts in May.", False, False),
    ]


def test_a_file_changed_since_checking_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    shutil.copy(SAMPLE, path)
    report = check(path)
    _plan_with_formatted_quote(path)
    with pytest.raises(EhcpLintError, match="changed since it was checked"):
        annotate_docx(path, report)


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer-nogui",
)
def test_libreoffice_opens_the_annotated_copy_with_every_comment(
    sample: tuple[PlanReport, bytes], tmp_path: Path
) -> None:
    _, data = sample
    annotated = tmp_path / "annotated.docx"
    annotated.write_bytes(data)
    out = tmp_path / "converted"
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    for target in ("pdf", "docx:MS Word 2007 XML"):
        subprocess.run(
            ["soffice", profile, "--headless", "--convert-to", target, "--outdir", out, annotated],
            check=True,
            capture_output=True,
            timeout=120,
        )
    assert (out / "annotated.pdf").stat().st_size > 10_000
    # LibreOffice read our comments: saving as Word again keeps every one, with its author.
    converted = list(docx.Document(out / "annotated.docx").comments)
    assert len(converted) == len(list(docx.Document(io.BytesIO(data)).comments))
    assert {comment.author for comment in converted} == {AUTHOR}


runner = CliRunner()


def test_cli_writes_the_annotated_copy_only_where_asked(tmp_path: Path) -> None:
    output = tmp_path / "out" / "annotated.docx"
    result = runner.invoke(app, ["check", str(SAMPLE), "-f", "docx", "-o", str(output)])
    assert result.exit_code == 1  # the sample has findings
    assert result.stdout == ""
    assert "findings as Word comments" in result.stderr
    assert len(list(docx.Document(output).comments)) > 1
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["annotated.docx", "out"]


def test_cli_unreadable_plan_writes_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(SAMPLE.read_bytes()[:5000])
    output = tmp_path / "annotated.docx"
    result = runner.invoke(app, ["check", str(broken), "-f", "docx", "-o", str(output)])
    assert result.exit_code == 8
    assert "damaged" in result.stderr
    assert not output.exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["examples/sample_plan.pdf", "-o", "x.docx"], "annotates one .docx plan"),
        ([str(SAMPLE), str(SAMPLE), "-o", "x.docx"], "annotates one .docx plan"),
        ([str(SAMPLE)], "give --output FILE.docx"),
        ([str(SAMPLE), "-o", "annotated.pdf"], "give --output FILE.docx"),
        ([str(SAMPLE), "-o", str(SAMPLE)], "the plan itself is never changed"),
    ],
)
def test_cli_docx_usage_errors(arguments: list[str], message: str) -> None:
    result = runner.invoke(app, ["check", "-f", "docx", *arguments])
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())
