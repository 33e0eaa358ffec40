"""Drawing plans for an auditor to read: a random dip sample (Newcastle) or a thematic review
(Plymouth), reproducible for the same seed and folder.

A sample list is a CSV `path,sha256,reason` that the moderation store imports as an audit round.
Random samples are drawn from the files ordered by content hash, so the same plans are drawn
wherever the folder lives; themed samples put the plans flagged for the theme first (worst score
first), with ties broken by a seeded hash, never by the order files were found.
"""

from __future__ import annotations

import csv
import hashlib
import io
import random
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel

from ehcp_lint.cohort import audit_settings
from ehcp_lint.report import PlanReport, Severity

SAMPLE_COLUMNS = ("path", "sha256", "reason")
FLAGGING = (Severity.ERROR, Severity.WARNING)  # an info finding alone does not flag a plan


class SampleEntry(BaseModel):
    path: str
    sha256: str
    reason: str


def themes() -> dict[str, list[str]]:
    """Theme name -> the finding categories that flag a plan for it (rules/audit.toml)."""
    return audit_settings()["themes"]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def random_sample(files: Sequence[tuple[Path, str]], size: int, seed: int) -> list[SampleEntry]:
    """`size` of the (path, sha256) files drawn at random with `seed`, listed by path."""
    population = sorted(files, key=lambda item: (item[1], str(item[0])))
    drawn = random.Random(seed).sample(population, min(size, len(population)))
    reason = f"random sample, seed {seed}: {len(drawn)} of {len(population)} files"
    return [
        SampleEntry(path=str(path), sha256=sha, reason=reason)
        for path, sha in sorted(drawn, key=lambda item: str(item[0]))
    ]


def themed_sample(
    reports: Sequence[PlanReport], theme: str, size: int, seed: int
) -> list[SampleEntry]:
    """The `size` plans most in need of a `theme` review: flagged plans first, lowest score
    first; listed in that order, each with the theme's findings as its reason."""
    categories = set(themes()[theme])
    ranked = sorted(reports, key=lambda r: _theme_rank(r, categories, seed))
    return [
        SampleEntry(
            path=r.source.path, sha256=r.source.sha256, reason=_reason(r, theme, categories)
        )
        for r in ranked[:size]
    ]


def _theme_rules(report: PlanReport, categories: set[str]) -> Counter[str]:
    return Counter(
        f.rule for f in report.findings if f.category.value in categories and f.severity in FLAGGING
    )


def _theme_rank(report: PlanReport, categories: set[str], seed: int) -> tuple[bool, float, str]:
    tiebreak = hashlib.sha256(f"{seed}:{report.source.sha256}".encode()).hexdigest()
    score = report.score.overall if report.score else 100.0
    return not _theme_rules(report, categories), score, tiebreak + report.source.path


def _reason(report: PlanReport, theme: str, categories: set[str]) -> str:
    rules = _theme_rules(report, categories)
    found = ", ".join(f"{rule} x{n}" if n > 1 else rule for rule, n in sorted(rules.items()))
    grade = f"; score {report.score.overall:.0f} ({report.score.grade})" if report.score else ""
    return f"theme {theme}: {found or 'not flagged'}{grade}"


def render_sample_csv(entries: Sequence[SampleEntry]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SAMPLE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(entry.model_dump() for entry in entries)
    return buffer.getvalue()
