"""Refusals of the moderation store, each with its own exit code and a one-line message.

Messages name the database, plan file or auditor and never contain text from a plan.
"""

from __future__ import annotations

from ehcp_lint.errors import EhcpLintError


class StoreUnavailable(EhcpLintError):
    exit_code = 20
    advice = "check --db (a file path or a postgresql:// URL) and that the server is running"


class AuditorExcluded(EhcpLintError):
    exit_code = 21
    advice = "an auditor who knows the child cannot moderate their plan: ask another auditor"


class NotPreAudited(EhcpLintError):
    exit_code = 22
    advice = "check the plan first (`ehcp-lint moderate PLAN ...` does this for you)"


class BadSampleList(EhcpLintError):
    exit_code = 23
    advice = "a sample list is a CSV with the header path,sha256,reason"


class TooFewModerations(EhcpLintError):
    exit_code = 24
    advice = "moderate more plans before calibrating"
