"""Moderation store: pre-audit results kept unchanged, declarations that exclude an auditor,
audit rounds from sample lists, Alembic-managed schema, two processes writing at once, the CLI,
and the same against a real PostgreSQL server when one is available."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text
from typer.testing import CliRunner

from ehcp_lint.cli import app
from ehcp_lint.moderation import (
    AuditorExcluded,
    BadSampleList,
    ModerationRequest,
    NotPreAudited,
    StoreUnavailable,
    ensure_pre_audit,
    import_round,
    moderate_plan,
    open_store,
)
from ehcp_lint.moderation.models import PlanRow
from ehcp_lint.moderation.workflow import file_sha256
from ehcp_lint.pipeline import check

SAMPLE = Path(__file__).parent.parent / "corpora_synthetic" / "sample"
TXT_PLANS = sorted(SAMPLE.glob("*.txt"))
runner = CliRunner()


@pytest.fixture
def store(tmp_path: Path):
    with open_store(str(tmp_path / "moderation.sqlite3")) as opened:
        yield opened


def request(auditor: str = "a.khan", grade: str = "good", **extra: object) -> ModerationRequest:
    return ModerationRequest.model_validate({"auditor": auditor, "grade": grade, **extra})


def test_moderation_keeps_the_pre_audit_result_unchanged(store) -> None:
    plan = TXT_PLANS[0]
    before = ensure_pre_audit(store, plan)
    report = check(plan)
    assert report.score is not None
    assert (before.grade, before.score) == (report.score.grade, report.score.overall)
    assert [f.rule for f in before.findings] == [f.rule for f in report.findings]

    overridden = "inadequate" if before.grade != "inadequate" else "good"
    record = moderate_plan(store, plan, request(grade=overridden, reason="outcomes not SMART"))

    after = store.latest_pre_audit(before.sha256)
    assert after == before  # same row, same values: moderation never rewrites it
    assert record.pre_audit == before
    assert record.grade == overridden and record.overridden
    assert record.reason == "outcomes not SMART"


def test_listed_sections_are_overridden_and_the_rest_agreed(store) -> None:
    plan = TXT_PLANS[1]
    pre = ensure_pre_audit(store, plan)
    new_e = "inadequate" if pre.sections["E"].grade != "inadequate" else "outstanding"
    record = moderate_plan(store, plan, request(sections={"E": new_e}))
    by_section = {s.section.value: s for s in record.sections}
    assert len(by_section) == 12
    assert by_section["E"].overridden and by_section["E"].grade == new_e
    assert by_section["E"].pre_audit_grade == pre.sections["E"].grade
    assert not any(s.overridden for sid, s in by_section.items() if sid != "E")
    assert all(
        s.grade == pre.sections[s.section].grade for s in record.sections if s.section != "E"
    )


def test_an_auditor_who_knows_the_child_is_refused_now_and_later(store) -> None:
    plan = TXT_PLANS[2]
    with pytest.raises(AuditorExcluded) as declared:
        moderate_plan(store, plan, request("b.jones"), knows_child=True)
    assert "b.jones" in declared.value.message and declared.value.exit_code == 21
    with pytest.raises(AuditorExcluded):  # the declaration stands without the flag
        moderate_plan(store, plan, request("b.jones"))
    assert store.moderations() == []
    other = moderate_plan(store, plan, request("c.lee"))
    assert [m.auditor for m in store.moderations()] == [other.auditor]


def test_plan_text_is_stored_only_when_asked(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "m.sqlite3")) as store:
        ensure_pre_audit(store, TXT_PLANS[0])
        ensure_pre_audit(store, TXT_PLANS[1], keep_text=True)
        with store.engine.connect() as connection:
            rows = {
                Path(row.path).name: row
                for row in connection.execute(
                    select(PlanRow.path, PlanRow.text, PlanRow.plan_metadata)
                )
            }
    assert rows[TXT_PLANS[0].name].text is None
    assert rows[TXT_PLANS[0].name].plan_metadata == check(TXT_PLANS[0]).metadata.model_dump(
        mode="json"
    )
    kept = rows[TXT_PLANS[1].name].text
    assert kept and kept.splitlines()[0] in TXT_PLANS[1].read_text("utf-8")


def test_moderating_an_unknown_plan_by_hash_is_refused(store) -> None:
    with pytest.raises(NotPreAudited):
        store.moderate("0" * 64, request())


def test_schema_comes_from_the_alembic_migrations_and_reopening_is_safe(tmp_path: Path) -> None:
    db = str(tmp_path / "m.sqlite3")
    with open_store(db) as store:
        moderate_plan(store, TXT_PLANS[0], request())
    with open_store(db) as store:  # upgrade on open is a no-op at head, data kept
        assert len(store.moderations()) == 1
        with store.engine.connect() as connection:
            version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            tables = set(inspect(connection).get_table_names())
    assert version == "0001"
    assert {"plan", "pre_audit", "moderation", "moderated_section", "declaration"} <= tables


def test_a_database_that_cannot_be_opened_is_one_clear_error(tmp_path: Path) -> None:
    not_a_db = tmp_path / "notes.sqlite3"
    not_a_db.write_text("this is not a database\n" * 100)
    with pytest.raises(StoreUnavailable) as error:
        open_store(str(not_a_db))
    assert error.value.exit_code == 20 and "\n" not in error.value.message


def _moderate_many(db: str, auditor: str, plan: Path, count: int, start) -> None:  # type: ignore[no-untyped-def]
    start.wait()
    with open_store(db) as store:  # both processes create the schema and the plan row at once
        sha256 = ensure_pre_audit(store, plan).sha256
        for number in range(count):
            store.moderate(sha256, request(auditor, reason=f"pass {number}"))


def test_two_processes_moderating_at_once_lose_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "shared.sqlite3")
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    workers = [
        context.Process(target=_moderate_many, args=(db, auditor, TXT_PLANS[0], 25, start))
        for auditor in ("a.khan", "b.jones")
    ]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(timeout=120)
    assert [worker.exitcode for worker in workers] == [0, 0]
    with open_store(db) as store:
        records = store.moderations()
    assert len(records) == 50
    assert len({r.id for r in records}) == 50 and len({r.sha256 for r in records}) == 1
    for auditor in ("a.khan", "b.jones"):
        reasons = sorted(r.reason for r in records if r.auditor == auditor)
        assert reasons == sorted(f"pass {n}" for n in range(25))
    assert all(len(r.sections) == 12 for r in records)


def write_sample_list(folder: Path, plans: list[Path], rows: list[str] | None = None) -> Path:
    lines = ["path,sha256,reason"] + (
        rows if rows is not None else [f"{p},{file_sha256(p)},random sample seed 3" for p in plans]
    )
    sample_list = folder / "round-2026-q4.csv"
    sample_list.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sample_list


def test_a_sample_list_becomes_an_audit_round_and_moderations_join_it(
    store, tmp_path: Path
) -> None:
    sample_list = write_sample_list(tmp_path, TXT_PLANS[:3])
    summary = import_round(store, sample_list)
    assert (summary.name, summary.plans, summary.source) == ("round-2026-q4", 3, sample_list.name)
    assert all(store.latest_pre_audit(file_sha256(p)) for p in TXT_PLANS[:3])
    assert import_round(store, sample_list).plans == 3  # importing again adds nothing
    record = moderate_plan(store, TXT_PLANS[1], request())
    assert record.round_name == "round-2026-q4"
    outside = moderate_plan(store, TXT_PLANS[3], request())
    assert outside.round_name is None


@pytest.mark.parametrize(
    ("rows", "complaint"),
    [
        ([], "no plans listed"),
        (["nowhere.txt,{sha},x"], "plan file not found"),
        (["{path},{other},x"], "changed since it was sampled"),
        (["{path},not-a-hash,x"], "64 hex digits"),
    ],
)
def test_bad_sample_lists_are_refused_with_the_line(
    store, tmp_path: Path, rows: list[str], complaint: str
) -> None:
    plan, other = TXT_PLANS[0], TXT_PLANS[1]
    filled = [r.format(path=plan, sha=file_sha256(plan), other=file_sha256(other)) for r in rows]
    with pytest.raises(BadSampleList) as error:
        import_round(store, write_sample_list(tmp_path, [], filled))
    assert complaint in error.value.message and error.value.exit_code == 23


def test_a_sample_list_without_the_sha256_column_is_refused(store, tmp_path: Path) -> None:
    sample_list = tmp_path / "sample.csv"
    sample_list.write_text(f"path,reason\n{TXT_PLANS[0]},random\n", encoding="utf-8")
    with pytest.raises(BadSampleList, match="missing column"):
        import_round(store, sample_list)


def run(*args: str, db: Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--db", str(db)], env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def test_cli_moderate_list_and_export(tmp_path: Path) -> None:
    db, plan = tmp_path / "m.sqlite3", TXT_PLANS[0]
    score = check(plan).score
    assert score is not None
    new_e = "inadequate" if score.sections["E"].grade != "inadequate" else "good"
    code, out, _ = run(
        "moderate", str(plan), "--grade", "Requires Improvement", "--section", f"e={new_e}",
        "--reason", "outcomes have no time frame", "--auditor", "a.khan", db=db,
    )  # fmt: skip
    assert code == 0, out
    assert "by a.khan" in out and "-> requires improvement" in out and "; sections E: " in out
    code, out, _ = run("moderation", "list", db=db)
    assert code == 0 and "a.khan" in out and plan.name in out
    export = tmp_path / "moderations.csv"
    code, _, _ = run("moderation", "export", "--csv", str(export), db=db)
    header, row = export.read_text("utf-8").splitlines()
    assert code == 0 and "pre_audit_grade" in header and "moderated_E" in header
    assert ",requires_improvement,outcomes have no time frame," in row and f",{new_e}" in row


def test_cli_refusals_have_their_own_exit_codes(tmp_path: Path) -> None:
    db, plan = tmp_path / "m.sqlite3", str(TXT_PLANS[0])
    code, _, err = run(
        "moderate", plan, "--grade", "good", "--auditor", "x", "--knows-child", db=db
    )
    assert code == 21 and "know this child" in err and err.count("\n") == 1
    assert run("moderate", plan, "--grade", "great", "--auditor", "y", db=db)[0] == 2
    assert (
        run("moderate", plan, "--grade", "good", "--section", "Z=good", "--auditor", "y", db=db)[0]
        == 2
    )
    assert run("moderate", "missing.docx", "--grade", "good", "--auditor", "y", db=db)[0] == 3
    sample_list = tmp_path / "bad.csv"
    sample_list.write_text("path\nplan.txt\n", encoding="utf-8")
    assert run("moderation", "import-round", str(sample_list), db=db)[0] == 23


POSTGRES_URL = os.environ.get("EHCP_LINT_TEST_POSTGRES_URL")


@pytest.mark.skipif(
    not POSTGRES_URL,
    reason="no PostgreSQL server: set EHCP_LINT_TEST_POSTGRES_URL (README: Moderation)",
)
def test_the_store_works_on_postgresql() -> None:
    pytest.importorskip("psycopg", reason="psycopg 3 not installed: pip install '.[postgres]'")
    assert POSTGRES_URL is not None
    with open_store(POSTGRES_URL) as store:
        _drop_everything(store)
    try:
        with open_store(POSTGRES_URL) as store:
            plan = TXT_PLANS[0]
            with pytest.raises(AuditorExcluded):
                moderate_plan(store, plan, request("b.jones"), knows_child=True)
            record = moderate_plan(store, plan, request(sections={"F": "inadequate"}))
            assert store.moderations() == [record]
            assert store.latest_pre_audit(record.sha256) == record.pre_audit
    finally:
        with open_store(POSTGRES_URL) as store:
            _drop_everything(store)


def _drop_everything(store) -> None:  # type: ignore[no-untyped-def]
    from ehcp_lint.moderation.models import Base

    with store.engine.begin() as connection:
        Base.metadata.drop_all(connection)
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
