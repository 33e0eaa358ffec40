"""Auditors' moderation of pre-audit results, kept in a database (SQLite or PostgreSQL).

    >>> from ehcp_lint.moderation import ModerationRequest, moderate_plan, open_store
    >>> with open_store("moderation.sqlite3") as store:
    ...     moderate_plan(store, Path("plan.docx"),
    ...                   ModerationRequest(auditor="a.khan", grade="good", reason="..."))

Imports SQLAlchemy: the CLI imports this package only inside the moderation commands.
"""

from ehcp_lint.moderation.errors import (
    AuditorExcluded,
    BadSampleList,
    NotPreAudited,
    StoreUnavailable,
    TooFewModerations,
)
from ehcp_lint.moderation.records import (
    ModeratedSection,
    ModerationRecord,
    ModerationRequest,
    PreAuditRecord,
    RoundSummary,
    SampleEntry,
)
from ehcp_lint.moderation.store import ModerationStore, default_database, open_store
from ehcp_lint.moderation.workflow import (
    ensure_pre_audit,
    import_round,
    moderate_plan,
    read_sample_list,
)

__all__ = [
    "AuditorExcluded",
    "BadSampleList",
    "ModeratedSection",
    "ModerationRecord",
    "ModerationRequest",
    "ModerationStore",
    "NotPreAudited",
    "PreAuditRecord",
    "RoundSummary",
    "SampleEntry",
    "StoreUnavailable",
    "TooFewModerations",
    "default_database",
    "ensure_pre_audit",
    "import_round",
    "moderate_plan",
    "open_store",
    "read_sample_list",
]
