"""Hostile and broken files: each gives a report or its documented one-line error, in bounded
time, never a crash or a hang, and the file itself is never modified.

The corpus (tests/hostile/corpus.py) is built once per run in a temporary folder from the
committed sample plans: zip bombs, XML entity attacks, macros, broken and huge PDFs, scans, lying
extensions, odd encodings, NUL bytes, huge lines, deeply nested tables, and paths that are not
plain files (folder, symlink loop, FIFO, device, unreadable file).
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from ehcp_lint import check
from ehcp_lint.errors import EhcpLintError, TooLarge
from ehcp_lint.ingest import sniff
from ehcp_lint.limits import TimeLimitExceeded, time_limit
from tests.hostile import corpus
from tests.hostile.corpus import CANARY, CASES, REPORT, HostileCase

# Generous for the machine, tight for a hang: a file that needs longer fails its case (exit 14
# is not among its expected codes), which is how a quadratic slowdown shows up here.
CASE_SECONDS = 15.0
CLI = [sys.executable, "-m", "ehcp_lint"]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every case's file, each in its own folder (cases share names like secret.txt)."""
    root = tmp_path_factory.mktemp("hostile")
    paths: dict[str, Path] = {}
    for number, case in enumerate(CASES):
        if case.needs_non_root and IS_ROOT:
            continue
        folder = root / f"case-{number:02d}"
        folder.mkdir()
        paths[case.name] = case.build(folder)
    return paths


def fingerprint(path: Path) -> tuple[object, ...]:
    """What must not change: the link itself, and the content of a regular file behind it."""
    link = os.lstat(path)
    state: tuple[object, ...] = (link.st_mode, link.st_size, link.st_mtime_ns)
    if path.is_file() and os.access(path, os.R_OK):
        state += (hashlib.sha256(path.read_bytes()).hexdigest(),)
    return state


def path_of(case: HostileCase, built: dict[str, Path]) -> Path:
    if case.name not in built:
        pytest.skip("root may read any file; run the tests as an ordinary user for this case")
    return built[case.name]


def assert_clean_error(error: EhcpLintError, path: Path) -> None:
    message = str(error)
    assert message.startswith(f"{path}: ") and "\n" not in message
    assert CANARY not in message and error.__cause__ is None


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_library_gives_a_report_or_the_documented_error(
    case: HostileCase, built: dict[str, Path]
) -> None:
    path = path_of(case, built)
    before = fingerprint(path)

    try:
        report = check(path, timeout=case.timeout or CASE_SECONDS)
    except EhcpLintError as error:
        assert error.exit_code in case.exits, error.message
        assert_clean_error(error, path)
    else:
        assert case.exits & REPORT, "a file that should be refused was reported on"
        assert len(report.sections) == 12 and CANARY not in report.to_json()

    assert fingerprint(path) == before


