"""Synthetic EHC plans with gold labels: phrase-bank content, defects planted at known places.

    python -m corpora_synthetic.generate --out DIR --n 500 --seed 7 --split train \
        --formats docx,pdf,txt [--templates letters_colon,friendly]

Each plan is drawn from its own `random.Random`, seeded from (seed, split, index), so the same
arguments give byte-identical files and labels. A plan's target quality (outstanding ... inadequate)
decides which defects are planted; the gold grade is then computed from the gold facts by the
rubric (rubric.py, RUBRIC.md), never copied from the target.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import get_args

from corpora_synthetic.phrases import BankSplit, PhraseBank
from corpora_synthetic.render import FORMATS, Format, render
from corpora_synthetic.rubric import GradingFacts, grade_facts
from corpora_synthetic.spec import (
    SECTION_IDS,
    GoldCorpus,
    GoldDefect,
    GoldOutcome,
    GoldPlan,
    GoldProvision,
    PlanSpec,
    ProvisionElements,
    SmartLabel,
    SpecBlock,
    SpecSection,
)
from corpora_synthetic.templates import CELL_SEPARATOR, TEMPLATE_NAMES

# 2: "wherever possible" recorded as written (was "where possible"); 3: no school-year time
# frame past Year 13 (it was capped at 13, so "by Easter of Year 13" could already be past).
GENERATOR_VERSION = "3"
AREAS = (
    "communication_and_interaction",
    "cognition_and_learning",
    "social_emotional_mental_health",
    "sensory_and_physical",
)
QUALITIES = ("outstanding", "good", "requires_improvement", "inadequate")
SMART_ELEMENTS = ("specific", "measurable", "achievable", "relevant", "time_bound")
PROVISION_ELEMENTS = ("what", "who", "frequency", "duration", "group_size")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
FIRST_PLAN_DATE = date(2025, 9, 1)
PLAN_DATE_SPAN_DAYS = 300
# Ages 2-25; most plans are for school-age children.
AGE_WEIGHTS = {
    age: 2 if age < 5 else 4 if age <= 16 else 3 if age <= 19 else 1 for age in range(2, 26)
}
AREA_COUNT_WEIGHTS = {1: 35, 2: 35, 3: 20, 4: 10}
NON_SPEAKING_NEEDS = frozenset({"non_speaking", "severe_learning"})
# Sections a plan may lose as a planted defect (A, B, E, F carry the items every plan is judged on).
DROPPABLE_SECTIONS = ("C", "D", "G", "H1", "H2", "I", "J", "K")
# Extra defects a target quality may draw, beyond non-SMART outcomes and vague provision.
MINOR_EXTRAS = ("unexplained_acronym", "duplicated_paragraph")
MAJOR_EXTRAS = (
    "missing_section", "missing_pfa", "therapy_in_g", "provision_as_outcome", "placeholder",
    "unexplained_acronym", "duplicated_paragraph", "pronoun_mix",
)  # fmt: skip
SEVERE_EXTRAS = (*MAJOR_EXTRAS, "no_child_voice", "wrong_name")
# Golden-thread and date defects (rules GLD001-GLD002, DAT001-DAT004), each drawn on its
# own with a rate by quality, so that the extras above keep their frequencies.
THREAD_AND_DATE_EXTRAS = (
    "need_without_outcome", "need_without_provision", "past_deadline", "age_mismatch",
    "stale_advice", "year_group_mismatch",
)  # fmt: skip
THREAD_AND_DATE_RATES = {
    "outstanding": 0.0, "good": 0.06, "requires_improvement": 0.15, "inadequate": 0.25,
}  # fmt: skip
# How old planted out-of-date advice is at the plan date (days): well past a year.
STALE_ADVICE_DAYS = (450, 900)
# Enforceability defects (rules ENF001-ENF008), each drawn on its own with a rate by quality so
# that the extras above keep their frequencies.
ENFORCEABILITY_EXTRAS = (
    "universal_provision", "conditional_provision", "weak_commitment", "no_monitoring",
    "need_area_not_covered", "need_repeated", "provision_without_need", "strength_not_a_strength",
)  # fmt: skip
ENFORCEABILITY_RATES = {
    "outstanding": 0.0, "good": 0.08, "requires_improvement": 0.2, "inadequate": 0.3,
}  # fmt: skip
# Hedge terms (lower case) that are also an enforceability defect of their own: a weak commitment
# verb or a condition on delivery. Any line carrying one is labelled with that kind as well.
HEDGE_DEFECT_KINDS = {
    **dict.fromkeys(
        ("it is recommended", "would benefit from", "should", "may", "could", "it is hoped",
         "might benefit from", "ideally", "it is suggested", "would be helpful"),
        "weak_commitment",
    ),
    **dict.fromkeys(
        ("as resources allow", "subject to availability", "if resources allow",
         "subject to funding", "at the discretion of", "if a place becomes available",
         "subject to staffing", "where resources allow", "depending on staffing",
         "when staff are available", "funding permitting", "at the school's discretion",
         "if staffing allows"),
        "conditional_provision",
    ),
}  # fmt: skip
STRENGTHS_RATE = 0.5  # plans with a strengths part in Section A
PRONOUNS: dict[str, dict[str, str]] = {
    "he": {"he": "he", "him": "him", "his": "his", "himself": "himself", "s": "s", "es": "es",
           "ies": "ies", "is": "is", "has": "has", "does": "does", "was": "was"},
    "she": {"he": "she", "him": "her", "his": "her", "himself": "herself", "s": "s", "es": "es",
            "ies": "ies", "is": "is", "has": "has", "does": "does", "was": "was"},
    "they": {"he": "they", "him": "them", "his": "their", "himself": "themselves", "s": "",
             "es": "", "ies": "y", "is": "are", "has": "have", "does": "do", "was": "were"},
}  # fmt: skip
SETTING_LISTS = {
    "early_years": ("nursery_types", "setting_kind_nursery"),
    "mainstream_primary": ("primary_types", "setting_kind_primary"),
    "mainstream_secondary": ("secondary_types", "setting_kind_secondary"),
    "special_school": ("special_types", "setting_kind_special"),
    "fe_college": ("college_types", "setting_kind_college"),
    "specialist_post16": ("post16_types", "setting_kind_post16"),
}
# The order the adverbial phrases of a provision sentence may take.
ADVERBIAL_ORDERS = (
    ("who", "group_size", "frequency", "duration"),
    ("frequency", "duration", "who", "group_size"),
    ("who", "frequency", "duration", "group_size"),
    ("group_size", "who", "frequency", "duration"),
)
THERAPY_FOR_AREA = {
    "communication_and_interaction": "speech",
    "sensory_and_physical": "occupational",
}


def format_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def school_year(birth: date, day: date) -> int | None:
    """National Curriculum year (0 = Reception) on `day`, or None before Reception / after 14."""
    start_year = day.year if day.month >= 9 else day.year - 1
    age_at_august_end = start_year - birth.year - ((birth.month, birth.day) > (8, 31))
    year = age_at_august_end - 4
    return year if 0 <= year <= 14 else None


def find_terms(text: str, terms: list[str]) -> list[str]:
    """Each term as it is written in `text` (case-insensitive, whole words), in text order."""
    found: dict[str, int] = {}
    for term in terms:
        pattern = rf"(?<!\w){re.escape(term)}(?!\w)"
        for match in re.finditer(pattern, text, flags=re.IGNORECASE):
            found.setdefault(match.group(0), match.start())
    return sorted(found, key=found.__getitem__)


@dataclass(frozen=True)
class Child:
    """Who the plan is about: the facts every section must agree with."""

    first_name: str
    surname: str
    pronoun: str
    age: int
    birth_date: date
    plan_date: date
    year_group: int | None
    setting_type: str
    setting_name: str
    setting_kind: str
    needs: dict[str, list[str]]
    parent: str
    is_draft: bool
    age_stated: bool

    @property
    def speaks(self) -> bool:
        sub_needs = {need for needs in self.needs.values() for need in needs}
        return self.age >= 4 and not sub_needs & NON_SPEAKING_NEEDS

    @property
    def pfa_required(self) -> bool:
        """Preparing for adulthood from Year 9 (CoP 8.3); age 14+ when out of school years."""
        return self.age >= 14 or (self.year_group is not None and self.year_group >= 9)


@dataclass(frozen=True)
class Recipe:
    """How good the plan should be: counts of planted defects for its target quality."""

    quality: str
    outcome_count: int
    non_smart_count: int
    vague_count: int
    extras: frozenset[str]
    compound: bool = False


@dataclass
class ProvisionDraft:
    """One provision's parts, written once and laid out as a sentence or a table row."""

    area: str
    need_label: str
    what: str
    what_cell: str
    who_noun: str
    who_connector: str
    parts: dict[str, tuple[str, str]] = field(default_factory=dict)  # element -> (sentence, cell)
    opener: str = "{name} will receive {what}"
    suffix: str = ""
    context_clause: str = ""
    elements: dict[str, bool] = field(default_factory=dict)
    hedge_terms: list[str] = field(default_factory=list)
    context_terms: list[str] = field(default_factory=list)
    is_therapy: bool = False
    planted: str | None = None  # a defect kind the whole line stands for (not a hedge)


