"""Consistency: the plan is finished and about this child (placeholders, another child's name,
pronoun mix, duplicated paragraphs). Term lists and thresholds are in rules/consistency.toml."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cache
from typing import Any

from ehcp_lint.checks import CheckOutput
from ehcp_lint.document import Block, Location
from ehcp_lint.extract import is_nil_statement, is_subheading
from ehcp_lint.items import PlanItems
from ehcp_lint.plan import Plan, SectionId
from ehcp_lint.report import Finding
from ehcp_lint.ruleset import get_rule, load_toml
from ehcp_lint.textfeatures import split_sentences

PRONOUNS = {"he": ("he", "him", "his", "himself"), "she": ("she", "her", "hers", "herself")}
# Sections that describe the child, where a name or pronoun refers to the child.
CHILD_SECTIONS = (SectionId.A, SectionId.B, SectionId.C, SectionId.D, SectionId.E, SectionId.F)
# Words after a name that make it the subject or owner in a sentence about the child.
SUBJECT_AFTER = r"(?:'s|’s|\s+(?:will|is|has|can|needs|likes|enjoys|finds|to|should|would|may))\b"


@cache
def settings() -> dict[str, Any]:
    return load_toml("consistency.toml")["consistency"]


@cache
def _names() -> frozenset[str]:
    return frozenset(load_toml("names.toml")["first_names"])


@cache
def _other_people() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in settings()["other_people"])
    return re.compile(rf"\b(?:{words})s?\b", re.IGNORECASE)


@cache
def _placeholder() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in settings()["placeholders"]))


def run(plan: Plan, items: PlanItems) -> CheckOutput:
    findings = [
        *_placeholders(plan),
        *_duplicates(plan),
    ]
    child = child_first_name(plan)
    if child:
        findings += [*_other_names(plan, child), *_pronoun_mix(plan, child)]
    return CheckOutput(findings=findings)


def _text_pieces(block: Block) -> Iterator[tuple[str, Location]]:
    """A block's text in pieces that have their own location (cells of a row)."""
    if block.cells:
        for cell in block.cells:
            yield cell.text, cell.location
    else:
        yield block.text, block.location


def _placeholders(plan: Plan) -> Iterator[Finding]:
    rule = get_rule("CON001")
    for section_id, block in plan.blocks_by_section():
        for text, location in _text_pieces(block):
            match = _placeholder().search(text)
            if match:
                yield rule.finding(
                    section=section_id,
                    evidence=text,
                    location=location,
                    placeholder=match.group(0),
                )


def _duplicates(plan: Plan) -> Iterator[Finding]:
    rule = get_rule("CON004")
    first_seen: dict[str, Location] = {}
    for section_id, block in plan.blocks_by_section():
        if is_subheading(block):
            continue
        least = settings()["duplicate_min_words_in_cell" if block.cells else "duplicate_min_words"]
        for text, location in _text_pieces(block):
            if len(text.split()) < least or is_nil_statement(text):
                continue
            key = " ".join(text.lower().split())
            if key in first_seen:
                yield rule.finding(
                    section=section_id,
                    evidence=text,
                    location=location,
                    first_where=first_seen[key].describe(),
                )
            else:
                first_seen[key] = location


def child_first_name(plan: Plan) -> str | None:
    """The front matter's first name, else the listed first name used most about the child."""
    if plan.metadata.first_name:
        return plan.metadata.first_name
    counts = Counter(
        word
        for section_id in CHILD_SECTIONS
        for word in re.findall(r"\b[A-Z][a-z]+\b", plan.section(section_id).text)
        if word in _names()
    )
    return counts.most_common(1)[0][0] if counts else None


def _child_sentences(
    plan: Plan, *, skip_other_people: bool
) -> Iterator[tuple[SectionId, str, Location]]:
    """Sentences of the child-describing sections. With skip_other_people, leave out those that
    mention another person or follow one that does (a "she" there is likely the mother)."""
    for section_id in CHILD_SECTIONS:
        for block in plan.section(section_id).blocks:
            for text, location in _text_pieces(block):
                previous_mentions_other = False
                for span in split_sentences(text):
                    mentions_other = bool(_other_people().search(span.text))
                    if not skip_other_people or not (mentions_other or previous_mentions_other):
                        yield section_id, span.text, location
                    previous_mentions_other = mentions_other


def _is_related_name(name: str, child: str) -> bool:
    """Alex for Alexander and the like are the same child."""
    return name.startswith(child) or child.startswith(name)


@cache
def _title_before() -> re.Pattern[str]:
    titles = "|".join(re.escape(t) for t in settings()["titles"])
    return re.compile(rf"\b(?:{titles})\.?\s*$")


def _names_someone_else(sentence: str, start: int, end: int) -> bool:
    """'Sarah (mum)', 'his sister Lily', 'Lily, his sister': the name is a relative's or a
    professional's when a person word stands right beside it."""
    before = sentence[max(0, start - 20) : start]
    after = sentence[end : end + 20]
    beside = re.search(r"(\w+)\W*$", before), re.match(r"\W*(?:his |her |their )?(\w+)", after)
    return any(m and _other_people().fullmatch(m.group(1)) for m in beside)


def _other_names(plan: Plan, child: str) -> Iterator[Finding]:
    rule = get_rule("CON002")
    full_name = set((plan.metadata.child_name or "").split())
    reported: set[str] = set()
    for section_id, sentence, location in _child_sentences(plan, skip_other_people=False):
        for match in re.finditer(rf"\b([A-Z][a-z]+){SUBJECT_AFTER}", sentence):
            name = match.group(1)
            if (
                name in _names()
                and name not in full_name
                and name not in reported
                and not _is_related_name(name, child)
                and not _title_before().search(sentence[: match.start()])
                and not _names_someone_else(sentence, match.start(), match.end(1))
            ):
                reported.add(name)
                yield rule.finding(
                    section=section_id, evidence=sentence, location=location, name=name, child=child
                )


def _pronoun_set(word: str) -> str | None:
    return next((key for key, forms in PRONOUNS.items() if word in forms), None)


def _pronoun_mix(plan: Plan, child: str) -> Iterator[Finding]:
    """Flag sentences whose he/she disagrees with a clearly dominant choice in the plan."""
    uses: list[tuple[str, str, SectionId, str, Location]] = []
    for section_id, sentence, location in _child_sentences(plan, skip_other_people=True):
        for word in re.findall(r"\b[a-z]+\b", sentence.lower()):
            pronoun_set = _pronoun_set(word)
            if pronoun_set:
                uses.append((pronoun_set, word, section_id, sentence, location))
    counts = Counter(use[0] for use in uses)
    if len(counts) < 2:
        return
    dominant, dominant_count = counts.most_common(1)[0]
    if dominant_count / sum(counts.values()) < settings()["dominant_share"]:
        return
    rule = get_rule("CON003")
    flagged: set[str] = set()
    for pronoun_set, word, section_id, sentence, location in uses:
        if pronoun_set != dominant and sentence not in flagged:
            flagged.add(sentence)
            yield rule.finding(
                section=section_id,
                evidence=sentence,
                location=location,
                pronoun=word,
                dominant="/".join(PRONOUNS[dominant][:3]),
                child=child,
            )
