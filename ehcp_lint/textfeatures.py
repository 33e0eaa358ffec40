"""Small text features shared by extraction and the rule-based checks.

Sentence splitting that keeps exact offsets, and term/pattern finders built from the data in
rules/terms.toml (and the per-check rule files). Everything is plain `re`: it is fast, has no
cold start, and every match is an exact span of the plan's own text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict

from ehcp_lint.ruleset import load_toml

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_PERIOD = r"(?:school\s+)?(?:day|week|fortnight|month|half[- ]term|term|year|session|lesson)"
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n+")
_LAST_WORD = re.compile(r"(\S+)$")
# Only the last word before a full stop can make it an abbreviation, so look no further back:
# searching all the text before every stop is quadratic in the length of a paragraph.
ABBREVIATION_WINDOW = 40
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


class Span(BaseModel):
    """An exact piece of a text: text == source[start:end]."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int
    text: str

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def inside(self, other: Span) -> bool:
        return other.start <= self.start and self.end <= other.end


@cache
def terms() -> dict[str, Any]:
    """The shared term lists (rules/terms.toml), loaded once."""
    return load_toml("terms.toml")


@cache
def _number_pattern() -> str:
    words = sorted(terms()["numbers"]["words"], key=len, reverse=True)
    return r"(?:\d+(?:\.\d+)?|" + "|".join(re.escape(word) for word in words) + ")"


def expand(pattern: str) -> str:
    """Fill the {num}, {period} and {month} placeholders of a pattern from the data files."""
    return (
        pattern.replace("{num}", _number_pattern())
        .replace("{period}", _PERIOD)
        .replace("{month}", f"(?:{_MONTHS})")
    )


def compile_patterns(patterns: Iterable[str], *, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One alternation of the given regular expressions (placeholders expanded)."""
    return re.compile("|".join(f"(?:{expand(pattern)})" for pattern in patterns), flags)


def phrase_pattern(phrases: Iterable[str], *, case_sensitive: bool = False) -> re.Pattern[str]:
    """Match any of the phrases as whole words, longest first, with flexible spacing."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    bodies = [r"\s+".join(re.escape(part) for part in phrase.split()) for phrase in ordered]
    # A phrase may end in punctuation ("etc."), so only demand a word boundary after a word
    # char; a word may take a plural ending ("check-ins", "TAs").
    alternation = "|".join(
        body + (r"(?:e?s)?\b" if phrase[-1].isalnum() else "")
        for body, phrase in zip(bodies, ordered, strict=True)
    )
    return re.compile(rf"(?<![\w-])(?:{alternation})", 0 if case_sensitive else re.IGNORECASE)


def find_spans(pattern: re.Pattern[str], text: str) -> list[Span]:
    """Every non-empty match of a pattern as a Span, in order."""
    return [
        Span(start=match.start(), end=match.end(), text=match.group(0))
        for match in pattern.finditer(text)
        if match.end() > match.start()
    ]


def outermost(spans: Iterable[Span]) -> list[Span]:
    """Each span once and none inside another ("may" in "may benefit from"), in text order."""
    unique = set(spans)
    outer = {s for s in unique if not any(s != o and s.inside(o) for o in unique)}
    return sorted(outer, key=lambda span: span.start)


def first_span(pattern: re.Pattern[str], text: str) -> Span | None:
    match = pattern.search(text)
    return Span(start=match.start(), end=match.end(), text=match.group(0)) if match else None


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(word.lower() for word in terms()["sentences"]["abbreviations"])


def _is_abbreviation(text_before_stop: str) -> bool:
    match = _LAST_WORD.search(text_before_stop)
    if match is None:
        return False
    word = match.group(1).lstrip("(\"'“‘").lower()
    # A single capital letter before the stop is an initial ("J. Smith").
    return word in _abbreviations() or (len(word) == 1 and word.isalpha())


def split_sentences(text: str, offset: int = 0) -> list[Span]:
    """Sentences of `text` as exact, stripped spans (offsets shifted by `offset`).

    Splits after . ! ? when the next word starts a sentence, and at line breaks; never after an
    abbreviation ("e.g.", "Mr.") and never inside "1:1" or "9.30", which have no space after.
    """
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[max(0, match.start() - ABBREVIATION_WINDOW) : match.start()]
        if match.group(0)[0] in ".!?" and _is_abbreviation(before):
            continue
        end = match.end() if match.group(0)[0] != "\n" else match.start()
        _append_stripped(spans, text, start, end, offset)
        start = match.end()
    _append_stripped(spans, text, start, len(text), offset)
    return spans


def _append_stripped(spans: list[Span], text: str, start: int, end: int, offset: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    begin = start + lead
    spans.append(Span(start=begin + offset, end=begin + len(stripped) + offset, text=stripped))


def shorten(text: str, limit: int = 90) -> str:
    """A text for a suggestion: whole if short, else cut at `limit` characters with '...'."""
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def words(text: str) -> list[str]:
    """Lower-case words of a text (letters, apostrophes and hyphens)."""
    return [word.lower() for word in _WORD.findall(text)]


# Pure and called for every word of every check (tens of thousands per plan); a plan's
# vocabulary is small, so a bounded cache saves most of the work.
@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude English stem so that 'reading', 'reads' and 'read' meet; good enough for overlap."""
    word = word.lower().strip("'’-")
    for suffix in ("ingly", "ing", "edly", "ed", "ies", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def without_spans(text: str, spans: Iterable[Span]) -> str:
    """The text with the given spans blanked out (same length, so offsets still hold)."""
    chars = list(text)
    for span in spans:
        chars[span.start : span.end] = " " * (span.end - span.start)
    return "".join(chars)
