"""The moderation steps a person takes, as library calls: pre-audit a plan once, moderate it,
import an audit round's sample list. The CLI (`ehcp-lint moderate`, `moderation ...`) is a thin
layer over these."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

from pydantic import ValidationError

from ehcp_lint.config import Config
from ehcp_lint.errors import FileNotFound
from ehcp_lint.moderation.errors import AuditorExcluded, BadSampleList
from ehcp_lint.moderation.records import (
    ModerationRecord,
    ModerationRequest,
    PreAuditRecord,
    RoundSummary,
    SampleEntry,
)
from ehcp_lint.moderation.store import ModerationStore

SAMPLE_COLUMNS = ("path", "sha256", "reason")


def file_sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        raise FileNotFound(path, "no such file") from None
    except IsADirectoryError:
        raise FileNotFound(path, "is a folder, not a plan file") from None


def ensure_pre_audit(
    store: ModerationStore,
    path: Path,
    *,
    keep_text: bool = False,
    config: Config | None = None,
) -> PreAuditRecord:
    """The stored pre-audit result for the plan in `path`, checking it first if there is none
    for its sha256. The plan's text is stored only with `keep_text`."""
    sha256 = file_sha256(path)
    stored = store.latest_pre_audit(sha256)
    if stored is not None:
        return stored
    from ehcp_lint.pipeline import check_plan, parse

    plan = parse(path)
    report = check_plan(plan, config=config)
    text = "\n".join(block.text for _, block in plan.blocks_by_section()) if keep_text else None
    store.record_pre_audit(report, plan_text=text)
    return store.latest_pre_audit(sha256)  # type: ignore[return-value]


def moderate_plan(
    store: ModerationStore,
    path: Path,
    request: ModerationRequest,
    *,
    knows_child: bool = False,
    keep_text: bool = False,
    config: Config | None = None,
) -> ModerationRecord:
    """Moderate a plan file. An auditor who declares they know the child is recorded as such
    and refused (AuditorExcluded), now and for any later moderation of this plan."""
    pre_audit = ensure_pre_audit(store, path, keep_text=keep_text, config=config)
    if knows_child:
        store.declare_knows_child(pre_audit.sha256, request.auditor)
        raise AuditorExcluded(
            path, f"auditor {request.auditor!r} declared they know this child; recorded"
        )
    return store.moderate(pre_audit.sha256, request)


def read_sample_list(path: Path) -> list[SampleEntry]:
    """A sample list: CSV with the header path,sha256,reason (`ehcp-lint sample` writes it)."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
            header = tuple(name.strip() for name in rows[0]) if rows else ()
    except FileNotFoundError:
        raise FileNotFound(path, "no such file") from None
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise BadSampleList(path, f"cannot read it ({type(error).__name__})") from None
    if not rows:
        raise BadSampleList(path, "no plans listed")
    missing = [column for column in SAMPLE_COLUMNS[:2] if column not in header]
    if missing:
        raise BadSampleList(path, f"missing column(s) {', '.join(missing)}")
    entries = []
    for number, row in enumerate(rows, start=2):
        try:
            entries.append(
                SampleEntry(
                    path=(row["path"] or "").strip(),
                    sha256=(row["sha256"] or "").strip().lower(),
                    reason=(row.get("reason") or "").strip(),
                )
            )
        except ValidationError:
            raise BadSampleList(path, f"line {number}: sha256 is not 64 hex digits") from None
    return entries


def import_round(
    store: ModerationStore,
    sample_list: Path,
    *,
    name: str | None = None,
    config: Config | None = None,
) -> RoundSummary:
    """Make an audit round (named after the file unless `name`) from a sample list, checking
    listed plans that have no stored pre-audit result."""
    entries = read_sample_list(sample_list)
    for number, entry in enumerate(entries, start=2):
        if store.latest_pre_audit(entry.sha256) is not None:
            continue
        plan_path = _plan_file(sample_list, entry)
        if plan_path is None:
            raise BadSampleList(sample_list, f"line {number}: plan file not found")
        if file_sha256(plan_path) != entry.sha256:
            raise BadSampleList(
                sample_list, f"line {number}: the file has changed since it was sampled"
            )
        ensure_pre_audit(store, plan_path, config=config)
    return store.add_round(name or sample_list.stem, entries, source=sample_list.name)


def _plan_file(sample_list: Path, entry: SampleEntry) -> Path | None:
    """The listed file: as written (absolute, or from the current folder), else beside the list."""
    for candidate in (Path(entry.path), sample_list.parent / entry.path):
        if candidate.is_file():
            return candidate
    return None
