"""Readability: reading figures per section, very long sentences, jargon with plain alternatives
and impersonal passive phrasing ("it is felt that"). Thresholds and term lists are in
rules/readability.toml; syllables come from pyphen's bundled English dictionary.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ehcp_lint.checks import CheckOutput
from ehcp_lint.document import Location
from ehcp_lint.extract import is_header_row, is_subheading
from ehcp_lint.items import PlanItems
from ehcp_lint.plan import Plan, Section, SectionId
from ehcp_lint.report import Finding, ReadingFigures
from ehcp_lint.ruleset import get_rule, load_toml
from ehcp_lint.textfeatures import phrase_pattern, split_sentences, words

if TYPE_CHECKING:
    import pyphen

# Flesch (1948) reading ease and Kincaid et al. (1975) grade level coefficients.
EASE_BASE, EASE_PER_SENTENCE_WORD, EASE_PER_WORD_SYLLABLE = 206.835, 1.015, 84.6
GRADE_PER_SENTENCE_WORD, GRADE_PER_WORD_SYLLABLE, GRADE_BASE = 0.39, 11.8, -15.59
# Hyphenation dictionaries never split the first or last two letters and leave some vowel
# sequences whole ("proprio-cept-ive"), so they undercount: take the larger of their count and
# the count of vowel groups. Short words get the vowel groups alone.
SHORT_WORD = 6
_VOWEL_GROUP = re.compile(r"[aeiouy]+")


class Sentence(BaseModel):
    """One sentence of a section with where to find it."""

    text: str
    location: Location


@cache
def settings() -> dict[str, Any]:
    return load_toml("readability.toml")["readability"]


@cache
def _hyphenator() -> pyphen.Pyphen:
    import pyphen  # imported here: checking a plan needs it, starting the CLI does not

    return pyphen.Pyphen(lang=settings()["language"])


@lru_cache(maxsize=1 << 16)  # pure; a plan repeats its words, and pyphen is the slow part
def syllables(word: str) -> int:
    """Syllables in a word: pyphen's hyphenation points + 1, or its vowel groups (a final silent
    'e' dropped) where there are more; never fewer than one."""
    lowered = word.lower().strip("'’-")
    vowel_groups = len(_VOWEL_GROUP.findall(lowered.removesuffix("e") or lowered))
    if len(lowered) < SHORT_WORD:
        return max(1, vowel_groups)
    return max(1, vowel_groups, len(_hyphenator().positions(lowered)) + 1)


def reading_figures(texts: list[str]) -> ReadingFigures | None:
    """Flesch reading ease and Flesch-Kincaid grade of some texts (None if they have no words)."""
    sentence_words = [words(s.text) for text in texts for s in split_sentences(text)]
    word_list = [word for found in sentence_words for word in found]
    sentence_count = sum(1 for found in sentence_words if found)
    if not word_list:
        return None
    per_sentence = len(word_list) / sentence_count
    per_word = sum(syllables(word) for word in word_list) / len(word_list)
    ease = EASE_BASE - EASE_PER_SENTENCE_WORD * per_sentence - EASE_PER_WORD_SYLLABLE * per_word
    grade = GRADE_PER_SENTENCE_WORD * per_sentence + GRADE_PER_WORD_SYLLABLE * per_word
    return ReadingFigures(
        words=len(word_list),
        sentences=sentence_count,
        reading_ease=round(ease, 1),
        grade=round(grade + GRADE_BASE, 1),
    )


def section_sentences(section: Section) -> list[Sentence]:
    """The prose sentences of a section: each table cell on its own, headings left out."""
    found: list[Sentence] = []
    for block in section.blocks:
        if is_subheading(block) or is_header_row(block):
            continue
        pieces = [(c.text, c.location) for c in block.cells] or [(block.text, block.location)]
        for text, location in pieces:
            found.extend(Sentence(text=s.text, location=location) for s in split_sentences(text))
    return found


def run(plan: Plan, items: PlanItems) -> CheckOutput:
    figures: dict[SectionId, ReadingFigures] = {}
    findings: list[Finding] = []
    for section in plan.present_sections:
        sentences = section_sentences(section)
        measured = reading_figures([s.text for s in sentences])
        if measured is not None and measured.words >= settings()["min_section_words"]:
            figures[section.id] = measured
            findings += _hard_section(section.id, measured, sentences)
        findings += _long_sentences(section.id, sentences)
        findings += _passive_hedges(section.id, sentences)
    findings += _jargon(plan)
    return CheckOutput(findings=findings, readability=figures)


def _hard_section(
    section_id: SectionId, measured: ReadingFigures, sentences: list[Sentence]
) -> Iterator[Finding]:
    if measured.grade <= settings()["max_grade"]:
        return
    hardest = max(sentences, key=lambda s: _sentence_grade(s.text))
    yield get_rule("ACC002").finding(
        section=section_id,
        evidence=hardest.text,
        location=hardest.location,
        section_id=section_id.value,
        grade=measured.grade,
        reading_ease=measured.reading_ease,
    )


def _sentence_grade(text: str) -> float:
    measured = reading_figures([text])
    return measured.grade if measured else 0.0


def _long_sentences(section_id: SectionId, sentences: list[Sentence]) -> Iterator[Finding]:
    limit = settings()["max_sentence_words"]
    for sentence in sentences:
        count = len(sentence.text.split())
        if count > limit:
            yield get_rule("ACC003").finding(
                section=section_id,
                evidence=sentence.text,
                location=sentence.location,
                count=f"{count}",
                limit=f"{limit}",
            )


@cache
def _passive_pattern() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in settings()["passive_hedges"]), re.IGNORECASE)


def _passive_hedges(section_id: SectionId, sentences: list[Sentence]) -> Iterator[Finding]:
    for sentence in sentences:
        match = _passive_pattern().search(sentence.text)
        if match:
            yield get_rule("ACC005").finding(
                section=section_id,
                evidence=sentence.text,
                location=sentence.location,
                phrase=match.group(0),
            )


@cache
def terms_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the terms as whole words (a plural ending allowed), compiled once per list."""
    return phrase_pattern(terms)


