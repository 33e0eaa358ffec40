"""An LA's own settings: which rules to run and how severe each is.

Read from `--config FILE`, else the nearest `ehcp-lint.toml` or `pyproject.toml` with a
`[tool.ehcp-lint]` table, searching from the current folder upwards:

    select = ["CMP", "PRO001"]      # rule codes or prefixes to keep (default: all)
    ignore = ["ACC001"]             # rule codes or prefixes to drop
    [severity]
    PRO005 = "info"                 # change a rule's severity
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ehcp_lint.errors import EhcpLintError
from ehcp_lint.report import Finding, Severity


class ConfigError(EhcpLintError):
    exit_code = 2
    advice = "fix the settings file (see README: Configuration)"


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    source: str | None = Field(default=None, description="File the settings came from")
    score_weights: str | None = Field(
        default=None,
        description="Score file to grade with instead of rules/score.toml (e.g. written by "
        "`ehcp-lint calibrate`), relative to the settings file",
    )

    def keeps(self, code: str) -> bool:
        selected = not self.select or any(code.startswith(p) for p in self.select)
        return selected and not any(code.startswith(p) for p in self.ignore)

    def apply(self, findings: list[Finding]) -> list[Finding]:
        """Drop unselected rules and set configured severities."""
        return [
            f.model_copy(update={"severity": self.severity.get(f.rule, f.severity)})
            for f in findings
            if self.keeps(f.rule)
        ]


def load_config(path: Path) -> Config:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(path, f"cannot read settings ({type(error).__name__})") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("ehcp-lint", {})
    try:
        config = Config.model_validate({**data, "source": str(path)})
    except ValidationError as error:
        fields = ", ".join(str(e["loc"][0]) for e in error.errors())
        raise ConfigError(path, f"invalid settings ({fields})") from None
    if config.score_weights:
        from ehcp_lint.score import load_weights

        weights = path.parent / config.score_weights
        load_weights(weights)  # a bad score file fails once, here, not on every plan
        config = config.model_copy(update={"score_weights": str(weights)})
    return config


def find_config(start: Path) -> Config:
    """The nearest settings file above `start`, or the defaults (every rule, as shipped)."""
    for folder in [start, *start.parents]:
        candidate = folder / "ehcp-lint.toml"
        if candidate.is_file():
            return load_config(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and b"[tool.ehcp-lint]" in pyproject.read_bytes():
            return load_config(pyproject)
    return Config()
