"""Princeton WordNet 3.0 read from its dict/ files (Debian package wordnet-base), for the
builds of rules/pastimes.toml and rules/need_lexicon.toml. Only those builds read WordNet;
`ehcp-lint check` reads the lists they wrote."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel

PARTS_OF_SPEECH = ("noun", "verb", "adj", "adv")
# Every file built from WordNet carries its licence notice.
WORDNET_NOTICE = (
    "# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved (WordNet\n"
    "# licence: free to use, copy and distribute with this notice).\n"
)


class Pointer(BaseModel):
    symbol: str
    target: str  # "pos:offset"
    source_word: int  # 0: the whole synset
    target_word: int


class Synset(BaseModel):
    words: list[str]
    pointers: list[Pointer]


class Sense(BaseModel):
    key: str  # "pos:offset" of the lemma's first sense in one part of speech
    count: int  # how many senses the lemma has in that part of speech


class WordNet(BaseModel):
    synsets: dict[str, Synset]  # by "pos:offset"
    first_senses: dict[str, list[Sense]]  # by lemma, one per part of speech

    def first_sense(self, lemma: str, pos: str) -> str | None:
        """The key of the lemma's first sense in one part of speech ("noun")."""
        return next(
            (s.key for s in self.first_senses.get(lemma, []) if s.key.startswith(f"{pos}:")), None
        )

    def kinds(self, key: str) -> list[str]:
        """The keys of the synsets directly below one (its hyponyms and instances)."""
        return [p.target for p in self.synsets[key].pointers if p.symbol in ("~", "~i")]


_POS_FILE = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}


def read_wordnet(folder: Path, parts: tuple[str, ...] = PARTS_OF_SPEECH) -> WordNet:
    """Every synset of the parts of speech with its words and pointers, and each lemma's first
    sense per part of speech."""
    synsets: dict[str, Synset] = {}
    first_senses: dict[str, list[Sense]] = {}
    for pos in parts:
        for line in (folder / f"data.{pos}").read_text("latin-1").splitlines():
            if not line.startswith("  "):  # the licence header is indented
                synsets[f"{pos}:{line[:8]}"] = _synset(line.partition(" | ")[0].split())
        for line in (folder / f"index.{pos}").read_text("latin-1").splitlines():
            if not line.startswith("  "):
                fields = line.split()
                sense = Sense(key=f"{pos}:{fields[6 + int(fields[3])]}", count=int(fields[2]))
                first_senses.setdefault(fields[0], []).append(sense)
    return WordNet(synsets=synsets, first_senses=first_senses)


def _synset(fields: list[str]) -> Synset:
    count = int(fields[3], 16)
    # Adjectives carry a syntactic marker ("galore(ip)").
    words = [re.sub(r"\(.*\)$", "", fields[4 + 2 * i]).lower() for i in range(count)]
    start = 5 + 2 * count
    pointers = []
    for index in range(int(fields[4 + 2 * count])):
        symbol, offset, pos, numbers = fields[start + 4 * index : start + 4 * index + 4]
        pointers.append(
            Pointer(
                symbol=symbol,
                target=f"{_POS_FILE[pos]}:{offset}",
                source_word=int(numbers[:2], 16),
                target_word=int(numbers[2:], 16),
            )
        )
    return Synset(words=words, pointers=pointers)
