"""Accessibility: plain English a family can read (unexplained acronyms)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from ehcp_lint.checks import CheckOutput
from ehcp_lint.document import Block
from ehcp_lint.items import PlanItems
from ehcp_lint.plan import Plan, SectionId
from ehcp_lint.report import Finding
from ehcp_lint.ruleset import get_rule, load_toml
from ehcp_lint.textfeatures import split_sentences

ACRONYM = re.compile(r"\b([A-Z]{2,6})(?:s|'s|’s)?\b")


@cache
def settings() -> dict[str, Any]:
    return load_toml("accessibility.toml")["accessibility"]


def run(plan: Plan, items: PlanItems) -> CheckOutput:
    return CheckOutput(findings=list(_unexplained_acronyms(plan)))


def _is_shouted(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return bool(letters) and upper / len(letters) >= settings()["upper_case_block_share"]


def _prose_blocks(plan: Plan) -> Iterator[tuple[SectionId, Block]]:
    for section in plan.present_sections:
        for block in section.blocks:
            if not _is_shouted(block.text):
                yield section.id, block


def _sentence_at(text: str, position: int) -> str:
    """The sentence of text that contains position (the whole text if it has one sentence)."""
    return next(
        (span.text for span in split_sentences(text) if span.start <= position < span.end), text
    )


def is_explained(acronym: str, text: str) -> bool:
    """Explained as 'words in full (ABC)', 'ABC (words in full)', or a glossary line 'ABC - ...'."""
    escaped = re.escape(acronym)
    patterns = (
        rf"\(\s*{escaped}s?\s*\)",
        # At least four lower-case letters before the ")": a lookahead whose parts cannot
        # overlap, because "(?:[^)]*[a-z]){4,}" backtracks exponentially on an unclosed "(".
        rf"\b{escaped}s?\s*\((?=(?:[^)a-z]*[a-z]){{4}})[^)]*\)",
        rf"(?m)^\s*{escaped}\s*(?:-|–|:|=|\|)\s*\w",
    )
    return any(re.search(pattern, text) for pattern in patterns)


def _unexplained_acronyms(plan: Plan) -> Iterator[Finding]:
    rule = get_rule("ACC001")
    whole_text = "\n".join(block.text for _, block in plan.blocks_by_section())
    known = (
        set(settings()["known_abbreviations"])
        | set(settings()["placeholders"])
        | {s.value for s in SectionId}
    )
    reported: set[str] = set()
    for section_id, block in _prose_blocks(plan):
        for match in ACRONYM.finditer(block.text):
            acronym = match.group(1)
            if acronym in known or acronym in reported:
                continue
            reported.add(acronym)
            if not is_explained(acronym, whole_text):
                yield rule.finding(
                    section=section_id,
                    evidence=_sentence_at(block.text, match.start()),
                    location=block.location,
                    acronym=acronym,
                )
