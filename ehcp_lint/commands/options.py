"""Command-line options shared by several commands, so they read and behave the same."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

RedactOption = Annotated[
    bool,
    typer.Option(
        "--redact",
        help="Replace names, dates of birth, addresses, NHS numbers, UPNs, phone numbers and"
        " emails with placeholders in the output, for sharing",
    ),
]
ConfigFile = Annotated[
    Path | None, typer.Option("--config", help="Settings file (default: nearest ehcp-lint.toml)")
]
