"""Read the child's name, date of birth, plan date, year group, UPN and age from the front matter.

Front matter comes as a two-column table (Label | Value), a four-column table (Label | Value |
Label | Value), a header row of labels over a row of values, or "Label: value" lines (several
may share a line). Labels are data in rules/metadata.toml. Dates are read day-first (UK).
Nothing is guessed: a field that is absent or unreadable is None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from rapidfuzz import fuzz, process

from ehcp_lint.document import Block, BlockKind, Document
from ehcp_lint.plan import PlanMetadata
from ehcp_lint.ruleset import load_toml

OTHER_FIELD = "other"
# Labels read by an inference rule are filed under this prefix and the field's name.
INFERRED_PREFIX = "inferred "
_MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
# "4 May 2014", "4th of May, 2014", "04-May-2014", "4/May/2014"
_DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}}){_ORDINAL}(?:\s+|\s*[-/]\s*)(?:of\s+)?{_MONTH}(?:,?\s+|\s*[-/]\s*)(\d{{4}})\b",
    re.I,
)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}){_ORDINAL},?\s+(\d{{4}})\b", re.I)
# Each pattern with the order of its day/month/year groups.
_DATE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (_NUMERIC_DATE, "dmy"),
    (_ISO_DATE, "ymd"),
    (_DAY_MONTH_YEAR, "dmy"),
    (_MONTH_DAY_YEAR, "mdy"),
)
_YEAR_NUMBER = re.compile(r"^(?:(?:nc|national curriculum)\s+)?(?:year|yr|y)?\s*(\d{1,2})\b")
_NAMED_YEAR = re.compile(r"\b(?:year|yr|y)\s*(\d{1,2})\b")
# "Year Eleven" is Year 11.
YEAR_WORDS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen",
)  # fmt: skip
_NUMBER_WORD = re.compile(rf"(?<=\byear )(?:{'|'.join(YEAR_WORDS)})\b")
_FIRST_NUMBER = re.compile(r"\b(\d{1,2})\b")
_UPN = re.compile(r"^[A-Z]\d{11}[0-9A-Z]$")
_NAME = re.compile(r"^[^\W\d_][\w'’.\- ]*$")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_GLOSS = re.compile(r"\([^)]*\)")
_LEADING_LABEL = re.compile(r"^\s*([^:|]{2,60}?)\s*:\s*(\S.*)$")
_MIN_YEAR_GROUP = -1
_MAX_YEAR_GROUP = 14
_MAX_AGE = 25
_DATE_FIELDS = frozenset({"date_of_birth", "plan_date"})
# English school years start on 1 September; a cohort starts Reception in the September after
# its members turn four.
_SCHOOL_YEAR_START_MONTH = 9
_RECEPTION_AGE = 5


@dataclass(frozen=True, slots=True)
class InferredLabel:
    """An unlisted label read as a field by its words: one of `words`, one of `with_words`
    (when any are given) and none of `not_words`."""

    field: str
    key: str
    tier: int
    words: frozenset[str]
    with_words: frozenset[str]
    not_words: frozenset[str]

    def names_field(self, label_words: set[str]) -> bool:
        # A plural or possessive ("workers", "worker's" after normalising) is its word too.
        label_words = label_words | {word[:-1] for word in label_words if word.endswith("s")}
        return (
            bool(label_words & self.words)
            and (not self.with_words or bool(label_words & self.with_words))
            and not label_words & self.not_words
        )


@dataclass(frozen=True, slots=True)
class MetadataRules:
    """rules/metadata.toml with every label normalised once."""

    fallback_blocks: int
    max_label_words: int
    label_threshold: float
    max_name_words: int
    label_field: dict[str, str]
    label_rank: dict[str, int]
    line_labels: re.Pattern[str]
    year_groups: dict[str, int]
    inferred: tuple[InferredLabel, ...]
    filler_words: frozenset[str]

    def inferred_label(self, label: str) -> InferredLabel | None:
        """The rule of an unlisted label that still names a field by its words ("Date final
        EHCP sent" is the plan date, "Child's birth date (dd/mm/yyyy)" the date of birth)."""
        words = set(label.split())
        return next((rule for rule in self.inferred if rule.names_field(words)), None)


@dataclass(frozen=True, slots=True)
class LabelledValue:
    field: str
    rank: int
    value: str


@cache
def metadata_rules() -> MetadataRules:
    raw = load_toml("metadata.toml")
    reader = raw["reader"]
    label_field: dict[str, str] = {}
    label_rank: dict[str, int] = {}
    for field_name, labels in raw["labels"].items():
        for rank, label in enumerate(labels):
            key = normalise_label(label)
            label_field.setdefault(key, field_name)
            label_rank.setdefault(key, rank)
    inferred: list[InferredLabel] = []
    shared_not_words = raw.get("inferred_not_words", {})
    for field_name, tiers in raw["inferred"].items():
        # One rule, or a list of rules tried in order: a later tier ranks below an earlier one.
        for tier, words in enumerate(tiers if isinstance(tiers, list) else [tiers]):
            key = _inferred_key(field_name, tier)
            inferred.append(
                InferredLabel(
                    field=field_name,
                    key=key,
                    tier=tier,
                    words=frozenset(words["words"]),
                    with_words=frozenset(words.get("with_words", ())),
                    not_words=frozenset(
                        [*words.get("not_words", ()), *shared_not_words.get(field_name, ())]
                    ),
                )
            )
            # after every listed label of its field, and after the tiers before it
            label_field[key] = field_name
            label_rank[key] = len(raw["labels"][field_name]) + tier
    all_labels = [label for labels in raw["labels"].values() for label in labels]
    return MetadataRules(
        fallback_blocks=int(reader["fallback_blocks"]),
        max_label_words=int(reader["max_label_words"]),
        label_threshold=float(reader["label_threshold"]),
        max_name_words=int(reader["max_name_words"]),
        label_field=label_field,
        label_rank=label_rank,
        line_labels=_line_label_pattern(all_labels),
        year_groups={normalise_label(k): int(v) for k, v in raw["year_groups"].items()},
        inferred=tuple(inferred),
        filler_words=frozenset(reader["filler_words"]),
    )


def _inferred_key(field_name: str, tier: int) -> str:
    return INFERRED_PREFIX + field_name + (f" {tier + 1}" if tier else "")


def normalise_label(text: str) -> str:
    """Lower case, apostrophes dropped, other punctuation as spaces: "Child's name:" -> ...."""
    lowered = text.lower().replace("'", "").replace("’", "")
    return _NON_WORD.sub(" ", lowered).strip()


def _line_label_pattern(labels: list[str]) -> re.Pattern[str]:
    """Any known label followed by a colon, longest first so "Name of school" beats "Name"."""
    alternatives = sorted({_label_regex(label) for label in labels}, key=len, reverse=True)
    return re.compile(rf"(?:^|(?<=[\s|;,]))(?:{'|'.join(alternatives)})\s*:", re.I)


def _label_regex(label: str) -> str:
    """A label as a regex that tolerates apostrophe styles and spacing."""
    parts = [re.escape(part) for part in label.replace("’", "'").split()]
    return r"\s+".join(parts).replace("'", "['’]?")


def extract_metadata(document: Document, front_matter: list[Block]) -> PlanMetadata:
    """The plan's metadata from its front matter, falling back to the document's first blocks."""
    rules = metadata_rules()
    values = _best_values(_labelled_values(front_matter, rules))
    fallback = _best_values(_labelled_values(document.blocks[: rules.fallback_blocks], rules))
    for field_name, value in fallback.items():
        values.setdefault(field_name, value)
    return _metadata(values, rules)


def _best_values(found: list[LabelledValue]) -> dict[str, str]:
    """Per field, the value under the highest-priority label (first in document order on ties).
    A date field whose value holds no date ("Issued as: Final", "Date of plan: to follow") says
    nothing of the date, nor a year group field one with no year group ("Academic year:
    2025/26"), so a lower-ranked label with one is read instead."""
    best: dict[str, LabelledValue] = {}
    for item in found:
        if item.field == OTHER_FIELD or not item.value:
            continue
        if item.field in _DATE_FIELDS and parse_uk_date(item.value) is None:
            continue
        if item.field == "year_group" and parse_year_group(item.value) is None:
            continue
        if item.field == "class_name" and named_year_group(item.value) is None:
            continue
        if item.field not in best or item.rank < best[item.field].rank:
            best[item.field] = item
    return {field_name: item.value for field_name, item in best.items()}


def _labelled_values(blocks: list[Block], rules: MetadataRules) -> list[LabelledValue]:
    found: list[LabelledValue] = []
    for position, block in enumerate(blocks):
        if block.kind is BlockKind.TABLE_ROW:
            following = blocks[position + 1] if position + 1 < len(blocks) else None
            found.extend(_row_values(block, following, rules))
        else:
            found.extend(_line_values(block.text, rules))
    return found


def _row_values(row: Block, following: Block | None, rules: MetadataRules) -> list[LabelledValue]:
    """Label | Value pairs, a header row of labels over a row of values, or "Label: value" cells."""
    texts = [cell.text.strip() for cell in row.cells]
    labels = [_known_label(text, rules) for text in texts]
    if all(labels) and following is not None and following.kind is BlockKind.TABLE_ROW:
        values = [cell.text.strip() for cell in following.cells]
        if len(values) == len(texts) and not any(_known_label(v, rules) for v in values):
            return [
                _value(label, value, rules) for label, value in zip(labels, values, strict=True)
            ]
    found: list[LabelledValue] = []
    if len(texts) % 2 == 0:  # Label | Value (| Label | Value); odd rows are data tables
        for index in range(0, len(texts), 2):
            label, value = labels[index], texts[index + 1]
            if label is not None and labels[index + 1] is None:
                found.append(_value(label, value, rules))
    if not found:
        for text in texts:
            found.extend(_line_values(text, rules))
    return found


def _known_label(text: str, rules: MetadataRules) -> str | None:
    """The normalised known label a cell holds, allowing a small typo and a gloss or filler
    ("DOB (date of birth)", "Current year group"); None if not a label."""
    key = normalise_label(text)
    if not key or len(key.split()) > rules.max_label_words:
        return None
    if key in rules.label_field:
        return key
    plain = _without_gloss(text, rules)
    if plain in rules.label_field:
        return plain
    # Two labels for one value ("Known as / legal name"): the first part that is a label.
    if "/" in text:
        parts = (_known_label(part, rules) for part in text.split("/"))
        found = next((label for label in parts if label is not None), None)
        if found is not None:
            return found
    inferred = rules.inferred_label(key)
    if inferred is not None and inferred.tier == 0:
        return inferred.key
    # A listed label with a typo ("Date of brith") outranks a later tier's reading by words.
    closest = process.extractOne(
        key, rules.label_field.keys(), scorer=fuzz.ratio, score_cutoff=rules.label_threshold
    )
    if closest is not None:
        return closest[0]
    return None if inferred is None else inferred.key


def _value(label: str, value: str, rules: MetadataRules) -> LabelledValue:
    return LabelledValue(rules.label_field[label], rules.label_rank[label], value.strip())


def _line_values(text: str, rules: MetadataRules) -> list[LabelledValue]:
    """Every "Label: value" in a line; a value runs to the next known label."""
    matches = list(rules.line_labels.finditer(text))
    if not matches:
        return _inferred_line_value(text, rules)
    found: list[LabelledValue] = []
    for position, match in enumerate(matches):
        end = matches[position + 1].start() if position + 1 < len(matches) else len(text)
        label = normalise_label(match.group(0))
        if position == 0 and _label_goes_on_before(text, match, rules):
            # "Forename(s) and surname:" is the child's full name, not a surname.
            label = _known_label(text[: match.end()].rstrip(" \t:"), rules) or label
        found.append(_value(label, text[match.end() : end].strip(" \t|;,"), rules))
    return found


def _label_goes_on_before(text: str, match: re.Match[str], rules: MetadataRules) -> bool:
    """Whether a known label only ends the line's label: words before it on the line, no
    sentence or field break between, and the whole still short enough to be a label."""
    prefix = text[: match.start()].strip()
    return (
        bool(prefix)
        and not re.search(r"[.!?:|;]", prefix)
        and len(normalise_label(text[: match.end()]).split()) <= rules.max_label_words
    )


def _inferred_line_value(text: str, rules: MetadataRules) -> list[LabelledValue]:
    """A "Label: value" line whose label is a known one with a gloss or filler, or is unlisted
    but names a field by its words."""
    match = _LEADING_LABEL.match(text)
    if match is None:
        return []
    label = _known_label(match.group(1), rules)
    return [] if label is None else [_value(label, match.group(2), rules)]


def _without_gloss(text: str, rules: MetadataRules) -> str:
    """A label without bracketed glosses and leading filler words: "Current year group"."""
    words = normalise_label(_GLOSS.sub(" ", text)).split()
    while words and words[0] in rules.filler_words:
        words = words[1:]
    return " ".join(words)


def _metadata(values: dict[str, str], rules: MetadataRules) -> PlanMetadata:
    full_name = _name(values.get("child_name"), rules)
    first = _name(values.get("first_name"), rules)
    surname = _name(values.get("surname"), rules)
    preferred = _name(values.get("preferred_name"), rules)
    if full_name is None and first is not None:
        full_name = f"{first} {surname}" if surname else first
    if full_name is None and preferred is not None and len(preferred.split()) > 1:
        # The only name given, in full ("Known as / legal name | Sam Jones"): not a short name.
        full_name, preferred = preferred, None
    full_name = full_name or preferred
    first_name = preferred or first or (full_name.split()[0] if full_name else None)
    date_of_birth = parse_uk_date(values.get("date_of_birth", ""))
    plan_date = parse_uk_date(values.get("plan_date", ""))
    return PlanMetadata(
        child_name=full_name,
        first_name=first_name,
        date_of_birth=date_of_birth,
        plan_date=plan_date,
        age=_age(date_of_birth, plan_date, values.get("age")),
        year_group=_year_group(
            values.get("year_group", values.get("class_name")), date_of_birth, plan_date, rules
        ),
        upn=_upn(values.get("upn")),
    )


def _name(value: str | None, rules: MetadataRules) -> str | None:
    """A plausible name as written (whitespace tidied), or None for blanks and non-names."""
    if value is None:
        return None
    name = " ".join(value.split())
    if not _NAME.match(name) or len(name.split()) > rules.max_name_words:
        return None
    return name


def parse_uk_date(text: str) -> date | None:
    """The first date in the text, read day-first: 04/05/2014 is 4 May 2014. None if none."""
    readable: list[tuple[int, date]] = []
    for pattern, order in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            parts = dict(zip(order, match.groups(), strict=True))
            found = _safe_date(parts["y"], parts["m"], parts["d"])
            if found is not None:
                readable.append((match.start(), found))
    return min(readable)[1] if readable else None


def _safe_date(year: str, month: str, day: str) -> date | None:
    """A real calendar date from its parts (a month may be a name), or None (31/02/2014)."""
    month_number = int(month) if month.isdigit() else _MONTHS[month.lower()]
    try:
        return date(int(year), month_number, int(day))
    except ValueError:
        return None


def parse_year_group(text: str, rules: MetadataRules | None = None) -> int | None:
    """National Curriculum year: "Year 6"/"Y6"/"6" -> 6, "Reception" -> 0, "Nursery" -> -1."""
    rules = rules or metadata_rules()
    key = _NUMBER_WORD.sub(
        lambda word: str(YEAR_WORDS.index(word.group(0)) + 1), normalise_label(text)
    )
    if not key:
        return None
    match = _YEAR_NUMBER.match(key) or _NAMED_YEAR.search(key)  # "Oak class, Year 4"
    if match and int(match.group(1)) <= _MAX_YEAR_GROUP:
        return int(match.group(1))
    for name, year in sorted(rules.year_groups.items(), key=lambda item: -len(item[0])):
        if re.search(rf"\b{re.escape(name)}\b", key):
            return year
    return None


def named_year_group(text: str) -> int | None:
    """The year group a class or form's name states in words ("Year 3", "Oak class, Year 4",
    "Reception"); None for a bare number, which may be a class's own ("Class 3", "Form 9B")."""
    return None if re.match(r"\d", normalise_label(text)) else parse_year_group(text)


def _year_group(
    stated: str | None, date_of_birth: date | None, plan_date: date | None, rules: MetadataRules
) -> int | None:
    """The stated year group; else the chronological one from date of birth and plan date."""
    parsed = None if stated is None else parse_year_group(stated, rules)
    if parsed is not None:
        return parsed
    if date_of_birth is None or plan_date is None:
        return None
    year = school_year_start(plan_date) - school_year_start(date_of_birth) - _RECEPTION_AGE
    return year if _MIN_YEAR_GROUP <= year <= _MAX_YEAR_GROUP else None


def school_year_start(day: date) -> int:
    """The calendar year in which the English school year containing `day` began."""
    return day.year if day.month >= _SCHOOL_YEAR_START_MONTH else day.year - 1


def _age(date_of_birth: date | None, plan_date: date | None, stated: str | None) -> int | None:
    """Whole years from birth to the plan date; else the stated age ("9", "9 years 4 months")."""
    if date_of_birth is not None and plan_date is not None and plan_date >= date_of_birth:
        before_birthday = (plan_date.month, plan_date.day) < (
            date_of_birth.month,
            date_of_birth.day,
        )
        return plan_date.year - date_of_birth.year - before_birthday
    match = _FIRST_NUMBER.search(stated or "")
    if match and int(match.group(1)) <= _MAX_AGE:
        return int(match.group(1))
    return None


def _upn(value: str | None) -> str | None:
    """A Unique Pupil Number: a letter, 11 digits and a check digit or letter."""
    if value is None:
        return None
    compact = "".join(value.split()).upper()
    return compact if _UPN.match(compact) else None
