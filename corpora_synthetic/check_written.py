"""Check a written phrase split (probe, blind, sealed, or the next one) the way its writers must.

    python -m corpora_synthetic.check_written SPLIT [STEM ...]

A written split is a folder `phrases/<SPLIT>/` with the main bank's files, keys and entry shapes
and wholly new wording (see phrases/__init__.py). Writers may read the train half and the other
written splits, never the held-out half, so every problem is reported by list path and index
only: no entry of another bank is ever printed. Checks, per list of the main bank:
- present, with at least as many entries as the train half, in the train half's shapes;
- no {placeholder} the train half of that list does not use (the generator fills only those);
- no entry equal or near-equal (rapidfuzz ratio >= 85) to any entry of the main bank (either
  half) or of another written split, nor repeated within the list;
- no acronym left unexplained outside the planted ones (`acronym_sentences`): the gold labels
  only what it plants, so "CAMHS" alone anywhere else would be a true finding the gold misses;
- no rough amount ("up to", "around", "roughly") in a list of stated frequencies, lengths or
  groups: the gold counts those as stated, though they are hedges;
- no word DOMAIN.md calls unenforceable ("access to", "support with") in a list of sound
  provision: the gold counts those lines as specific;
- no absolute bar ("100%", "every time") in the measures of sound outcomes: SMA005 calls it
  unlikely to be achievable.
Then, from the command line, a 60-plan generation smoke test of the split.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from corpora_synthetic.phrases import PHRASE_DIR, WRITTEN_SPLITS, iter_bank_lists

SLOT = re.compile(r"\{[^}]*\}")
ACRONYM = re.compile(r"\b([A-Z]{2,6}\d{0,2})(?:s|'s)?\b")
# Needing no explanation: the train half's own, statutory regulators in a registration clause
# ("HCPC registered"), and abbreviations ehcp-lint treats as everyday (rules/accessibility.toml).
EVERYDAY_ACRONYMS = frozenset(
    {"SENCo", "SENDCo", "HCPC", "GMC", "NMC", "UK", "GP", "PE", "TV", "IT", "NHS", "GCSE"}
)
NEAR_EQUAL = 85
SHORTEST_FUZZY = 5
# Lists whose entries are planted defects or template fields, where capitals are the point.
PLANTED_LISTS = ("acronym", "placeholder")
# The amounts the gold counts as stated (how often and how long sound provision is, in F, G and
# H): a rough amount there is a hedge the gold would not know of (DOMAIN.md: "up to 3 hours").
AMOUNT_LISTS = ("frequencies", "durations", "duration_cells")
ROUGH_AMOUNT = re.compile(
    r"\b(?:up to|around|roughly|approximately|approx|about|circa|or so|give or take|or longer)\b",
    re.IGNORECASE,
)

# Lists of sound provision (what, who, how often, how long, group, and the openers round them):
# a word DOMAIN.md calls unenforceable there is a hedge the gold would not know of.
SOUND_LISTS = (
    "provision:openers", "provision:who_connectors", "provision:frequencies",
    "provision:durations", "provision:duration_cells", "provision:groups", "provision:what/",
    "provision:who/", "provision:therapy/", "provision:standing/", "sections:health_provision/",
    "sections:health_timing/", "sections:social_care_provision/",
)  # fmt: skip
UNENFORCEABLE = re.compile(
    r"\b(?:access to|opportunit(?:y|ies) (?:to|for)|as appropriate|as required|as needed|"
    r"when needed|where possible|regular(?:ly)?|periodic|or equivalent|such as|e\.g\.|etc|"
    r"support with|input from|advice from|school staff)\b",
    re.IGNORECASE,
)

# Measures of sound outcomes: an absolute bar there ("100%", "every time") is an unrealistic
# outcome (SMA005) the gold would not know of.
MEASURE_LISTS = ("outcomes:measures",)
ABSOLUTE_BAR = re.compile(r"\b100\s*%|\bevery\s+(?:single\s+)?time\b|\balways\b", re.IGNORECASE)


def _flat(entry: Any) -> str:
    return " | ".join(map(str, entry)) if isinstance(entry, list) else str(entry)


def _shape(entry: Any) -> str:
    return f"list{len(entry)}" if isinstance(entry, list) else type(entry).__name__


def _lists(path: Path) -> dict[tuple[str, ...], list[Any]]:
    return dict(iter_bank_lists(tomllib.loads(path.read_text(encoding="utf-8"))))


def problems(split: str, stems: list[str] | None = None) -> list[str]:
    """Every problem with the written split's files, by file stem, list path and index."""
    found: list[str] = []
    for main_file in sorted(PHRASE_DIR.glob("*.toml")):
        if stems and main_file.stem not in stems:
            continue
        own_file = PHRASE_DIR / split / main_file.name
        if not own_file.exists():
            found.append(f"{main_file.stem}: no {split} file yet")
            continue
        main, own = _lists(main_file), _lists(own_file)
        others: dict[tuple[str, ...], list[Any]] = {}
        for other in WRITTEN_SPLITS:
            other_file = PHRASE_DIR / other / main_file.name
            if other != split and other_file.exists():
                for path, entries in _lists(other_file).items():
                    others.setdefault(path, []).extend(entries)
        found += [
            f"{main_file.stem}: MISSING list {'/'.join(p)}" for p in sorted(set(main) - set(own))
        ]
        found += [
            f"{main_file.stem}: EXTRA list {'/'.join(p)}" for p in sorted(set(own) - set(main))
        ]
        for path in sorted(set(main) & set(own)):
            name = f"{main_file.stem}:{'/'.join(path)}"
            taken = [_flat(entry).lower() for entry in main[path] + others.get(path, [])]
            found += _list_problems(name, main[path][0::2], own[path], taken)
    return found


