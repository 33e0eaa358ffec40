"""Pseudonymise a report for sharing (multi-agency audit groups): `ehcp-lint check --redact`.

Small recognizers (in the manner of presidio) each find one kind of personal data as exact spans:
the child's name (from the plan's metadata), other people's names (titled, "Mrs Khan", or a
listed first name in title case), dates of birth, NHS numbers (checksum-validated), UPNs,
postcodes, street addresses, phone numbers and emails. Overlaps go to the longer span, then to
the more specific recognizer. Each span becomes a stable placeholder ("[CHILD]", "Mrs [NAME-1]",
"[NHS-NUMBER]"); a name keeps its number wherever it appears in the report.

`redact_report` rewrites every string of the report except the fields that hold codes (rule,
severity, grade...), so fields added to the report later are redacted without being listed here.
The source path becomes the file's sha256 prefix plus its extension: folder and file names often
carry the child's name, and the hash still ties the report to the file for whoever holds it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from ehcp_lint.document import Source
from ehcp_lint.metadata import parse_uk_date
from ehcp_lint.plan import PlanMetadata
from ehcp_lint.report import PlanReport
from ehcp_lint.ruleset import load_toml
from ehcp_lint.textfeatures import expand

# Report fields that hold codes and enumerations, never the plan's words.
CODE_FIELDS = frozenset(
    {
        "schema_version",
        "tool_version",
        "sha256",
        "format",
        "rule",
        "category",
        "severity",
        "section",
        "id",
        "grade",
        "kind",
        "checks_run",
        "caps",
        "areas",
    }
)
HASH_PREFIX = 12
# Where a check cut a quote short ("...as n..."), a name may be cut mid-word.
ELLIPSIS = re.compile(r"\.\.\.|…")
NAME_TOKEN = r"[A-Z][A-Za-z'’]*[a-z](?:-[A-Z][A-Za-z'’]*[a-z])?"


@dataclass(frozen=True, slots=True)
class Hit:
    """One piece of personal data: text[start:end], its kind and the key that numbers it."""

    start: int
    end: int
    kind: str
    key: str = ""


Recognizer = Callable[[str], Iterator[Hit]]


@cache
def redact_rules() -> dict[str, Any]:
    return load_toml("redact.toml")


@cache
def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(expand(redact_rules()["patterns"][name]))


@cache
def _first_names() -> frozenset[str]:
    return frozenset(load_toml("names.toml")["first_names"])


def valid_nhs_number(digits: str) -> bool:
    """NHS Modulus 11: weights 10..2 on the first nine digits; the tenth is the check digit."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    remainder = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True)) % 11
    check = (11 - remainder) % 11
    return check != 10 and check == int(digits[9])


def _matches(name: str, kind: str) -> Recognizer:
    pattern = _pattern(name)

    def recognize(text: str) -> Iterator[Hit]:
        for match in pattern.finditer(text):
            yield Hit(match.start(), match.end(), kind)

    return recognize


def _nhs_numbers(text: str) -> Iterator[Hit]:
    for match in _pattern("nhs_number").finditer(text):
        if valid_nhs_number(re.sub(r"\D", "", match.group(0))):
            yield Hit(match.start(), match.end(), "nhs_number")


def _dates_of_birth(date_of_birth: date | None) -> Recognizer:
    """The child's date of birth in any format, and any date written after 'born' or 'DOB'."""
    birth_context = _pattern("birth_context")

    def recognize(text: str) -> Iterator[Hit]:
        for match in _pattern("date").finditer(text):
            is_birthday = date_of_birth is not None and parse_uk_date(match.group(0)) == (
                date_of_birth
            )
            if is_birthday or birth_context.search(text[: match.start()]):
                yield Hit(match.start(), match.end(), "date_of_birth")

    return recognize


