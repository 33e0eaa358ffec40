"""Fuzzing the whole pipeline: whatever the input, a report or a clean one-line EhcpLintError,
never another exception and never a hang.

Inputs: random block sequences straight into `segment` (then every check), random bytes behind
each format's signature, and the committed sample plans damaged at the byte level (flips, cuts,
splices), inside the .docx zip (so the XML parser and the Word walker see broken XML that still
passes the zip checksums) and at the text level (lines dropped, repeated, garbled).

The default run is short and derandomized (EXAMPLES per property). The long run draws fresh
random inputs: `make fuzz` (EHCP_FUZZ_EXAMPLES=2000 per property, five properties: 10,000).
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, reject, settings
from hypothesis import strategies as st

from ehcp_lint import check
from ehcp_lint.document import Block, BlockKind, Cell, Document, Location, Source
from ehcp_lint.errors import EhcpLintError
from ehcp_lint.limits import TimeLimitExceeded
from ehcp_lint.pipeline import check_plan
from ehcp_lint.report import PlanReport
from ehcp_lint.segment import segment
from tests.conftest import BASE_BODIES, SECTION_HEADINGS
from tests.hostile.corpus import (
    SAMPLE_DOCX,
    SAMPLE_PDF,
    SAMPLE_TXT,
    WORD_NS,
    rezip,
    sample_docx_member,
)

EXAMPLES = int(os.environ.get("EHCP_FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="EHCP_FUZZ_EXAMPLES" not in os.environ,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Longer than this for one input is a hang, not an answer (a plan takes well under a second).
HANG_SECONDS = 30.0
SAMPLES = {".docx": SAMPLE_DOCX, ".pdf": SAMPLE_PDF, ".txt": SAMPLE_TXT}


def report_or_clean_error(path: Path) -> PlanReport | EhcpLintError:
    """Check a file, failing the test on a crash (any other exception) or a hang."""
    try:
        report = check(path, timeout=HANG_SECONDS)
    except TimeLimitExceeded as error:
        raise AssertionError(f"hang: {error.message}") from None
    except EhcpLintError as error:
        message = str(error)
        assert message.startswith(f"{path}: ") and "\n" not in message
        assert error.__cause__ is None
        event(f"refused: {type(error).__name__}")
        return error
    event("report")
    assert len(report.sections) == 12
    report.to_json()
    return report


# ---------------------------------------------------------------------------------------------
# Random block sequences into segment, then every check
# ---------------------------------------------------------------------------------------------

HEADING_TEXTS = [
    *SECTION_HEADINGS.values(),
    *SECTION_HEADINGS,  # bare letters
    "Part 1",
    "Section",
    "Outcomes",
    "Health",
]
BODY_LINES = [line for body in BASE_BODIES.values() for line in body.splitlines()]
texts = st.one_of(
    st.sampled_from(HEADING_TEXTS),
    st.sampled_from(BODY_LINES),
    st.text(max_size=120),
    st.text(alphabet="AEF12:.-() \t|•", max_size=40),
)
raw_blocks = st.tuples(
    st.sampled_from(list(BlockKind)),
    st.lists(texts, min_size=1, max_size=4),
    st.booleans(),
    st.sampled_from([None, 1, 2, 3]),
)
# A section: its heading (in any block kind, styled or not) and a few random blocks.
sections = st.tuples(
    st.tuples(
        st.sampled_from([BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.TABLE_ROW]),
        st.sampled_from(list(SECTION_HEADINGS.values())).map(lambda heading: [heading]),
        st.booleans(),
        st.sampled_from([None, 1, 2]),
    ),
    st.lists(raw_blocks, max_size=5),
).map(lambda section: [section[0], *section[1]])
plan_like_blocks = st.tuples(
    st.lists(raw_blocks, max_size=5), st.lists(sections, min_size=3, max_size=12)
).map(lambda parts: parts[0] + [block for section in parts[1] for block in section])
SOURCE = Source(path="fuzz.docx", format="docx", sha256="0" * 64, size_bytes=1)


def as_document(raw: list[tuple[BlockKind, list[str], bool, int | None]]) -> Document:
    blocks = []
    for index, (kind, parts, bold, level) in enumerate(raw):
        location = Location(paragraph=index + 1)
        cells = (
            [Cell(text=part, bold=bold, location=location) for part in parts]
            if kind is BlockKind.TABLE_ROW
            else []
        )
        text = " | ".join(parts) if cells else parts[0]
        heading_level = level if kind is BlockKind.HEADING else None
        blocks.append(
            Block(
                index=index,
                kind=kind,
                text=text,
                cells=cells,
                heading_level=heading_level,
                bold=bold,
                location=location,
            )
        )
    return Document(source=SOURCE, blocks=blocks)


@FUZZ
@given(raw=st.one_of(plan_like_blocks, st.lists(raw_blocks, max_size=60)))
def test_any_block_sequence_segments_and_checks_or_is_not_an_ehcp(
    raw: list[tuple[BlockKind, list[str], bool, int | None]],
) -> None:
    try:
        plan = segment(as_document(raw))
    except EhcpLintError as error:
        assert error.exit_code == 9 and "\n" not in str(error)
        event("not an EHCP")
        return
    report = check_plan(plan)
    assert [section.id for section in report.sections] == list(SECTION_HEADINGS)
    event("segmented and checked")


# ---------------------------------------------------------------------------------------------
# Random bytes and damaged real files through the whole pipeline
# ---------------------------------------------------------------------------------------------

SIGNATURES = [b"", b"PK\x03\x04", b"%PDF-1.4\n", b"\xef\xbb\xbf", b"\xff\xfe", b"{\\rtf1"]


@FUZZ
@given(
    prefix=st.sampled_from(SIGNATURES),
    body=st.binary(max_size=2000),
    suffix=st.sampled_from([".docx", ".pdf", ".txt", ".md", ".docm", ""]),
)
def test_random_bytes(tmp_path: Path, prefix: bytes, body: bytes, suffix: str) -> None:
    path = tmp_path / f"random{suffix}"
    path.write_bytes(prefix + body)
    report_or_clean_error(path)


# One edit: (kind, where as a share of the file, length share, replacement bytes).
edits = st.tuples(
    st.sampled_from(["flip", "cut", "splice", "repeat", "delete"]),
    st.floats(0, 1),
    st.floats(0, 0.2),
    st.binary(min_size=1, max_size=16),
)


def damaged(data: bytes, changes: list[tuple[str, float, float, bytes]]) -> bytes:
    out = bytearray(data)
    for kind, where, length, filler in changes:
        if not out:
            break
        start = int(where * (len(out) - 1))
        end = min(len(out), start + max(1, int(length * len(out))))
        if kind == "flip":
            out[start : start + len(filler)] = filler
        elif kind == "cut":
            del out[start:]
        elif kind == "splice":
            out[start:start] = filler
        elif kind == "repeat":
            out[start:start] = out[start:end]
        else:
            del out[start:end]
    return bytes(out)


@FUZZ
@given(suffix=st.sampled_from(sorted(SAMPLES)), changes=st.lists(edits, min_size=1, max_size=6))
def test_damaged_sample_files(
    tmp_path: Path, suffix: str, changes: list[tuple[str, float, float, bytes]]
) -> None:
    path = tmp_path / f"damaged{suffix}"
    path.write_bytes(damaged(SAMPLES[suffix].read_bytes(), changes))
    report_or_clean_error(path)


W = f"{{{WORD_NS}}}"
# Well-formed WordprocessingML fragments, so the Word walker (not only the XML parser) is hit.
FRAGMENTS = [
    "<w:p><w:r><w:t>Section E: Outcomes</w:t></w:r></w:p>",
    '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Part 6</w:t></w:r></w:p>',
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>F</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>Special educational provision</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
    '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="99"/></w:numPr></w:pPr></w:p>',
    "<w:sdt><w:sdtContent><w:p><w:r><w:t>1:1 daily</w:t></w:r></w:p></w:sdtContent></w:sdt>",
    '<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">  </w:t></w:r></w:p>',
    "<w:tbl/>",
    "<w:tr><w:tc/></w:tr>",
    "<w:p><w:ins><w:r><w:t>inserted</w:t></w:r></w:ins><w:del><w:r><w:t>x</w:t></w:r></w:del></w:p>",
]
STYLES = ["Heading1", "Heading3", "Title", "ListBullet", "NoSuchStyle", ""]
tree_edits = st.tuples(
    st.sampled_from(["delete", "repeat", "move", "text", "style", "nest", "insert"]),
    st.floats(0, 1),
    st.floats(0, 1),
    st.text(max_size=40),
    st.sampled_from(range(len(FRAGMENTS))),
)


def word_element(fragment: str) -> Any:
    """Parse a WordprocessingML fragment written with the `w:` prefix."""
    from lxml import etree

    return etree.fromstring(f'<root xmlns:w="{WORD_NS}">{fragment}</root>')[0]


def edit_tree(xml: bytes, changes: list[tuple[str, float, float, str, int]]) -> bytes:
    """Apply structural edits to word/document.xml: elements deleted, repeated, moved, nested in
    tables, restyled, re-texted, or well-formed fragments inserted after them."""
    from lxml import etree

    root = etree.fromstring(xml)
    body = root.find(f"{W}body")
    for kind, where, other, text, fragment in changes:
        elements = list(body.iter(f"{W}p", f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}r"))
        if not elements:
            break
        element = elements[int(where * (len(elements) - 1))]
        target = elements[int(other * (len(elements) - 1))]
        if kind == "delete":
            element.getparent().remove(element)
        elif kind == "repeat":
            element.addnext(copy.deepcopy(element))
        elif kind == "move" and element is not target and element not in target.iterancestors():
            target.addnext(element)
        elif kind == "text":
            for node in element.iter(f"{W}t"):
                node.text = text
        elif kind == "style" and element.tag == f"{W}p":
            style = STYLES[fragment % len(STYLES)]
            element.insert(0, word_element(f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>'))
        elif kind == "nest":
            table = word_element("<w:tbl><w:tr><w:tc/></w:tr></w:tbl>")
            element.addprevious(table)
            table.find(f"{W}tr/{W}tc").append(element)
        else:
            element.addnext(word_element(FRAGMENTS[fragment]))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


@FUZZ
@given(changes=st.lists(tree_edits, min_size=1, max_size=8))
def test_docx_with_edited_structure(
    tmp_path: Path, changes: list[tuple[str, float, float, str, int]]
) -> None:
    try:
        xml = edit_tree(sample_docx_member("word/document.xml"), changes)
    except ValueError:
        reject()  # text hypothesis drew that XML cannot hold (control characters)
    path = tmp_path / "edited.docx"
    path.write_bytes(rezip(SAMPLE_DOCX.read_bytes(), replace={"word/document.xml": xml}))
    report_or_clean_error(path)


line_edits = st.tuples(
    st.sampled_from(["drop", "repeat", "garble", "insert"]),
    st.floats(0, 1),
    st.text(max_size=80),
)


@FUZZ
@given(changes=st.lists(line_edits, min_size=1, max_size=10))
def test_text_plans_with_garbled_lines(
    tmp_path: Path, changes: list[tuple[str, float, str]]
) -> None:
    lines = SAMPLE_TXT.read_text(encoding="utf-8").splitlines()
    for kind, where, text in changes:
        at = int(where * max(len(lines) - 1, 0))
        if kind == "drop" and lines:
            del lines[at]
        elif kind == "repeat" and lines:
            lines.insert(at, lines[at])
        elif kind == "garble" and lines:
            lines[at] = lines[at][: len(text)] + text
        else:
            lines.insert(at, text)
    path = tmp_path / "garbled.txt"
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    report_or_clean_error(path)
