"""An LA's own settings: which rules to run and how severe each is.

Read from `--config FILE`, else the nearest `ehcp-lint.toml` or `pyproject.toml` with a
`[tool.ehcp-lint]` table, searching from the current folder upwards:

    select = ["CMP", "PRO001"]      # rule codes or prefixes to keep (default: all)
    ignore = ["ACC001"]             # rule codes or prefixes to drop
    [severity]
    PRO005 = "info"                 # change a rule's severity
    [terms]
    hedges = ["where capacity allows"]      # more vague provision words (PRO001)
    acronyms = ["CAMHS"]                    # known to families here: no ACC001
    [terms.jargon]
    "sensory diet" = "planned movement and sensory breaks"   # more jargon (ACC004)
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)

from ehcp_lint.errors import EhcpLintError
from ehcp_lint.report import Finding, Severity


class ConfigError(EhcpLintError):
    exit_code = 2
    advice = "fix the settings file (see README: Configuration)"


_ACRONYM = re.compile(r"[A-Za-z0-9&]{2,12}")


def _acronym(value: str) -> str:
    if not _ACRONYM.fullmatch(value):
        raise ValueError("an acronym is 2-12 letters or digits, no spaces")
    return value


Term = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=80)]
Acronym = Annotated[str, AfterValidator(_acronym)]


class ExtraTerms(BaseModel):
    """A service's own words, added to the shipped lists (see ehcp_lint/extra_terms.py)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    hedges: list[Term] = Field(
        default_factory=list, description="Vague provision words, reported as PRO001"
    )
    jargon: dict[Term, Term] = Field(
        default_factory=dict, description="Jargon term -> plain alternative, reported as ACC004"
    )
    acronyms: list[Acronym] = Field(
        default_factory=list, description="Acronyms that need no expansion: no ACC001 for them"
    )

    @property
    def any(self) -> bool:
        return bool(self.hedges or self.jargon or self.acronyms)


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    terms: ExtraTerms = Field(default_factory=ExtraTerms)
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
        raise ConfigError(path, f"invalid settings ({_problems(error)})") from None
    if config.score_weights:
        from ehcp_lint.score import load_weights

        weights = path.parent / config.score_weights
        load_weights(weights)  # a bad score file fails once, here, not on every plan
        config = config.model_copy(update={"score_weights": str(weights)})
    return config


def _problems(error: ValidationError) -> str:
    """Where each problem is ("terms.hedges.0") and what it is, in one line, values left out."""
    return "; ".join(
        f"{'.'.join(str(part) for part in e['loc'])}: {e['msg'].removeprefix('Value error, ')}"
        for e in error.errors()
    )


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