def _list_problems(name: str, train: list[Any], entries: list[Any], taken: list[str]) -> list[str]:
    found = []
    if len(entries) < len(train):
        found.append(f"{name}: {len(entries)} entries, the train half has {len(train)}")
    shapes = {_shape(entry) for entry in train}
    slots = {slot for entry in train for slot in SLOT.findall(_flat(entry))}
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        text = _flat(entry)
        where = f"{name}[{index}]"
        if _shape(entry) not in shapes:
            found.append(f"{where}: shape {_shape(entry)}, expected {sorted(shapes)}")
        if extra := set(SLOT.findall(text)) - slots:
            found.append(f"{where}: placeholders {sorted(extra)} the train half does not use")
        low = text.lower()
        if low in seen:
            found.append(f"{where}: repeated within the list")
        seen.add(low)
        if low in taken or any(_near_equal(low, other) for other in taken):
            found.append(f"{where}: equal or near-equal to an entry of another bank")
        if name.rsplit("/", 1)[-1] in AMOUNT_LISTS and (rough := ROUGH_AMOUNT.search(text)):
            found.append(f"{where}: a rough amount ({rough.group(0)!r}) in a stated amount")
        if name in MEASURE_LISTS and (bar := ABSOLUTE_BAR.search(text)):
            found.append(f"{where}: an absolute bar ({bar.group(0)!r}) in a sound measure")
        if name.startswith(SOUND_LISTS) and (vague := UNENFORCEABLE.search(text)):
            found.append(f"{where}: an unenforceable word ({vague.group(0)!r}) in sound provision")
        if not any(word in name for word in PLANTED_LISTS):
            found += [
                f"{where}: acronym {acronym} not explained in the entry"
                for acronym in dict.fromkeys(ACRONYM.findall(text))
                if acronym not in EVERYDAY_ACRONYMS and f"({acronym}" not in text
            ]
    return found


def _near_equal(text: str, other: str) -> bool:
    """Fuzzy likeness, for entries long enough for it to mean anything ("Rev" and "Revd" are
    titles, not paraphrases)."""
    return min(len(text), len(other)) > SHORTEST_FUZZY and fuzz.ratio(text, other) >= NEAR_EQUAL


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    split, stems = argv[0], argv[1:]
    found = problems(split, stems or None)
    print("\n".join(found))
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "corpora_synthetic.generate", "--out", out, "--n", "60"]
        run = subprocess.run(
            [*command, "--seed", "3", "--split", split, "--formats", "txt"],
            capture_output=True,
            text=True,
            check=False,
        )
    print("generation:", "ok" if run.returncode == 0 else run.stderr[-3000:])
    print(f"{len(found) + (run.returncode != 0)} problem(s)")
    return 1 if found or run.returncode else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
