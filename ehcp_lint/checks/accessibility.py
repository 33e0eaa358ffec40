"""Accessibility: plain English a family can read (unexplained acronyms)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from ehcp_lint.checks import CheckOutput
from ehcp_lint.checks.consistency import placeholder_pattern
from ehcp_lint.document import Block
from ehcp_lint.items import PlanItems
from ehcp_lint.plan import Plan, SectionId
from ehcp_lint.report import Finding
from ehcp_lint.ruleset import get_rule, load_toml
from ehcp_lint.textfeatures import split_sentences

ACRONYM = re.compile(r"\b([A-Z]{2,6}\d{0,2})(?:s|'s|’s)?\b")


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
            if acronym in known or acronym in reported or _exempt_use(block.text, match):
                continue
            reported.add(acronym)
            if not is_explained(acronym, whole_text):
                yield rule.finding(
                    section=section_id,
                    evidence=_sentence_at(block.text, match.start()),
                    location=block.location,
                    acronym=acronym,
                )


def _exempt_use(text: str, match: re.Match[str]) -> bool:
    """Capitals that are a template placeholder (CON001 reports those), part of a proper name
    ("Oakfield CE Primary School": the family knows its school's name), or a statutory
    regulator in a qualification ("HCPC registered", "registered with the GMC")."""
    inside_placeholder = any(
        p.start() <= match.start() < p.end() for p in placeholder_pattern().finditer(text)
    )
    return (
        inside_placeholder
        or _inside_proper_name(text, match)
        or bool(
            match.group(1) in settings()["statutory_regulators"]
            and _register_clause(match.group(1)).search(text)
        )
    )


def _inside_proper_name(text: str, match: re.Match[str]) -> bool:
    """Inside the name of a school or organisation: after a capitalised word that does not open
    the sentence, and before capitalised words that end in an organisation word ("Oakfield CE
    Primary School"). A capitalised job title ("a Specialist SALT Assistant") is no name."""
    before = re.search(r"(\S+)\s+([A-Z][a-z]+)\s+$", text[: match.start()])
    after = re.match(r"(?:\s+[A-Z][a-z]+)+", text[match.end() :])
    organisation = set(settings()["organisation_words"])
    return bool(
        before
        and not re.search(r"[.!?:]$", before.group(1))
        and after
        and organisation & set(after.group(0).split())
    )


@cache
def _register_clause(acronym: str) -> re.Pattern[str]:
    """ "ABC registered" (not "ABC registered with ...", where ABC is the person registered),
    "registered with the ABC", "a member of the ABC"."""
    words = "|".join(settings()["register_words"])
    name = re.escape(acronym)
    return re.compile(
        rf"\b{name}[\s-]+(?:{words})\b(?!\s+(?:with|by|as|to|under|for|on)\b)"
        rf"|\b(?:{words})\s+(?:with|by)\s+(?:the\s+)?{name}\b"
        rf"|\bmembers?\s+of\s+(?:the\s+)?{name}\b",
        re.IGNORECASE,
    )
