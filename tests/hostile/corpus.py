"""Build every malicious or broken file class ehcp-lint must survive, each in a given folder.

Each `HostileCase` names the file class, builds one file (or path) from the committed sample
plans, and says which exit codes are acceptable: 0/1 mean "checked, here is a report", 3-14 the
documented refusals. Real plans are reused so that cases meant to be read (macros, odd
encodings, huge images) must come out as proper reports, not merely as "no crash".
"""

from __future__ import annotations

import io
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "corpora_synthetic" / "sample"
SAMPLE_DOCX = SAMPLE / "heldout-0000.docx"
SAMPLE_PDF = SAMPLE / "heldout-0001.pdf"
SAMPLE_TXT = SAMPLE / "heldout-0002.txt"

# Exit codes (README "Exit codes"); a report is 0 (clean) or 1 (findings).
REPORT = frozenset({0, 1})
NOT_FOUND, UNSUPPORTED, EMPTY, ENCRYPTED, NO_TEXT, CORRUPT, NOT_EHCP = 3, 4, 5, 6, 7, 8, 9
TOO_LARGE, TIME_LIMIT = 11, 14

# A line that must never reach a report: the content of a local file an XXE entity points at.
CANARY = "CANARY-7f3a-do-not-leak"
WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FIRST_TEXT_RUN = re.compile(rb"<w:t(?: [^>]*)?>")


@dataclass(frozen=True)
class HostileCase:
    name: str
    build: Callable[[Path], Path]
    exits: frozenset[int]
    needs_non_root: bool = False
    # A tighter per-file time limit than the default, for files built to be slow.
    timeout: float | None = None
    # Takes a second or more to check: the library test covers it, the whole-run tests skip it.
    slow: bool = False

    @property
    def options(self) -> tuple[str, ...]:
        return ("--timeout", f"{self.timeout:g}") if self.timeout else ()


# ---------------------------------------------------------------------------------------------
# Word (.docx) packages
# ---------------------------------------------------------------------------------------------


def rezip(
    source: bytes,
    *,
    replace: dict[str, bytes] | None = None,
    add: dict[str, bytes] | None = None,
) -> bytes:
    """A copy of a zip package with some members replaced and others added (in memory)."""
    replace, add = replace or {}, add or {}
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(source)) as archive,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for member in archive.infolist():
            copy.writestr(member.filename, replace.get(member.filename, archive.read(member)))
        for name, data in add.items():
            copy.writestr(name, data)
    return out.getvalue()


def sample_docx_member(name: str) -> bytes:
    with zipfile.ZipFile(SAMPLE_DOCX) as archive:
        return archive.read(name)


def with_doctype(xml: bytes, doctype: str, entity_reference: str) -> bytes:
    """Give an XML part a DOCTYPE and put an entity reference into its first text run."""
    declaration_end = xml.index(b"?>") + 2
    xml = xml[:declaration_end] + doctype.encode() + xml[declaration_end:]
    run = FIRST_TEXT_RUN.search(xml)
    assert run is not None, "the sample plan has text runs"
    return xml[: run.end()] + entity_reference.encode() + xml[run.end() :]


def docx_with_document_xml(folder: Path, name: str, document_xml: bytes) -> Path:
    path = folder / name
    path.write_bytes(rezip(SAMPLE_DOCX.read_bytes(), replace={"word/document.xml": document_xml}))
    return path


def billion_laughs(folder: Path) -> Path:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">' for level in range(1, 10)
    ]
    doctype = f"<!DOCTYPE w:document [{''.join(entities)}]>"
    xml = with_doctype(sample_docx_member("word/document.xml"), doctype, "&lol9;")
    return docx_with_document_xml(folder, "billion-laughs.docx", xml)


def xxe_general_entity(folder: Path) -> Path:
    secret = folder / "secret.txt"
    secret.write_text(f"{CANARY}\n", encoding="utf-8")
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    xml = with_doctype(sample_docx_member("word/document.xml"), doctype, "&xxe;")
    return docx_with_document_xml(folder, "xxe-general.docx", xml)


