"""Block building shared by the readers: numbering blocks and composing table rows."""

from __future__ import annotations

from ehcp_lint.document import Block, BlockKind, Cell, Location

ROW_SEPARATOR = " | "
# Bullet characters as Word, PDF exports and copy-paste produce them: Unicode bullets, arrows,
# ticks and boxes, and Symbol/Wingdings glyphs that arrive as private-use code points.
BULLET_GLYPHS = "•▪◦●■□○◆♦❖➢►▶→✓✔‣–\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8"


class BlockList:
    """Collects blocks in reading order and gives each its 0-based index."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []

    def add(self, kind: BlockKind, text: str, location: Location, **fields: object) -> Block:
        block = Block.model_validate(
            {"index": len(self.blocks), "kind": kind, "text": text, "location": location, **fields}
        )
        self.blocks.append(block)
        return block

    def add_row(self, cells: list[Cell], location: Location) -> Block | None:
        """Add a table row; a row whose cells are all empty is layout, not content."""
        filled = [cell for cell in cells if cell.text]
        if not filled:
            return None
        return self.add(
            BlockKind.TABLE_ROW,
            ROW_SEPARATOR.join(cell.text for cell in filled),
            location,
            cells=cells,
            bold=all(cell.bold for cell in filled),
            shaded=all(cell.shaded for cell in cells),
        )
