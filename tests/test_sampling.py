"""Samples for auditors: random dip samples and thematic reviews, reproducible for the same seed
and folder, written as the `path,sha256,reason` list the moderation store imports."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ehcp_lint.batch import find_plans
from ehcp_lint.cli import app
from ehcp_lint.pipeline import check_many
from ehcp_lint.report import PlanReport
from ehcp_lint.sampling import (
    SAMPLE_COLUMNS,
    file_sha256,
    random_sample,
    themed_sample,
    themes,
)
from tests.audit_corpus import AuditCorpus, make_audit_corpus

runner = CliRunner()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> AuditCorpus:
    return make_audit_corpus(tmp_path_factory.mktemp("plans"))


@pytest.fixture(scope="module")
def reports(corpus: AuditCorpus) -> list[PlanReport]:
    return [r for r in check_many(corpus.plans) if isinstance(r, PlanReport)]


def _hashed(folder: Path) -> list[tuple[Path, str]]:
    return [(path, file_sha256(path)) for path in find_plans([folder])]


def test_random_sample_is_reproducible_and_depends_on_the_seed(corpus: AuditCorpus) -> None:
    files = _hashed(corpus.folder)
    first = random_sample(files, 4, seed=7)
    assert random_sample(list(reversed(files)), 4, seed=7) == first  # order files were found
    assert random_sample(files, 4, seed=8) != first
    assert len(first) == 4 and len({e.path for e in first}) == 4
    assert [e.path for e in first] == sorted(e.path for e in first)
    assert first[0].reason == "random sample, seed 7: 4 of 10 files"
    assert len(random_sample(files, 100, seed=7)) == len(files)


def test_random_sample_draws_the_same_plans_wherever_the_folder_lives(
    corpus: AuditCorpus, tmp_path: Path
) -> None:
    moved = tmp_path / "copied elsewhere"
    shutil.copytree(corpus.folder, moved)
    here = random_sample(_hashed(corpus.folder), 5, seed=3)
    there = random_sample(_hashed(moved), 5, seed=3)
    assert [e.sha256 for e in here] == [e.sha256 for e in there]
    assert [Path(e.path).name for e in here] == [Path(e.path).name for e in there]


@pytest.mark.parametrize("theme", ["voice", "smart", "provision", "compliance", "consistency"])
def test_themed_sample_puts_plans_flagged_for_the_theme_first(
    reports: list[PlanReport], theme: str
) -> None:
    categories = set(themes()[theme])
    sample = themed_sample(reports, theme, size=len(reports), seed=1)
    by_path = {r.source.path: r for r in reports}

    def flagged(path: str) -> bool:
        return any(
            f.category.value in categories and f.severity.value != "info"
            for f in by_path[path].findings
        )

    flags = [flagged(e.path) for e in sample]
    assert flags == sorted(flags, reverse=True)  # every flagged plan before any other
    assert any(flags), f"the corpus has plans flagged for {theme}"
    scores = [by_path[e.path].score.overall for e, f in zip(sample, flags, strict=True) if f]
    assert scores == sorted(scores)  # worst first among the flagged
    for entry, is_flagged in zip(sample, flags, strict=True):
        assert entry.reason.startswith(f"theme {theme}: ")
        assert ("not flagged" in entry.reason) is not is_flagged
        assert entry.sha256 == by_path[entry.path].source.sha256


def test_themed_sample_is_reproducible_and_cut_to_size(reports: list[PlanReport]) -> None:
    first = themed_sample(reports, "voice", size=3, seed=4)
    assert themed_sample(list(reversed(reports)), "voice", size=3, seed=4) == first
    assert len(first) == 3


def test_sample_command_writes_the_list_the_moderation_store_imports(
    corpus: AuditCorpus, tmp_path: Path
) -> None:
    out = tmp_path / "sample.csv"
    args = ["sample", str(corpus.folder), "--theme", "voice", "--size", "4", "--out", str(out)]
    result = runner.invoke(app, [*args, "--seed", "2", "-j", "2"])
    assert result.exit_code == 13  # the two broken files could not be checked
    assert "damaged.docx" in result.stderr and "Wrote 4 plans" in result.stdout
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert tuple(rows[0]) == SAMPLE_COLUMNS and len(rows) == 4
    assert all(row["reason"].startswith("theme voice: ") for row in rows)
    assert {Path(row["path"]) for row in rows} <= set(corpus.plans)


def test_random_sample_command_includes_every_file_and_is_reproducible(
    corpus: AuditCorpus, tmp_path: Path
) -> None:
    outs = [tmp_path / "one.csv", tmp_path / "two.csv"]
    for out in outs:
        result = runner.invoke(
            app, ["sample", str(corpus.folder), "--random", "5", "--seed", "9", "--out", str(out)]
        )
        assert result.exit_code == 0, result.stderr
    assert outs[0].read_bytes() == outs[1].read_bytes()
    assert len(outs[0].read_text().splitlines()) == 6


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ([], "exactly one of --random N or --theme THEME"),
        (["--random", "3", "--theme", "voice"], "exactly one of --random N or --theme THEME"),
        (["--theme", "spelling"], "no theme 'spelling'; themes: voice, smart, provision"),
    ],
)
def test_sample_command_refuses_unclear_requests(
    corpus: AuditCorpus, tmp_path: Path, options: list[str], message: str
) -> None:
    out = tmp_path / "sample.csv"
    result = runner.invoke(app, ["sample", str(corpus.folder), *options, "--out", str(out)])
    assert result.exit_code == 2 and message in result.stderr
    assert not out.exists()
