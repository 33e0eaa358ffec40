"""Decide how to read a file from its bytes, not its name, and refuse what we cannot check.

An extension can lie (a PDF saved as "plan.docx"), so the content decides: a zip holding
word/document.xml is Word, "%PDF-" is PDF, an OLE2 compound file is an old binary Office file
or a password-protected new one. Only plain text has no signature, so for text the extension
decides.
"""

from __future__ import annotations

import io
import zipfile
from enum import StrEnum
from pathlib import Path

from ehcp_lint.errors import (
    CorruptDocument,
    EhcpLintError,
    EncryptedDocument,
    TooLarge,
    UnsupportedFormat,
)


class Format(StrEnum):
    DOCX = "docx"
    PDF = "pdf"
    TXT = "txt"
    MD = "md"


ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PDF_MAGIC = b"%PDF-"
# The PDF spec lets the header start anywhere in the first 1024 bytes.
PDF_HEADER_WINDOW = 1024
RTF_MAGIC = b"{\\rtf"

TEXT_EXTENSIONS = {
    ".txt": Format.TXT,
    ".text": Format.TXT,
    ".md": Format.MD,
    ".markdown": Format.MD,
}
DOCX_EXTENSIONS = {".docx", ".docm", ".dotx", ".dotm"}

WORD_MAIN_PART = "word/document.xml"
ENCRYPTED_PACKAGE = "EncryptedPackage"
# Zip bomb guard: a real plan is a few MB uncompressed and XML compresses ~5-20x.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
RATIO_CHECK_MIN_BYTES = 1024 * 1024

OLE2_ENTRY_SIZE = 128
OLE2_NAME_FIELD_BYTES = 64
OLE2_HEADER_BYTES = 512

# Zip members that identify other Office/OpenDocument files, to name them in the message.
OTHER_ZIP_KINDS = (
    ("xl/workbook.xml", "an Excel workbook"),
    ("ppt/presentation.xml", "a PowerPoint presentation"),
    ("content.xml", "an OpenDocument file"),
)


def sniff_format(path: Path, data: bytes) -> Format:
    """The format to read `data` as. Raises an EhcpLintError for anything we cannot read."""
    if data.startswith(ZIP_MAGIC):
        return _sniff_zip(path, data)
    if data.startswith(OLE2_MAGIC):
        raise _ole2_error(path, data)
    if PDF_MAGIC in data[:PDF_HEADER_WINDOW]:
        return Format.PDF
    if data.startswith(RTF_MAGIC):
        raise UnsupportedFormat(path, "is a Rich Text (.rtf) file")
    suffix = path.suffix.lower()
    if suffix in TEXT_EXTENSIONS:
        return TEXT_EXTENSIONS[suffix]
    if suffix in DOCX_EXTENSIONS or suffix == ".pdf":
        raise CorruptDocument(path, f"is named {suffix} but its content is not a {suffix} file")
    raise UnsupportedFormat(path, "is not a Word (.docx), PDF or text file")


def _sniff_zip(path: Path, data: bytes) -> Format:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except EhcpLintError:  # the time limit firing here is not damage
        raise
    except Exception as error:  # zipfile raises many kinds on damaged archives
        raise CorruptDocument(
            path, f"is a damaged zip/Word file ({type(error).__name__})"
        ) from None
    names = {member.filename for member in members}
    if ENCRYPTED_PACKAGE in names:
        raise EncryptedDocument(path, "is password-protected")
    if WORD_MAIN_PART not in names:
        kind = next((label for name, label in OTHER_ZIP_KINDS if name in names), "a zip archive")
        raise UnsupportedFormat(path, f"is {kind}, not a Word document")
    _refuse_zip_bomb(path, members)
    return Format.DOCX


def _refuse_zip_bomb(path: Path, members: list[zipfile.ZipInfo]) -> None:
    """Refuse before parsing if unzipping would need absurd memory (a zip bomb or junk)."""
    unzipped = sum(member.file_size for member in members)
    zipped = sum(member.compress_size for member in members)
    if unzipped > MAX_UNZIPPED_BYTES:
        reason = f"unzips to {unzipped // (1024 * 1024)} MB, more than a plan needs"
        raise TooLarge(path, reason, "re-save it from Word (compress its pictures) and check that")
    if unzipped > RATIO_CHECK_MIN_BYTES and unzipped > MAX_COMPRESSION_RATIO * max(zipped, 1):
        raise CorruptDocument(path, "is compressed implausibly tightly (possible zip bomb)")


def _ole2_error(path: Path, data: bytes) -> Exception:
    """Old binary Office files and password-protected new ones share the OLE2 container."""
    if _ole2_has_entry(data, ENCRYPTED_PACKAGE):
        return EncryptedDocument(path, "is password-protected")
    if _ole2_has_entry(data, "WordDocument"):
        return UnsupportedFormat(
            path, "is an old Word .doc file", "open it in Word and save it as .docx"
        )
    return UnsupportedFormat(path, "is an old binary Office file (not .docx)")


def _ole2_has_entry(data: bytes, name: str) -> bool:
    """Whether the OLE2 directory holds an entry called `name`.

    Directory entries are 128-byte records, aligned to 128 bytes in the file, that start with
    the name in UTF-16LE and keep its byte length (with the terminating NUL) at offset 64.
    Checking both means text that merely mentions the name cannot be mistaken for the entry.
    """
    encoded = name.encode("utf-16-le")
    position = data.find(encoded, OLE2_HEADER_BYTES)
    while position != -1:
        length_field = data[position + OLE2_NAME_FIELD_BYTES : position + OLE2_NAME_FIELD_BYTES + 2]
        aligned = position % OLE2_ENTRY_SIZE == 0
        if aligned and int.from_bytes(length_field, "little") == len(encoded) + 2:
            return True
        position = data.find(encoded, position + 1)
    return False
