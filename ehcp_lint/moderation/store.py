"""The moderation store: plans, pre-audit results, audit rounds and auditors' moderations.

SQLite by default (a file in the user's data folder, or `--db PATH`), PostgreSQL by URL. The
schema is created and migrated with Alembic every time a store is opened, so an older database
file is brought up to date in place. Every write is one transaction; on SQLite the transaction
takes the write lock at its start (BEGIN IMMEDIATE) in WAL mode, so two processes moderating at
once queue for a moment instead of losing or overwriting each other's rows.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from ehcp_lint.moderation.errors import AuditorExcluded, NotPreAudited, StoreUnavailable
from ehcp_lint.moderation.models import (
    AuditRoundRow,
    DeclarationRow,
    ModeratedSectionRow,
    ModerationRow,
    PlanRow,
    PreAuditRow,
    RoundPlanRow,
)
from ehcp_lint.moderation.records import (
    ModeratedSection,
    ModerationRecord,
    ModerationRequest,
    PreAuditRecord,
    RoundSummary,
    SampleEntry,
)
from ehcp_lint.plan import SectionId
from ehcp_lint.report import Finding, PlanReport

DB_ENV = "EHCP_LINT_DB"
MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_BUSY_SECONDS = 30
WRITE_ATTEMPTS = 5
# An arbitrary constant naming the PostgreSQL advisory lock that serialises schema upgrades.
PG_MIGRATION_LOCK = 0x65686370

T = TypeVar("T")


def default_database() -> str:
    """$EHCP_LINT_DB, else moderation.sqlite3 in the user's data folder."""
    if os.environ.get(DB_ENV):
        return os.environ[DB_ENV]
    from platformdirs import user_data_dir

    return str(Path(user_data_dir("ehcp-lint")) / "moderation.sqlite3")


def database_url(db: str) -> str:
    """A SQLAlchemy URL from a file path or a URL (postgresql:// uses psycopg 3)."""
    if "://" not in db:
        return f"sqlite:///{Path(db).expanduser().resolve()}"
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    return db


