"""Features of one Section E outcome, shared by training and prediction.

The rule check (ehcp_lint.checks.outcomes) finds the evidence - time frame, measure, vague,
absolute and service phrases, overlap with the needs in Section B - and decides each SMART
element. The features are that evidence and those verdicts; how much of the outcome's words
Section B uses for the plan's areas of need (NeedLexicon); and word unigrams and bigrams of the
outcome with its time frame and measures blanked out (the rule features describe those in a way
that generalises, their words would be memorised), names dropped, pronouns and numbers folded, so
a model learns wording, not children. Training keeps the Section B links ("rel:") for the
relevance model only. Pure Python: no scikit-learn at check time.

FEATURE_SCHEMA names this exact set; change it whenever a feature changes meaning, so that models
trained on the old features are refused (ModelError) rather than silently misread.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Literal

from pydantic import BaseModel, Field

from ehcp_lint.items import NeedArea

FEATURE_SCHEMA = "outcome-features/3"

_PRONOUNS = {"he": "he", "she": "he", "they": "he", "his": "his", "her": "his", "their": "his"}
_PRONOUNS |= {"him": "him", "them": "him", "himself": "himself", "herself": "himself"}
_PRONOUNS |= {"themselves": "himself", "themself": "himself"}
_TOKEN = re.compile(r"\d+|[A-Za-z][A-Za-z'’-]*")
# What kind of success criterion a measure phrase is: a bare number word ("two metres") is much
# weaker evidence than a rate ("4 out of 5") or a criterion ("independently").
_MEASURE_KINDS = {
    "percent": re.compile(r"%|per\s*cent", re.I),
    "rate": re.compile(r"\bout\s+of\b|\b\d+\s*/\s*\d+\b|\bin\s+\d+\b", re.I),
    "digit": re.compile(r"\d"),
    "number_word": re.compile(r"^[a-z]+$", re.I),
    "unaided": re.compile(r"independent|without|own|prompt|reminder", re.I),
    "occasions": re.compile(r"occasion|day|session|lesson|attempt|week", re.I),
}


class OutcomeEvidence(BaseModel):
    """What the rules found in one outcome: exact phrases of its text, and its links to B."""

    text: str
    time_frames: list[str] = Field(default_factory=list)
    measures: list[str] = Field(default_factory=list)
    vague: str | None = None
    absolute: str | None = None
    service: str | None = None
    needs_judged: bool = Field(description="Section B has needs to link the outcome to")
    shared: list[str] = Field(description="Word stems shared with the needs and aspirations")
    text_area: NeedArea | None = Field(description="The area of need the outcome's words name")
    group_area: NeedArea | None = Field(description="The area of need its heading names")
    need_areas: list[NeedArea] = Field(description="The areas of need in Section B")
    pfa: str | None = Field(default=None, description="A preparing-for-adulthood phrase")
    pfa_heading: str | None = Field(
        default=None, description="The preparing-for-adulthood heading the outcome sits under"
    )
    pastime: str | None = Field(default=None, description="A pastime the outcome is built on")
    pastime_linked: bool = Field(
        default=False,
        description="Section B or an aspiration in A names that pastime, or it is a community "
        "activity of a young person preparing for adulthood",
    )
    stems: list[str] = Field(
        default_factory=list, description="Content word stems of the outcome (names left out)"
    )
    families: list[str] = Field(
        default_factory=list, description="Skill families the outcome's words belong to"
    )
    linked_families: list[str] = Field(
        default_factory=list,
        description="Its families that Section B or A is about too, or that lie in an area of "
        "need B describes",
    )
    unknown: list[str] = Field(
        default_factory=list, description="Its topic stems that belong to no skill family"
    )
    weak_links: list[str] = Field(
        default_factory=list,
        description="Skill families lying in an area of need B describes that only words with "
        "everyday senses besides the skill ('run', 'change') name: not counted in families",
    )


class NeedLexicon(BaseModel):
    """Word stems that Section B uses to describe each area of need, learned from the TRAIN
    corpus (a stem is kept when at least `min_plans` plans use it for that area). It lets
    relevance generalise beyond the few words one plan's B happens to share with an outcome:
    "take turns in a game" meets the communication vocabulary, "bake a cake" meets none."""

    format: Literal["ehcp-lint-need-lexicon/1"] = "ehcp-lint-need-lexicon/1"
    feature_schema: str
    min_plans: int
    areas: dict[NeedArea, list[str]]

    def coverage(self, stems: list[str], areas: list[NeedArea]) -> float:
        """Share of the stems that the given areas' vocabulary uses."""
        if not stems:
            return 0.0
        known = set().union(*(self.areas.get(area, []) for area in areas)) if areas else set()
        return sum(stem in known for stem in stems) / len(stems)