def xxe_parameter_entity(folder: Path) -> Path:
    """An external DTD that would define the entity from the secret file, if it were loaded."""
    secret = folder / "secret.txt"
    secret.write_text(f"{CANARY}\n", encoding="utf-8")
    dtd = folder / "evil.dtd"
    dtd.write_text(f'<!ENTITY xxe SYSTEM "{secret.as_uri()}">', encoding="utf-8")
    doctype = f'<!DOCTYPE w:document [<!ENTITY % ext SYSTEM "{dtd.as_uri()}"> %ext;]>'
    xml = with_doctype(sample_docx_member("word/document.xml"), doctype, "&xxe;")
    return docx_with_document_xml(folder, "xxe-parameter.docx", xml)


def xxe_network_dtd(folder: Path, url: str) -> Path:
    """A DOCTYPE whose external subset lives at `url` (a local port the test listens on)."""
    doctype = f'<!DOCTYPE w:document SYSTEM "{url}">'
    xml = with_doctype(sample_docx_member("word/document.xml"), doctype, "")
    return docx_with_document_xml(folder, "xxe-network.docx", xml)


def docm_with_macros(folder: Path) -> Path:
    """Word's macro-enabled format: a VBA project part that must be ignored, not run or read."""
    types = sample_docx_member("[Content_Types].xml").replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
    )
    types = types.replace(
        b"</Types>",
        b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
    )
    rels = sample_docx_member("word/_rels/document.xml.rels").replace(
        b"</Relationships>",
        b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/'
        b'vbaProject" Target="vbaProject.bin"/></Relationships>',
    )
    macro = b'Attribute VB_Name = "ThisDocument"\nSub AutoOpen()\nShell "calc"\nEnd Sub\n'
    path = folder / "macros.docm"
    path.write_bytes(
        rezip(
            SAMPLE_DOCX.read_bytes(),
            replace={"[Content_Types].xml": types, "word/_rels/document.xml.rels": rels},
            add={"word/vbaProject.bin": macro * 50},
        )
    )
    return path


def zip_bomb_ratio(folder: Path) -> Path:
    """4 MB of zeros in the main part: a few KB on disk, an absurd compression ratio."""
    return docx_with_document_xml(folder, "bomb-ratio.docx", b"\0" * (4 * 1024 * 1024))


def zip_bomb_huge(folder: Path) -> Path:
    """A real 210 MB member (zeros, ~200 KB compressed) beside a sound plan."""
    path = folder / "bomb-huge.docx"
    path.write_bytes(SAMPLE_DOCX.read_bytes())
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("word/media/padding.bin", "w", force_zip64=True) as member,
    ):
        chunk = b"\0" * (1024 * 1024)
        for _ in range(210):
            member.write(chunk)
    return path


def zip_declared_huge(folder: Path) -> Path:
    """A central directory that claims a member unzips to ~4 GB (a lie, or a bomb)."""
    data = bytearray(SAMPLE_DOCX.read_bytes())
    header = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, header + 24, 0xFFFFFFF0)
    path = folder / "bomb-declared.docx"
    path.write_bytes(bytes(data))
    return path


def zip_lying_small(folder: Path) -> Path:
    """document.xml declared 100 bytes long (local and central headers) but much longer."""
    data = bytearray(SAMPLE_DOCX.read_bytes())
    name = b"word/document.xml"
    for signature, size_offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        position = data.index(signature)
        while position != -1:
            name_offset = 30 if signature == b"PK\x03\x04" else 46
            if data[position + name_offset : position + name_offset + len(name)] == name:
                struct.pack_into("<I", data, position + size_offset, 100)
            position = data.find(signature, position + 4)
    path = folder / "lying-sizes.docx"
    path.write_bytes(bytes(data))
    return path


def zip_many_members(folder: Path) -> Path:
    """A sound plan plus 5,000 empty junk members."""
    junk = {f"junk/{number:05d}.xml": b"" for number in range(5_000)}
    path = folder / "many-members.docx"
    path.write_bytes(rezip(SAMPLE_DOCX.read_bytes(), add=junk))
    return path


def nested_tables(depth: int) -> Callable[[Path], Path]:
    """Tables nested `depth` deep, appended to a sound plan's body."""

    def build(folder: Path) -> Path:
        cell = b"<w:p><w:r><w:t>Inner</w:t></w:r></w:p>"
        for _ in range(depth):
            cell = b"<w:tbl><w:tr><w:tc>" + cell + b"<w:p/></w:tc></w:tr></w:tbl>"
        xml = sample_docx_member("word/document.xml").replace(b"<w:sectPr", cell + b"<w:sectPr", 1)
        return docx_with_document_xml(folder, f"nested-{depth}.docx", xml)

    return build


