"""Regenerate report.schema.json from the models: `python -m ehcp_lint.schema`."""

from pathlib import Path

from ehcp_lint.schema import SCHEMA_FILE, schema_text

Path(__file__).with_name(SCHEMA_FILE).write_text(schema_text(), encoding="utf-8")
