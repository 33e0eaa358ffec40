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
from ehcp_lint.textfeatures import Span, split_sentences

ACRONYM = re.compile(r"\b([A-Z]{2,8}\d{0,2})(?:s|'s|’s)?\b")
# What may stand between an acronym and its words in full: brackets, quotes, commas, dashes,
# "or", "the", "known as", "called", "stands for", "means", "short for", "which is",
# "hereafter", "referred to as".
_LINK = (
    r"(?:[\s(\[\"“”‘’',:=–—-]|\b(?:or|the|an?|known\s+as|called|stands\s+for|means|is|"
    r"short\s+for|which|that|abbreviated\s+(?:to|as)|for\s+short|i\.e\.|ie|hereafter|henceforth|"
    r"(?:referred\s+to|written|shown)\s+as|shortened\s+to|from\s+(?:now|here)\s+on)\b)*"
)
_BEFORE_LINK = re.compile(_LINK + r"$", re.IGNORECASE)
_AFTER_LINK = re.compile(r"^" + _LINK, re.IGNORECASE)
# The words in full after an acronym run to the next bracket, comma, full stop or line end.
_PHRASE_END = re.compile(r"[()\[\],.;:\n]")
_WORD_IN_FULL = re.compile(r"[A-Za-z]+")
# Two or more words in capitals in a row, and anything in angle brackets ("<FIRST NAME>"):
# template fields, whose capitals are no acronyms.
_CAPITALS_RUN = re.compile(r"(?<![\w'’])[A-Z][A-Z'’]+(?:[ \t]+[A-Z][A-Z'’]+)+(?![\w'’])")
_TEMPLATE_MARKUP = re.compile(r"<[^<>\n]{1,40}>")
# "(ABC)" or "(ABCs)" in any case; "ABC (words in full)"; a glossary line "ABC - words".
_BRACKETED = re.compile(r"\(\s*([A-Za-z]{2,6}\d{0,2}s?)\s*\)")
_BRACKET_AFTER = re.compile(r"\s*\(([^()]*)\)")
_LOWER = re.compile(r"[a-z]")
_GLOSSARY_LINE = re.compile(r"(?m)^[ \t]*([A-Z]{2,8}\d{0,2})[ \t]*(?:-|–|:|=|\|)[ \t]*\w")
# How far back a proper name around an acronym is looked for ("Oakfield CE Primary School").
_NAME_WINDOW = 120


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


def explained_acronyms(text: str) -> frozenset[str]:
    """Every acronym the text explains (in capitals): 'words in full (ABC)' (any case: "(SENCo)"
    explains SENCO), 'ABC (words in full)', a glossary line 'ABC - ...', or the words in full
    written beside it in any other way whose initials spell it: 'an emotional literacy support
    assistant, or ELSA', 'ELSA, which stands for emotional literacy support assistant', 'Child
    and Adolescent Mental Health Services ("CAMHS")'. One pass over the text."""
    explained: set[str] = set()
    for bracketed in _BRACKETED.finditer(text):
        word = bracketed.group(1).upper()
        explained.update((word, word.removesuffix("S")))
    explained.update(match.group(1) for match in _GLOSSARY_LINE.finditer(text))
    for match in ACRONYM.finditer(text):
        gloss = _BRACKET_AFTER.match(text, match.end())
        if (gloss and len(_LOWER.findall(gloss.group(1))) >= 4) or _spelt_out_beside(text, match):
            explained.add(match.group(1))
    return frozenset(explained)


def _spelt_out_beside(text: str, match: re.Match[str]) -> bool:
    """Whether the words just before or just after this use of an acronym (across a bracket,
    comma, dash, quote, "or", "known as", "stands for"...) have initials that spell it."""
    window = settings()["definition_window_words"]
    before = _BEFORE_LINK.sub("", text[max(0, match.start() - 200) : match.start()])
    after = _AFTER_LINK.sub("", text[match.end() : match.end() + 200], count=1)
    words_before = _WORD_IN_FULL.findall(before)[-window:]
    words_after = _WORD_IN_FULL.findall(_PHRASE_END.split(after, maxsplit=1)[0])[:window]
    letters = [c for c in match.group(1) if c.isalpha()]
    return any(
        _initials_spell(letters, words_before[start:]) for start in range(len(words_before))
    ) or any(_initials_spell(letters, words_after[:end]) for end in range(1, len(words_after) + 1))