def redacted(url: str) -> str:
    """The URL without its password, fit for a message."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except SQLAlchemyError:
        return "the database"


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every stored time is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _sqlite_engine(url: str) -> Engine:
    path = make_url(url).database
    if path:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        # Autocommit at the driver level, so the BEGIN below is the only transaction control.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_SECONDS * 1000}")
        cursor.execute("PRAGMA journal_mode = WAL")
        # Safe with WAL: a crash never corrupts; only a power cut may lose the last commit.
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin_immediate(connection) -> None:  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _is_busy(error: OperationalError) -> bool:
    message = str(error.orig).lower()
    return "locked" in message or "busy" in message or "could not serialize" in message


class ModerationStore:
    """Open with `open_store(db)`; every method is one transaction."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    # -- plumbing -------------------------------------------------------------------------

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> ModerationStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    def _transaction(self, work: Callable[[Session], T]) -> T:
        """Run `work` in one transaction, again if the database was busy (another writer) or
        another process inserted the same plan, round or declaration first."""
        for attempt in range(WRITE_ATTEMPTS):
            try:
                with self._session() as session:
                    return work(session)
            except (OperationalError, IntegrityError) as error:
                retry = isinstance(error, IntegrityError) or _is_busy(error)
                if not retry or attempt == WRITE_ATTEMPTS - 1:
                    raise StoreUnavailable(
                        redacted(self.url), f"database error ({type(error.orig).__name__})"
                    ) from None
                time.sleep(0.2 * (attempt + 1))
        raise AssertionError("unreachable")

    # -- plans and pre-audits -------------------------------------------------------------

    def record_pre_audit(self, report: PlanReport, *, plan_text: str | None = None) -> int:
        """Store a plan's report as a new pre-audit result and return its id. The plan's text
        is kept only when `plan_text` is given (the user asked for it)."""
        if report.score is None:
            raise ValueError("a pre-audit result needs a scored report")
        score = report.score

        def work(session: Session) -> int:
            plan = _plan_row(session, report.source.sha256)
            if plan is None:
                plan = PlanRow(sha256=report.source.sha256, created_at=_now())
                session.add(plan)
            plan.path = report.source.path
            plan.format = report.source.format
            plan.plan_metadata = report.metadata.model_dump(mode="json")
            if plan_text is not None:
                plan.text = plan_text
            row = PreAuditRow(
                plan=plan,
                tool_version=report.tool_version,
                created_at=_now(),
                score=score.overall,
                grade=score.grade,
                sections={s.value: v.model_dump(mode="json") for s, v in score.sections.items()},
                caps=list(score.caps),
                findings=[f.model_dump(mode="json") for f in report.findings],
            )
            session.add(row)
            session.flush()
            return row.id

        return self._transaction(work)

    def latest_pre_audit(self, sha256: str) -> PreAuditRecord | None:
        """The newest pre-audit result stored for this plan, if any."""

        def work(session: Session) -> PreAuditRecord | None:
            row = _latest_pre_audit_row(session, sha256)
            return _pre_audit_record(row) if row else None

        return self._transaction(work)

    # -- declarations and moderations -----------------------------------------------------

    def declare_knows_child(self, sha256: str, auditor: str) -> None:
        """Record that `auditor` knows the child in this plan: they may never moderate it."""

        def work(session: Session) -> None:
            plan = _require_plan(session, sha256)
            if not _has_declared(session, plan.id, auditor):
                session.add(DeclarationRow(plan_id=plan.id, auditor=auditor, declared_at=_now()))

        self._transaction(work)

    def moderate(self, sha256: str, request: ModerationRequest) -> ModerationRecord:
        """Record an auditor's moderation of the plan's latest pre-audit result."""

        def work(session: Session) -> ModerationRecord:
            plan = _require_plan(session, sha256)
            if _has_declared(session, plan.id, request.auditor):
                raise AuditorExcluded(
                    plan.path, f"auditor {request.auditor!r} declared they know this child"
                )
            pre_audit = _latest_pre_audit_row(session, sha256)
            assert pre_audit is not None  # a plan row is only written with its pre-audit
            row = ModerationRow(
                plan_id=plan.id,
                pre_audit_id=pre_audit.id,
                round_id=_round_id(session, plan.id, request.round_name),
                auditor=request.auditor,
                moderated_at=_now(),
                grade=request.grade,
                reason=request.reason,
            )
            session.add(row)
            session.flush()
            for position, section in enumerate(SectionId):
                pre_grade = pre_audit.sections[section.value]["grade"]
                grade = request.sections.get(section, pre_grade)
                session.add(
                    ModeratedSectionRow(
                        moderation_id=row.id,
                        section=section.value,
                        position=position,
                        grade=grade,
                        overridden=grade != pre_grade,
                    )
                )
            session.flush()
            session.refresh(row)
            return _moderation_record(session, row)

        return self._transaction(work)

    def moderations(self) -> list[ModerationRecord]:
        """Every moderation, oldest first."""

        def work(session: Session) -> list[ModerationRecord]:
            rows = session.scalars(select(ModerationRow).order_by(ModerationRow.id))
            return [_moderation_record(session, row) for row in rows]

        return self._transaction(work)

    # -- audit rounds ---------------------------------------------------------------------

    def add_round(
        self, name: str, entries: Sequence[SampleEntry], *, source: str | None = None
    ) -> RoundSummary:
        """Create (or extend) an audit round with the sampled plans; each must be pre-audited."""

        def work(session: Session) -> RoundSummary:
            audit_round = session.scalar(select(AuditRoundRow).where(AuditRoundRow.name == name))
            if audit_round is None:
                audit_round = AuditRoundRow(name=name, created_at=_now(), source=source)
                session.add(audit_round)
                session.flush()
            for entry in entries:
                plan = _require_plan(session, entry.sha256)
                known = session.scalar(
                    select(RoundPlanRow).where(
                        RoundPlanRow.round_id == audit_round.id, RoundPlanRow.plan_id == plan.id
                    )
                )
                if known is None:
                    session.add(
                        RoundPlanRow(round_id=audit_round.id, plan_id=plan.id, reason=entry.reason)
                    )
            session.flush()
            count = len(
                session.scalars(
                    select(RoundPlanRow.id).where(RoundPlanRow.round_id == audit_round.id)
                ).all()
            )
            return RoundSummary(name=name, plans=count, source=audit_round.source)

        return self._transaction(work)


