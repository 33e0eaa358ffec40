"""Read plain text and Markdown plans: lines become headings, paragraphs, list items, table rows.

Hard-wrapped paragraphs are joined back together, but only where the line break looks like a
wrap: the line before it is nearly as long as the longest line in the file and does not end a
sentence. That keeps "one paragraph per line" files (Word's "Save as plain text") and short
heading lines apart, which a plain "join every consecutive line" rule would merge.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum

from ehcp_lint.document import BlockKind, Cell, Document, Location, Source
from ehcp_lint.errors import UnsupportedFormat
from ehcp_lint.ingest.blocks import BULLET_GLYPHS, BlockList

MARKDOWN_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)[\s#]*$")
UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
MIN_UNDERLINE = 3
BULLET = re.compile(rf"^\s*(?:[-*+{BULLET_GLYPHS}]|\d{{1,3}}[.)])\s+(\S.*)$")
# A number is kept in the item's text ("1) About me"): numbered section headings need it.
NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s")
TAB_RUN = re.compile(r"\t+")
TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
BOLD_LINE = re.compile(r"^(\*\*|__)(?P<text>\S(?:.*\S)?)\1$")
SENTENCE_END = (".", "!", "?", ":", ";", '."', ".'", ".)", "!'", '!"')
# A wrapped line, plus the word that did not fit, reaches at least this share of the wrap width
# (below 1.0 because text copied from a proportional-font PDF wraps unevenly).
WRAP_FULLNESS = 0.85
# Control characters other than tab/newline/form feed mean a binary file, not text.
MAX_CONTROL_SHARE = 0.01
ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f"}


def read_text(data: bytes, source: Source) -> Document:
    lines = _decode(data, source.path).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    builder = _TextBlockBuilder(wrap_width=_wrap_width(lines))
    for number, line in enumerate(lines, start=1):
        builder.feed(number, line.rstrip())
    builder.flush()
    return Document(source=source, blocks=builder.blocks.blocks)


def _decode(data: bytes, path: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252; refuse binary data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8-sig", "cp1252"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _looks_binary(text):
            return text
    raise UnsupportedFormat(path, "holds binary data, not text")


def _looks_binary(text: str) -> bool:
    controls = sum(
        1 for char in text if unicodedata.category(char) == "Cc" and char not in ALLOWED_CONTROLS
    )
    return "\x00" in text or controls > MAX_CONTROL_SHARE * len(text)


class _LineKind(Enum):
    BLANK = "blank"
    HEADING = "heading"
    UNDERLINE = "underline"
    SEPARATOR = "separator"
    TABLE_ROW = "table_row"
    BULLET = "bullet"
    PROSE = "prose"


def _classify(line: str) -> _LineKind:
    stripped = line.strip()
    if not stripped:
        return _LineKind.BLANK
    if MARKDOWN_HEADING.match(line):
        return _LineKind.HEADING
    if UNDERLINE.match(line) and len(stripped) >= MIN_UNDERLINE:
        return _LineKind.UNDERLINE
    if "|" in stripped and TABLE_SEPARATOR.match(line):
        return _LineKind.SEPARATOR
    if stripped.startswith("|") or " | " in stripped:
        return _LineKind.TABLE_ROW
    if BULLET.match(line):  # before tabs: Word's copied bullets read "•\tText"
        return _LineKind.BULLET
    if "\t" in stripped:  # Word tables saved or copied as text: cells split by tabs
        return _LineKind.TABLE_ROW
    return _LineKind.PROSE


def _wrap_width(lines: list[str]) -> int:
    """The longest prose or bullet line: the width a hard-wrapped file was wrapped at."""
    wrappable = {_LineKind.PROSE, _LineKind.BULLET}
    return max((len(line.rstrip()) for line in lines if _classify(line) in wrappable), default=0)


def _cell_texts(line: str) -> list[str]:
    stripped = line.strip()
    if "|" in stripped:
        parts = stripped.removeprefix("|").removesuffix("|").split("|")
    else:
        parts = TAB_RUN.split(stripped)
    return [part.strip() for part in parts]


@dataclass
class _OpenBlock:
    """Lines gathered for a paragraph or list item that may still grow."""

    kind: BlockKind
    first_line: int
    parts: list[str] = field(default_factory=list)


class _TextBlockBuilder:
    def __init__(self, wrap_width: int) -> None:
        self.blocks = BlockList()
        self.wrap_width = wrap_width
        self.open: _OpenBlock | None = None
        self.table_count = 0
        self.table_rows = 0
        self.previous_line = ""

    def feed(self, number: int, line: str) -> None:
        kind = _classify(line)
        if kind is not _LineKind.TABLE_ROW and kind is not _LineKind.SEPARATOR:
            self.table_rows = 0
        handler = {
            _LineKind.BLANK: self._blank,
            _LineKind.HEADING: self._markdown_heading,
            _LineKind.UNDERLINE: self._underline,
            _LineKind.SEPARATOR: self._separator,
            _LineKind.TABLE_ROW: self._table_row,
            _LineKind.BULLET: self._bullet,
            _LineKind.PROSE: self._prose,
        }[kind]
        handler(number, line)
        self.previous_line = line

    def flush(self) -> None:
        if self.open is None:
            return
        text = " ".join(self.open.parts)
        bold = BOLD_LINE.match(text) if self.open.kind is BlockKind.PARAGRAPH else None
        self.blocks.add(
            self.open.kind,
            bold.group("text") if bold else text,
            self._location(self.open.first_line),
            bold=bold is not None,
        )
        self.open = None

    def _location(self, line: int, **table: int) -> Location:
        return Location(line=line, paragraph=len(self.blocks.blocks) + 1, **table)

    def _blank(self, number: int, line: str) -> None:
        self.flush()

    def _separator(self, number: int, line: str) -> None:
        """A Markdown |---|---| line: layout only, and it does not end the table."""

    def _markdown_heading(self, number: int, line: str) -> None:
        self.flush()
        match = MARKDOWN_HEADING.match(line)
        assert match is not None  # _classify matched it
        self._add_heading(number, match.group(2).strip(), level=len(match.group(1)))

    def _underline(self, number: int, line: str) -> None:
        """`Title` over `=====` or `-----` is a heading; a lone `---` is a rule, not content."""
        if self.open is None or self.open.kind is not BlockKind.PARAGRAPH:
            self.flush()
            return
        title = self.open.parts.pop()
        title_line = number - 1
        if not self.open.parts:
            self.open = None
        self.flush()
        self._add_heading(title_line, title, level=1 if line.strip()[0] == "=" else 2)

    def _add_heading(self, number: int, text: str, level: int) -> None:
        if text:
            self.blocks.add(BlockKind.HEADING, text, self._location(number), heading_level=level)

    def _table_row(self, number: int, line: str) -> None:
        self.flush()
        if self.table_rows == 0:
            self.table_count += 1
        self.table_rows += 1
        table = {"table": self.table_count, "row": self.table_rows}
        cells = [
            Cell(text=text, location=Location(line=number, cell=position, **table))
            for position, text in enumerate(_cell_texts(line), start=1)
        ]
        self.blocks.add_row(cells, self._location(number, **table))

    def _bullet(self, number: int, line: str) -> None:
        self.flush()
        match = BULLET.match(line)
        assert match is not None  # _classify matched it
        text = line.strip() if NUMBERED.match(line) else match.group(1).strip()
        self.open = _OpenBlock(BlockKind.LIST_ITEM, number, [text])

    def _prose(self, number: int, line: str) -> None:
        if self.open is not None and self._continues(line):
            self.open.parts.append(line.strip())
            return
        self.flush()
        self.open = _OpenBlock(BlockKind.PARAGRAPH, number, [line.strip()])

    def _continues(self, line: str) -> bool:
        """Whether `line` carries on the open block rather than starting a new one."""
        assert self.open is not None
        if self.open.kind is BlockKind.LIST_ITEM and line[:1].isspace():
            return True  # indented under a bullet
        previous = self.previous_line.rstrip()
        if previous.endswith(SENTENCE_END):
            return False
        next_word = line.split()[0]
        return len(previous) + 1 + len(next_word) > WRAP_FULLNESS * self.wrap_width
