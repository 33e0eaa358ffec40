"""An annotated copy of the writer's own .docx: one Word review comment per finding.

Each comment is anchored on the finding's exact quote: the paragraph (or table cell) at the
finding's location is found by the same walk the reader numbers them with, the quote is found in
its text, and runs are split at the quote's start and end (each half keeps the run's formatting)
so the comment covers just those words. When the quote cannot be found the comment falls back to
the whole paragraph, then to the section's heading; findings with nothing to anchor on (a missing
section) are listed in the summary comment on the first paragraph, which also gives the grade.

The source file is only read. Output is reproducible: comments carry no timestamp and the zip
entries a fixed date, so the same plan and report give the same bytes.
"""

from __future__ import annotations

import copy
import hashlib
import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from docx.oxml.ns import qn

from ehcp_lint.document import Location
from ehcp_lint.errors import EhcpLintError
from ehcp_lint.ingest.blocks import ROW_SEPARATOR
from ehcp_lint.ingest.docx_reader import (
    PARAGRAPH_RUNS,
    TBL,
    TC,
    TR,
    P,
    _as_plain_docx,
    _content_children,
    _continues_vertical_merge,
    _grid_span,
)
from ehcp_lint.render import score_text
from ehcp_lint.report import Finding, PlanReport, ScoreResult
from ehcp_lint.ruleset import all_rules

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.text.run import CT_R
    from lxml.etree import _Element

    from ehcp_lint.redact import Hit, Redactor

AUTHOR = "ehcp-lint"
INITIALS = "EL"
# Word's run content that has text (CT_R.text counts exactly these), the rest is zero-width.
TEXT_CHILDREN = {qn(tag) for tag in ("w:t", "w:tab", "w:br", "w:cr", "w:noBreakHyphen", "w:ptab")}
RUN_PROPERTIES = qn("w:rPr")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
TOP_DRIVERS = 3
LocationKey = tuple[int | None, int | None, int | None, int | None]


def annotate_docx(source: Path, report: PlanReport, *, redactor: Redactor | None = None) -> bytes:
    """The .docx at `source` with a comment per finding of `report` (which must be this file's
    report), as bytes. With a redactor, comments and the document's own text are redacted."""
    import docx

    data = source.read_bytes()
    if hashlib.sha256(data).hexdigest() != report.source.sha256:
        raise EhcpLintError(source, "changed since it was checked", "check it again")
    document = docx.Document(io.BytesIO(_as_plain_docx(data)))
    shown = report
    if redactor is not None:
        from ehcp_lint.redact import redact_report

        shown = redact_report(report, redactor)
    index = _paragraph_index(document.element.body)
    anchors = [_anchor(finding, report, index) for finding in report.findings]
    unanchored = [f for f, anchor in zip(shown.findings, anchors, strict=True) if not anchor.runs]
    _add_comment(document, _summary_runs(document), _summary_text(shown, unanchored))
    for finding, anchor in zip(shown.findings, anchors, strict=True):
        if anchor.runs:
            _add_comment(document, anchor.runs, _finding_text(finding, quote=not anchor.exact))
    if redactor is not None:
        _redact_properties(document, redactor)
    buffer = io.BytesIO()
    document.save(buffer)
    return _repackage(buffer.getvalue(), redactor)


class _ParagraphIndex:
    """Paragraph elements by the Location the reader gave their text."""

    def __init__(self) -> None:
        self.by_location: dict[LocationKey, list[_Element]] = {}
        self.paragraph_count = 0
        self.table_count = 0

    def get(self, location: Location | None) -> list[_Element]:
        if location is None:
            return []
        key = (location.paragraph, location.table, location.row, location.cell)
        return self.by_location.get(key, [])

    def walk(self, container: _Element) -> None:
        for child in _content_children(container):
            if child.tag == P:
                self.paragraph_count += 1
                self.by_location[(self.paragraph_count, None, None, None)] = [child]
            elif child.tag == TBL:
                self._table(child)

    def _table(self, table: _Element) -> None:
        # Numbered exactly as ingest.docx_reader numbers tables, rows and grid columns.
        self.table_count += 1
        number = self.table_count
        rows = [child for child in _content_children(table) if child.tag == TR]
        for row_number, row in enumerate(rows, start=1):
            nested: list[_Element] = []
            row_paragraphs: list[_Element] = []
            column = 1 + _grid_span(row.find(qn("w:trPr")), "w:gridBefore", default=0)
            for tc in (child for child in _content_children(row) if child.tag == TC):
                if not _continues_vertical_merge(tc):
                    cell = list(_content_children(tc))
                    paragraphs = [child for child in cell if child.tag == P]
                    self.by_location[(None, number, row_number, column)] = paragraphs
                    row_paragraphs += paragraphs
                    nested.extend(child for child in cell if child.tag == TBL)
                column += _grid_span(tc.find(qn("w:tcPr")), "w:gridSpan", default=1)
            self.by_location[(None, number, row_number, None)] = row_paragraphs
            for inner in nested:
                self._table(inner)