@dataclass(frozen=True)
class Timing:
    """Where a kind of provision takes its frequency, duration and group phrases from."""

    frequencies: tuple[str, ...]
    durations: tuple[str, ...]
    duration_cells: tuple[str, ...] | None
    groups: tuple[str, ...]
    amount_key: str
    amounts: tuple[int, ...]


EDUCATION_TIMING = Timing(
    ("provision", "frequencies"),
    ("provision", "durations"),
    ("provision", "duration_cells"),
    ("provision", "groups"),
    "m",
    (15, 20, 30, 45, 60),
)
HEALTH_TIMING = Timing(
    ("sections", "health_timing", "frequencies"),
    ("sections", "health_timing", "durations"),
    None,
    ("sections", "health_timing", "groups"),
    "m",
    (20, 30, 45, 60),
)
SOCIAL_CARE_TIMING = Timing(
    ("sections", "social_care_provision", "frequencies"),
    ("sections", "social_care_provision", "durations"),
    None,
    ("sections", "social_care_provision", "groups"),
    "h",
    (2, 3, 4, 6, 8),
)
# Bank key of the element-replacing hedges for each provision element.
HEDGE_KEYS = {
    "what": "what",
    "who": "who",
    "frequency": "frequency",
    "duration": "duration",
    "group_size": "group",
}


@dataclass
class PlanDraft:
    """Everything written so far: section blocks in order and the gold items found in them."""

    sections: dict[str, list[SpecBlock]] = field(default_factory=dict)
    voice_evidence: list[str] = field(default_factory=list)
    outcomes: list[GoldOutcome] = field(default_factory=list)
    provisions: list[GoldProvision] = field(default_factory=list)
    defects: list[GoldDefect] = field(default_factory=list)
    pfa_outcomes_present: bool = False


def weighted_choice(rng: random.Random, weights: dict[int, int]) -> int:
    keys = sorted(weights)
    return rng.choices(keys, weights=[weights[key] for key in keys])[0]


def choose_setting_type(rng: random.Random, age: int, year_group: int | None) -> str:
    """A setting that fits the age, nursery to specialist post-16; special schools at any age."""
    if age < 5 and (year_group is None or year_group < 1):
        options = {"early_years": 85, "special_school": 15}
    elif year_group is not None and year_group <= 6:
        options = {"mainstream_primary": 75, "special_school": 25}
    elif year_group is not None and year_group <= 11:
        options = {"mainstream_secondary": 70, "special_school": 30}
    elif age <= 18:
        options = {"mainstream_secondary": 25, "fe_college": 45, "special_school": 15,
                   "specialist_post16": 15}  # fmt: skip
    else:
        options = {"fe_college": 55, "specialist_post16": 45}
    names = sorted(options)
    return rng.choices(names, weights=[options[name] for name in names])[0]


def choose_needs(rng: random.Random, bank: PhraseBank) -> dict[str, list[str]]:
    """1-4 broad areas, primary area first, each with one or two sub-needs."""
    count = weighted_choice(rng, AREA_COUNT_WEIGHTS)
    areas = rng.sample(AREAS, count)
    needs: dict[str, list[str]] = {}
    for area in areas:
        sub_needs = bank.keys("needs", "areas", area, "needs")
        needs[area] = rng.sample(sub_needs, 2 if rng.random() < 0.2 else 1)
    return needs


def make_child(rng: random.Random, bank: PhraseBank) -> Child:
    age = weighted_choice(rng, AGE_WEIGHTS)
    plan_date = FIRST_PLAN_DATE + timedelta(days=rng.randrange(PLAN_DATE_SPAN_DAYS))
    days_since_birthday = rng.randint(1, 364)
    last_birthday = plan_date - timedelta(days=days_since_birthday)
    birth_date = last_birthday.replace(
        year=last_birthday.year - age, day=min(last_birthday.day, 28)
    )
    year_group = school_year(birth_date, plan_date) if age <= 19 else None
    pronoun = rng.choices(("he", "she", "they"), weights=(45, 43, 12))[0]
    first_name = bank.pick(rng, "people", f"first_names_{pronoun}")
    setting_type = choose_setting_type(rng, age, year_group)
    type_list, kind_list = SETTING_LISTS[setting_type]
    setting_name = (
        f"{bank.pick(rng, 'people', 'place_stems')} {bank.pick(rng, 'people', type_list)}"
    )
    return Child(
        first_name=first_name,
        surname=bank.pick(rng, "people", "surnames"),
        pronoun=pronoun,
        age=age_on(birth_date, plan_date),
        birth_date=birth_date,
        plan_date=plan_date,
        year_group=year_group,
        setting_type=setting_type,
        setting_name=setting_name,
        setting_kind=bank.pick(rng, "people", kind_list),
        needs=choose_needs(rng, bank),
        parent=bank.pick(rng, "people", "parents"),
        is_draft=rng.random() < 0.25,
        age_stated=rng.random() >= 0.04,
    )


def make_recipe(rng: random.Random, quality: str) -> Recipe:
    """Defect counts for a target quality; the rubric, not this, decides the gold grade."""
    if quality == "outstanding":
        return Recipe(quality, rng.randint(6, 8), 0, 0, frozenset())
    if quality == "good":
        non_smart = rng.choice((0, 1))
        vague = rng.choice((0, 1, 1)) or (1 - non_smart)
        extras = frozenset(rng.sample(MINOR_EXTRAS, 1)) if rng.random() < 0.3 else frozenset()
        return Recipe(quality, rng.randint(6, 8), non_smart, vague, extras)
    if quality == "requires_improvement":
        extras = frozenset(rng.sample(MAJOR_EXTRAS, rng.randint(1, 2)))
        return Recipe(quality, rng.randint(5, 7), rng.randint(2, 3), rng.randint(2, 3), extras)
    outcomes = rng.randint(3, 6)
    extras = frozenset(rng.sample(SEVERE_EXTRAS, rng.randint(2, 4)))
    return Recipe(
        quality, outcomes, outcomes - rng.randint(0, 1), rng.randint(4, 6), extras, compound=True
    )


def enforceability_extras(rng: random.Random, quality: str) -> frozenset[str]:
    """Enforceability defects for a target quality, each drawn on its own."""
    rate = ENFORCEABILITY_RATES[quality]
    return frozenset(kind for kind in ENFORCEABILITY_EXTRAS if rng.random() < rate)


def independent_extras(rng: random.Random, kinds: tuple[str, ...], rate: float) -> frozenset[str]:
    """Defect kinds each drawn on its own with the same rate."""
    return frozenset(kind for kind in kinds if rng.random() < rate)