def outcome_features(
    evidence: OutcomeEvidence, rule: dict[str, bool], lexicon: NeedLexicon
) -> dict[str, float]:
    """Sparse features (name -> value) of one outcome given the rule's verdict per element and
    the need vocabulary; absent names are 0."""
    features: dict[str, float] = {}
    for element, met in rule.items():
        features[f"rule:{element}"] = float(met)
    for name, phrase in (
        ("time", evidence.time_frames),
        ("measure", evidence.measures),
        ("vague", evidence.vague),
        ("absolute", evidence.absolute),
        ("service", evidence.service),
    ):
        features[f"has:{name}"] = float(bool(phrase))
    features.update(_measure_features(evidence.measures))
    features.update(_relevance_features(evidence, lexicon))
    # No length feature: generated provision-as-outcome lines are short, so a model would learn
    # "short = provision", a shortcut real plans do not follow.
    blanked = _blank(evidence.text, evidence.time_frames + evidence.measures)
    features.update(_ngram_features(blanked))
    return {name: value for name, value in features.items() if value}


def _measure_features(measures: list[str]) -> dict[str, float]:
    features = {"measures": min(len(measures), 3) / 3}
    for kind, pattern in _MEASURE_KINDS.items():
        features[f"measure:{kind}"] = float(any(pattern.search(m) for m in measures))
    # Only number words or bare digits: a quantity in the task, not a success criterion.
    features["measure:only_numbers"] = float(
        bool(measures) and all(re.fullmatch(r"[a-z]+|\d+", m.strip(), re.I) for m in measures)
    )
    return features


def _relevance_features(evidence: OutcomeEvidence, lexicon: NeedLexicon) -> dict[str, float]:
    if not evidence.needs_judged:
        return {"rel:unjudged": 1.0}
    own = lexicon.coverage(evidence.stems, evidence.need_areas)
    return {
        "rel:lexicon_own": own,
        "rel:lexicon_none": float(own == 0),
        "rel:lexicon_any": lexicon.coverage(evidence.stems, list(lexicon.areas)),
        "rel:shared": min(len(evidence.shared), 3) / 3,
        "rel:shared_none": float(not evidence.shared),
        # The heading's area is left out on purpose: in the generated plans only PfA outcomes
        # lack one, and a model learns "no heading area = relevant", which real plans refute.
        **_area_features("text", evidence.text_area, evidence.need_areas),
        "rel:pfa": float(evidence.pfa is not None),
    }


def _area_features(
    where: str, area: NeedArea | None, need_areas: list[NeedArea]
) -> dict[str, float]:
    if area is None:
        return {f"rel:{where}_area_none": 1.0}
    return {f"rel:{where}_area_{'match' if area in need_areas else 'other'}": 1.0}


def _blank(text: str, phrases: list[str]) -> str:
    for phrase in phrases:
        text = text.replace(phrase, " ")
    return text


def outcome_tokens(text: str) -> list[str]:
    """Lower-case words with capitalised words (names above all) left out, pronouns of any gender
    folded together and every number written as 'num'."""
    tokens = []
    for word in _TOKEN.findall(text):
        if word[0].isdigit():
            tokens.append("num")
        elif not word[0].isupper():
            lowered = word.lower()
            tokens.append(_PRONOUNS.get(lowered, lowered))
    return tokens


def _ngram_features(text: str) -> dict[str, float]:
    tokens = outcome_tokens(text)
    features = {f"w:{token}": 1.0 for token in tokens}
    features.update({f"b:{a}_{b}": 1.0 for a, b in pairwise(tokens)})
    return features
