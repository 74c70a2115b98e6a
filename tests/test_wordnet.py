"""WordNet 3.0 for the claim checker: base forms, synonyms, more general terms, antonyms, derived forms.

The facts asserted are WordNet 3.0's, checked against its database (and `wn WORD -antsv` etc.), not what
English speakers might expect: WordNet has no antonym for "grow", and the checker keeps its own table
for such pairs (data/vocabulary.txt).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from gzfacts.checking import wordnet

from .conftest import ROOT

BUILD = ROOT / "scripts" / "build_wordnet.py"
SOURCE = Path("/usr/share/wordnet")
SHIPPED = ROOT / "src" / "gzfacts" / "checking" / "data" / "wordnet.sqlite"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        # irregular verbs, from the exception lists
        ("shrank", ("shrink",)),
        ("shrunk", ("shrink",)),
        ("grew", ("grow",)),
        ("went", ("go",)),
        # regular inflections, by the detachment rules
        ("villages", ("village",)),
        ("cities", ("city",)),
        ("companies", ("company",)),
        ("provinces", ("province",)),
        ("attracted", ("attract",)),
        ("declining", ("decline",)),
        # irregular plurals
        ("children", ("child",)),
        ("media", ("medium",)),
        # comparatives and superlatives
        ("highest", ("high",)),
        ("largest", ("large",)),
        ("biggest", ("big",)),
        ("worse", ("bad", "worse")),
        ("better", ("good", "well", "better")),
        # a lemma is its own base form
        ("village", ("village",)),
        ("grow", ("grow",)),
        # collocations, word by word
        ("grew up", ("grow up",)),
        ("heads of state", ("head of state",)),
        ("setting up", ("set up",)),
    ],
)
def test_base_forms(word: str, expected: tuple[str, ...]) -> None:
    assert wordnet.base_forms(word) == expected


def test_base_forms_put_the_irregular_reading_first_then_the_word_itself() -> None:
    # "rose" is a flower too, but the exception list says it is first of all the past of "rise"
    assert wordnet.base_forms("rose") == ("rise", "rose")
    assert wordnet.base_forms("found") == ("find", "found")
    assert wordnet.base_forms("fell") == ("fall", "fell")
    assert wordnet.base_forms("grown") == ("grow", "grown")
    # a form that is a lemma of its own comes before the lemma it inflects
    assert wordnet.base_forms("building") == ("building", "build")
    assert wordnet.base_forms("increasing") == ("increasing", "increase")
    assert wordnet.base_forms("increased") == ("increased", "increase")


def test_input_is_normalised_like_the_table() -> None:
    assert wordnet.base_forms("Villages") == ("village",)
    assert wordnet.base_forms("  grew   up ") == ("grow up",)
    assert wordnet.synonyms("set_up") == wordnet.synonyms("set up") == wordnet.synonyms("SET UP")
    assert "set up" in wordnet.synonyms("establish")  # multiword lemmas come back with spaces


@pytest.mark.parametrize("word", ["qwertyuiop", "", " ", "guiyang", "shrank"])
def test_words_wordnet_lacks_give_empty_answers(word: str) -> None:
    # "shrank" is only an inflection: the relations take lemmas
    if word != "shrank":
        assert wordnet.base_forms(word) == ()
    assert wordnet.synonyms(word) == frozenset()
    assert wordnet.hypernyms(word) == frozenset()
    assert wordnet.antonyms(word) == frozenset()
    assert wordnet.derived(word) == frozenset()


def test_synonyms() -> None:
    # grow: its first three verb senses are "grow, turn" (become), "grow" (get larger) and "grow"
    # (increase by a natural process); "develop" is a synonym in a later sense, and a hypernym
    assert wordnet.synonyms("grow") == frozenset({"turn"})
    assert "develop" in wordnet.synonyms("grow", senses=10)
    assert {"growth", "gain", "increment"} <= wordnet.synonyms("increase")
    assert {"found", "set up", "launch"} <= wordnet.synonyms("establish")
    assert "infirmary" in wordnet.synonyms("hospital")
    assert {"hamlet", "settlement"} <= wordnet.synonyms("village")
    assert {"people's republic of china", "prc"} <= wordnet.synonyms("china")
    assert "grow" not in wordnet.synonyms("grow")


def test_more_senses_give_more_synonyms_and_none_give_none() -> None:
    one, three, all_ = (wordnet.synonyms("rise", senses=n) for n in (1, 3, 100))
    assert one < three < all_
    assert wordnet.synonyms("rise", senses=0) == frozenset()


def test_hypernyms() -> None:
    assert {"medical institution", "institution", "health facility"} <= wordnet.hypernyms("hospital")
    assert {"settlement", "community"} <= wordnet.hypernyms("village")
    assert {"increase", "develop", "change"} <= wordnet.hypernyms("grow")
    assert {"decrease", "change magnitude"} <= wordnet.hypernyms("shrink")
    # instance hypernyms: a named place is an instance of its kind
    assert {"national capital", "city"} <= wordnet.hypernyms("beijing")
    assert "asian country" in wordnet.hypernyms("china")
    # adjectives and adverbs have no hypernyms
    assert wordnet.hypernyms("huge") == frozenset()


def test_hypernym_depth_counts_steps_up() -> None:
    one = wordnet.hypernyms("hospital", depth=1)
    assert one == frozenset({"medical institution", "medical building", "health facility", "healthcare facility"})
    assert one < wordnet.hypernyms("hospital", depth=3)
    assert "institution" not in one  # two steps up
    assert wordnet.hypernyms("hospital", depth=0) == frozenset()


def test_antonyms() -> None:
    assert "decrease" in wordnet.antonyms("increase")
    assert "last" in wordnet.antonyms("first")
    assert "first" in wordnet.antonyms("last")
    assert "low" in wordnet.antonyms("high")
    assert "high" in wordnet.antonyms("low")
    assert "fall" in wordnet.antonyms("rise")
    assert "rise" in wordnet.antonyms("fall")
    assert {"international", "local"} <= wordnet.antonyms("national")
    assert "many" in wordnet.antonyms("few")
    assert {"least", "fewest"} <= wordnet.antonyms("most")
    assert {"some", "no"} <= wordnet.antonyms("all")
    assert "rural" in wordnet.antonyms("urban")


def test_a_satellite_adjective_has_its_heads_antonyms() -> None:
    # "huge" is only "similar to" the head "large, big": its antonyms are the head's, "small, little"
    assert wordnet.antonyms("huge") == frozenset({"small", "little"})
    # "none" is similar to "no", whose antonyms are "all" and "some"
    assert wordnet.antonyms("none") == frozenset({"all", "some"})


def test_antonyms_wordnet_lacks() -> None:
    """Pairs a checker needs that WordNet 3.0 does not have (in the first three senses): the checker's own table."""
    assert wordnet.antonyms("grow") == frozenset()
    assert wordnet.antonyms("shrink") == frozenset()
    assert "increase" not in wordnet.antonyms("decline")
    assert "decline" not in wordnet.antonyms("increase")
    assert "provincial" not in wordnet.antonyms("national")


