"""ehcp-lint: checks the quality of English Education, Health and Care Plans.

    >>> import ehcp_lint
    >>> report = ehcp_lint.check("plan.docx")
    >>> report.findings[0].message

Heavy modules (parsers, spaCy, scikit-learn) are imported only when a function needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from ehcp_lint.batch import audit
    from ehcp_lint.pipeline import check, check_many, parse

__all__ = ["__version__", "audit", "check", "check_many", "parse"]


def __getattr__(name: str) -> Any:
    if name in {"check", "check_many", "parse"}:
        from ehcp_lint import pipeline

        return getattr(pipeline, name)
    if name == "audit":
        from ehcp_lint.batch import audit

        return audit
    raise AttributeError(f"module 'ehcp_lint' has no attribute {name!r}")