def _paragraph_index(body: _Element) -> _ParagraphIndex:
    index = _ParagraphIndex()
    index.walk(body)
    return index


@dataclass(frozen=True, slots=True)
class _Anchor:
    """The runs a comment covers, and whether they hold exactly the finding's quote."""

    runs: list[CT_R]
    exact: bool = False


def _anchor(finding: Finding, report: PlanReport, index: _ParagraphIndex) -> _Anchor:
    """A finding's quote, else its paragraph (a row: all its cells), else its section's
    heading; no runs when there is nothing to anchor on."""
    paragraphs = index.get(finding.location)
    if finding.evidence:
        for paragraph in paragraphs:
            runs = _quote_runs(paragraph, finding.evidence)
            if runs:
                return _Anchor(runs, exact=True)
    whole = _text_runs(paragraphs)
    if whole:
        return _Anchor(whole, exact=_is_whole_row(paragraphs, finding.evidence))
    heading = next((s for s in report.sections if s.id == finding.section and s.present), None)
    return _Anchor(_text_runs(index.get(heading.location if heading else None)))


def _is_whole_row(paragraphs: list[_Element], quote: str | None) -> bool:
    """Whether the quote is a table row's text as the reader joins its cells ("a | b")."""
    cells = [" ".join(_joined_text(p).split()) for p in paragraphs]
    return quote is not None and " ".join(quote.split()) == ROW_SEPARATOR.join(
        c for c in cells if c
    )


def _quote_runs(paragraph: _Element, quote: str) -> list[CT_R]:
    """The runs holding exactly `quote` in the paragraph (split where it starts and ends)."""
    pattern = r"\s+".join(map(re.escape, quote.split()))
    match = re.search(pattern, _joined_text(paragraph)) if pattern else None
    if match is None:
        return []
    return _isolate(paragraph, match.start(), match.end())


def _run_spans(paragraph: _Element) -> Iterator[tuple[CT_R, int, int]]:
    """Each visible run with its start and end offset in the paragraph's text."""
    offset = 0
    for run in paragraph.xpath(PARAGRAPH_RUNS):
        length = len(run.text)
        yield run, offset, offset + length
        offset += length


def _joined_text(paragraph: _Element) -> str:
    return "".join(run.text for run in paragraph.xpath(PARAGRAPH_RUNS))


def _isolate(paragraph: _Element, start: int, end: int) -> list[CT_R]:
    """Split runs at `end` then `start` (so earlier offsets hold) and return those between."""
    for offset in (end, start):
        for run, run_start, run_end in _run_spans(paragraph):
            if run_start < offset < run_end:
                _split_run(run, offset - run_start)
                break
    return [
        run
        for run, run_start, run_end in _run_spans(paragraph)
        if start <= run_start and run_end <= end and run_end > run_start
    ]


def _split_run(run: CT_R, offset: int) -> None:
    """Cut a run in two at `offset` characters of its text; both halves keep its formatting."""
    tail = copy.deepcopy(run)
    run.addnext(tail)
    _keep_characters(run, 0, offset)
    _keep_characters(tail, offset, None)


def _keep_characters(run: CT_R, start: int, end: int | None) -> None:
    """Drop the run's content outside [start, end); zero-width content goes with what follows."""
    position = 0
    for child in [c for c in run.iterchildren() if c.tag != RUN_PROPERTIES]:
        length = len(str(child)) if child.tag in TEXT_CHILDREN else 0
        child_end = position + length
        inside_start = child_end > start if length else position >= start
        inside_end = end is None or position < end
        if not (inside_start and inside_end):
            run.remove(child)
        elif child.tag == qn("w:t") and (position < start or (end is not None and child_end > end)):
            text = child.text or ""
            child.text = text[max(start - position, 0) : None if end is None else end - position]
            child.set(XML_SPACE, "preserve")
        position = child_end


def _text_runs(paragraphs: list[_Element]) -> list[CT_R]:
    return [run for p in paragraphs for run, start, end in _run_spans(p) if end > start]


def _summary_runs(document: DocxDocument) -> list[CT_R]:
    """The first paragraph with text, wherever it is (a title or a front-matter table)."""
    for paragraph in document.element.body.iter(P):
        runs = _text_runs([paragraph])
        if runs:
            return runs
    return []


