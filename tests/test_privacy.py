"""Privacy and determinism guarantees: no network, no plan text in logs, same input same output."""

from __future__ import annotations

import logging
import socket

import pytest

from ehcp_lint import check
from tests.conftest import plan_text


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
