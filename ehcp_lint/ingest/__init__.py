"""Ingest: read a plan file (.docx, .pdf, .txt/.md) into a format-free Document.

    >>> from ehcp_lint.ingest import read_document
    >>> document = read_document(Path("plan.docx"))

The file is read once, as bytes, and never written to. Bad input raises one of the
`ehcp_lint.errors` classes with a one-line message naming the file and what to do; any other
failure inside a parser is reported as CorruptDocument, so callers only ever catch EhcpLintError.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from pathlib import Path

from ehcp_lint.document import Document, Source
from ehcp_lint.errors import CorruptDocument, EhcpLintError, EmptyDocument, FileNotFound, TooLarge
from ehcp_lint.ingest.sniff import Format, sniff_format
from ehcp_lint.limits import DEFAULT_MAX_BYTES

__all__ = ["DEFAULT_MAX_BYTES", "Format", "read_document"]

Reader = Callable[[bytes, Source], Document]


def read_document(
    path: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES, max_pages: int | None = None
) -> Document:
    """Read one plan file into a Document. Raises only EhcpLintError subclasses on bad input.

    Files over `max_bytes`, and PDFs over `max_pages` (default `pdf_reader.MAX_PAGES`), are
    refused as TooLarge before they are parsed.

    Locations: .docx paragraph = position among all body paragraphs (empty ones and those in
    content controls included), table/row/cell = document-wide table number, row, grid column;
    .pdf page + paragraph within the page, or page + table (counted through the document) +
    row + cell; .txt/.md line of the block's first line + paragraph = block number.
    """
    path = Path(path)
    data = _read_bytes(path, max_bytes)
    if not data.strip():
        raise EmptyDocument(path, "is empty")
    file_format = sniff_format(path, data)
    source = Source(
        path=str(path),
        format=file_format.value,
        sha256=hashlib.sha256(data).hexdigest(),
        size_bytes=len(data),
    )
    document = _run_reader(_reader_for(file_format, max_pages), data, source)
    if not document.blocks:
        raise EmptyDocument(path, "has no text in its body")
    return document


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        if not path.exists():
            raise FileNotFound(path, "does not exist")
        if path.is_dir():
            raise FileNotFound(
                path,
                "is a folder, not a file",
                "give plan files, or check a folder with `ehcp-lint audit`",
            )
        if not path.is_file():
            raise FileNotFound(path, "is not a regular file", "give the path of one plan file")
        size = path.stat().st_size
        if size > max_bytes:
            raise TooLarge(path, f"is {size:,} bytes, over the {max_bytes:,}-byte limit")
        return path.read_bytes()
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the path
        reason = f"cannot be opened ({type(error).__name__})"
        raise FileNotFound(path, reason, "check it exists and you may read it") from None


def _reader_for(file_format: Format, max_pages: int | None) -> Reader:
    """Import only the parser this format needs (pdfplumber and python-docx are slow to load)."""
    if file_format is Format.DOCX:
        from ehcp_lint.ingest.docx_reader import read_docx

        return read_docx
    if file_format is Format.PDF:
        from ehcp_lint.ingest.pdf_reader import read_pdf

        return functools.partial(read_pdf, max_pages=max_pages)
    from ehcp_lint.ingest.text_reader import read_text

    return read_text


def _run_reader(reader: Reader, data: bytes, source: Source) -> Document:
    """Run a reader; a parser's own exception means the file is damaged, never a crash."""
    try:
        return reader(data, source)
    except EhcpLintError:
        raise
    except Exception as error:
        own = _own_error_within(error)
        if own is not None:
            raise own from None
        # `from None` and only the class name: parser messages can echo bytes of the plan.
        reason = f"could not be read as {source.format} ({type(error).__name__})"
        raise CorruptDocument(source.path, reason) from None


def _own_error_within(error: BaseException) -> EhcpLintError | None:
    """Our own error that a parser library wrapped in its exception type (pdfplumber wraps
    whatever pdfminer raised, including the time limit firing mid-parse)."""
    current: BaseException | None = error
    while current is not None:
        if isinstance(current, EhcpLintError):
            return current
        current = current.__cause__ or current.__context__
    return None