def run_cli(paths: list[Path], *options: str) -> subprocess.CompletedProcess[str]:
    """The real command in a child process, with a wall-clock guard so a hang fails the test."""
    return subprocess.run(
        [*CLI, "check", *map(str, paths), "--format", "json", *options],
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def test_the_cli_checks_the_whole_corpus_in_one_run_without_a_traceback(
    built: dict[str, Path],
) -> None:
    cases = [case for case in CASES if case.name in built and not (case.timeout or case.slow)]
    paths = [built[case.name] for case in cases]
    before = [fingerprint(path) for path in paths]

    result = run_cli(paths, "--timeout", f"{CASE_SECONDS:g}")

    by_path = {item["source"]["path"]: item for item in json.loads(result.stdout)}
    for case, path in zip(cases, paths, strict=True):
        item = by_path[str(path)]
        if "error" in item:
            assert item["error"]["exit_code"] in case.exits, case.name
        else:
            assert case.exits & REPORT, case.name
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == sum("error" in item for item in by_path.values())
    assert all(line.startswith("error: ") for line in errors)
    assert "Traceback" not in result.stderr and CANARY not in result.stdout + result.stderr
    first_error = next(item["error"]["exit_code"] for item in by_path.values() if "error" in item)
    assert result.returncode == first_error
    assert [fingerprint(path) for path in paths] == before


def test_a_file_built_to_be_slow_is_stopped_by_the_time_limit(built: dict[str, Path]) -> None:
    (case,) = [case for case in CASES if case.timeout]
    started = time.monotonic()

    result = run_cli([built[case.name]], *case.options)

    assert result.returncode == TimeLimitExceeded.exit_code
    assert "took longer than 1 s" in result.stderr and "--timeout" in result.stderr
    assert time.monotonic() - started < 20


def test_external_entities_never_bring_a_local_file_into_the_report(tmp_path: Path) -> None:
    path = corpus.xxe_general_entity(tmp_path)
    report = check(path)
    assert CANARY not in report.to_json()
    # The rest of the plan is still read: the entity is dropped, not the document.
    assert report.sections[0].present


def test_an_external_dtd_is_never_fetched_over_the_network(tmp_path: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        server.setblocking(False)
        port = server.getsockname()[1]
        path = corpus.xxe_network_dtd(tmp_path, f"http://127.0.0.1:{port}/evil.dtd")

        try:
            check(path)
        except EhcpLintError as error:
            assert_clean_error(error, path)

        with pytest.raises(BlockingIOError):
            server.accept()  # nobody knocked


def test_macros_are_ignored_and_the_plan_is_checked_normally(tmp_path: Path) -> None:
    macro_report = check(corpus.docm_with_macros(tmp_path))
    plain_report = check(corpus.SAMPLE_DOCX)
    assert macro_report.findings == plain_report.findings
    assert macro_report.score == plain_report.score


def test_a_scan_asks_for_ocr(tmp_path: Path) -> None:
    with pytest.raises(EhcpLintError) as raised:
        check(corpus.image_only_pdf(tmp_path))
    assert raised.value.exit_code == corpus.NO_TEXT and "run OCR first" in raised.value.message


def test_page_limit_is_a_parameter(tmp_path: Path) -> None:
    pages = check(corpus.SAMPLE_PDF).sections  # the sample is a real multi-page plan
    assert pages
    with pytest.raises(TooLarge) as raised:
        check(corpus.SAMPLE_PDF, max_pages=1)
    assert "--max-pages" in raised.value.message

    started = time.monotonic()
    with pytest.raises(TooLarge):
        check(corpus.many_pages_pdf(tmp_path))
    assert time.monotonic() - started < 5


def test_time_limit_interrupts_work_and_restores_what_was_there() -> None:
    previous = signal.getsignal(signal.SIGALRM)
    started = time.monotonic()

    with pytest.raises(TimeLimitExceeded), time_limit(0.05, "plan.pdf"):
        while time.monotonic() - started < 5:
            pass

    assert time.monotonic() - started < 2
    assert signal.getsignal(signal.SIGALRM) is previous
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_no_time_limit_when_off_or_outside_the_main_thread() -> None:
    finished: list[bool] = []

    def slow_work() -> None:
        with time_limit(0.01, "plan.pdf"):
            time.sleep(0.05)
        finished.append(True)

    with time_limit(0, "plan.pdf"), time_limit(None, "plan.pdf"):
        time.sleep(0.03)
    worker = threading.Thread(target=slow_work)
    worker.start()
    worker.join()
    assert finished == [True]


def test_audit_checks_the_corpus_in_a_pool_with_the_same_answers(built: dict[str, Path]) -> None:
    """The batch audit (2 workers) gives every file the answer the library gives it alone."""
    from ehcp_lint.batch import audit

    # A folder given to audit is searched for plans, not checked itself.
    cases = {
        str(built[case.name]): case
        for case in CASES
        if case.name in built and not (case.timeout or case.slow or built[case.name].is_dir())
    }

    results = list(audit(list(cases), jobs=2, timeout=CASE_SECONDS))

    answers = {
        result.path if isinstance(result, EhcpLintError) else result.source.path: result
        for result in results
    }
    assert sorted(answers) == sorted(cases)
    for path, result in answers.items():
        if isinstance(result, EhcpLintError):
            assert result.exit_code in cases[path].exits, (cases[path].name, result.message)
        else:
            assert cases[path].exits & REPORT, cases[path].name


def test_the_time_limit_firing_while_a_zip_is_opened_is_not_called_damage(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class SlowZip(zipfile.ZipFile):
        def infolist(self) -> list[zipfile.ZipInfo]:
            time.sleep(5)  # interrupted by the alarm
            return super().infolist()

    monkeypatch.setattr(sniff.zipfile, "ZipFile", SlowZip)
    with pytest.raises(TimeLimitExceeded):
        check(corpus.SAMPLE_DOCX, timeout=0.2)
