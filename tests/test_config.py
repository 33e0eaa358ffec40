"""An LA's settings file selects rules and changes severities, without touching code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ehcp_lint import check
from ehcp_lint.cli import app
from ehcp_lint.config import Config, ConfigError, find_config, load_config
from tests.conftest import plan_text

WEAK = {"J": None, "I": "[INSERT SCHOOL], a mainstream primary school."}


def _rules(report) -> set[str]:
    return {finding.rule for finding in report.findings}


def test_default_runs_every_rule(write_plan) -> None:
    assert {"CMP001", "CON001"} <= _rules(check(write_plan(plan_text(WEAK))))


def test_ignore_select_and_severity(write_plan) -> None:
    path = write_plan(plan_text(WEAK))
    assert "CON001" not in _rules(check(path, config=Config(ignore=["CON"])))
    assert _rules(check(path, config=Config(select=["CMP001"]))) == {"CMP001"}
    report = check(path, config=Config(severity={"CMP001": "warning"}))
    assert {f.severity.value for f in report.findings if f.rule == "CMP001"} == {"warning"}


def test_settings_are_found_in_ehcp_lint_toml_or_pyproject(tmp_path: Path) -> None:
    nested = tmp_path / "plans" / "2025"
    nested.mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text('[tool.ehcp-lint]\nignore = ["ACC001"]\n')
    assert find_config(nested).ignore == ["ACC001"]
    (tmp_path / "plans" / "ehcp-lint.toml").write_text('select = ["CMP"]\n')
    assert find_config(nested).select == ["CMP"]


def test_bad_settings_are_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "ehcp-lint.toml"
    bad.write_text('ignore = "ACC001"\ncolour = "red"\n')
    with pytest.raises(ConfigError) as raised:
        load_config(bad)
    assert "invalid settings" in raised.value.message and raised.value.exit_code == 2


def test_cli_uses_the_config_option(write_plan, tmp_path: Path) -> None:
    settings = tmp_path / "la.toml"
    settings.write_text('ignore = ["CON001"]\n[severity]\nCMP001 = "info"\n')
    path = write_plan(plan_text(WEAK))
    result = CliRunner().invoke(app, ["check", str(path), "-f", "json", "--config", str(settings)])
    report = json.loads(result.stdout)
    assert "CON001" not in {f["rule"] for f in report["findings"]}
    assert {f["severity"] for f in report["findings"] if f["rule"] == "CMP001"} == {"info"}
    broken = tmp_path / "broken.toml"
    broken.write_text("select = [")
    result = CliRunner().invoke(app, ["check", str(path), "--config", str(broken)])
    assert result.exit_code == 2 and "broken.toml" in result.stderr
