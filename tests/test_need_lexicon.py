"""The skill-family lexicon: built from WordNet by commonest sense (synonyms of nouns and
adjectives, derived words, kinds of a starred seed), with the inflections the check's stems
meet, and the shipped file is what the build writes."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from ehcp_lint.learn.need_lexicon import (
    family_stems,
    family_words,
    inflected_stems,
    write_lexicon,
)
from ehcp_lint.learn.wordnet import WordNet, read_wordnet

WORDNET = Path("/usr/share/wordnet")
SHIPPED = Path(__file__).parents[1] / "rules" / "need_lexicon.toml"

LICENCE = "  1 This software and database is being provided to you, the LICENSEE\n"
# Synsets in WordNet's format: offset, lexicographer file, type, word count (hex), words with
# lex ids, pointer count, pointers (symbol, offset, part of speech, source/target word), gloss.
NOUNS = [
    "00000001 26 n 02 feeling 0 emotion 0 001 ~ 00000002 n 0000 | a state",
    "00000002 26 n 01 fear 0 001 ~ 00000003 n 0000 | a feeling",
    "00000003 26 n 01 dread 0 001 ~ 00000004 n 0000 | a fear",
    "00000004 26 n 01 horror 0 000 | a dread",
    "00000005 06 n 02 recorder 0 recording_machine 0 000 | a device",
    "00000006 04 n 01 recording 0 000 | the act",
]
VERBS = [
    # record, enter, put down; derived: recording (kept) and recorder (a thing that records).
    "00000010 32 v 03 record 0 enter 0 put_down 0 002 + 00000005 n 0101 + 00000006 n 0101 | x",
]
INDEX_NOUN = [
    "dread n 1 1 ~ 1 0 00000003",
    "emotion n 1 1 ~ 1 0 00000001",
    "fear n 1 1 ~ 1 0 00000002",
    "feeling n 1 1 ~ 1 0 00000001",
    "horror n 1 0 1 0 00000004",
    "recorder n 1 0 1 0 00000005",
    "recording n 1 0 1 0 00000006",
]
INDEX_VERB = ["record v 1 1 + 1 0 00000010"]


def _fake_wordnet(folder: Path) -> Path:
    for pos, data, index in (("noun", NOUNS, INDEX_NOUN), ("verb", VERBS, INDEX_VERB)):
        (folder / f"data.{pos}").write_text(LICENCE + "\n".join(data) + "\n", "latin-1")
        (folder / f"index.{pos}").write_text(LICENCE + "\n".join(index) + "\n", "latin-1")
    return folder


@pytest.fixture
def wordnet(tmp_path: Path) -> WordNet:
    return read_wordnet(_fake_wordnet(tmp_path), parts=("noun", "verb"))


def test_a_noun_seed_takes_its_synonyms(wordnet: WordNet) -> None:
    assert family_words("feeling", wordnet) == {"feeling", "emotion"}


def test_a_starred_seed_takes_kinds_two_levels_down(wordnet: WordNet) -> None:
    assert family_words("feeling*", wordnet) == {"feeling", "emotion", "fear", "dread"}


def test_a_verb_seed_takes_derived_words_but_no_synonyms_and_no_doer(wordnet: WordNet) -> None:
    # "enter" and "put down" share only a rare sense's meaning; "recorder" is an instrument.
    assert family_words("record", wordnet) == {"record", "recording"}


def test_a_seed_wordnet_does_not_know_is_kept_as_written(wordnet: WordNet) -> None:
    assert family_words("ear defenders", wordnet) == {"ear defenders"}


def test_inflections_meet_the_checks_stems() -> None:
    assert "worr" in inflected_stems("worry", adjective=False)  # "worries"
    assert "upsett" in inflected_stems("upset", adjective=False)  # "upsetting"
    assert "happier" in inflected_stems("happy", adjective=True)
    assert "recorder" not in inflected_stems("record", adjective=False)


@pytest.mark.skipif(not WORDNET.is_dir(), reason="WordNet (Debian wordnet-base) not installed")
def test_the_shipped_lexicon_is_what_the_build_writes(tmp_path: Path) -> None:
    out = tmp_path / "need_lexicon.toml"
    write_lexicon(family_stems(read_wordnet(WORDNET)), out)
    assert tomllib.loads(out.read_text("utf-8")) == tomllib.loads(SHIPPED.read_text("utf-8"))
