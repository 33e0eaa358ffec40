"""The README stays true: it lists every rule, and its exit-code table covers every error."""

from __future__ import annotations

import re
from pathlib import Path

from ehcp_lint.ruleset import all_rules

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_rule_is_in_the_readme_table() -> None:
    listed = set(re.findall(r"^\| ([A-Z]{3}\d{3}) \|", README, flags=re.MULTILINE))
    assert listed == set(all_rules())


def test_every_error_exit_code_is_documented() -> None:
    import ehcp_lint.errors as errors

    codes = {
        cls.exit_code
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, errors.EhcpLintError)
    }
    documented = {int(c) for c in re.findall(r"^\| (\d+) \|", README, flags=re.MULTILINE)}
    assert codes <= documented
