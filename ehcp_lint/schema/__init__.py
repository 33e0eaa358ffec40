"""The published JSON Schema of `ehcp-lint check --format json` (report.schema.json).

The shipped file is the contract other tools code against; `build_report_schema()` derives it
from the pydantic models, and a test keeps the two identical. Regenerate after a model change
with `python -m ehcp_lint.schema`.
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

SCHEMA_FILE = "report.schema.json"
SCHEMA_ID = "https://ehcp-lint.invalid/schema/report.schema.json"


def build_report_schema() -> dict[str, Any]:
    from ehcp_lint.report import SCHEMA_VERSION, PlanReport

    schema = PlanReport.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"ehcp-lint plan report, schema version {SCHEMA_VERSION}",
        **schema,
    }


def shipped_report_schema() -> dict[str, Any]:
    return json.loads(files("ehcp_lint.schema").joinpath(SCHEMA_FILE).read_text("utf-8"))


def schema_text() -> str:
    return json.dumps(build_report_schema(), indent=2, sort_keys=True) + "\n"