def test_derived_forms_go_both_ways() -> None:
    assert "growth" in wordnet.derived("grow")
    assert "grow" in wordnet.derived("growth")
    assert wordnet.derived("establish") == frozenset({"establishment"})
    assert wordnet.derived("establishment") == frozenset({"establish"})
    assert "settlement" in wordnet.derived("settle")


def test_answers_are_lowercase_lemmas() -> None:
    for word in ("china", "capital", "company", "beijing", "national"):
        for found in (wordnet.synonyms(word), wordnet.hypernyms(word), wordnet.antonyms(word), wordnet.derived(word)):
            assert all(isinstance(w, str) and w == w.lower() and "_" not in w and w.strip() == w for w in found)


def test_importing_opens_nothing_and_the_first_lookup_opens_the_table_read_only() -> None:
    script = textwrap.dedent(
        """
        import sqlite3, sys
        opened = []
        connect = sqlite3.connect
        def spy(database, *args, **kwargs):
            opened.append(str(database))
            return connect(database, *args, **kwargs)
        sqlite3.connect = spy
        import gzfacts.checking
        had_sqlite3 = "sqlite3" in sys.modules
        from gzfacts.checking import wordnet
        assert not [d for d in opened if "wordnet" in d], opened
        assert wordnet._connection is None
        assert wordnet.antonyms("high") and wordnet.synonyms("grow") and wordnet.base_forms("grew")
        ours = [d for d in opened if "wordnet" in d]
        assert len(ours) == 1 and ours[0].startswith("file:") and ours[0].endswith("?mode=ro&immutable=1"), ours
        try:
            wordnet._connection.execute("CREATE TABLE scratch (x)")
        except sqlite3.OperationalError as error:
            assert "readonly" in str(error), error
        else:
            raise AssertionError("the table is writable")
        print("ok")
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_module_imports_no_sqlite3_of_its_own() -> None:
    # Loaded from its file, without the package's other modules: only cheap standard modules.
    script = textwrap.dedent(
        f"""
        import importlib.util, sys
        before = set(sys.modules)
        spec = importlib.util.spec_from_file_location("wordnet_alone", {str(Path(wordnet.__file__))!r})
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        print(sorted({{"sqlite3", "pathlib", "threading"}} & (set(sys.modules) - before)))
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def _clear_caches() -> None:
    """Forget every cached lookup, so that the next ones query the table."""
    for value in vars(wordnet).values():
        clear = getattr(value, "cache_clear", None)
        if callable(clear):
            clear()


def test_lookups_use_the_indexes() -> None:
    wordnet.synonyms("hospital")  # opens the connection
    assert wordnet._connection is not None
    statements: list[str] = []
    wordnet._connection.set_trace_callback(statements.append)
    try:
        _clear_caches()
        wordnet.base_forms("villages")
        wordnet.base_forms("grew")
        wordnet.synonyms("hospital")
        wordnet.hypernyms("hospital")
        wordnet.antonyms("huge")
        wordnet.derived("grow")
    finally:
        wordnet._connection.set_trace_callback(None)
    assert len({s.split(" WHERE ")[0] for s in statements}) >= 6
    for statement in set(statements):
        plan = [row[3] for row in wordnet._connection.execute("EXPLAIN QUERY PLAN " + statement)]
        assert all(step.startswith("SEARCH") for step in plan), (statement, plan)


def test_threads_share_the_connection() -> None:
    words = ["grow", "rise", "village", "hospital", "first", "national", "company", "settle"] * 8
    expected = [(wordnet.synonyms(w), wordnet.hypernyms(w), wordnet.antonyms(w)) for w in words]
    _clear_caches()
    with ThreadPoolExecutor(8) as pool:
        found = list(pool.map(lambda w: (wordnet.synonyms(w), wordnet.hypernyms(w), wordnet.antonyms(w)), words))
    assert found == expected


def _wordnet_source() -> Path:
    """Debian's WordNet 3.0: skipped locally when missing, a failure on CI (see conftest.require_tool)."""
    if (SOURCE / "data.noun").is_file():
        return SOURCE
    message = f"WordNet 3.0 is not installed in {SOURCE} (apt-get install -y wordnet-base)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def _rows(path: Path) -> str:
    """A digest of every row of every table, and the layout version: the content, whatever the SQLite version."""
    db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        digest = hashlib.sha256(str(db.execute("PRAGMA user_version").fetchone()).encode())
        for line in db.iterdump():
            digest.update(line.encode())
        return digest.hexdigest()
    finally:
        db.close()


def test_the_build_is_deterministic_and_the_shipped_table_is_its_output(tmp_path: Path) -> None:
    # Two builds (about 3 s each) from the same input: the same bytes. The shipped table has the same
    # rows (compared by content: another SQLite version may lay the same rows out in other bytes).
    source = _wordnet_source()
    if not BUILD.is_file():
        pytest.skip(f"{BUILD} is not in this tree (an sdist without scripts/)")
    outputs = [tmp_path / "first.sqlite", tmp_path / "second.sqlite"]
    builds = [
        subprocess.Popen([sys.executable, str(BUILD), str(source), "-o", str(out)], stdout=subprocess.DEVNULL)
        for out in outputs
    ]
    assert [build.wait(timeout=120) for build in builds] == [0, 0]
    first, second = (out.read_bytes() for out in outputs)
    assert first == second
    assert not list(tmp_path.glob("*.partial"))
    assert _rows(outputs[0]) == _rows(SHIPPED), "the shipped table is stale: run python scripts/build_wordnet.py"
