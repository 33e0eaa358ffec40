"""Batch audit: every plan in a folder checked in a process pool, broken files and crashing or
hanging workers isolated, and the report folder an auditor opens."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import multiprocessing
import os
import re
import shutil
import time
from pathlib import Path
from typing import NamedTuple

import pytest
from typer.testing import CliRunner, Result

import ehcp_lint
from ehcp_lint import batch, pipeline
from ehcp_lint.batch import (
    CheckOptions,
    CheckTimedOut,
    WorkerCrashed,
    check_in_worker,
    find_plans,
)
from ehcp_lint.cli import app
from ehcp_lint.errors import EhcpLintError
from ehcp_lint.limits import TimeLimitExceeded
from ehcp_lint.plan import Plan
from ehcp_lint.report import PlanReport
from ehcp_lint.score import GRADES
from tests.audit_corpus import AuditCorpus, make_audit_corpus

runner = CliRunner()
REAL_CHECK_PLAN = pipeline.check_plan


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> AuditCorpus:
    return make_audit_corpus(tmp_path_factory.mktemp("plans"))


def _folder_digest(folder: Path) -> dict[Path, str]:
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


class AuditRun(NamedTuple):
    out: Path
    result: Result
    inputs_before: dict[Path, str]


@pytest.fixture(scope="module")
def audit_folder(corpus: AuditCorpus, tmp_path_factory: pytest.TempPathFactory) -> AuditRun:
    out = tmp_path_factory.mktemp("audit")
    before = _folder_digest(corpus.folder)
    result = runner.invoke(app, ["audit", str(corpus.folder), "--out", str(out), "--jobs", "2"])
    return AuditRun(out, result, before)


def _split(results: list[PlanReport | EhcpLintError]) -> tuple[dict, dict]:
    reports = {Path(r.source.path): r for r in results if isinstance(r, PlanReport)}
    errors = {Path(r.path): r for r in results if isinstance(r, EhcpLintError)}
    return reports, errors


def _small_folder(corpus: AuditCorpus, folder: Path, marked: str) -> Path:
    """Four copies of real text plans, the quickest to check (so a loaded machine does not push
    them past a test's short time limit), and one named `marked` that the test worker
    misbehaves on."""
    folder.mkdir()
    texts = [plan for plan in corpus.plans if plan.suffix == ".txt"]
    for i in range(4):
        shutil.copy(texts[i % len(texts)], folder / f"plan-{i}.txt")
    shutil.copy(texts[0], folder / f"{marked}.txt")
    return folder


def _crash_on_marked(path: str, options: CheckOptions) -> object:
    if "crash-me" in Path(path).name:
        os._exit(70)  # what a segfault in a parser library looks like from outside
    return check_in_worker(path, options)


def _hang_on_marked(path: str, options: CheckOptions) -> object:
    if "hang-me" in Path(path).name:
        time.sleep(600)  # stuck where the time limit's alarm cannot reach (as in C code)
    return check_in_worker(path, options)


def _slow_check_plan(plan: Plan, **settings: object) -> PlanReport:
    if "slow-me" in plan.source.path:
        time.sleep(600)  # a pathological plan in our own Python code
    return REAL_CHECK_PLAN(plan, **settings)


def test_find_plans_searches_folders_recursively_and_skips_what_is_not_a_plan(
    corpus: AuditCorpus,
) -> None:
    found = find_plans([corpus.folder])
    assert found == sorted([*corpus.plans, *corpus.broken])
    assert corpus.nested in found
    labels = corpus.folder / "labels.json"  # given by name, a file is kept: the check decides
    again = find_plans([labels, corpus.folder, corpus.plans[0]])
    assert again == sorted([*found, labels])


def test_audit_yields_a_report_or_an_error_for_every_file(corpus: AuditCorpus) -> None:
    results = list(ehcp_lint.audit([corpus.folder], jobs=2))
    reports, errors = _split(results)
    assert len(results) == len(corpus.plans) + len(corpus.broken)
    assert sorted(reports) == corpus.plans
    assert {path: error.exit_code for path, error in errors.items()} == corpus.broken
    # a report from a worker process is the same report as checking in this process
    first = corpus.plans[0]
    assert reports[first].model_dump() == ehcp_lint.check(first).model_dump()
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_worker_that_dies_is_reported_and_the_others_are_checked(
    corpus: AuditCorpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    folder = _small_folder(corpus, tmp_path / "plans", "crash-me")
    monkeypatch.setattr(batch, "_worker", _crash_on_marked)
    reports, errors = _split(list(batch.audit([folder], jobs=jobs)))
    assert sorted(p.name for p in reports) == [f"plan-{i}.txt" for i in range(4)]
    (crashed,) = errors.values()
    assert isinstance(crashed, WorkerCrashed) and crashed.exit_code == 12
    assert crashed.path.endswith("crash-me.txt")
    assert multiprocessing.active_children() == []


def test_a_slow_plan_is_stopped_by_the_time_limit_in_its_worker(
    corpus: AuditCorpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _small_folder(corpus, tmp_path / "plans", "slow-me")
    monkeypatch.setattr(pipeline, "check_plan", _slow_check_plan)  # forked workers inherit it
    reports, errors = _split(list(batch.audit([folder], jobs=2, timeout=2)))
    assert len(reports) == 4
    (slow,) = errors.values()
    assert type(slow) is TimeLimitExceeded and slow.exit_code == 14


def test_a_worker_stuck_past_the_time_limit_is_killed_and_the_others_are_checked(
    corpus: AuditCorpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _small_folder(corpus, tmp_path / "plans", "hang-me")
    monkeypatch.setattr(batch, "_worker", _hang_on_marked)
    started = time.monotonic()
    reports, errors = _split(list(batch.audit([folder], jobs=2, timeout=2)))
    assert time.monotonic() - started < 30
    assert len(reports) == 4
    (stuck,) = errors.values()
    assert isinstance(stuck, CheckTimedOut) and stuck.exit_code == 14
    assert "took longer than 2 s to check" in stuck.message
    assert multiprocessing.active_children() == []  # the stuck worker was killed


def test_stopping_early_leaves_no_worker_behind(corpus: AuditCorpus) -> None:
    results = ehcp_lint.audit([corpus.folder], jobs=2)
    assert next(results) is not None
    results.close()
    assert multiprocessing.active_children() == []


def test_audit_command_writes_the_report_folder(
    corpus: AuditCorpus, audit_folder: AuditRun
) -> None:
    out, result, inputs_before = audit_folder
    assert _folder_digest(corpus.folder) == inputs_before  # plans only read; nothing added
    assert result.exit_code == 13, result.stderr  # some files could not be checked
    assert "Traceback" not in result.stdout + result.stderr
    for name in ("dashboard.html", "ranked.csv", "findings.csv", "errors.csv", "reports.jsonl"):
        assert (out / name).is_file()
    assert len(list((out / "plans").glob("*.html"))) == len(corpus.plans)
    assert not list(out.rglob("*.tmp"))  # atomic writes leave no temporary files
    assert f"Checked {len(corpus.plans)} of {len(corpus.plans) + 2} files" in result.stdout
    for path, code in corpus.broken.items():
        assert f"{path}:" in result.stderr and f"exit code {code}]" in result.stderr


def test_ranked_csv_lists_the_worst_plans_first(
    corpus: AuditCorpus, audit_folder: AuditRun
) -> None:
    out = audit_folder.out
    rows = list(csv.DictReader((out / "ranked.csv").open(encoding="utf-8")))
    assert sorted(Path(row["path"]) for row in rows) == corpus.plans
    order = [(GRADES.index(row["grade"]), float(row["score"])) for row in rows]
    assert order == sorted(order)
    assert len({row["grade"] for row in rows}) >= 2  # the ranking had something to sort
    worst = rows[0]
    assert worst["rank"] == "1" and worst["top_issues"] and len(worst["sha256"]) == 64
    assert worst["child_voice"] in {"yes", "no"} and (out / worst["report"]).is_file()
    assert 0 <= float(worst["share_smart"]) <= 1


def test_errors_findings_and_jsonl_cover_every_file(
    corpus: AuditCorpus, audit_folder: AuditRun
) -> None:
    out = audit_folder.out
    errors = list(csv.DictReader((out / "errors.csv").open(encoding="utf-8")))
    assert {Path(row["path"]): int(row["exit_code"]) for row in errors} == corpus.broken
    assert {row["kind"] for row in errors} == {"CorruptDocument", "EmptyDocument"}
    lines = (out / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["source"]["path"] for r in records] == [str(p) for p in find_plans([corpus.folder])]
    reports = [PlanReport.model_validate(r) for r in records if "error" not in r]
    findings = list(csv.DictReader(io.StringIO((out / "findings.csv").read_text("utf-8"))))
    assert len([row for row in findings if row["rule"]]) == sum(len(r.findings) for r in reports)


def test_audit_of_plans_that_all_read_exits_1_for_findings(
    corpus: AuditCorpus, tmp_path: Path
) -> None:
    result = runner.invoke(
        app, ["audit", *map(str, corpus.plans[:3]), "--out", str(tmp_path / "out"), "-j", "1"]
    )
    assert result.exit_code == 1
    assert (tmp_path / "out" / "errors.csv").read_text() == "path,kind,exit_code,message\n"


def test_audit_refuses_bad_arguments_in_one_line(corpus: AuditCorpus, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(app, ["audit", str(empty), "--out", str(tmp_path / "out")])
    assert result.exit_code == 3 and "no plan files" in result.stderr
    a_file = tmp_path / "taken.txt"
    a_file.write_text("x")
    result = runner.invoke(app, ["audit", str(corpus.folder), "--out", str(a_file)])
    assert result.exit_code == 2 and "needs a folder" in result.stderr
    result = runner.invoke(
        app, ["audit", str(corpus.folder), "--out", str(tmp_path / "o"), "--previous", str(empty)]
    )
    assert result.exit_code == 2 and "reports.jsonl" in result.stderr
    assert not (tmp_path / "o").exists()


def test_the_same_folder_gives_byte_identical_reports_whatever_the_jobs(
    corpus: AuditCorpus, audit_folder: AuditRun, tmp_path: Path
) -> None:
    out = audit_folder.out
    again = tmp_path / "again"
    runner.invoke(app, ["audit", str(corpus.folder), "--out", str(again), "--jobs", "1"])
    written = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert written == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for name in written:
        assert (out / name).read_bytes() == (again / name).read_bytes(), name


def test_redacted_audit_leaves_no_child_name_in_any_output(
    corpus: AuditCorpus, tmp_path: Path
) -> None:
    reports = [r for r in ehcp_lint.audit(corpus.plans, jobs=1) if isinstance(r, PlanReport)]
    names = {r.metadata.child_name for r in reports if r.metadata.child_name}
    assert names
    out = tmp_path / "shared"
    result = runner.invoke(app, ["audit", *map(str, corpus.plans), "-o", str(out), "--redact"])
    assert result.exit_code in (0, 1), result.stderr
    written = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*") if p.is_file())
    assert "[CHILD]" in written
    leaked = {n for n in names for part in n.split() if re.search(rf"\b{part}\b", written)}
    assert not leaked