def _child_names(metadata: PlanMetadata) -> Recognizer | None:
    """The child's full name, first name and surname, as written or in capitals.

    Case-sensitive on purpose: a child called Will or Hope must not blank every 'will'."""
    parts = {metadata.child_name, metadata.first_name, *(metadata.child_name or "").split()}
    # An initial ("Ethan J Marsh") alone is not the child: every standalone "J" would go.
    names = sorted({n for p in parts if p and len(p) > 1 for n in (p, p.upper())}, key=len)[::-1]
    if not names:
        return None
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")

    def recognize(text: str) -> Iterator[Hit]:
        for match in pattern.finditer(text):
            yield Hit(match.start(), match.end(), "child")

    return recognize


@cache
def _titled_name() -> re.Pattern[str]:
    titles = "|".join(map(re.escape, redact_rules()["names"]["titles"]))
    # The title stays; up to two initials or a first name, then the surname, are replaced.
    return re.compile(
        rf"\b(?:{titles})\.?[ \t]+(?P<name>(?:[A-Z]\.?[ \t]+){{0,2}}(?:{NAME_TOKEN}[ \t]+)?"
        rf"{NAME_TOKEN})(?![\w-])"
    )


def _titled_names(text: str) -> Iterator[Hit]:
    for match in _titled_name().finditer(text):
        surname = match.group("name").split()[-1]
        yield Hit(match.start("name"), match.end("name"), "name", surname.lower())


def _normalise_label(text: str) -> str:
    return " ".join(text.lower().replace(":", " ").split())


@cache
def _person_labels() -> frozenset[str]:
    return frozenset(map(_normalise_label, redact_rules()["names"]["person_labels"]))


def is_person_label(text: str) -> bool:
    """Whether a label (a table cell, say) introduces a person: "Parent/carer:", "Mother"."""
    return _normalise_label(text) in _person_labels()


@cache
def _person_after_title() -> re.Pattern[str]:
    """A person's name as a label's value: capitalised words, after any title (which stays)."""
    titles = "|".join(map(re.escape, redact_rules()["names"]["titles"]))
    word = r"[A-Z][A-Za-z'’-]*"
    return re.compile(rf"(?:(?:{titles})\.?[ \t]+)?(?P<name>{word}(?:[ \t]+{word}){{0,3}})")


@cache
def _labelled_person() -> re.Pattern[str]:
    labels = "|".join(
        r"[ \t]*".join(map(re.escape, label.split())) for label in sorted(_person_labels())
    )
    return re.compile(rf"(?<![\w-])(?i:{labels})[ \t]*[:\-–][ \t]*")


def _name_hit(match: re.Match[str]) -> Hit:
    name = match.group("name")
    return Hit(match.start("name"), match.end("name"), "name", name.split()[-1].lower())


def _labelled_names(text: str) -> Iterator[Hit]:
    """The name after a person label in running text: "Mother: Sadia Begum"."""
    for label in _labelled_person().finditer(text):
        person = _person_after_title().match(text, label.end())
        if person:
            yield _name_hit(person)


def leading_name(text: str) -> list[Hit]:
    """The name a value cell starts with, for a cell beside a person label."""
    person = _person_after_title().match(text, len(text) - len(text.lstrip()))
    return [_name_hit(person)] if person else []


NAME_WORD = re.compile(rf"(?<![\w-]){NAME_TOKEN}(?![\w-])")
SURNAME_AFTER = re.compile(rf"[ \t]+{NAME_TOKEN}(?![\w-])")


def _listed_names(text: str) -> Iterator[Hit]:
    """A first name from rules/names.toml in title case, with the surname that follows it."""
    rules = redact_rules()["names"]
    not_after, not_before = set(rules["not_after"]), set(rules["not_before"])
    for match in NAME_WORD.finditer(text):
        if match.group(0) not in _first_names():
            continue
        previous = text[: match.start()].split()[-1:]
        following = text[match.end() :].split()[:1]
        if previous and previous[0].lower() in not_after:
            continue
        if following and following[0].lower().rstrip(".,;:!?") in not_before:
            continue
        surname = SURNAME_AFTER.match(text, match.end())
        end = surname.end() if surname else match.end()
        yield Hit(match.start(), end, "name", match.group(0).lower())


