"""Build src/gzfacts/checking/data/wordnet.sqlite, the WordNet table gzfacts.checking.wordnet reads.

Source: Princeton WordNet 3.0 as Debian's package `wordnet-base` installs it in /usr/share/wordnet: the
database files data.{noun,verb,adj,adv}, index.{noun,verb,adj,adv} and {noun,verb,adj,adv}.exc.
WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. Its licence
(/usr/share/doc/wordnet-base/copyright, and NOTICE) asks for its notice on all copies: the table carries
it in its `meta` table, copied from the head of data.noun.

Kept, with words interned as integer ids: every lemma's senses in the index files' order (most frequent
first); each synset's words, its hypernyms and instance hypernyms (nouns, verbs) or its head (satellite
adjectives, "similar to"); the antonym (!) and derivationally related form (+) pointers between words;
the entries of the exception lists (*.exc) whose base form is a lemma of that part of speech.

Dropped: glosses, examples, verb frames, every other pointer, and two kinds of synsets a claim checker
never needs (1.1 MB of the file): named biological taxa ("genus Quercus", "family Fagaceae": the synsets
under "taxonomic group" with a rank word in a name) and people's names (instances in noun.person: "Bach",
"Mao Zedong"). Lemmas left with no sense are dropped with them.

Rerun it (after `apt-get install wordnet-base`) from the repository root:

    python scripts/build_wordnet.py                        # reads /usr/share/wordnet
    python scripts/build_wordnet.py /path/to/wordnet/dict -o /tmp/wordnet.sqlite

The output is deterministic: the same input files give the same bytes, with the same SQLite library (it
writes the file format: `python -c "import sqlite3; print(sqlite3.sqlite_version)"`). The table is built
in memory and written with VACUUM INTO: no free pages, no journal, no timestamps. It takes about 3 s.
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

DEFAULT_SOURCE = Path("/usr/share/wordnet")
DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "src" / "gzfacts" / "checking" / "data" / "wordnet.sqlite"

# The file's layout version (PRAGMA user_version): gzfacts.checking.wordnet refuses any other.
SCHEMA_VERSION = 1

# Parts of speech as WordNet's sense keys number them; satellite adjectives (5) are adjectives (3).
NOUN, VERB, ADJ, ADV = 1, 2, 3, 4
POS_FILES = {NOUN: "noun", VERB: "verb", ADJ: "adj", ADV: "adv"}
POS_OF_LETTER = {"n": NOUN, "v": VERB, "a": ADJ, "s": ADJ, "r": ADV}

# Noun synsets dropped: named taxa under "taxonomic group" (data.noun offset 07992450), and people's names.
TAXONOMIC_GROUP = 7992450
TAXON_NAME = re.compile(r"(sub|super|infra)?(genus|family|order|class|phylum|division|tribe|kingdom|section)[ -]")
NOUN_PERSON = 18  # lexicographer file noun.person

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
-- Every string: the lemmas (lowercase, spaces for underscores) and the inflected forms of the exception
-- lists. `senses`: the lemma's synset ids, 3 bytes each (big-endian), its noun senses first, then verb,
-- adjective, adverb, each part of speech in the index file's order (most frequent first); NULL for a form
-- that is only an inflection.
CREATE TABLE word (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE, senses BLOB);
-- A synset id's two low bits are its part of speech minus 1. `words`: its lemmas' word ids, 3 bytes each.
-- `hypernyms`: its hypernyms and instance hypernyms (nouns, verbs), 3 bytes each, or NULL. `head`: for a
-- satellite adjective, the head synset of its cluster ("similar to"), else NULL.
CREATE TABLE synset (id INTEGER PRIMARY KEY, words BLOB NOT NULL, hypernyms BLOB, head INTEGER);
-- The exception lists: `form` ("grew") is an inflection of `base` ("grow") in that part of speech.
CREATE TABLE exception (
    form INTEGER NOT NULL, pos INTEGER NOT NULL, n INTEGER NOT NULL, base INTEGER NOT NULL,
    PRIMARY KEY (form, pos, n)
) WITHOUT ROWID;
-- Antonym pointers (!): `word`, in `synset`, is the antonym of the word `target`.
CREATE TABLE antonym (
    synset INTEGER NOT NULL, word INTEGER NOT NULL, target INTEGER NOT NULL, PRIMARY KEY (synset, word, target)
) WITHOUT ROWID;
-- Derivationally related forms (+), in any sense: "growth" -> "grow".
CREATE TABLE derivation (word INTEGER NOT NULL, target INTEGER NOT NULL, PRIMARY KEY (word, target)) WITHOUT ROWID;
"""


