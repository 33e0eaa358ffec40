"""The format-free Document that every reader produces and everything downstream consumes.

Nothing after ingest knows whether a plan came from .docx, .pdf or .txt: it sees ordered blocks,
each with its exact text and a Location a person can find again.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Location(BaseModel):
    """Where a piece of text is, in terms a person can use to find it again (all 1-based)."""

    model_config = ConfigDict(frozen=True)

    page: int | None = None
    paragraph: int | None = None
    line: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None

    def describe(self) -> str:
        """A short human description, e.g. 'page 3, table 2 row 4 cell 1'."""
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.paragraph is not None:
            parts.append(f"paragraph {self.paragraph}")
        if self.table is not None:
            table = f"table {self.table}"
            if self.row is not None:
                table += f" row {self.row}"
            if self.cell is not None:
                table += f" cell {self.cell}"
            parts.append(table)
        return ", ".join(parts) or "start of document"


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_ROW = "table_row"


class Cell(BaseModel):
    """One table cell, after merged cells have been collapsed to a single cell."""

    text: str
    bold: bool = False
    shaded: bool = False
    location: Location


class Block(BaseModel):
    """One unit of the body in reading order: a heading, paragraph, list item or table row."""

    index: int = Field(description="0-based position in Document.blocks")
    kind: BlockKind
    text: str = Field(description="Exact text; for a table row the cells joined with ' | '")
    cells: list[Cell] = Field(default_factory=list)
    style: str | None = Field(default=None, description="Style name from the source, if any")
    heading_level: int | None = None
    bold: bool = Field(default=False, description="All of the text is bold")
    shaded: bool = Field(default=False, description="Table row whose cells are all shaded")
    location: Location

    @property
    def is_table_row(self) -> bool:
        return self.kind is BlockKind.TABLE_ROW


class Source(BaseModel):
    path: str
    format: str = Field(description="docx, pdf, txt or md")
    sha256: str
    size_bytes: int


class Document(BaseModel):
    source: Source
    blocks: list[Block]
    headers: list[str] = Field(default_factory=list, description="Page header text, kept apart")
    footers: list[str] = Field(default_factory=list, description="Page footer text, kept apart")
    page_count: int | None = None

    @property
    def word_count(self) -> int:
        return sum(len(block.text.split()) for block in self.blocks)
