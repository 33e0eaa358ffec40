"""Privacy and determinism guarantees: no network, no plan text in logs, same input same output."""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fpdf import FPDF

from ehcp_lint import check, check_many, pipeline
from ehcp_lint.errors import (
    CorruptDocument,
    EhcpLintError,
    EncryptedDocument,
    InternalError,
    NotAnEhcp,
    TooLarge,
    UnsupportedFormat,
)
from ehcp_lint.limits import TimeLimitExceeded
from ehcp_lint.plan import Plan
from ehcp_lint.render.json_report import error_dict
from tests.conftest import plan_text
from tests.hostile import corpus


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("ehcp-lint tried to open a network socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_checking_opens_no_socket(no_network: None, write_plan) -> None:
    report = check(write_plan(plan_text({"G": None})))
    assert any(finding.rule == "CMP001" for finding in report.findings)


def test_no_plan_text_is_logged(write_plan, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    check(write_plan(plan_text()))
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "Ayaan" not in logged and "Lego" not in logged


def test_same_file_gives_byte_identical_json(write_plan) -> None:
    path = write_plan(plan_text({"J": None}))
    assert check(path).to_json() == check(path).to_json()


# ---------------------------------------------------------------------------------------------
# Every format, every error class
# ---------------------------------------------------------------------------------------------

SAMPLES = [corpus.SAMPLE_DOCX, corpus.SAMPLE_PDF, corpus.SAMPLE_TXT]
# A name that appears in no rule, term list or message, so finding it anywhere means a leak.
SECRET = "Zebedee Quartermaine"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.suffix)
def test_checking_each_format_opens_no_socket(no_network: None, path: Path) -> None:
    assert check(path).sections


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.suffix)
def test_same_file_gives_byte_identical_json_in_each_format(path: Path) -> None:
    assert check(path).to_json() == check(path).to_json()


def secret_plan(folder: Path) -> Path:
    path = folder / "secret-plan.txt"
    path.write_text(plan_text({"A": f"My name is {SECRET} and I like trains."}), encoding="utf-8")
    return path


def encrypted_pdf_with_the_secret(folder: Path) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, f"Section A: all about {SECRET}")
    pdf.set_encryption(owner_password="council", user_password="secret")
    path = folder / "locked.pdf"
    path.write_bytes(bytes(pdf.output()))
    return path


def write_bytes(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def broken_word_xml(folder: Path) -> Path:
    xml = f"<w:document><w:t>{SECRET} has autism</w:t><unclosed".encode()
    return corpus.docx_with_document_xml(folder, "broken.docx", xml)


# Each error class a file's content can lead to, from a file that holds the secret name.
ERROR_CASES: dict[type[EhcpLintError], Callable[[Path], tuple[Path, dict[str, Any]]]] = {
    UnsupportedFormat: lambda f: (write_bytes(f, "nul.txt", f"{SECRET}\0\1\2".encode() * 9), {}),
    EncryptedDocument: lambda f: (encrypted_pdf_with_the_secret(f), {}),
    CorruptDocument: lambda f: (broken_word_xml(f), {}),
    NotAnEhcp: lambda f: (write_bytes(f, "letter.txt", f"Dear {SECRET},\n".encode()), {}),
    TooLarge: lambda f: (secret_plan(f), {"max_bytes": 100}),
    TimeLimitExceeded: lambda f: (secret_plan(f), {"timeout": 1e-6}),
}


@pytest.mark.parametrize("kind", list(ERROR_CASES), ids=lambda kind: kind.__name__)
def test_no_plan_text_in_any_error_message_or_log(
    kind: type[EhcpLintError], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    path, limits = ERROR_CASES[kind](tmp_path)

    (result,) = check_many([path], **limits)

    assert isinstance(result, kind)
    assert_no_secret(result, caplog)


def test_no_plan_text_when_ehcp_lint_itself_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def failing_check(plan: Plan, items: object) -> None:
        raise ValueError(f"could not parse {SECRET}'s outcomes")

    monkeypatch.setattr(pipeline, "registered_checks", lambda: {"failing": failing_check})
    caplog.set_level(logging.DEBUG)

    (result,) = check_many([secret_plan(tmp_path)])

    assert isinstance(result, InternalError)
    assert_no_secret(result, caplog)


def assert_no_secret(error: EhcpLintError, caplog: pytest.LogCaptureFixture) -> None:
    surname = SECRET.split()[1]
    assert surname not in error.message and surname not in json.dumps(error_dict(error))
    assert error.__cause__ is None
    assert surname not in " ".join(record.getMessage() for record in caplog.records)
