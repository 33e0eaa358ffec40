"""The WordNet pastime list: built from WordNet's noun files by first sense, minus exclusions,
and used by the relevance rule (a pastime no need or aspiration names is not relevant)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from ehcp_lint.checks.outcomes import find_pastime
from ehcp_lint.learn.pastimes import ROOTS, pastime_words, write_pastimes
from ehcp_lint.learn.wordnet import read_wordnet

WORDNET = Path("/usr/share/wordnet")
SHIPPED = Path(__file__).parents[1] / "rules" / "pastimes.toml"

# A few synsets in WordNet's own format: offset, lexicographer file, type, word count (hex),
# words with lex ids, pointer count and pointers ("~" hyponym), then the gloss.
CHESS, FLUTE, MACHINE, DRAMA = "00001001", "00001002", "00001003", "00001004"
SYNSETS = {
    **{root: ([f"root{i}"], []) for i, root in enumerate(ROOTS)},
    "00426928": (["diversion", "recreation"], [CHESS, DRAMA]),
    "03800933": (["musical_instrument", "instrument"], [FLUTE]),
    CHESS: (["chess", "chess_game"], []),
    FLUTE: (["recorder", "fipple_flute"], []),
    MACHINE: (["recorder", "recording_machine"], []),
    DRAMA: (["play", "drama"], []),
}
# First sense of each lemma: "recorder" is first a machine, so it is no pastime on WordNet's
# word; "play" is excluded (a word an area of need uses).
FIRST = {"chess": CHESS, "chess_game": CHESS, "fipple_flute": FLUTE, "recorder": MACHINE}
FIRST |= {"play": DRAMA, "drama": DRAMA, "recording_machine": MACHINE}


def _data_line(offset: str, words: list[str], hyponyms: list[str]) -> str:
    names = " ".join(f"{word} 0" for word in words)
    pointers = " ".join(f"~ {target} n 0000" for target in hyponyms)
    return f"{offset} 04 n {len(words):02x} {names} {len(hyponyms):03d} {pointers} | a gloss"


def _fake_wordnet(folder: Path) -> Path:
    licence = "  1 This software and database is being provided to you, the LICENSEE\n"
    data = [_data_line(offset, *entry) for offset, entry in SYNSETS.items()]
    index = [f"{lemma} n 1 1 @ 1 0 {offset}" for lemma, offset in sorted(FIRST.items())]
    (folder / "data.noun").write_text(licence + "\n".join(data) + "\n", "latin-1")
    (folder / "index.noun").write_text(licence + "\n".join(index) + "\n", "latin-1")
    return folder


def test_pastimes_are_first_senses_under_the_roots_less_exclusions(tmp_path: Path) -> None:
    words = pastime_words(read_wordnet(_fake_wordnet(tmp_path), parts=("noun",)))
    assert words == ["chess", "chess game", "drama", "fipple flute"]


def test_the_written_list_is_valid_toml(tmp_path: Path) -> None:
    out = tmp_path / "pastimes.toml"
    write_pastimes(["chess", "fipple flute"], out)
    assert tomllib.loads(out.read_text("utf-8"))["words"] == ["chess", "fipple flute"]


@pytest.mark.skipif(not WORDNET.exists(), reason="WordNet not installed (apt: wordnet-base)")
def test_the_shipped_list_is_what_wordnet_gives(tmp_path: Path) -> None:
    out = tmp_path / "pastimes.toml"
    write_pastimes(pastime_words(read_wordnet(WORDNET, parts=("noun",))), out)
    assert out.read_bytes() == SHIPPED.read_bytes()


@pytest.mark.parametrize(
    ("text", "pastime"),
    [
        ("Sam will learn to play the bassoon with 80% accuracy.", "bassoon"),
        ("Sam will take part in a fencing club.", "fencing"),
        ("Sam will play the drums in the school band.", "play the drums"),
        ("Sam will follow a two-step instruction on 4 out of 5 occasions.", None),
        ("Sam will swim 25 metres using front crawl.", None),
        ("Sam will play a board game with a peer, taking turns.", None),
        # The subject of a piece of work is not the aim: the writing is.
        ("Sam will plan a recount of a school trip using a writing frame.", None),
        ("Sam will write a story about football in five sentences.", None),
        ("Sam will go on a school trip with his class.", "school trip"),
    ],
)
def test_pastimes_in_outcomes(text: str, pastime: str | None) -> None:
    assert find_pastime(text) == pastime