class Redactor:
    """Replaces personal data with placeholders; one instance per plan keeps numbering stable."""

    def __init__(self, metadata: PlanMetadata) -> None:
        self.placeholders: dict[str, str] = redact_rules()["placeholders"]
        self.name_numbers: dict[str, int] = {}
        # Every piece of personal data replaced so far, to find it again when cut short.
        self.seen: dict[str, Hit] = {}
        child = _child_names(metadata)
        # In order of preference when two recognizers find spans of the same length.
        self.recognizers: list[Recognizer] = [
            self._cut_short,
            _matches("email", "email"),
            _nhs_numbers,
            _matches("upn", "upn"),
            _matches("phone", "phone"),
            _matches("postcode", "postcode"),
            _matches("address", "address"),
            _dates_of_birth(metadata.date_of_birth),
            # Before the child's names: "Ms Marsh" is the child's mother, not the child.
            _titled_names,
            _labelled_names,
            *([child] if child else []),
            _listed_names,
        ]

    def hits(self, text: str, extra: list[Hit] | None = None) -> list[Hit]:
        """Non-overlapping hits in text order: the longest span wins, then the earlier
        recognizer, then the extra hits a caller found from context."""
        found = [
            (hit.start, -(hit.end - hit.start), rank, hit)
            for rank, recognize in enumerate(self.recognizers)
            for hit in recognize(text)
        ]
        last = len(self.recognizers)
        found += [(hit.start, -(hit.end - hit.start), last, hit) for hit in extra or []]
        chosen: list[Hit] = []
        for _, _, _, hit in sorted(found, key=lambda item: item[:3]):
            if not chosen or hit.start >= chosen[-1].end:
                chosen.append(hit)
        return chosen

    def _cut_short(self, text: str) -> Iterator[Hit]:
        """The start of something already redacted, just before an ellipsis: "Mrs Sadia Kh..."
        was cut from a quote that named her in full."""
        for ellipsis in ELLIPSIS.finditer(text):
            head = text[: ellipsis.start()]
            for secret, hit in self.seen.items():
                prefix = next(
                    (secret[:n] for n in range(len(secret), 0, -1) if head.endswith(secret[:n])),
                    "",
                )
                start = len(head) - len(prefix)
                if prefix and (start == 0 or not head[start - 1].isalnum()):
                    yield Hit(start, len(head), hit.kind, hit.key)

    def placeholder(self, hit: Hit) -> str:
        if hit.kind != "name":
            return self.placeholders[hit.kind]
        number = self.name_numbers.setdefault(hit.key, len(self.name_numbers) + 1)
        return self.placeholders["name"].format(n=number)

    def redact(self, text: str) -> str:
        pieces: list[str] = []
        cursor = 0
        for hit in self.hits(text):
            pieces += [text[cursor : hit.start], self.placeholder(hit)]
            self.seen.setdefault(text[hit.start : hit.end], hit)
            cursor = hit.end
        return "".join([*pieces, text[cursor:]])


def redacted_path(source: Source) -> str:
    """The file as its sha256 prefix and extension: no folder or file name survives."""
    return f"{source.sha256[:HASH_PREFIX]}{Path(source.path).suffix}"


def redact_report(report: PlanReport, redactor: Redactor | None = None) -> PlanReport:
    """A copy of the report with personal data replaced in every text field (pure: the report
    passed in is not changed). Pass a Redactor to share its name numbering with other output."""
    redactor = redactor or Redactor(report.metadata)
    data = _redact_value(report.model_dump(), redactor)
    data["source"]["path"] = redacted_path(report.source)
    data["metadata"]["date_of_birth"] = None
    if report.metadata.upn is not None:
        data["metadata"]["upn"] = redactor.placeholders["upn"]
    return PlanReport.model_validate(data)


def _redact_value(value: Any, redactor: Redactor) -> Any:
    """Every plain string redacted, walking dicts (values only) and lists in order."""
    if isinstance(value, dict):
        return {
            key: item if key in CODE_FIELDS else _redact_value(item, redactor)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_redact_value(item, redactor) for item in value]
    if type(value) is str:
        return redactor.redact(value)
    return value