class PlanWriter:
    """Writes one plan's sections from the phrase banks and records the gold items as it goes."""

    def __init__(self, rng: random.Random, bank: PhraseBank, child: Child, recipe: Recipe) -> None:
        self.rng = rng
        self.bank = bank
        self.child = child
        self.recipe = recipe
        self.draft = PlanDraft()
        self.social_care_needs = False  # decided when Section D is written
        self.therapy_for_g: ProvisionDraft | None = None  # moved from F when planted
        self.outcome_areas: set[str] = set()  # need areas with an outcome, decided in Section E
        self.grammar = self._grammar(child.pronoun, child.first_name)

    def _grammar(self, pronoun: str, name: str) -> dict[str, str]:
        forms = PRONOUNS[pronoun]
        return {
            **forms,
            "He": capitalise(forms["he"]),
            "His": capitalise(forms["his"]),
            "name": name,
            "parent": self.child.parent,
        }

    def fill(self, template: str, grammar: dict[str, str] | None = None, **slots: str) -> str:
        """Fill a bank template; slot values may hold pronoun placeholders of their own."""
        base = grammar or self.grammar
        values = {**base, **{key: value.format_map(base) for key, value in slots.items()}}
        return template.format_map(values)

    def pick(self, *path: str) -> str:
        return self.bank.pick(self.rng, *path)

    def has(self, extra: str) -> bool:
        return extra in self.recipe.extras

    def add_defect(
        self, kind: str, section: str, text: str | None = None, detail: str | None = None
    ) -> None:
        self.draft.defects.append(GoldDefect(kind=kind, section=section, text=text, detail=detail))

    # --- whole plan ---------------------------------------------------------------------------

    def write(self) -> PlanDraft:
        writers = {
            "A": self.write_a, "B": self.write_b, "C": self.write_c, "D": self.write_d,
            "E": self.write_e, "F": self.write_f, "G": self.write_g, "H1": self.write_h1,
            "H2": self.write_h2, "I": self.write_i, "J": self.write_j, "K": self.write_k,
        }  # fmt: skip
        for section_id in SECTION_IDS:
            self.draft.sections[section_id] = writers[section_id]()
        self.plant_consistency_defects()
        self.add_strengths()
        self.add_need_coverage()
        if self.has("need_repeated"):
            self.repeat_need()
        self.plant_thread_and_date_defects()
        if self.has("missing_section"):
            self.drop_section()
        return self.draft

    # --- A: views, interests and aspirations ---------------------------------------------------

    def write_a(self) -> list[SpecBlock]:
        if self.has("no_child_voice"):
            self.add_defect("no_child_voice", "A", detail="only adults' views and descriptions")
            return self.section_a_without_voice()
        blocks = [
            SpecBlock(kind="subheading", text=self.pick("voice", "subheadings_about")),
            self.paragraph(self.describe()),
        ]
        if self.rng.random() < 0.5:
            blocks.append(self.paragraph(self.fill(self.pick("voice", "method_notes"))))
        voice = self.spoken_voice() if self.child.speaks else self.observed_voice()
        blocks.extend(self.voice_blocks(voice))
        blocks.extend(self.family_blocks())
        if self.child.speaks:
            aspiration = self.fill(
                self.pick("voice", "quotes"),
                aspiration=self.pick("voice", "aspirations"),
                help_me=self.pick("voice", "help_me"),
                hard_when=self.pick("voice", "hard_when"),
            )
            self.draft.voice_evidence.append(aspiration)
            blocks.append(
                SpecBlock(kind="subheading", text=self.pick("voice", "subheadings_aspirations"))
            )
            blocks.append(self.paragraph(aspiration))
        return blocks

    def describe(self) -> str:
        """An adult's description of the child: part of Section A, not the child's voice."""
        return self.fill(
            self.pick("voice", "third_person"), interest_3p=self.pick("voice", "interests_3p")
        )

    def spoken_voice(self) -> list[str]:
        """First-person statements and reported views of a child who speaks."""
        frames = self.bank.pick_distinct(self.rng, self.rng.randint(2, 4), "voice", "first_person")
        reported = self.bank.pick_distinct(self.rng, self.rng.randint(1, 2), "voice", "reported")
        return [self.fill_voice(frame) for frame in (*frames, *reported)]

    def observed_voice(self) -> list[str]:
        """Observed preferences of a child who does not (yet) speak, written about them."""
        frames = self.bank.pick_distinct(self.rng, self.rng.randint(2, 3), "voice", "observed")
        return [self.fill_voice(frame) for frame in frames]

    def fill_voice(self, frame: str) -> str:
        return self.fill(
            frame,
            interest=self.pick("voice", "interests"),
            coping=self.pick("voice", "coping"),
            happy_when=self.pick("voice", "happy_when"),
            hard_when=self.pick("voice", "hard_when"),
            strength=self.pick("voice", "strengths"),
            help_me=self.pick("voice", "help_me"),
            aspiration=self.pick("voice", "aspirations"),
            happy_sign=self.pick("voice", "happy_signs"),
            request_sign=self.pick("voice", "request_signs"),
            dislike_sign=self.pick("voice", "dislike_signs"),
        )

    def voice_blocks(self, sentences: list[str]) -> list[SpecBlock]:
        self.draft.voice_evidence.extend(sentences)
        heading = "subheadings_views" if self.child.speaks else "subheadings_communication"
        blocks = [SpecBlock(kind="subheading", text=self.pick("voice", heading))]
        return blocks + self.sentence_blocks(sentences)

    def family_blocks(self) -> list[SpecBlock]:
        """Parents' views and history: part of Section A, never the child's own voice."""
        views = self.bank.pick_distinct(self.rng, 2, "voice", "parent_views")
        history = self.bank.pick_distinct(self.rng, 2, "voice", "history")
        slots = {
            "interest_3p": self.pick("voice", "interests_3p"),
            "weeks": str(self.rng.randint(26, 36)),
            "start_year": str(self.child.plan_date.year - self.rng.randint(1, 3)),
            "early_age": str(self.rng.randint(2, max(2, min(self.child.age, 6)))),
        }
        return [
            SpecBlock(kind="subheading", text=self.pick("voice", "subheadings_parents")),
            *self.sentence_blocks([self.fill(view, **slots) for view in views]),
            SpecBlock(kind="subheading", text=self.pick("voice", "subheadings_history")),
            *self.sentence_blocks([self.fill(line, **slots) for line in history]),
        ]

    def section_a_without_voice(self) -> list[SpecBlock]:
        lines = self.bank.pick_distinct(self.rng, 3, "voice", "third_person")
        described = [
            self.fill(line, interest_3p=self.pick("voice", "interests_3p")) for line in lines
        ]
        hope = self.fill(self.pick("voice", "parent_aspirations"))
        return [
            SpecBlock(kind="subheading", text=self.pick("voice", "subheadings_about")),
            *self.sentence_blocks(described),
            *self.family_blocks(),
            SpecBlock(kind="subheading", text=self.pick("voice", "subheadings_aspirations")),
            self.paragraph(hope),
        ]

    # --- layout helpers --------------------------------------------------------------------------

    @staticmethod
    def paragraph(text: str) -> SpecBlock:
        return SpecBlock(kind="paragraph", text=text)

    def sentence_blocks(self, sentences: list[str]) -> list[SpecBlock]:
        """Sentences as bullets, one paragraph each, or one paragraph of several sentences."""
        layout = self.rng.choice(("bullets", "paragraphs", "joined"))
        if layout == "bullets":
            return [SpecBlock(kind="bullet", text=sentence) for sentence in sentences]
        if layout == "paragraphs":
            return [self.paragraph(sentence) for sentence in sentences]
        return [self.paragraph(" ".join(sentences))]

    def table(self, headers_path: str, rows: list[list[str]]) -> SpecBlock:
        header = list(self.pick("sections", "table_headers", headers_path))
        return SpecBlock(kind="table", header=header, rows=rows)

    # --- B, C, D: needs ----------------------------------------------------------------------

    def area_title(self, area: str) -> str:
        return self.pick("needs", "areas", area, "titles")

    def need_sentences(self, area: str, need: str) -> list[str]:
        path = ("needs", "areas", area, "needs", need, "sentences")
        return [self.fill(line) for line in self.bank.pick_distinct(self.rng, 2, *path)]

    def write_b(self) -> list[SpecBlock]:
        """Needs under each broad area: subheadings with sentences, or one table."""
        if self.rng.random() < 0.25:
            rows = [
                [self.area_title(area), sentence]
                for area, needs in self.child.needs.items()
                for need in needs
                for sentence in self.need_sentences(area, need)
            ]
            return [self.table("needs", rows)]
        blocks: list[SpecBlock] = []
        for area, needs in self.child.needs.items():
            blocks.append(SpecBlock(kind="subheading", text=self.area_title(area)))
            sentences = [line for need in needs for line in self.need_sentences(area, need)]
            blocks.extend(self.sentence_blocks(sentences))
        return blocks

    def health_lines(self) -> list[str]:
        lines = []
        for area, needs in self.child.needs.items():
            for need in needs:
                options = self.bank.options("needs", "areas", area, "needs", need, "health")
                if options:
                    lines.append(self.fill(self.rng.choice(options)))
        return lines

    def write_c(self) -> list[SpecBlock]:
        lines = self.health_lines()
        if not lines:
            return [self.paragraph(self.fill(self.pick("sections", "no_health_needs")))]
        return self.sentence_blocks(lines)

    def write_d(self) -> list[SpecBlock]:
        complex_needs = any(
            need in NON_SPEAKING_NEEDS or need == "cerebral_palsy"
            for needs in self.child.needs.values()
            for need in needs
        )
        self.social_care_needs = self.rng.random() < (0.7 if complex_needs else 0.25)
        if not self.social_care_needs:
            return [self.paragraph(self.fill(self.pick("sections", "no_social_care_needs")))]
        lines = self.bank.pick_distinct(self.rng, 2, "sections", "social_care_needs")
        return self.sentence_blocks([self.fill(line) for line in lines])

    # --- E: outcomes -------------------------------------------------------------------------

    def time_frame(self) -> str:
        """A leading time frame ("By July 2027"); school-year wording for children in school."""
        child = self.child
        target_year = child.plan_date.year + (1 if child.plan_date.month >= 3 else 0)
        year = child.year_group
        next_year = None if year is None else year + (1 if child.plan_date.month >= 3 else 0)
        # Past Year 13 there is no school year to name: "by Easter of Year 13" written in May
        # of Year 13 would be a deadline already past, which the gold does not plant.
        if next_year is not None and next_year <= 13 and self.rng.random() < 0.4:
            frame = self.pick("outcomes", "time_frames_school")
            return self.fill(frame, year=str(next_year) if next_year else "R")
        return self.fill(self.pick("outcomes", "time_frames"), ay_end=str(target_year))

    def outcome_skill(self, area: str | None, pfa_area: str | None, missing: set[str]) -> str:
        if "relevant" in missing:
            return self.pick("outcomes", "unrelated_skills")
        if pfa_area is not None:
            return self.pick("outcomes", "pfa_skills", pfa_area)
        assert area is not None
        if "achievable" in missing:
            return self.pick("outcomes", "unrealistic_skills", area)
        if "specific" in missing:
            return self.pick("outcomes", "vague_skills", area)
        return self.pick("outcomes", "skills", area)

    def compose_outcome(self, area: str | None, pfa_area: str | None, missing: set[str]) -> str:
        """[time frame,] name modal skill [measure] [time frame]; each SMART part can go."""
        skill = self.outcome_skill(area, pfa_area, missing)
        modal = self.pick("outcomes", "modals")
        measure = "" if "measurable" in missing else " " + self.pick("outcomes", "measures")
        body = f"{{name}} {modal} {skill}{measure}"
        if "time_bound" in missing:
            return self.fill(capitalise(body) + ".")
        when = self.time_frame()
        if self.rng.random() < 0.5:
            return self.fill(f"{when}, {body}.")
        return self.fill(f"{body} {lower_first(when)}.")

    def missing_smart(self) -> set[str]:
        missing = {self.rng.choice(SMART_ELEMENTS)}
        if self.recipe.compound and self.rng.random() < 0.4:
            missing.add(self.rng.choice(("measurable", "time_bound")))
        return missing

    def outcome_plan(self) -> list[tuple[str, str | None, str | None]]:
        """(group label, need area, PfA area) for each outcome, before any text is written."""
        areas = [area for area in self.child.needs if area != self.gap_area("need_without_outcome")]
        pfa_count = 0
        if self.child.pfa_required and not self.has("missing_pfa"):
            pfa_count = 2 if self.recipe.outcome_count < 7 else 3
        plan = [
            (self.area_title(areas[index % len(areas)]), areas[index % len(areas)], None)
            for index in range(self.recipe.outcome_count - pfa_count)
        ]
        for pfa_area in self.rng.sample(self.bank.keys("outcomes", "pfa_headings"), pfa_count):
            plan.append((self.pick("outcomes", "pfa_headings", pfa_area), None, pfa_area))
        return plan

    def write_e(self) -> list[SpecBlock]:
        plan = self.outcome_plan()
        self.outcome_areas = {area for _, area, _ in plan if area is not None}
        area_indexes = [index for index, (_, area, _) in enumerate(plan) if area is not None]
        non_smart = set(
            self.rng.sample(area_indexes, min(self.recipe.non_smart_count, len(area_indexes)))
        )
        grouped: dict[str, list[GoldOutcome]] = {label: [] for label, _, _ in plan}
        seen: set[str] = set()
        for index, (label, area, pfa_area) in enumerate(plan):
            missing = self.missing_smart() if index in non_smart else set()
            outcome = self.unique_outcome(area, pfa_area, missing, seen)
            grouped[label].append(outcome)
            if missing:
                self.add_defect("non_smart_outcome", "E", outcome.text, ", ".join(sorted(missing)))
        if self.has("provision_as_outcome"):
            text = self.fill(self.pick("outcomes", "provision_as_outcome"))
            label = self.rng.choice(sorted(grouped))
            grouped[label].insert(
                self.rng.randint(0, len(grouped[label])), self.provision_outcome(text)
            )
            self.add_defect("provision_as_outcome", "E", text)
        if self.child.pfa_required and self.has("missing_pfa"):
            self.add_defect("missing_pfa", "E", detail="no preparing-for-adulthood outcomes")
        self.draft.pfa_outcomes_present = any(pfa for _, _, pfa in plan)
        for outcomes in grouped.values():
            self.draft.outcomes.extend(outcomes)
        return self.outcome_blocks(grouped)

    def unique_outcome(
        self, area: str | None, pfa_area: str | None, missing: set[str], seen: set[str]
    ) -> GoldOutcome:
        text = self.compose_outcome(area, pfa_area, missing)
        for _ in range(5):
            if text not in seen:
                break
            text = self.compose_outcome(area, pfa_area, missing)
        seen.add(text)
        smart = {element: element not in missing for element in SMART_ELEMENTS}
        return GoldOutcome(
            text=text,
            need_area=None if "relevant" in missing else area,
            smart=SmartLabel(**smart),
            is_smart=all(smart.values()),
            pfa_area=pfa_area,
        )

    @staticmethod
    def provision_outcome(text: str) -> GoldOutcome:
        """Provision written as an outcome: a service to receive, not a difference for the child."""
        smart = SmartLabel(
            specific=False, measurable=False, achievable=True, relevant=True, time_bound=False
        )
        return GoldOutcome(text=text, smart=smart, is_smart=False, provision_not_outcome=True)

    def outcome_blocks(self, grouped: dict[str, list[GoldOutcome]]) -> list[SpecBlock]:
        """Grouped under area/PfA subheadings as paragraphs or bullets, or one table with steps."""
        layout = self.rng.choice(("paragraphs", "bullets", "table"))
        if layout == "table":
            rows = [
                [label, outcome.text, self.step_for(outcome)]
                for label, outcomes in grouped.items()
                for outcome in outcomes
            ]
            return [self.table("outcomes", rows)]
        kind = "bullet" if layout == "bullets" else "paragraph"
        blocks: list[SpecBlock] = []
        for label, outcomes in grouped.items():
            blocks.append(SpecBlock(kind="subheading", text=label))
            blocks.extend(SpecBlock(kind=kind, text=outcome.text) for outcome in outcomes)
        return blocks

    def step_for(self, outcome: GoldOutcome) -> str:
        area = outcome.need_area or self.rng.choice(sorted(self.child.needs))
        return self.pick("outcomes", "steps", area)

    # --- F, G, H1, H2: provision ---------------------------------------------------------------

    def provision_draft(
        self, area: str, need_label: str, what: str, who: str, timing: Timing
    ) -> ProvisionDraft:
        """A fully specified provision: all five elements present, no hedges."""
        amount = {timing.amount_key: self.rng.choice(timing.amounts), "n": self.rng.randint(2, 6)}
        frequency = self.pick(*timing.frequencies)
        duration = self.pick(*timing.durations).format(**amount)
        duration_cell = (
            self.pick(*timing.duration_cells).format(**amount)
            if timing.duration_cells
            else duration
        )
        group_sentence, group_cell = (text.format(**amount) for text in self.pick(*timing.groups))
        connector = self.pick("provision", "who_connectors")
        return ProvisionDraft(
            area=area,
            need_label=need_label,
            what=what,
            what_cell=capitalise(what),
            who_noun=who,
            who_connector=connector,
            parts={
                "who": (f"{connector} {who}", capitalise(who)),
                "frequency": (frequency, capitalise(frequency)),
                "duration": (duration, duration_cell),
                "group_size": (group_sentence, group_cell),
            },
            opener=self.pick("provision", "openers"),
            elements=dict.fromkeys(PROVISION_ELEMENTS, True),
        )

    def education_draft(
        self, area: str, need_label: str, therapy: str | None = None
    ) -> ProvisionDraft:
        what_path = ("provision", "therapy", therapy) if therapy else ("provision", "what", area)
        who_path = ("provision", "therapy", therapy) if therapy else ("provision", "who", area)
        draft = self.provision_draft(
            area,
            need_label,
            self.fill(self.pick(*what_path, "what") if therapy else self.pick(*what_path)),
            self.fill(self.pick(*who_path, "who") if therapy else self.pick(*who_path)),
            EDUCATION_TIMING,
        )
        draft.is_therapy = therapy is not None
        return draft

    def need_label(self, area: str, need: str) -> str:
        return self.pick("needs", "areas", area, "needs", need, "labels")

    def f_drafts(self) -> list[ProvisionDraft]:
        """One provision per sub-need, one more for the primary area, and educational therapy."""
        drafts: list[ProvisionDraft] = []
        seen: set[str] = set()
        for position, (area, needs) in enumerate(self.provision_needs().items()):
            wanted = [*needs, needs[0]] if position == 0 else list(needs)
            therapy = THERAPY_FOR_AREA.get(area)
            for need in wanted:
                draft = self.education_draft(area, self.need_label(area, need))
                if draft.what not in seen:
                    seen.add(draft.what)
                    drafts.append(draft)
            if therapy and self.rng.random() < 0.8:
                drafts.append(self.education_draft(area, self.need_label(area, needs[0]), therapy))
        return drafts

    def drop_element(self, draft: ProvisionDraft, element: str) -> None:
        """Leave an element out, or replace it with a hedge that names no quantity."""
        draft.elements[element] = False
        if element != "what" and self.rng.random() < 0.4:
            draft.parts.pop(element, None)
            return
        sentence, cell, term = self.pick("provision", "hedge", "replace", HEDGE_KEYS[element])
        draft.hedge_terms.append(term)
        if element == "what":
            domain = self.fill(self.pick("provision", "domain", draft.area))
            draft.what = self.fill(sentence, domain=domain)
            draft.what_cell = self.fill(cell, domain=domain)
        else:
            draft.parts[element] = (sentence, cell)

    def weaken(self, draft: ProvisionDraft, in_table: bool) -> None:
        """Add a hedge that leaves the elements in place but makes the line unenforceable."""
        kinds = ["suffix", "what_suffix"]
        if draft.elements["who"] and "who" in draft.parts:
            kinds.append("who_frame")
        if not in_table:
            kinds.append("opener")
        kind = self.rng.choice(kinds)
        if kind == "opener":
            draft.opener, term = self.pick("provision", "hedge", "openers")
        elif kind == "suffix":
            draft.suffix, term = self.pick("provision", "hedge", "suffixes")
        elif kind == "what_suffix":
            suffix, term = self.pick("provision", "hedge", "what_suffixes")
            suffix = suffix.format(example=self.pick("provision", "examples", draft.area))
            draft.what += suffix
            draft.what_cell += suffix
        else:
            frame, term = self.pick("provision", "hedge", "who_frames")
            who = frame.format(who=draft.who_noun)
            connector = draft.who_connector if frame.startswith("{who}") else "with"
            draft.parts["who"] = (f"{connector} {who}", capitalise(who))
        draft.hedge_terms.append(term)

    def make_vague(self, draft: ProvisionDraft, in_table: bool) -> None:
        roll = self.rng.random()
        if roll < 0.75:
            count = self.rng.randint(1, 2) if self.recipe.compound else 1
            for element in self.rng.sample(PROVISION_ELEMENTS, count):
                self.drop_element(draft, element)
        if roll >= 0.55:
            self.weaken(draft, in_table)

    def provision_sentence(self, draft: ProvisionDraft) -> str:
        order = self.rng.choice(ADVERBIAL_ORDERS)
        opener = draft.opener.format(
            name=self.child.first_name, what=draft.what, What=capitalise(draft.what)
        )
        adverbials = [draft.parts[element][0] for element in order if element in draft.parts]
        text = " ".join([opener, *adverbials]) + draft.suffix + draft.context_clause
        return text if text.endswith(".") else text + "."

    @staticmethod
    def provision_row(draft: ProvisionDraft) -> list[str]:
        def cell(element: str) -> str:
            return draft.parts[element][1] if element in draft.parts else ""

        how_long = ", ".join(text for text in (cell("duration"), cell("group_size")) if text)
        what = draft.what_cell + draft.suffix
        return [draft.need_label, what, cell("who"), cell("frequency"), how_long]

    def record_provision(self, draft: ProvisionDraft, text: str, section: str) -> GoldProvision:
        hedges = find_terms(text, draft.hedge_terms)
        elements = ProvisionElements(**draft.elements)
        provision = GoldProvision(
            text=text,
            section=section,  # type: ignore[arg-type]
            elements=elements,
            hedge_terms=hedges,
            is_specific=all(draft.elements.values()) and not hedges,
            context_terms=find_terms(text, draft.context_terms),
        )
        self.draft.provisions.append(provision)
        if section == "F":
            self.label_enforceability(draft, text, hedges)
        if not provision.is_specific and section == "F":
            missing = [element for element, present in draft.elements.items() if not present]
            detail = "; ".join(
                part
                for part in (
                    f"missing: {', '.join(missing)}" if missing else "",
                    f"hedges: {', '.join(hedges)}" if hedges else "",
                )
                if part
            )
            self.add_defect("vague_provision", "F", text, detail)
        return provision

    def standing_adjustment(self, area: str, need_label: str) -> ProvisionDraft:
        """A continuous, individual adjustment ('in all lessons'): specific, not vague."""
        draft = self.provision_draft(
            area,
            need_label,
            self.fill(self.pick("provision", "standing", "what")),
            self.fill(self.pick("provision", "who", area)),
            EDUCATION_TIMING,
        )
        when = self.pick("provision", "standing", "when")
        draft.parts = {"who": draft.parts["who"], "frequency": (when, capitalise(when))}
        draft.context_terms.append(when)
        return draft

    def write_f(self) -> list[SpecBlock]:
        drafts = self.f_drafts()
        therapies = [draft for draft in drafts if draft.is_therapy]
        if self.has("therapy_in_g") and therapies:
            self.therapy_for_g = self.rng.choice(therapies)
            drafts.remove(self.therapy_for_g)
        layout = self.rng.choice(("sentences", "bullets", "table"))
        vague = self.rng.sample(range(len(drafts)), min(self.recipe.vague_count, len(drafts)))
        for index in sorted(vague):
            self.make_vague(drafts[index], in_table=layout == "table")
        self.plant_unenforceable(drafts, set(vague), in_table=layout == "table")
        if layout != "table":
            self.add_context(drafts, set(vague))
        if layout == "table":
            rows = [self.provision_row(draft) for draft in drafts]
            for draft, row in zip(drafts, rows, strict=True):
                self.record_provision(draft, CELL_SEPARATOR.join(row), "F")
            return [self.table("provision", rows), *self.monitoring_blocks()]
        return [*self.provision_blocks(drafts, "F", layout), *self.monitoring_blocks()]

    def add_context(self, drafts: list[ProvisionDraft], vague: set[int]) -> None:
        """Hedge-like words that are not vague: review side clauses, standing adjustments."""
        # A plan planted without review arrangements must not state a review in passing.
        reviews_allowed = not self.has("no_monitoring")
        for index, draft in enumerate(drafts):
            # A line planted with a hedge of its own (a condition) is not vague-free context.
            sound = not draft.hedge_terms
            if index not in vague and reviews_allowed and self.rng.random() < 0.2 and sound:
                draft.context_clause, term = self.pick("provision", "benign_review")
                draft.context_terms.append(term)
        if self.rng.random() < 0.5:
            area = self.rng.choice(sorted(self.provision_needs()))
            need = self.child.needs[area][0]
            drafts.append(self.standing_adjustment(area, self.need_label(area, need)))

    def provision_blocks(
        self, drafts: list[ProvisionDraft], section: str, layout: str
    ) -> list[SpecBlock]:
        """Sentences grouped under area subheadings (F) as paragraphs or bullets."""
        kind = "bullet" if layout == "bullets" else "paragraph"
        blocks: list[SpecBlock] = []
        by_area: dict[str, list[ProvisionDraft]] = {}
        for draft in drafts:
            by_area.setdefault(draft.area, []).append(draft)
        for area, area_drafts in by_area.items():
            if section == "F":
                blocks.append(SpecBlock(kind="subheading", text=self.area_title(area)))
            for draft in area_drafts:
                text = self.provision_sentence(draft)
                self.record_provision(draft, text, section)
                blocks.append(SpecBlock(kind=kind, text=text))
        return blocks

    def write_g(self) -> list[SpecBlock]:
        drafts = []
        for area, needs in self.child.needs.items():
            for need in needs:
                if self.health_lines_for(area, need) and len(drafts) < 2:
                    what, who = self.pick("sections", "health_provision", need)
                    drafts.append(
                        self.provision_draft(area, need, self.fill(what), who, HEALTH_TIMING)
                    )
        blocks = []
        if drafts:
            blocks = self.provision_blocks(drafts, "G", self.rng.choice(("sentences", "bullets")))
        if self.therapy_for_g is not None:
            text = self.provision_sentence(self.therapy_for_g)
            self.record_provision(self.therapy_for_g, text, "G")
            self.add_defect("therapy_in_g", "G", text, "educational therapy belongs in Section F")
            blocks.append(self.paragraph(text))
        return blocks or [self.paragraph(self.pick("sections", "no_health_provision"))]

    def health_lines_for(self, area: str, need: str) -> bool:
        return bool(self.bank.options("needs", "areas", area, "needs", need, "health"))

    def social_care(self, key: str, none_key: str, section: str) -> list[SpecBlock]:
        if not self.social_care_needs:
            return [self.paragraph(self.pick("sections", none_key))]
        what, who = self.pick("sections", "social_care_provision", key)
        area = next(iter(self.child.needs))
        draft = self.provision_draft(area, key, self.fill(what), who, SOCIAL_CARE_TIMING)
        text = self.provision_sentence(draft)
        self.record_provision(draft, text, section)
        return [self.paragraph(text)]

    def write_h1(self) -> list[SpecBlock]:
        return self.social_care("h1", "no_h1", "H1")

    def write_h2(self) -> list[SpecBlock]:
        return self.social_care("h2", "no_h2", "H2")

    # --- I, J, K -------------------------------------------------------------------------------

    def write_i(self) -> list[SpecBlock]:
        if self.child.is_draft:
            return [self.paragraph(self.pick("sections", "i_draft"))]
        text = self.fill(
            self.pick("sections", "i_final"),
            setting_name=self.child.setting_name,
            setting_kind=self.child.setting_kind,
        )
        return [self.paragraph(text)]

    def write_j(self) -> list[SpecBlock]:
        return [self.paragraph(self.fill(self.pick("sections", "j_statements")))]

    def write_k(self) -> list[SpecBlock]:
        """Advice with author and date, all within the year before the plan."""
        entries = self.bank.pick_distinct(
            self.rng, self.rng.randint(3, 5), "sections", "advice", "entries"
        )
        rows = []
        for kind, role in entries:
            author = (
                f"{self.pick('people', 'professional_titles')} {self.pick('people', 'surnames')}"
            )
            received = self.child.plan_date - timedelta(days=self.rng.randint(20, 300))
            rows.append([kind, f"{author}, {role}", format_date(received)])
        if self.rng.random() < 0.4:
            return [self.table("advice", rows)]
        return [SpecBlock(kind="bullet", text=" - ".join(row)) for row in rows]

    # --- enforceability (rules ENF001-ENF008) ----------------------------------------------------

    def label_enforceability(self, draft: ProvisionDraft, text: str, hedges: list[str]) -> None:
        """Label an F line with the enforceability defects it carries: the kind it was planted as,
        and a weak commitment or condition among its hedges (also vague provision, as before)."""
        kinds = [draft.planted] if draft.planted else []
        kinds += [HEDGE_DEFECT_KINDS[h.lower()] for h in hedges if h.lower() in HEDGE_DEFECT_KINDS]
        for kind in dict.fromkeys(kinds):
            self.add_defect(kind, "F", text)

    def plant_unenforceable(
        self, drafts: list[ProvisionDraft], vague: set[int], in_table: bool
    ) -> None:
        """Universal provision, a condition, a weak opener, provision for an area B has no need in.
        Conditions and weak openers go on lines that are otherwise sound, so each line has one
        clear fault; a table row has no opener, so weak openers are planted in sentences only."""
        sound = [draft for index, draft in enumerate(drafts) if index not in vague]
        if self.has("conditional_provision") and sound:
            draft = self.rng.choice(sound)
            draft.suffix, term = self.pick("enforceability", "conditional", "suffixes")
            draft.hedge_terms.append(term)
            sound.remove(draft)
        if self.has("weak_commitment") and sound and not in_table:
            draft = self.rng.choice(sound)
            draft.opener, term = self.pick("enforceability", "weak", "openers")
            draft.hedge_terms.append(term)
        if self.has("universal_provision"):
            drafts.append(self.universal_draft())
        missing = [area for area in AREAS if area not in self.child.needs]
        if self.has("provision_without_need") and missing:
            area = self.rng.choice(missing)
            need = self.rng.choice(self.bank.keys("needs", "areas", area, "needs"))
            draft = self.education_draft(area, self.need_label(area, need))
            draft.planted = "provision_without_need"
            drafts.append(draft)

    def universal_draft(self) -> ProvisionDraft:
        """What every pupil gets, written as this child's provision (complete in its elements)."""
        area = self.rng.choice(sorted(self.child.needs))
        need = self.child.needs[area][0]
        what = self.pick("enforceability", "universal", "what")
        who = self.fill(self.pick("enforceability", "universal", "who"))
        draft = self.provision_draft(area, self.need_label(area, need), what, who, EDUCATION_TIMING)
        when = self.pick("enforceability", "universal", "when")
        draft.parts = {"who": draft.parts["who"], "frequency": (when, capitalise(when))}
        draft.context_terms.append(when)
        draft.planted = "universal_provision"
        return draft

    def monitoring_blocks(self) -> list[SpecBlock]:
        """Who checks delivery and how progress is reviewed, under a subheading closing F; with
        no_monitoring planted, one of the two or both are left out."""
        parts = ["delivery", "review"]
        if self.has("no_monitoring"):
            parts = self.rng.choice([[], ["delivery"], ["review"]])
            where = next(p.text for p in reversed(self.draft.provisions) if p.section == "F")
            missing = [part for part in ("delivery", "review") if part not in parts]
            self.add_defect("no_monitoring", "F", where, f"missing: {', '.join(missing)}")
        if not parts:
            return []
        heading = SpecBlock(
            kind="subheading", text=self.pick("enforceability", "monitoring", "headings")
        )
        lines = [self.fill(self.pick("enforceability", "monitoring", part)) for part in parts]
        for line in lines:
            self.record_sound_provision(line)
        return [heading, *(self.paragraph(line) for line in lines)]

    def record_sound_provision(self, text: str) -> None:
        """A complete, specific F line written outside the provision drafts."""
        elements = ProvisionElements(**dict.fromkeys(PROVISION_ELEMENTS, True))
        self.draft.provisions.append(
            GoldProvision(text=text, section="F", elements=elements, is_specific=True)
        )

    def area_of_title(self) -> dict[str, str]:
        """Each area title of this split's bank, to the area it names."""
        return {
            title: area
            for area in AREAS
            for title in self.bank.options("needs", "areas", area, "titles")
        }

    def add_need_coverage(self) -> None:
        """Say "no needs in this area" in B for each broad area the child has no needs in; with
        need_area_not_covered planted, leave one or more of those areas out."""
        missing = [area for area in AREAS if area not in self.child.needs]
        if self.has("need_area_not_covered") and missing:
            left_out = self.rng.sample(missing, self.rng.randint(1, len(missing)))
            where = self.b_line()
            for area in left_out:
                self.add_defect("need_area_not_covered", "B", where, area)
            missing = [area for area in missing if area not in left_out]
        blocks = self.draft.sections["B"]
        for area in missing:
            statement = self.fill(self.pick("enforceability", "coverage", "no_needs"))
            if blocks and blocks[0].kind == "table":
                blocks[0].rows.append([self.area_title(area), statement])
            else:
                blocks += [
                    SpecBlock(kind="subheading", text=self.area_title(area)),
                    self.paragraph(statement),
                ]

    def b_line(self) -> str:
        """The first line of B as rendered (a table row's cells joined)."""
        first = next(block for block in self.draft.sections["B"] if block.kind != "subheading")
        return CELL_SEPARATOR.join(first.rows[0]) if first.kind == "table" else first.text

    def b_needs_by_area(self) -> dict[str, list[str]]:
        """The need sentences of B under each area, read back from its blocks."""
        titles = self.area_of_title()
        found: dict[str, list[str]] = {}
        area: str | None = None
        for block in self.draft.sections["B"]:
            if block.kind == "table":
                for title, text in block.rows:
                    found.setdefault(titles[title], []).append(text)
            elif block.kind == "subheading":
                area = titles.get(block.text)
            elif area is not None:
                found.setdefault(area, []).extend(re.split(r"(?<=\.)\s+(?=[A-Z])", block.text))
        return found

    def repeat_need(self) -> None:
        """Write one need of an area again, lightly reworded, under another of the child's areas."""
        by_area = self.b_needs_by_area()
        areas = [area for area in self.child.needs if by_area.get(area)]
        if len(areas) < 2:
            return
        source, target = self.rng.sample(areas, 2)
        long_enough = [line for line in by_area[source] if len(line.split()) >= 10]
        if not long_enough:
            return
        sentence = self.rng.choice(long_enough)
        name = self.child.first_name
        copy = (
            f"{name} also {sentence[len(name) + 1 :]}"
            if sentence.startswith(f"{name} ")
            else f"In addition, {sentence}"
        )
        blocks = self.draft.sections["B"]
        title = self.area_title(target)
        if blocks[0].kind == "table":
            blocks[0].rows.append([title, copy])
        else:
            index = next(
                i
                for i, block in enumerate(blocks)
                if block.kind == "subheading" and self.area_of_title().get(block.text) == target
            )
            blocks.insert(index + 1, self.paragraph(copy))
        self.add_defect("need_repeated", "B", copy, f"{source} again under {target}")

    def add_strengths(self) -> None:
        """A strengths part in A for some plans: real strengths, or with strength_not_a_strength
        planted, one "strength" that is a need or the absence of a problem."""
        if not (self.has("strength_not_a_strength") or self.rng.random() < STRENGTHS_RATE):
            return
        lines = [
            self.fill(line)
            for line in self.bank.pick_distinct(self.rng, 2, "enforceability", "strengths", "good")
        ]
        if self.has("strength_not_a_strength"):
            bad = self.fill(self.pick("enforceability", "strengths", "bad"))
            lines.insert(self.rng.randint(0, len(lines)), bad)
            self.add_defect("strength_not_a_strength", "A", bad)
        heading = self.fill(self.pick("enforceability", "strengths", "headings"))
        blocks = self.draft.sections["A"]
        # After the opening part ("About me"), before the next subheading.
        at = next(
            (i for i, block in enumerate(blocks) if i and block.kind == "subheading"), len(blocks)
        )
        blocks[at:at] = [
            SpecBlock(kind="subheading", text=heading),
            *(self.paragraph(line) for line in lines),
        ]

    # --- golden thread and dates (rules GLD001-GLD002, DAT001, DAT002, DAT004) ----------------

    def gap_area(self, kind: str) -> str | None:
        """The child's area left without outcomes (need_without_outcome) or provision
        (need_without_provision) when planted: the last of two or more areas, never the primary."""
        areas = list(self.child.needs)
        return areas[-1] if self.has(kind) and len(areas) > 1 else None

    def provision_needs(self) -> dict[str, list[str]]:
        """The child's needs that Section F provides for."""
        gap = self.gap_area("need_without_provision")
        return {area: needs for area, needs in self.child.needs.items() if area != gap}

    def plant_thread_and_date_defects(self) -> None:
        self.label_thread_gaps()
        if self.has("past_deadline"):
            self.plant_past_deadline()
        if self.has("age_mismatch") and self.child.age_stated:
            wrong = max(1, self.child.age + self.rng.choice((-2, -1, 1, 2)))
            text = self.fill(f"{{name}} is {wrong} years old.")
            self.insert_sentence("A", text)
            self.add_defect("age_mismatch", "A", text, f"{wrong}, not {self.child.age}")
        if self.has("stale_advice"):
            self.plant_stale_advice()

    def label_thread_gaps(self) -> None:
        """Label every area of need with no outcome (planted, or too few outcomes to go round)
        or no provision, quoting the first need B gives for it."""
        first_need = {area: lines[0] for area, lines in self.b_needs_by_area().items() if lines}
        for area in self.child.needs:
            if area not in self.outcome_areas and area in first_need:
                self.add_defect("need_without_outcome", "B", first_need[area], area)
            if area not in self.provision_needs() and area in first_need:
                self.add_defect("need_without_provision", "B", first_need[area], area)

    def plant_past_deadline(self) -> None:
        """Move one dated outcome's year to before the plan, as an outcome copied from an older
        plan keeps its old deadline."""
        dated = [o for o in self.draft.outcomes if re.search(r"\b20\d\d\b", o.text)]
        if not dated:
            return
        outcome = self.rng.choice(dated)
        year = self.child.plan_date.year - self.rng.randint(1, 2)
        old, new = outcome.text, re.sub(r"\b20\d\d\b", str(year), outcome.text, count=1)
        self.replace_text("E", old, new)
        outcome.text = new
        for defect in self.draft.defects:
            if defect.text == old:
                defect.text = new
        self.add_defect("past_deadline", "E", new, f"{year}, plan dated {self.child.plan_date}")

    def replace_text(self, section: str, old: str, new: str) -> None:
        """Rewrite a text wherever it stands in a section: a paragraph, a bullet or a cell."""
        for block in self.draft.sections[section]:
            block.text = block.text.replace(old, new)
            block.rows = [[cell.replace(old, new) for cell in row] for row in block.rows]

    def plant_stale_advice(self) -> None:
        """Date one piece of advice in K well over a year before the plan."""
        blocks = self.draft.sections["K"]
        old_day = self.child.plan_date - timedelta(days=self.rng.randint(*STALE_ADVICE_DAYS))
        if blocks[0].kind == "table":
            row = self.rng.choice(blocks[0].rows)
            row[-1] = format_date(old_day)
            text = CELL_SEPARATOR.join(row)
        else:
            block = self.rng.choice([b for b in blocks if b.kind == "bullet"])
            entry = block.text.rsplit(" - ", 1)[0]
            block.text = text = f"{entry} - {format_date(old_day)}"
        self.add_defect("stale_advice", "K", text, f"advice of {old_day}")

    # --- consistency defects -------------------------------------------------------------------

    def insert_sentence(self, section: str, text: str) -> None:
        """Insert a paragraph after the first block, never before the opening subheading."""
        blocks = self.draft.sections[section]
        blocks.insert(self.rng.randint(1, len(blocks)), self.paragraph(text))

    def plant_consistency_defects(self) -> None:
        if self.has("wrong_name"):
            other = self.other_first_name()
            text = self.fill(
                self.pick("sections", "defects", "copy_sentences"), self.grammar | {"name": other}
            )
            section = self.rng.choice(("A", "B"))
            self.insert_sentence(section, text)
            self.add_defect("wrong_name", section, text, other)
        if self.has("pronoun_mix"):
            wrong = self.rng.choice(sorted(set(PRONOUNS) - {self.child.pronoun}))
            grammar = self._grammar(wrong, self.child.first_name)
            text = self.fill(self.pick("sections", "defects", "copy_sentences"), grammar)
            self.insert_sentence("B", text)
            self.add_defect(
                "pronoun_mix", "B", text, f"{PRONOUNS[wrong]['he']} for {self.grammar['he']}"
            )
        if self.has("placeholder"):
            self.plant_placeholder()
        if self.has("duplicated_paragraph"):
            self.duplicate_paragraph()
        if self.has("unexplained_acronym"):
            sentence, acronym = self.pick("sections", "defects", "acronym_sentences")
            text = self.fill(sentence)
            section = self.rng.choice(("B", "C"))
            self.insert_sentence(section, text)
            self.add_defect("unexplained_acronym", section, text, acronym)

    def other_first_name(self) -> str:
        names = [
            name
            for name in self.bank.options("people", f"first_names_{self.child.pronoun}")
            if name != self.child.first_name
        ]
        return self.rng.choice(names)

    def plant_placeholder(self) -> None:
        placeholder = self.pick("sections", "defects", "placeholders")
        text = self.fill(
            self.pick("sections", "defects", "placeholder_frames"), placeholder=placeholder
        )
        section = self.rng.choice(("A", "B", "D", "K"))
        self.insert_sentence(section, text)
        self.add_defect("placeholder", section, text, placeholder)

    def duplicate_paragraph(self) -> None:
        """Repeat a paragraph or bullet of Section B (else C), as copy-and-paste leaves it."""
        for section in ("B", "C"):
            blocks = self.draft.sections[section]
            candidates = [
                i for i, block in enumerate(blocks) if block.kind in ("paragraph", "bullet")
            ]
            if candidates:
                index = self.rng.choice(candidates)
                blocks.insert(index + 1, blocks[index].model_copy())
                self.add_defect("duplicated_paragraph", section, blocks[index].text)
                return

    def drop_section(self) -> None:
        """Leave out one statutory section, with the gold items that were written in it."""
        section = self.rng.choice(DROPPABLE_SECTIONS)
        del self.draft.sections[section]
        self.draft.provisions = [p for p in self.draft.provisions if p.section != section]
        self.draft.defects = [d for d in self.draft.defects if d.section != section]
        self.add_defect("missing_section", section, detail=f"Section {section} is not in the plan")