def _add_comment(document: DocxDocument, runs: list[CT_R], text: str) -> None:
    from docx.text.run import Run

    comment = document.add_comment(
        [Run(run, document) for run in runs], text=text, author=AUTHOR, initials=INITIALS
    )
    # python-docx stamps the current time; without it the same report gives the same file.
    comment._comment_elm.date = None


def _finding_text(finding: Finding, *, quote: bool) -> str:
    rule = all_rules().get(finding.rule)
    lines = [f"{finding.rule} ({finding.severity.value}): {finding.message}"]
    if quote and finding.evidence:
        lines.append(f'Quote: "{finding.evidence}"')
    if finding.suggestion:
        lines.append(f"Suggestion: {finding.suggestion}")
    if rule is not None:
        lines.append(f"Source: {rule.source}")
    return "\n".join(lines)


def _summary_text(report: PlanReport, unanchored: list[Finding]) -> str:
    counts = Counter(finding.severity.value for finding in report.findings)
    lines = [
        "ehcp-lint: pre-audit, for moderation (an auditor's judgement decides the grade).",
        *_score_lines(report.score),
        f"Findings: {len(report.findings)} ({counts['error']} errors, {counts['warning']} "
        f"warnings, {counts['info']} info); each is a comment on the words it is about.",
    ]
    if unanchored:
        lines.append("Findings not tied to any words in the plan:")
        lines += [f"- {_finding_text(finding, quote=True)}" for finding in unanchored]
    return "\n".join(lines)


def _score_lines(score: ScoreResult | None) -> list[str]:
    if score is None:
        return ["Not scored."]
    lines = [f"Grade: {score.grade.replace('_', ' ')}, score {score_text(score.overall)}/100."]
    if score.caps:
        lines.append("Grade capped by: " + ", ".join(c.replace("_", " ") for c in score.caps))
    for driver in score.drivers[:TOP_DRIVERS]:
        where = f" in section {driver.section.value}" if driver.section else ""
        lines.append(
            f"Top driver: {driver.rule}{where}, {driver.count} finding(s), "
            f"-{driver.points:g} points: {driver.message}"
        )
    return lines


def _redact_properties(document: DocxDocument, redactor: Redactor) -> None:
    properties = document.core_properties
    for field in ("author", "title", "subject", "keywords", "comments", "last_modified_by"):
        value = getattr(properties, field)
        if value:
            setattr(properties, field, redactor.redact(value))


def _redact_story(xml: bytes, redactor: Redactor) -> bytes:
    """A Word XML part with personal data replaced in its paragraphs and tracked deletions."""
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml.parser import parse_xml

    root = parse_xml(xml)
    beside_labels = _person_cell_names(root)
    for paragraph in root.iter(P):
        _redact_paragraph(paragraph, redactor, beside_labels.get(paragraph))
    for deleted in root.iter(qn("w:delText")):
        deleted.text = redactor.redact(deleted.text or "")
    return serialize_part_xml(root)


def _person_cell_names(root: _Element) -> dict[_Element, list[Hit]]:
    """The names in value cells beside a person label ("Parent/carer | Sadia Begum"), by
    paragraph: a name there is a name even when it is on no list."""
    from ehcp_lint.redact import is_person_label, leading_name

    names: dict[_Element, list[Hit]] = {}
    for row in root.iter(TR):
        cells = [child for child in _content_children(row) if child.tag == TC]
        for label, value in pairwise(cells):
            if is_person_label(" ".join(_joined_text(p) for p in label.iter(P))):
                for paragraph in value.iter(P):
                    names[paragraph] = leading_name(_joined_text(paragraph))
    return names


def _redact_paragraph(
    paragraph: _Element, redactor: Redactor, names: list[Hit] | None = None
) -> None:
    """Each hit's runs become one run holding the placeholder, formatted as the first was;
    names are numbered in reading order, then replaced from the end so offsets stay valid."""
    hits = redactor.hits(_joined_text(paragraph), names)
    replacements = [(hit, redactor.placeholder(hit)) for hit in hits]
    for hit, placeholder in reversed(replacements):
        runs = _isolate(paragraph, hit.start, hit.end)
        if runs:
            runs[0].text = placeholder
            for run in runs[1:]:
                run.getparent().remove(run)


def _repackage(data: bytes, redactor: Redactor | None) -> bytes:
    """The same package with every entry dated alike, so equal content gives equal bytes; with
    a redactor, every Word story in it (body, headers, footers, notes, comments) redacted."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as copy_zip,
    ):
        for member in source.infolist():
            content = source.read(member)
            if redactor is not None and _is_word_story(member.filename):
                content = _redact_story(content, redactor)
            entry = zipfile.ZipInfo(member.filename, date_time=FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            copy_zip.writestr(entry, content)
    return output.getvalue()


def _is_word_story(name: str) -> bool:
    return name.startswith("word/") and name.endswith(".xml")
