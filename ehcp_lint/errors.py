"""Errors for input we cannot check. Each has a distinct exit code and a one-line message.

Messages name the file and say what to do; they never contain text from the plan, because plans
hold special-category personal data about children.
"""

from __future__ import annotations

from pathlib import Path


class EhcpLintError(Exception):
    """Base class: a file could not be checked. `exit_code` is what the CLI exits with."""

    exit_code = 10
    advice = "check the file and try again"

    def __init__(self, path: str | Path, reason: str, advice: str | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.advice_text = advice or self.advice
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return f"{self.path}: {self.reason}; {self.advice_text}"


class FileNotFound(EhcpLintError):
    exit_code = 3
    advice = "check the path"


class UnsupportedFormat(EhcpLintError):
    exit_code = 4
    advice = "save it as .docx, .pdf or .txt and check that"


class EmptyDocument(EhcpLintError):
    exit_code = 5
    advice = "the file holds no text to check"


class EncryptedDocument(EhcpLintError):
    exit_code = 6
    advice = "remove the password (save an unprotected copy) and check that copy"


class NoTextLayer(EhcpLintError):
    exit_code = 7
    advice = "it looks scanned: run OCR first (or export the plan from Word) and check that"


class CorruptDocument(EhcpLintError):
    exit_code = 8
    advice = "the file is damaged: re-export or re-download it and try again"


class NotAnEhcp(EhcpLintError):
    exit_code = 9
    advice = "no EHCP sections (A-K) were found; is this the right file?"


class TooLarge(EhcpLintError):
    exit_code = 11
    advice = "split it or raise the limit with --max-mb"


EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


class InternalError(EhcpLintError):
    """A bug in ehcp-lint itself; reported per file so a batch goes on."""

    exit_code = 12
    advice = "this is a bug in ehcp-lint: please report it (without the plan)"