# --- assembling a plan ---------------------------------------------------------------------------


def year_label(year_group: int) -> str:
    return "Reception" if year_group == 0 else f"Year {year_group}"


def misstate_year_group(pairs: list[tuple[str, str]], child: Child, draft: PlanDraft) -> None:
    """State a year group two years from the child's own (DAT003), on the same side of Year 9
    so that whether preparing for adulthood is due does not change."""
    if child.year_group is None or child.year_group < 1:
        return
    year = child.year_group
    if year < 9:
        wrong = year - 2 if year >= 3 else year + 2
    else:
        wrong = year + 2 if year <= 12 else year - 2
    stated = year_label(child.year_group)
    for index, (label, value) in enumerate(pairs):
        if value == stated:
            pairs[index] = (label, year_label(wrong))
            draft.defects.append(
                GoldDefect(kind="year_group_mismatch", text=year_label(wrong), detail=stated)
            )
            return


def front_matter(rng: random.Random, bank: PhraseBank, child: Child) -> list[tuple[str, str]]:
    def label(key: str) -> str:
        return bank.pick(rng, "sections", "front_matter", key)

    pairs = [(label("name"), f"{child.first_name} {child.surname}")]
    if child.age_stated:
        pairs.append((label("dob"), format_date(child.birth_date)))
        if child.year_group is not None:
            pairs.append((label("year"), year_label(child.year_group)))
    pairs.append((label("setting"), child.setting_name))
    pairs.append((label("plan_date"), format_date(child.plan_date)))
    pairs.append((label("status"), "Draft" if child.is_draft else "Final"))
    return pairs