def lemma_text(raw: str) -> str:
    """A data-file or index-file word as the table stores it: lowercase, spaces, no adjective marker."""
    if raw.endswith(")") and "(" in raw:  # adjective position markers: (a), (p), (ip)
        raw = raw[: raw.index("(")]
    return raw.replace("_", " ").lower()


def content_lines(path: Path) -> Iterator[str]:
    """The lines of a WordNet file, without the licence header (its lines start with spaces)."""
    with path.open(encoding="ascii") as handle:
        for line in handle:
            if line.strip() and not line.startswith(" "):
                yield line.rstrip("\n")


def licence_header(path: Path) -> str:
    """The licence text that heads every WordNet data file ("  1 This software and database ...")."""
    lines = []
    with path.open(encoding="ascii") as handle:
        for line in handle:
            if not line.startswith("  "):
                break
            _number, _, text = line.strip().partition(" ")
            lines.append(text.rstrip())
    return "\n".join(lines).strip() + "\n"


def pack(ids: Iterable[int]) -> bytes | None:
    """Ids as 3-byte big-endian integers, NULL for none."""
    return b"".join(number.to_bytes(3, "big") for number in ids) or None


class Synset:
    """One line of a data file, as much of it as the build uses."""

    __slots__ = ("head", "hypernyms", "instance", "lexfile", "pointers", "satellite", "words")

    def __init__(self, lexfile: int, satellite: bool, words: list[str]) -> None:
        self.lexfile, self.satellite, self.words = lexfile, satellite, words
        self.hypernyms: list[tuple[int, int]] = []  # synset keys: (part of speech, offset)
        self.instance = False  # has an instance hypernym (@i): a named thing, place or person
        self.head: tuple[int, int] | None = None
        # (symbol, source word number, target synset key, target word number) for ! and +
        self.pointers: list[tuple[str, int, tuple[int, int], int]] = []


def read_synsets(source: Path) -> dict[tuple[int, int], Synset]:
    """Every synset of the data files, keyed by (part of speech, byte offset)."""
    synsets: dict[tuple[int, int], Synset] = {}
    for pos, name in POS_FILES.items():
        for line in content_lines(source / f"data.{name}"):
            fields = line.partition(" | ")[0].split()
            w_cnt = int(fields[3], 16)
            words = [lemma_text(fields[4 + 2 * i]) for i in range(w_cnt)]
            synset = Synset(int(fields[1]), fields[2] == "s", words)
            at = 4 + 2 * w_cnt
            for _ in range(int(fields[at])):
                symbol, offset, letter, source_target = fields[at + 1 : at + 5]
                at += 4
                target = (POS_OF_LETTER[letter], int(offset))
                if symbol in ("@", "@i"):
                    synset.hypernyms.append(target)
                    synset.instance = synset.instance or symbol == "@i"
                elif symbol == "&" and synset.satellite:
                    synset.head = target
                elif symbol in ("!", "+"):
                    source_word, target_word = int(source_target[:2], 16), int(source_target[2:], 16)
                    if not source_word or not target_word:
                        raise ValueError(f"{symbol} pointer between synsets, not words: {' '.join(fields[:4])}")
                    synset.pointers.append((symbol, source_word, target, target_word))
            synsets[(pos, int(fields[0]))] = synset
    return synsets


def dropped_synsets(synsets: dict[tuple[int, int], Synset]) -> set[tuple[int, int]]:
    """Named taxa under "taxonomic group", and people's names (noun.person instances)."""
    hyponyms: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for key, synset in synsets.items():
        for hypernym in synset.hypernyms:
            hyponyms[hypernym].append(key)
    taxa, stack = set(), [(NOUN, TAXONOMIC_GROUP)]
    while stack:
        for child in hyponyms[stack.pop()]:
            if child not in taxa:
                taxa.add(child)
                stack.append(child)
    dropped = {key for key in taxa if any(TAXON_NAME.match(word) for word in synsets[key].words)}
    dropped.update(key for key, synset in synsets.items() if synset.instance and synset.lexfile == NOUN_PERSON)
    return dropped


def read_index(source: Path, synsets: dict[tuple[int, int], Synset]) -> list[tuple[str, int, int, tuple[int, int]]]:
    """(lemma, part of speech, sense number, synset key) for every line of the index files."""
    senses = []
    for pos, name in POS_FILES.items():
        for line in content_lines(source / f"index.{name}"):
            fields = line.split()
            lemma = lemma_text(fields[0])
            synset_cnt, p_cnt = int(fields[2]), int(fields[3])
            offsets = fields[4 + p_cnt + 2 :]
            if len(offsets) != synset_cnt:
                raise ValueError(f"index.{name}: {synset_cnt} senses announced, {len(offsets)} listed: {line}")
            for number, offset in enumerate(offsets, start=1):
                if lemma not in synsets[(pos, int(offset))].words:
                    raise ValueError(f"index.{name}: {lemma!r} is not a word of synset {offset}")
                senses.append((lemma, pos, number, (pos, int(offset))))
    return senses