@cache
def _exempt_pattern() -> re.Pattern[str]:
    return phrase_pattern(settings()["exempt_phrases"])


def _jargon(plan: Plan) -> Iterator[Finding]:
    return jargon_findings(plan, settings()["jargon"])


def jargon_findings(plan: Plan, glossary: dict[str, str]) -> Iterator[Finding]:
    """ACC004 for each glossary term once, where it is first used unexplained (no gloss in
    brackets after), suggesting its plain alternative. The shipped glossary is
    rules/readability.toml; an LA's settings file can add its own (ehcp_lint/extra_terms.py)."""
    if not glossary:
        return
    rule = get_rule("ACC004")
    plain = {_normal(term): alternative for term, alternative in glossary.items()}
    pattern = terms_pattern(tuple(sorted(glossary)))
    reported: set[str] = set()
    for section in plan.present_sections:
        for sentence in section_sentences(section):
            exempt = [m.span() for m in _exempt_pattern().finditer(sentence.text)]
            for match in pattern.finditer(sentence.text):
                term = _term_of(match.group(0), plain)
                if term in reported or _inside(match.span(), exempt):
                    continue
                reported.add(term)
                if not sentence.text[match.end() :].lstrip().startswith("("):
                    yield rule.finding(
                        section=section.id,
                        evidence=sentence.text,
                        location=sentence.location,
                        term=match.group(0),
                        plain=plain[term],
                    )


def _term_of(found: str, plain: dict[str, str]) -> str:
    """The listed term a match stands for (a match may add a plural ending or spacing)."""
    key = _normal(found)
    return next(
        (term for term in (key, key.removesuffix("s"), key.removesuffix("es")) if term in plain),
        key,
    )


def _normal(term: str) -> str:
    return " ".join(term.lower().split())


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in spans)