def huge_image_docx(folder: Path) -> Path:
    """A PNG that claims 65,535 x 65,535 pixels (an image decompression bomb) in word/media."""
    rels = sample_docx_member("word/_rels/document.xml.rels").replace(
        b"</Relationships>",
        b'<Relationship Id="rIdHuge" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/image" Target="media/huge.png"/></Relationships>',
    )
    types = sample_docx_member("[Content_Types].xml").replace(
        b"</Types>", b'<Default Extension="png" ContentType="image/png"/></Types>'
    )
    path = folder / "huge-image.docx"
    path.write_bytes(
        rezip(
            SAMPLE_DOCX.read_bytes(),
            replace={"word/_rels/document.xml.rels": rels, "[Content_Types].xml": types},
            add={"word/media/huge.png": png_claiming(65_535, 65_535)},
        )
    )
    return path


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims these dimensions but whose pixel data is a few bytes."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def truncated(source: Path, suffix: str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        data = source.read_bytes()
        path = folder / f"truncated{suffix}"
        path.write_bytes(data[: len(data) // 2])
        return path

    return build


# ---------------------------------------------------------------------------------------------
# PDF, assembled object by object so pages, images and streams can be made hostile cheaply
# ---------------------------------------------------------------------------------------------


def pdf_stream(dictionary: str, data: bytes) -> bytes:
    return f"<< {dictionary} /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"


def pdf_from_objects(objects: list[bytes]) -> bytes:
    """A PDF with these objects (numbered from 1; object 1 is the catalog) and a correct xref."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return bytes(out + trailer.encode())


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
TEXT_CONTENT = b"BT /F1 12 Tf 72 720 Td (Section A: Views of the child and parents) Tj ET"


def pdf_pages(page_count: int, content: bytes, resources: str, extra: list[bytes]) -> bytes:
    """Catalog (1), page tree (2), shared content (3), font (4), `extra` objects, then pages."""
    first_page = 5 + len(extra)
    kids = " ".join(f"{first_page + index} 0 R" for index in range(page_count))
    page = (
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
        f"/Resources << /Font << /F1 4 0 R >> {resources} >> >>"
    ).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {page_count} >>".encode(),
        pdf_stream("", content),
        HELVETICA,
        *extra,
        *([page] * page_count),
    ]
    return pdf_from_objects(objects)


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def many_pages_pdf(folder: Path) -> Path:
    return write(folder, "2000-pages.pdf", pdf_pages(2000, TEXT_CONTENT, "", []))


def image_xobject(width: int, height: int, pixels: bytes) -> bytes:
    dictionary = (
        f"/Type /XObject /Subtype /Image /Width {width} /Height {height} "
        "/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode"
    )
    return pdf_stream(dictionary, zlib.compress(pixels))


def huge_image_pdf(folder: Path) -> Path:
    """One page with text and an image claiming 60,000 x 60,000 pixels (3.6 GB decoded)."""
    content = b"q 500 0 0 700 40 60 cm /Im1 Do Q " + TEXT_CONTENT
    image = image_xobject(60_000, 60_000, b"\0" * 4096)
    return write(
        folder, "huge-image.pdf", pdf_pages(1, content, "/XObject << /Im1 5 0 R >>", [image])
    )


def image_only_pdf(folder: Path) -> Path:
    """A scan: three pages that are each one picture and no text."""
    content = b"q 500 0 0 700 40 60 cm /Im1 Do Q"
    image = image_xobject(64, 64, bytes(range(64)) * 64)
    return write(folder, "scanned.pdf", pdf_pages(3, content, "/XObject << /Im1 5 0 R >>", [image]))


def stream_bomb_pdf(folder: Path) -> Path:
    """A page whose content stream inflates to 24 MB of drawing operators (~16 KB on disk)."""
    content = b"q Q\n" * (6 * 1024 * 1024)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        pdf_stream("/Filter /FlateDecode", zlib.compress(content, 9)),
        HELVETICA,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
        b"/Resources << /Font << /F1 4 0 R >> >> >>",
    ]
    return write(folder, "stream-bomb.pdf", pdf_from_objects(objects))


def encrypted_pdf(folder: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "Section A: Views, interests and aspirations of the child.")
    pdf.set_encryption(owner_password="council", user_password="secret")
    return write(folder, "encrypted.pdf", bytes(pdf.output()))


def corrupt_pdf(folder: Path) -> Path:
    noise = bytes((index * 131 + 7) % 256 for index in range(5_000))
    return write(folder, "corrupt.pdf", b"%PDF-1.7\n" + noise)


def broken_xref_pdf(folder: Path) -> Path:
    """A real plan whose xref offsets all point to the wrong place (pdfminer must fall back)."""
    data = SAMPLE_PDF.read_bytes()
    broken = re.sub(rb"\d{10} 00000 n", b"0000000001 00000 n", data)
    return write(folder, "broken-xref.pdf", broken)


# ---------------------------------------------------------------------------------------------
# Text files and extensions that lie
# ---------------------------------------------------------------------------------------------


def sample_text() -> str:
    return SAMPLE_TXT.read_text(encoding="utf-8")


def encoded_text(encoding: str, name: str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        text = sample_text().replace("'", "\u2019")  # a curly quote, different in every encoding
        prefix = b"\xff\xfe" if encoding == "utf-16-le" else b""
        return write(folder, name, prefix + text.encode(encoding, "replace"))

    return build


def nul_bytes_text(folder: Path) -> Path:
    return write(folder, "nul-bytes.txt", sample_text().encode().replace(b"\n\n", b"\n\0\n", 3))


def copy_as(source: Path, name: str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        return write(folder, name, source.read_bytes())

    return build


def long_line_plan(folder: Path) -> Path:
    """A sound plan whose provision section holds one 256 KB line (one sentence, repeated)."""
    sentence = "A teaching assistant will support Sam with reading for 20 minutes daily. "
    text = sample_text()
    heading = next(
        line for line in text.splitlines() if "Section F" in line or line.startswith("F")
    )
    long_line = sentence * (256 * 1024 // len(sentence))
    return write(
        folder, "long-line.txt", text.replace(heading, f"{heading}\n{long_line}", 1).encode()
    )


def unclosed_bracket(folder: Path) -> Path:
    """An acronym, then "(" never closed: a typo that once made the acronym check backtrack for
    ever (a nested regular-expression repeat over the rest of the plan)."""
    tail = "\nReviewed by the QXT (the quality team will confirm the dates of the next review\n"
    return write(folder, "unclosed-bracket.txt", (sample_text() + tail).encode())


def long_word(folder: Path) -> Path:
    return write(folder, "long-word.txt", b"a" * (512 * 1024))


def punctuation_storm(folder: Path) -> Path:
    """Characters regexes backtrack on: brackets, dashes, digits and colons, 1 MB of them."""
    storm = ("((((--1:1::" * 100 + " ") * 1000
    return write(folder, "punctuation.txt", storm.encode())


def empty_file(folder: Path) -> Path:
    return write(folder, "empty.docx", b"")


# ---------------------------------------------------------------------------------------------
# Paths that are not plain readable files
# ---------------------------------------------------------------------------------------------


def directory(folder: Path) -> Path:
    path = folder / "a-folder.docx"
    path.mkdir()
    return path


def symlink_loop(folder: Path) -> Path:
    first, second = folder / "loop-a.docx", folder / "loop-b.docx"
    first.symlink_to(second)
    second.symlink_to(first)
    return first


def dangling_symlink(folder: Path) -> Path:
    path = folder / "dangling.pdf"
    path.symlink_to(folder / "gone.pdf")
    return path


def fifo(folder: Path) -> Path:
    """A named pipe nobody writes to: opening it for reading would block for ever."""
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return path


def device(folder: Path) -> Path:
    """An endless character device behind a plan-like name."""
    path = folder / "zero.txt"
    path.symlink_to("/dev/zero")
    return path


def unreadable(folder: Path) -> Path:
    path = write(folder, "locked.docx", SAMPLE_DOCX.read_bytes())
    path.chmod(0)
    return path


CASES: tuple[HostileCase, ...] = (
    # Word packages
    HostileCase("zip bomb: extreme ratio", zip_bomb_ratio, frozenset({CORRUPT})),
    HostileCase("zip bomb: 210 MB unzipped", zip_bomb_huge, frozenset({TOO_LARGE})),
    HostileCase("zip bomb: declared 4 GB", zip_declared_huge, frozenset({TOO_LARGE})),
    HostileCase("zip: sizes understated", zip_lying_small, frozenset({CORRUPT})),
    HostileCase("zip: 5,000 members", zip_many_members, REPORT, slow=True),
    HostileCase("xml: billion laughs", billion_laughs, REPORT | {CORRUPT}),
    HostileCase("xml: external entity (XXE)", xxe_general_entity, REPORT | {CORRUPT}),
    HostileCase("xml: external parameter entity", xxe_parameter_entity, REPORT | {CORRUPT}),
    HostileCase(".docm with macros", docm_with_macros, REPORT),
    HostileCase("tables nested 40 deep", nested_tables(40), REPORT),
    HostileCase("tables nested 400 deep", nested_tables(400), REPORT | {CORRUPT}),
    HostileCase("docx: 65,535-pixel image", huge_image_docx, REPORT),
    HostileCase("docx: truncated", truncated(SAMPLE_DOCX, ".docx"), frozenset({CORRUPT})),
    # PDF
    HostileCase("pdf: encrypted", encrypted_pdf, frozenset({ENCRYPTED})),
    HostileCase("pdf: corrupt", corrupt_pdf, frozenset({CORRUPT, EMPTY})),
    HostileCase("pdf: truncated", truncated(SAMPLE_PDF, ".pdf"), REPORT | {CORRUPT, EMPTY}),
    # pdfminer trusts a well-formed xref table, so it finds no pages: damaged, not empty.
    HostileCase("pdf: broken xref", broken_xref_pdf, frozenset({CORRUPT})),
    HostileCase("pdf: 2,000 pages", many_pages_pdf, frozenset({TOO_LARGE}), slow=True),
    HostileCase("pdf: 60,000-pixel image", huge_image_pdf, frozenset({NOT_EHCP})),
    HostileCase("pdf: image only (scan)", image_only_pdf, frozenset({NO_TEXT})),
    HostileCase(
        "pdf: content stream bomb",
        stream_bomb_pdf,
        frozenset({TIME_LIMIT}),
        timeout=1.0,
    ),
    # Wrong extensions
    HostileCase("docx named .pdf", copy_as(SAMPLE_DOCX, "plan.pdf"), REPORT),
    HostileCase("pdf named .docx", copy_as(SAMPLE_PDF, "plan.docx"), REPORT),
    HostileCase("docx named .txt", copy_as(SAMPLE_DOCX, "plan-docx.txt"), REPORT),
    HostileCase("text named .docx", copy_as(SAMPLE_TXT, "text.docx"), frozenset({CORRUPT})),
    HostileCase(
        "image named .docx",
        lambda f: write(f, "photo.docx", png_claiming(10, 10)),
        frozenset({CORRUPT}),
    ),
    # Text
    HostileCase("text: Windows-1252", encoded_text("cp1252", "cp1252.txt"), REPORT),
    HostileCase("text: UTF-16 with BOM", encoded_text("utf-16-le", "utf16.txt"), REPORT),
    HostileCase("text: NUL bytes", nul_bytes_text, frozenset({UNSUPPORTED})),
    HostileCase("text: 256 KB line in a plan", long_line_plan, REPORT, slow=True),
    HostileCase("text: unclosed bracket after an acronym", unclosed_bracket, REPORT),
    HostileCase("text: 512 KB word", long_word, frozenset({NOT_EHCP}), slow=True),
    HostileCase("text: punctuation storm", punctuation_storm, frozenset({NOT_EHCP})),
    HostileCase("0-byte file", empty_file, frozenset({EMPTY})),
    # Paths
    HostileCase("a directory", directory, frozenset({NOT_FOUND})),
    HostileCase("symlink loop", symlink_loop, frozenset({NOT_FOUND})),
    HostileCase("dangling symlink", dangling_symlink, frozenset({NOT_FOUND})),
    HostileCase("FIFO (named pipe)", fifo, frozenset({NOT_FOUND})),
    HostileCase("character device", device, frozenset({NOT_FOUND})),
    HostileCase("no read permission", unreadable, frozenset({NOT_FOUND}), needs_non_root=True),
)