def open_store(db: str | None = None) -> ModerationStore:
    """Open (creating or upgrading) the store at `db`: a file path or a database URL."""
    url = database_url(db or default_database())
    for attempt in range(WRITE_ATTEMPTS):
        try:
            engine = _sqlite_engine(url) if url.startswith("sqlite") else create_engine(url)
            upgrade_schema(engine)
            return ModerationStore(engine, url)
        except (SQLAlchemyError, OSError, ImportError) as error:
            # Two processes opening a new SQLite file at once: switching it to WAL or creating
            # the schema can find it locked however long the busy timeout; wait and try again.
            busy = isinstance(error, OperationalError) and _is_busy(error)
            if not busy or attempt == WRITE_ATTEMPTS - 1:
                raise StoreUnavailable(
                    redacted(url), f"cannot open the moderation database ({type(error).__name__})"
                ) from None
            engine.dispose()
            time.sleep(0.2 * (attempt + 1))
    raise AssertionError("unreachable")


def upgrade_schema(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision, one process at a time."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            lock = text("SELECT pg_advisory_xact_lock(:key)")
            connection.execute(lock, {"key": PG_MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


# -- row helpers ----------------------------------------------------------------------------


def _plan_row(session: Session, sha256: str) -> PlanRow | None:
    return session.scalar(select(PlanRow).where(PlanRow.sha256 == sha256))


def _require_plan(session: Session, sha256: str) -> PlanRow:
    plan = _plan_row(session, sha256)
    if plan is None:
        raise NotPreAudited(f"plan {sha256[:12]}", "no pre-audit result is stored for it")
    return plan


def _latest_pre_audit_row(session: Session, sha256: str) -> PreAuditRow | None:
    return session.scalar(
        select(PreAuditRow)
        .join(PlanRow)
        .where(PlanRow.sha256 == sha256)
        .order_by(PreAuditRow.id.desc())
        .limit(1)
    )


def _has_declared(session: Session, plan_id: int, auditor: str) -> bool:
    return (
        session.scalar(
            select(DeclarationRow.id).where(
                DeclarationRow.plan_id == plan_id, DeclarationRow.auditor == auditor
            )
        )
        is not None
    )


def _round_id(session: Session, plan_id: int, name: str | None) -> int | None:
    """The named round (which must hold the plan), else the newest round holding the plan."""
    query = (
        select(AuditRoundRow.id)
        .join(RoundPlanRow, RoundPlanRow.round_id == AuditRoundRow.id)
        .where(RoundPlanRow.plan_id == plan_id)
    )
    if name is not None:
        round_id = session.scalar(query.where(AuditRoundRow.name == name))
        if round_id is None:
            raise NotPreAudited(f"round {name!r}", "this plan is not in that audit round")
        return round_id
    return session.scalar(query.order_by(AuditRoundRow.id.desc()).limit(1))


def _pre_audit_record(row: PreAuditRow) -> PreAuditRecord:
    return PreAuditRecord(
        id=row.id,
        sha256=row.plan.sha256,
        path=row.plan.path,
        tool_version=row.tool_version,
        created_at=_aware(row.created_at),
        score=row.score,
        grade=row.grade,  # type: ignore[arg-type]
        sections=row.sections,  # type: ignore[arg-type]
        caps=row.caps,
        findings=[Finding.model_validate(f) for f in row.findings],
    )


def _moderation_record(session: Session, row: ModerationRow) -> ModerationRecord:
    pre_audit = _pre_audit_record(session.get_one(PreAuditRow, row.pre_audit_id))
    round_name = (
        session.scalar(select(AuditRoundRow.name).where(AuditRoundRow.id == row.round_id))
        if row.round_id is not None
        else None
    )
    return ModerationRecord(
        id=row.id,
        sha256=pre_audit.sha256,
        path=pre_audit.path,
        auditor=row.auditor,
        moderated_at=_aware(row.moderated_at),
        round_name=round_name,
        reason=row.reason,
        pre_audit=pre_audit,
        grade=row.grade,  # type: ignore[arg-type]
        sections=[
            ModeratedSection(
                section=SectionId(s.section),
                pre_audit_grade=pre_audit.sections[SectionId(s.section)].grade,
                grade=s.grade,  # type: ignore[arg-type]
                overridden=s.overridden,
            )
            for s in row.sections
        ],
    )