def plan_rng(seed: int, split: str, index: int) -> random.Random:
    """Each plan's own generator: independent of the others and of global state."""
    return random.Random(f"ehcp-synthetic:{seed}:{split}:{index}")


def block_texts(block: SpecBlock) -> list[str]:
    if block.kind == "table":
        return [*block.header, *(cell for row in block.rows for cell in row)]
    return [block.text]


def word_count(spec: PlanSpec) -> int:
    """Words in the plan body (section contents), for reporting plan length."""
    return sum(
        len(text.split())
        for section in spec.sections
        for block in section.blocks
        for text in block_texts(block)
    )


@dataclass(frozen=True)
class PlanJob:
    """One plan to make: where it sits in the corpus and how it is laid out."""

    index: int
    seed: int
    split: BankSplit
    template: str
    fmt: Format

    @property
    def plan_id(self) -> str:
        return f"{self.split}-{self.index:04d}"


def generate_plan(job: PlanJob, out_dir: Path) -> tuple[GoldPlan, PlanSpec]:
    """Write one plan file and return its gold labels and the spec it was rendered from."""
    rng = plan_rng(job.seed, job.split, job.index)
    bank = PhraseBank(job.split)
    child = make_child(rng, bank)
    recipe = make_recipe(rng, rng.choice(QUALITIES))
    recipe = replace(recipe, extras=recipe.extras | enforceability_extras(rng, recipe.quality))
    thread_and_dates = independent_extras(
        rng, THREAD_AND_DATE_EXTRAS, THREAD_AND_DATE_RATES[recipe.quality]
    )
    recipe = replace(recipe, extras=recipe.extras | thread_and_dates)
    draft = PlanWriter(rng, bank, child, recipe).write()
    pairs = front_matter(rng, bank, child)
    if "year_group_mismatch" in recipe.extras:
        misstate_year_group(pairs, child, draft)
    spec = PlanSpec(
        plan_id=job.plan_id,
        front_matter=pairs,
        sections=[SpecSection(id=sid, blocks=blocks) for sid, blocks in draft.sections.items()],
    )
    file_name = f"{job.plan_id}.{job.fmt}"
    rendered = render(spec, job.template, job.fmt, out_dir / file_name)
    sections = rendered.gold_sections()
    age = child.age if child.age_stated else None
    facts = GradingFacts(
        sections=sections,
        child_voice_present=bool(draft.voice_evidence),
        voice_evidence=draft.voice_evidence,
        pfa_required=child.pfa_required if child.age_stated else None,
        pfa_outcomes_present=draft.pfa_outcomes_present,
        outcomes=draft.outcomes,
        provisions=draft.provisions,
        defects=draft.defects,
    )
    grade, section_grades = grade_facts(facts)
    gold = GoldPlan(
        plan_id=job.plan_id,
        file=file_name,
        format=job.fmt,
        template=job.template,
        split=job.split,
        child_name=f"{child.first_name} {child.surname}",
        age=age,
        year_group=child.year_group if child.age_stated else None,
        need_areas=list(child.needs),
        setting=child.setting_type,
        **facts.model_dump(),
        grade=grade,
        section_grades=section_grades,
    )
    return gold, spec


