"""The JSON contract (DESIGN.md): one object per plan; a batch is a list of them."""

from __future__ import annotations

import json
from typing import Any

from ehcp_lint.errors import EhcpLintError
from ehcp_lint.report import PlanReport


def report_dict(report: PlanReport) -> dict[str, Any]:
    return report.model_dump(mode="json")


def error_dict(error: EhcpLintError) -> dict[str, Any]:
    """A file that could not be checked, in the same list as the reports of a batch."""
    return {
        "source": {"path": error.path},
        "error": {
            "kind": type(error).__name__,
            "exit_code": error.exit_code,
            "message": error.message,
        },
    }


def render_json(results: list[PlanReport | EhcpLintError]) -> str:
    """One plan: a single object. Several: a list, with failed files as error objects."""
    items = [report_dict(r) if isinstance(r, PlanReport) else error_dict(r) for r in results]
    payload: Any = items[0] if len(items) == 1 else items
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