def read_exceptions(source: Path) -> dict[tuple[str, int], list[str]]:
    """(inflected form, part of speech) -> its base forms, in the files' order."""
    exceptions: dict[tuple[str, int], dict[str, None]] = defaultdict(dict)
    for pos, name in POS_FILES.items():
        for line in content_lines(source / f"{name}.exc"):
            form, *bases = (lemma_text(field) for field in line.split())
            exceptions[(form, pos)].update(dict.fromkeys(bases))  # a form may have two lines ("offer")
    return {key: list(bases) for key, bases in exceptions.items()}


def head_id(head: tuple[int, int] | None, synset_ids: dict[tuple[int, int], int]) -> int | None:
    """A satellite adjective's head synset, as an id (heads are never dropped)."""
    return None if head is None else synset_ids.get(head)


def build(source: Path, output: Path) -> None:
    """Read the WordNet dict directory `source` and write the table to `output` (replaced if present)."""
    synsets = read_synsets(source)
    dropped = dropped_synsets(synsets)
    kept = sorted(key for key in synsets if key not in dropped)
    synset_ids = {key: number * 4 + key[0] - 1 for number, key in enumerate(kept)}
    senses = [sense for sense in read_index(source, synsets) if sense[3] in synset_ids]
    lemma_pos = {(lemma, pos) for lemma, pos, _number, _key in senses}
    exceptions = {
        key: [base for base in bases if (base, key[1]) in lemma_pos] for key, bases in read_exceptions(source).items()
    }
    texts = {lemma for lemma, _pos in lemma_pos}
    texts.update(form for (form, _pos), bases in exceptions.items() if bases)
    word_ids = {text: number for number, text in enumerate(sorted(texts), start=1)}

    lemma_senses: dict[str, list[int]] = defaultdict(list)
    members: dict[tuple[int, int], list[int]] = defaultdict(list)
    for lemma, _pos, _number, key in sorted(senses, key=lambda sense: sense[:3]):
        lemma_senses[lemma].append(synset_ids[key])
    for key in kept:  # a synset's words in the data file's order
        members[key] = [word_ids[word] for word in dict.fromkeys(synsets[key].words) if (word, key[0]) in lemma_pos]

    antonyms, derivations = set(), set()
    for key in kept:
        for symbol, source_word, target, target_word in synsets[key].pointers:
            if target not in synset_ids:
                continue
            word, other = synsets[key].words[source_word - 1], synsets[target].words[target_word - 1]
            if symbol == "!":
                antonyms.add((synset_ids[key], word_ids[word], word_ids[other]))
            else:
                derivations.add((word_ids[word], word_ids[other]))

    db = sqlite3.connect(":memory:")
    db.executescript(SCHEMA)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    db.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [
            ("source", "Princeton WordNet 3.0, Debian package wordnet-base (/usr/share/wordnet)"),
            ("built by", "scripts/build_wordnet.py"),
            ("dropped", "glosses, examples, verb frames, pointers other than @ @i & ! +, named taxa, people's names"),
            ("licence", licence_header(source / "data.noun")),
        ],
    )
    db.executemany(
        "INSERT INTO word VALUES (?, ?, ?)",
        ((number, text, pack(lemma_senses.get(text, ()))) for text, number in word_ids.items()),
    )
    db.executemany(
        "INSERT INTO synset VALUES (?, ?, ?, ?)",
        (
            (
                synset_ids[key],
                pack(members[key]),
                pack(synset_ids[hypernym] for hypernym in synsets[key].hypernyms if hypernym in synset_ids),
                head_id(synsets[key].head, synset_ids),
            )
            for key in kept
        ),
    )
    db.executemany(
        "INSERT INTO exception VALUES (?, ?, ?, ?)",
        sorted(
            (word_ids[form], pos, n, word_ids[base])
            for (form, pos), bases in exceptions.items()
            for n, base in enumerate(bases, start=1)
        ),
    )
    db.executemany("INSERT INTO antonym VALUES (?, ?, ?)", sorted(antonyms))
    db.executemany("INSERT INTO derivation VALUES (?, ?)", sorted(derivations))
    db.commit()
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    partial.unlink(missing_ok=True)
    db.execute("VACUUM INTO ?", (str(partial),))
    db.close()
    partial.replace(output)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the WordNet table of gzfacts.checking.wordnet.")
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE, help=f"default {DEFAULT_SOURCE}")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT, help="default: the shipped table")
    args = parser.parse_args(argv)
    if not (args.source / "data.noun").is_file():
        parser.error(f"no WordNet database in {args.source} (apt-get install wordnet-base, or give its dict directory)")
    build(args.source, args.output)
    print(f"{args.output}: {args.output.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