def plan_jobs(
    n: int, seed: int, split: BankSplit, formats: list[Format], templates: list[str]
) -> list[PlanJob]:
    """Round-robin over formats, then over templates, so every pairing occurs."""
    return [
        PlanJob(
            index=index,
            seed=seed,
            split=split,
            template=templates[(index // len(formats)) % len(templates)],
            fmt=formats[index % len(formats)],
        )
        for index in range(n)
    ]


def generate_corpus(
    out_dir: Path,
    n: int,
    seed: int,
    split: BankSplit,
    formats: list[Format] | tuple[Format, ...] = FORMATS,
    templates: list[str] | tuple[str, ...] = TEMPLATE_NAMES,
) -> GoldCorpus:
    """Write `n` plans and one labels.json (GoldCorpus) into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs = plan_jobs(n, seed, split, list(formats), list(templates))
    corpus = GoldCorpus(
        generator_version=GENERATOR_VERSION,
        seed=seed,
        plans=[generate_plan(job, out_dir)[0] for job in jobs],
    )
    (out_dir / "labels.json").write_text(corpus.model_dump_json(indent=1) + "\n", encoding="utf-8")
    return corpus


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--n", type=int, default=500, help="number of plans")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--split", choices=get_args(BankSplit), default="train")
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated")
    parser.add_argument("--templates", default=",".join(TEMPLATE_NAMES), help="comma-separated")
    args = parser.parse_args(argv)
    args.formats = [fmt.strip() for fmt in args.formats.split(",") if fmt.strip()]
    args.templates = [name.strip() for name in args.templates.split(",") if name.strip()]
    unknown = sorted(set(args.formats) - set(FORMATS)) + sorted(
        set(args.templates) - set(TEMPLATE_NAMES)
    )
    if unknown:
        parser.error(f"unknown format or template: {', '.join(unknown)}")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    started = time.perf_counter()
    corpus = generate_corpus(args.out, args.n, args.seed, args.split, args.formats, args.templates)
    seconds = time.perf_counter() - started
    grades: dict[str, int] = {}
    for plan in corpus.plans:
        grades[plan.grade] = grades.get(plan.grade, 0) + 1
    print(
        f"{len(corpus.plans)} plans in {seconds:.1f} s "
        f"({len(corpus.plans) / seconds:.1f} plans/s); "
        f"grades {dict(sorted(grades.items()))}; labels in {args.out / 'labels.json'}"
    )


if __name__ == "__main__":
    main()