def _initials_spell(letters: list[str], words: list[str]) -> bool:
    """Whether the words, in order, spell the letters: each word gives the first one or more of
    its letters (SENCO: Special Educational Needs CO-ordinator); small words ("and", "of") may
    give none (CAMHS: Child and Adolescent Mental Health Services). The first and last word
    must each give a letter, so no stray word is taken in."""
    small = _small_words()

    @cache
    def spells(letter: int, word: int) -> bool:
        if word == len(words):
            return letter == len(letters)
        current = words[word].lower()
        if current in small and 0 < word < len(words) - 1 and spells(letter, word + 1):
            return True
        taken = 0
        while (
            letter + taken < len(letters)
            and taken < len(current)
            and current[taken] == letters[letter + taken].lower()
        ):
            taken += 1
            if spells(letter + taken, word + 1):
                return True
        return False

    return bool(words) and words[0].lower() not in small and spells(0, 0)


@cache
def _small_words() -> frozenset[str]:
    return frozenset(settings()["definition_small_words"])


def _unexplained_acronyms(plan: Plan) -> Iterator[Finding]:
    rule = get_rule("ACC001")
    explained = explained_acronyms("\n".join(block.text for _, block in plan.blocks_by_section()))
    known = (
        set(settings()["known_abbreviations"])
        | set(settings()["placeholders"])
        | {s.value for s in SectionId}
    )
    reported: set[str] = set()
    for section_id, block in _prose_blocks(plan):
        templates: list[tuple[int, int]] | None = None  # worked out once a block needs them
        sentences: list[Span] | None = None
        for match in ACRONYM.finditer(block.text):
            acronym = match.group(1)
            if acronym in known or acronym in reported:
                continue
            templates = _template_spans(block.text) if templates is None else templates
            if any(start <= match.start() < end for start, end in templates) or _exempt_use(
                block.text, match
            ):
                continue
            reported.add(acronym)
            if acronym not in explained:
                sentences = split_sentences(block.text) if sentences is None else sentences
                yield rule.finding(
                    section=section_id,
                    evidence=_sentence_at(sentences, match.start(), block.text),
                    location=block.location,
                    acronym=acronym,
                )


def _sentence_at(sentences: list[Span], position: int, text: str) -> str:
    """The sentence that contains position (the whole text if it has one sentence)."""
    return next((span.text for span in sentences if span.start <= position < span.end), text)


def _template_spans(text: str) -> list[tuple[int, int]]:
    """Where the text holds a template placeholder (CON001 reports those), anything in angle
    brackets ("<FIRST NAME>"), or a run of words in capitals with a placeholder word in it
    ("NAME HERE", "CHILD'S SURNAME"): template fields, whose capitals are no acronyms."""
    placeholders = set(settings()["placeholders"])
    spans = [m.span() for p in (placeholder_pattern(), _TEMPLATE_MARKUP) for m in p.finditer(text)]
    spans += [
        run.span()
        for run in _CAPITALS_RUN.finditer(text)
        if any(
            word.rstrip("'’S") in placeholders or word in placeholders for word in run[0].split()
        )
    ]
    return spans


def _exempt_use(text: str, match: re.Match[str]) -> bool:
    """Capitals that are part of a proper name ("Oakfield CE Primary School": the family knows
    its school's name), or a statutory regulator in a qualification ("HCPC registered",
    "registered with the GMC")."""
    return _inside_proper_name(text, match) or bool(
        match.group(1) in settings()["statutory_regulators"]
        and _register_clause(match.group(1)).search(text)
    )


def _inside_proper_name(text: str, match: re.Match[str]) -> bool:
    """Inside the name of a school or organisation: after a capitalised word that does not open
    the sentence, and before capitalised words that end in an organisation word ("Oakfield CE
    Primary School"). A capitalised job title ("a Specialist SALT Assistant") is no name."""
    before = re.search(
        r"(\S+)\s+([A-Z][a-z]+)\s+$", text[max(0, match.start() - _NAME_WINDOW) : match.start()]
    )
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
    """ "ABC registered" (not "ABC registered with the XYZ", where ABC is the person registered;
    "HCPC registered with 3 pupils" is the qualification, then the group),
    "registered with the ABC", "registered: ABC", "a member of the ABC", "ABC registration",
    "registration with the ABC", "on the ABC register"."""
    words = "|".join(settings()["register_words"])
    nouns = "|".join(settings()["register_nouns"])
    name = re.escape(acronym)
    return re.compile(
        rf"\b{name}[\s-]+(?:{words})\b(?!\s+(?:with|by|to|under)\s+(?:the\s+)?(?-i:[A-Z]{{2,}}))"
        rf"|\b{name}[\s-]+(?:{nouns})\b"
        rf"|\b(?:{words}|{nouns})(?:\s+(?:with|by)|\s*:)\s+(?:the\s+)?{name}\b"
        rf"|\bmembers?\s+of\s+(?:the\s+)?{name}\b",
        re.IGNORECASE,
    )
