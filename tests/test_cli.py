"""The command line as a user meets it: reports, JSON contract, exit codes and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from ehcp_lint.cli import app
from ehcp_lint.schema import build_report_schema, shipped_report_schema
from tests.conftest import plan_text

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def test_text_report_names_sections_and_missing_ones(write_plan) -> None:
    path = write_plan(plan_text({"J": None}))
    code, out, _ = run("check", str(path))
    assert code == 1
    assert "Section A: Views, interests and aspirations" in out
    assert "CMP001" in out and "Section J (personal budget) is missing" in out
    assert "11/12 sections found" in out


def test_complete_plan_has_no_missing_section_finding(write_plan) -> None:
    _, out, _ = run("check", str(write_plan(plan_text())))
    assert "12/12 sections found" in out
    assert "CMP001" not in out


def test_json_follows_the_contract_and_schema(write_plan) -> None:
    path = write_plan(plan_text({"G": None}))
    code, out, _ = run("check", str(path), "--format", "json")
    assert code == 1
    report = json.loads(out)
    jsonschema.validate(report, shipped_report_schema())
    assert report["schema_version"] == "1.0"
    assert report["source"]["format"] == "txt" and len(report["source"]["sha256"]) == 64
    assert [s["id"] for s in report["sections"]] == [
        "A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K"
    ]  # fmt: skip
    g = next(s for s in report["sections"] if s["id"] == "G")
    assert g == {"id": "G", "present": False, "heading": None, "location": None, "word_count": 0}
    a = report["sections"][0]
    assert a["heading"].startswith("Section A") and a["word_count"] > 30
    missing = [f for f in report["findings"] if f["rule"] == "CMP001"]
    assert [f["section"] for f in missing] == ["G"]
    assert missing[0]["category"] == "cop_compliance" and missing[0]["severity"] == "error"
    assert report["metadata"]["child_name"] == "Ayaan Khan"


def test_shipped_schema_is_built_from_the_models() -> None:
    assert shipped_report_schema() == json.loads(json.dumps(build_report_schema()))


def test_output_file_is_written_only_where_asked(write_plan, tmp_path: Path) -> None:
    path = write_plan(plan_text())
    before = path.read_bytes()
    target = tmp_path / "reports" / "plan.json"
    code, out, _ = run("check", str(path), "--format", "json", "-o", str(target))
    assert code in (0, 1) and out == ""
    assert json.loads(target.read_text())["source"]["path"] == str(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.txt", "reports"]


def _docx_bytes_truncated(tmp_path: Path) -> bytes:
    from docx import Document

    doc_path = tmp_path / "whole.docx"
    Document().save(doc_path)
    return doc_path.read_bytes()[:300]


BAD_INPUTS = [
    ("missing.docx", None, 3),
    ("picture.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, 4),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, 4),
    ("empty.txt", b"", 5),
    ("blank.docx", b"   \n", 5),
    ("minutes.txt", b"Minutes of the parish council meeting.\n\nApologies were received.\n", 9),
]


@pytest.mark.parametrize(("name", "content", "exit_code"), BAD_INPUTS)
def test_bad_input_is_one_clear_line_with_its_own_exit_code(
    tmp_path: Path, name: str, content: bytes | None, exit_code: int
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, out, err = run("check", str(path))
    assert code == exit_code
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}")
    assert "Traceback" not in err + out


def test_corrupt_docx_and_directory(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(_docx_bytes_truncated(tmp_path))
    assert run("check", str(broken))[0] == 8
    assert run("check", str(tmp_path))[0] == 3


def test_one_bad_file_does_not_stop_the_others(write_plan, tmp_path: Path) -> None:
    good = write_plan(plan_text())
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("not-word.txt", "hello")
    code, out, err = run("check", str(bad), str(good), "--format", "json")
    assert code == 4
    results = json.loads(out)
    assert results[0]["error"]["exit_code"] == 4
    assert results[1]["source"]["path"] == str(good)
    assert str(bad) in err and "Traceback" not in err


def test_plan_text_never_appears_in_error_messages(tmp_path: Path) -> None:
    secret = "Zebedee Quartermaine"
    path = tmp_path / "notes.txt"
    path.write_text(f"Notes about {secret}.\n\nHe likes trains.\n")
    _, out, err = run("check", str(path))
    assert secret not in out + err


def test_explain_and_rules() -> None:
    code, out, _ = run("explain", "cmp001")
    assert code == 0
    assert "SEND Regulations 2014 reg. 12" in out and "Flagged" in out
    code, out, _ = run("rules")
    assert code == 0 and "CMP001" in out
    assert run("explain", "XYZ999")[0] == 2


def test_console_script_runs_without_traceback(write_plan) -> None:
    path = write_plan(plan_text())
    result = subprocess.run(
        [sys.executable, "-m", "ehcp_lint", "check", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    assert "12/12 sections found" in result.stdout


def test_html_report_is_self_contained_and_escapes_plan_text(write_plan, tmp_path: Path) -> None:
    path = write_plan(plan_text({"J": None, "I": "<script>alert(1)</script> [INSERT SCHOOL]"}))
    code, out, _ = run("check", str(path), "--format", "html")
    assert code == 1
    assert out.startswith("<!doctype html>") and '<html lang="en-GB">' in out
    assert "<script" not in out and "&lt;script&gt;" in out
    assert "http://" not in out and "https://" not in out
    assert "CMP001" in out and "Section J (personal budget) is missing" in out
    folder = tmp_path / "html"
    code, _, _ = run("check", str(path), str(write_plan(plan_text(), "b.txt")), "-f", "html",
                     "-o", str(folder))  # fmt: skip
    assert sorted(p.name for p in folder.iterdir()) == ["b.html", "plan.html"]


def test_csv_has_one_row_per_finding(write_plan) -> None:
    import csv
    import io

    path = write_plan(plan_text({"J": None, "G": None}))
    code, out, _ = run("check", str(path), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    missing = [row for row in rows if row["rule"] == "CMP001"]
    assert code == 1 and sorted(row["section"] for row in missing) == ["G", "J"]
    assert all(row["path"] == str(path) for row in rows)
