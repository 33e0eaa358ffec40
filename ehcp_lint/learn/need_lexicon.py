"""Build rules/need_lexicon.toml: for each skill family of `[relevance.families]`
(rules/outcomes.toml), the word stems that say a text is about it, so that the relevance rule
links "name how he is feeling" to "high levels of anxiety" without anyone listing every word.

Each seed is looked up in Princeton WordNet 3.0. From the commonest sense of each part of speech
(WordNet's first; rarer senses would drag in "read" = "interpret a dream") the build keeps the
synonyms and the words derived from the seed ("anxious" -> "anxiety", "calm" -> "calmness"); a
seed written with a trailing "*" also keeps the kinds of its noun sense, two levels down
("emotion*" -> "fear", "anger", "joy"). Multi-word seeds are kept as they are. Words an outcome
uses for anything (`[relevance] ignore_words` and `light_words`) are left out.

    python -m ehcp_lint.learn.need_lexicon --wordnet /usr/share/wordnet \\
        --out rules/need_lexicon.toml

WordNet's data files come from the Debian package wordnet-base. Only the build reads them;
`ehcp-lint check` reads the stems it wrote.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from ehcp_lint.learn.wordnet import WORDNET_NOTICE, WordNet, read_wordnet
from ehcp_lint.ruleset import load_toml
from ehcp_lint.textfeatures import stem

_HYPONYM_DEPTH = 2


def family_words(seed: str, wordnet: WordNet) -> set[str]:
    """The seed, the words derived from its commonest sense and, when that sense is a noun or an
    adjective, its synonyms (verbs have too many senses for their synonyms to be safe: "add"
    would bring "ADD"); for a seed ending in "*", also the kinds of that noun sense. A synonym or
    a kind is kept only when this is its own commonest sense, as for the pastimes ("fire" is a
    kind of feeling on a rare sense). A person or thing that does the action ("recorder",
    "walker") says nothing about the skill: left out."""
    lemma = seed.rstrip("*").replace(" ", "_")
    key = main_sense(lemma, wordnet)
    if key is None:
        return {seed.rstrip("*")}
    found = {lemma}
    synset = wordnet.synsets[key]
    meanings = {key}
    if not key.startswith("verb:"):
        meanings |= _kinds(key, wordnet, _HYPONYM_DEPTH) if seed.endswith("*") else set()
        found |= {
            word
            for meaning in meanings
            for word in wordnet.synsets[meaning].words
            if wordnet.first_sense(word, meaning.split(":")[0]) == meaning
        }
    position = synset.words.index(lemma) + 1 if lemma in synset.words else -1
    for pointer in synset.pointers:
        if pointer.symbol == "+" and pointer.source_word in (0, position):
            derived = wordnet.synsets[pointer.target].words[pointer.target_word - 1]
            if not re.search(r"(?:er|or)$", derived):
                found.add(derived)
    return {word.replace("_", " ") for word in found}


def main_sense(lemma: str, wordnet: WordNet) -> str | None:
    """The first (commonest) sense of the part of speech in which the lemma has most senses."""
    senses = wordnet.first_senses.get(lemma)
    return max(senses, key=lambda sense: sense.count).key if senses else None


def _kinds(key: str, wordnet: WordNet, depth: int) -> set[str]:
    """The synsets below one, `depth` levels down."""
    if depth == 0:
        return set()
    kinds = set(wordnet.kinds(key))
    for kind in list(kinds):
        kinds |= _kinds(kind, wordnet, depth - 1)
    return kinds


def family_stems(wordnet: WordNet) -> dict[str, list[str]]:
    """Each family's sorted stems (one word) and phrases (several), less the generic words."""
    relevance = load_toml("outcomes.toml")["relevance"]
    generic = {stem(word) for word in [*relevance["ignore_words"], *relevance["light_words"]]}
    lexicon = {}
    for name, family in relevance["families"].items():
        found = set()
        for seed in family["seeds"]:
            for word in family_words(seed, wordnet):
                if not re.fullmatch(r"[a-z][a-z' -]*", word):
                    continue
                if " " in word:
                    found.add(word)
                else:
                    adjective = any(
                        sense.key.startswith("adj:") for sense in wordnet.first_senses.get(word, [])
                    )
                    stems = inflected_stems(word, adjective=adjective)
                    found.update(key for key in stems if key not in generic)
        lexicon[name] = sorted(found)
    return lexicon


def inflected_stems(word: str, *, adjective: bool) -> set[str]:
    """The stems of a word's inflections, so that the check's crude stems meet the lemma's:
    "worries" stems to "worr", "upsetting" to "upsett"; an adjective's comparatives too ("happier":
    not a verb's, or "record" would bring "recorder")."""
    base = word[:-1] + "i" if word.endswith("y") and word[-2:-1] not in "aeiou" else word
    forms = {word, f"{word}s", f"{word}ing", f"{base}es", f"{base}ed", f"{word}ed"}
    if re.search(r"[^aeiou][aeiou][bdglmnprt]$", word):  # "upset" -> "upsetting"
        forms |= {f"{word}{word[-1]}ing", f"{word}{word[-1]}ed"}
    if adjective:
        forms |= {f"{base}er", f"{base}est"}
    return {stem(form) for form in forms}


def write_lexicon(lexicon: dict[str, list[str]], out: Path) -> None:
    body = "\n".join(
        f"{name} = [\n" + "".join(f'    "{word}",\n' for word in words) + "]"
        for name, words in lexicon.items()
    )
    out.write_text(
        "# Word stems (and phrases) of each skill family in rules/outcomes.toml\n"
        "# [relevance.families], expanded from their seeds with Princeton WordNet 3.0 by\n"
        "# ehcp_lint.learn.need_lexicon: do not edit by hand; change the seeds and rebuild.\n"
        f"{WORDNET_NOTICE}"
        f"{body}\n",
        encoding="utf-8",
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--out", type=Path, default=Path("rules/need_lexicon.toml"))
    args = parser.parse_args(argv)
    lexicon = family_stems(read_wordnet(args.wordnet))
    write_lexicon(lexicon, args.out)
    sizes = ", ".join(f"{name} {len(words)}" for name, words in lexicon.items())
    print(f"need lexicon written to {args.out}: {sizes}")


if __name__ == "__main__":
    main()
