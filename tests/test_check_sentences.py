"""`gzfacts check` reads the whole sentence: direction words, negation, quantifiers and proportions
in words, names in roles, relations read from the source, a rule code per kind of finding and
the alignment that explains it. (The labelled sets are scored in test_check.py; the
counterfactual twins in test_check_metamorphic.py.)"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

import gzfacts
from gzfacts.checking import RULES, Finding, Verdict

from .conftest import ROOT

GZFACTS = Path(sys.executable).parent / "gzfacts"


@pytest.fixture(scope="module")
def fb() -> Iterator[gzfacts.FactBase]:
    with gzfacts.load(ROOT / "facts.yaml", cache=False) as base:
        yield base


def one(fb: gzfacts.FactBase, text: str) -> Finding:
    (finding,) = fb.check(text, markdown=False)
    return finding


@pytest.mark.parametrize(
    ("text", "verdict", "code", "said"),
    [
        # The five sentences the old checker passed or skipped (the check issue's examples).
        ("Guizhou's digital economy shrank by 24.6 percent in 2018.", "contradicted", "GZF106", "“shrank”"),
        ("Guizhou's digital economy did not grow in 2018.", "contradicted", "GZF105", "“not grow”"),
        ("The digital economy's growth in Guizhou ranked last in China in 2018.", "contradicted", "GZF106", "“last”"),
        ("No village in Guizhou has optical fiber broadband.", "contradicted", "GZF107", "100 percent"),
        ("Baidu and Xiaomi have settled in Guizhou.", "unverifiable", "GZF202", "Xiaomi"),
        # Relations read from the source: "Guiyang, capital of Guizhou".
        ("Zunyi is the capital of Guizhou.", "contradicted", "GZF108", "Guiyang, capital of Guizhou"),
        ("Guiyang is the capital of Yunnan province.", "contradicted", "GZF108", "Guiyang, capital of Guizhou"),
        # Another name in a role the article fills.
        ("Tencent set up the 39 Internet Hospital.", "contradicted", "GZF108", "Guiyang Longmaster"),
        ("The director of the Sixth Hospital of Guiyang is An Shihai.", "contradicted", "GZF108", "Pi Shengming"),
        # Proportions in words against the article's figures; "a third" is a fraction, not a rank.
        ("Most of Guizhou's provincial government affairs can be handled online.", "supported", "GZF301", "83.1"),
        ("All of Guizhou's provincial government affairs can be handled online.", "contradicted", "GZF107", "83.1"),
        ("A third of Guizhou's GDP came from the digital economy in 2018.", "contradicted", "GZF107", "26.9"),
        ("More than a quarter of Guizhou's GDP came from the digital economy in 2018.", "supported", "GZF301", "26.9"),
        ("Guizhou's digital economy doubled in 2018.", "contradicted", "GZF107", "24.6 percent growth"),
        # Provincial is not national.
        (
            "The digital economy accounted for 26.9 percent of national GDP in 2018.",
            "contradicted",
            "GZF106",
            "“national”",
        ),
    ],
)
def test_what_the_old_checker_missed(fb: gzfacts.FactBase, text: str, verdict: str, code: str, said: str) -> None:
    finding = one(fb, text)
    assert (finding.verdict, finding.code) == (verdict, code), finding.reason
    assert said in finding.reason


@pytest.mark.parametrize(
    "text",
    [
        "Guizhou's digital economy did not shrink in 2018.",
        "Zunyi is not the capital of Guizhou.",
        "No village in Guizhou is without optical fiber broadband.",
        "Not all of Guizhou's provincial government affairs can be handled online yet.",
        "Guizhou did not miss the State's target for broadband and 4G coverage in villages.",
    ],
)
def test_a_negation_that_agrees_with_the_article_is_supported(fb: gzfacts.FactBase, text: str) -> None:
    finding = one(fb, text)
    assert finding.verdict == "supported", finding.reason


def test_a_negation_reaches_the_end_of_its_clause(fb: gzfacts.FactBase) -> None:
    finding = one(fb, "Guizhou did not miss the State's target for village broadband; it passed it two years late.")
    assert finding.verdict == "contradicted"
    assert "late" in finding.reason


def test_a_word_the_article_does_not_say_is_named(fb: gzfacts.FactBase) -> None:
    finding = one(fb, "Guizhou's digital economy grew 24.6 percent in 2018, thanks to cheap electricity.")
    assert (finding.verdict, finding.code) == ("unverifiable", "GZF201")
    assert "“cheap”" in finding.reason and "“electricity”" in finding.reason


def test_words_in_common_are_not_a_claim_in_common(fb: gzfacts.FactBase) -> None:
    finding = one(fb, "Guizhou's data centres keep growing.")
    assert finding.verdict == "unverifiable"


@pytest.mark.parametrize(
    "text",
    [
        "Alibaba has settled in Guizhou.",
        "Xiaomi has settled in Guizhou.",
        "Guiyang is the capital of Guizhou.",
        "Pi Shengming heads the Sixth Hospital of Guiyang.",
        "The Beipanjiang Bridge is in Guizhou.",
        "Huawei is a big name in Guizhou.",
        "Alibaba has an impressive presence in Guizhou.",
    ],
)
def test_nothing_factual_is_silent(fb: gzfacts.FactBase, text: str) -> None:
    assert one(fb, text).verdict != "no-claim"


@pytest.mark.parametrize("text", ["What comes next?", "Here is how it happened.", "I think it is a fine story."])
def test_opinions_questions_and_transitions_are_no_claim(fb: gzfacts.FactBase, text: str) -> None:
    finding = one(fb, text)
    assert (finding.verdict, finding.code) == ("no-claim", "GZF401")


def test_the_alignment_explains_the_verdict(fb: gzfacts.FactBase) -> None:
    finding = one(fb, "Guizhou's digital economy shrank by 24.6 percent in 2018.")
    pairs = {(a.claim, a.relation.value) for a in finding.alignment}
    assert ("shrank", "alternation") in pairs
    assert ("digital", "equivalent") in pairs and ("24.6 percent", "equivalent") in pairs
    data = json.loads(json.dumps(finding.to_dict()))
    assert data["code"] == "GZF106" and data["verdict"] == "contradicted"
    assert any(a["claim"] == "shrank" and a["relation"] == "alternation" for a in data["alignment"])


def test_every_rule_has_a_code_a_verdict_and_a_description() -> None:
    assert len({rule.code for rule in RULES.values()}) == len(RULES)
    assert {rule.verdict for rule in RULES.values()} == set(Verdict)
    assert all(rule.description.endswith(".") for rule in RULES.values())
    assert str(Verdict.SUPPORTED) == "supported"


def small_base(tmp_path: Path, quote: str, facts: str) -> Path:
    """A fact base of one source, whose text is `quote` under a title, one topic, and `facts`
    (YAML flow mappings, one a line, with `source: s` and `topic: t`)."""
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "s.txt").write_text(f"A report\n\n{quote}\n", encoding="utf-8")
    header = (
        'sources:\n  - {id: s, title: "A report", author: "Chen Hua", publisher: "Valley Daily", '
        'published: "2019-06-01", path: "sources/s.txt"}\n'
        'topics:\n  - {id: t, title: "Things", summary: "What the report counts."}\nfacts:\n'
    )
    (tmp_path / "facts.yaml").write_text(header + textwrap.indent(textwrap.dedent(facts), "  "), encoding="utf-8")
    return tmp_path / "facts.yaml"


def test_two_facts_on_one_quote_are_told_apart_by_their_period(tmp_path: Path) -> None:
    """One quote, two figures: "1.5 million servers by 2021" is judged against 2021's 1.2 million."""
    quote = "The province had 600,000 servers in 2019 and expects 1.2 million servers by 2021, officials said."
    facts = small_base(
        tmp_path,
        quote,
        f"""\
        - {{id: servers-2019, topic: t, claim: "The province had 600,000 servers in 2019.", value: 600000,
            unit: "servers", period: "2019", attributed_to: "officials", quote: "{quote}", source: s}}
        - {{id: servers-2021, topic: t, claim: "The province expects 1.2 million servers by 2021.",
            value: 1200000, unit: "servers", period: "2021", attributed_to: "officials", quote: "{quote}", source: s}}
        """,
    )
    with gzfacts.load(facts, cache=False) as servers:
        wrong = one(servers, "The province expects 1.5 million servers by 2021.")
        assert (wrong.verdict, wrong.facts[0].id) == ("contradicted", "servers-2021")
        assert "1.2 million servers, 2021" in wrong.reason
        right = one(servers, "The province expects 1.2 million servers by 2021.")
        assert (right.verdict, right.facts[0].id) == ("supported", "servers-2021")
        earlier = one(servers, "The province had 600,000 servers in 2019.")
        assert (earlier.verdict, earlier.facts[0].id) == ("supported", "servers-2019")


def test_sarif_has_a_rule_per_reason_code(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(
        "Guizhou's digital economy shrank in 2018. Zunyi is the capital of Guizhou.\n\n"
        "Baidu and Xiaomi have settled in Guizhou. The digital economy grew 24.6 percent in 2018.\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [str(GZFACTS), "check", "-f", str(draft), "--format", "sarif"], capture_output=True, check=False, timeout=120
    )
    log = json.loads(result.stdout)
    rules = [rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]]
    assert rules == list(RULES)
    codes = [(r["ruleId"], rules[r["ruleIndex"]]) for r in log["runs"][0]["results"]]
    assert all(a == b for a, b in codes)
    assert {code for code, _ in codes} == {"GZF106", "GZF108", "GZF202", "GZF301"}


#: Modules `show --json` must not import (issue 23: start-up is paid on every run): the checker and
#: its lexicon; json (indented JSON is written by gzfacts.output.text); the CLI's error messages
#: (imported when a run goes wrong); what only writing an index needs (bisect, array).
NOT_IMPORTED_BY_SHOW = ("gzfacts.checking", "gzfacts.output.messages", "bisect", "array", "rich", "yaml")


def test_the_lexicon_is_not_loaded_by_lookups() -> None:
    """WordNet and the checker are imported by `check` only, and `show --json` imports none of
    NOT_IMPORTED_BY_SHOW: it starts as fast as before."""
    code = (
        "import sys\n"
        "from gzfacts.__main__ import main\n"
        "sys.argv = ['gzfacts', 'show', 'digital-economy', '--json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"banned = {NOT_IMPORTED_BY_SHOW!r}\n"
        "loaded = sorted(m for m in sys.modules if any(m == b or m.startswith(b + '.') for b in banned))\n"
        "print(loaded, file=sys.stderr)\n"
    )
    # The first run may build the index (PyYAML, array, bisect): the second is the warm start measured.
    for _ in range(2):
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120)
    assert result.stderr.strip().endswith("[]"), result.stderr
    assert json.loads(result.stdout)["id"] == "digital-economy"


def test_the_records_a_lookup_imports_are_declared_without_forward_references() -> None:
    """typing.NamedTuple compiles a string annotation into a ForwardRef, field by field, at every
    start: the modules `show` imports declare their records with evaluated annotations."""
    import typing

    from gzfacts import errors, files, model, output, project
    from gzfacts.output import spec

    records = [
        value
        for module in (errors, files, model, output, project, spec)
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, tuple) and hasattr(value, "_fields")
    ]
    assert len(records) >= 10
    for record in records:
        for name, annotation in record.__annotations__.items():
            assert not isinstance(annotation, str | typing.ForwardRef), (record.__name__, name)


def test_a_value_that_looks_like_a_year_is_a_figure(tmp_path: Path) -> None:
    """A fact of 2047 points is found and judged: "7 points" is contradicted, "2047 points" supported."""
    quote = "The hot index was 2047 points at the close, traders said."
    facts = small_base(
        tmp_path,
        quote,
        f"""\
        - {{id: hot-index, topic: t, claim: "The hot index closed at 2047 points.", value: 2047,
            unit: "points", quote: "{quote}", source: s, attributed_to: "traders"}}
        """,
    )
    with gzfacts.load(facts, cache=False) as base:
        wrong = one(base, "The hot index was 7 points.")
        assert (wrong.verdict, wrong.code) == ("contradicted", "GZF101")
        assert "2,047 points" in wrong.reason
        assert one(base, "The hot index was 2047 points.").verdict == "supported"


def test_the_rules_are_listed_by_the_command() -> None:
    result = subprocess.run([str(GZFACTS), "check", "--rules"], capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == list(RULES)
    assert "GZF106  contradicted  opposite-word" in result.stdout


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("About a third of Guizhou's GDP came from the digital economy in 2018.", "contradicted"),
        ("Roughly a quarter of Guizhou's GDP came from the digital economy in 2018.", "supported"),
        ("Nearly a quarter of Guizhou's GDP came from the digital economy in 2018.", "contradicted"),
        ("Just over a quarter of Guizhou's GDP came from the digital economy in 2018.", "supported"),
    ],
)
def test_a_hedged_fraction_is_as_close_as_people_mean_it(fb: gzfacts.FactBase, text: str, verdict: str) -> None:
    """26.9 percent is about a quarter, just over a quarter, not nearly a quarter, not about a third."""
    assert one(fb, text).verdict == verdict


@pytest.mark.parametrize(
    ("text", "verdict", "said"),
    [
        # A comparison the article does not make: every word is the article's, the comparison is not.
        ("Guizhou's digital economy grew faster in 2018 than in 2017.", "unverifiable", "“faster … than”"),
        ("The digital economy grew more quickly in 2018 than it had the year before.", "unverifiable", "than"),
        # "Faster than any other" and "no other ... faster than" say first place.
        ("Guizhou's digital economy grew faster than that of any other province in 2018.", "supported", "first"),
        ("No other province grew its digital economy faster than Guizhou in 2018.", "supported", "first"),
        ("Guizhou's digital economy grew more slowly than any other province's in 2018.", "contradicted", "first"),
        ("Guizhou's digital economy did not grow faster than any other province's in 2018.", "contradicted", "first"),
        ("In 2018 every other province's digital economy grew faster than Guizhou's.", "contradicted", "first"),
        # The verb between "no other" and "than" is still read.
        ("In 2018 no other province's digital economy shrank faster than Guizhou's.", "contradicted", "“shrank”"),
        # First place in growth says nothing of size, nor a first in time of numbers.
        ("Guizhou's digital economy is larger than that of any other province.", "unverifiable", "ranks nothing"),
        ("No other province has more big data pilot areas than Guizhou.", "unverifiable", "than"),
        # Hedges of a figure are no comparison.
        ("Guizhou's digital economy grew more than 20 percent in 2018.", "supported", "24.6"),
    ],
)
def test_comparatives_with_than(fb: gzfacts.FactBase, text: str, verdict: str, said: str) -> None:
    finding = one(fb, text)
    assert finding.verdict == verdict, finding.reason
    assert said in finding.reason


def test_a_nationality_is_no_other_place(fb: gzfacts.FactBase) -> None:
    """A sentence "among Chinese provinces" is about China's provinces, not a place the article does not name."""
    finding = one(fb, "Among Chinese provinces, Guizhou's digital economy growth came in last in 2018.")
    assert (finding.verdict, finding.code) == ("contradicted", "GZF106")


def test_a_name_in_a_role_is_not_contradicted_beside_a_figure_no_fact_is_about(fb: gzfacts.FactBase) -> None:
    """The article says nothing of how many doctors work anywhere: the hospital named is not a wrong name."""
    finding = one(fb, "More than 2,000 doctors work with the 39 Internet Hospital.")
    assert finding.verdict == "unverifiable", finding.reason


@pytest.mark.parametrize(
    "text",
    [
        "Turning now to the province's hospitals.",
        "Moving on to e-commerce.",
        "Guizhou's rise is, frankly, remarkable.",
        "Whether the model can be copied elsewhere is anyone's guess.",
        "Few places in China are as inspiring as Guizhou.",
        "In my view, Guizhou's story is one of the most impressive in China.",
        "Readers can judge for themselves whether the boom will last.",
    ],
)
def test_judgements_and_transitions_assert_nothing(fb: gzfacts.FactBase, text: str) -> None:
    assert one(fb, text).verdict == "no-claim"


def test_a_judgement_beside_a_figure_is_still_checked(fb: gzfacts.FactBase) -> None:
    finding = one(fb, "Guizhou's digital economy grew an impressive 34.6 percent in 2018.")
    assert finding.verdict == "contradicted", finding.reason


def test_a_light_verb_is_no_evidence_of_a_more_specific_one() -> None:
    """WordNet puts "become" above "turn"; every article says "became", so it vouches for nothing."""
    from gzfacts.checking import lexicon

    assert lexicon.relation("turning", lexicon.forms("became"))[0] is not gzfacts.checking.Relation.MORE_GENERAL


def test_another_bodys_figures_are_a_wrong_source(fb: gzfacts.FactBase) -> None:
    """The article credits CAICT with the figure: crediting the statistics bureau with it names
    another body in a role the article fills (ten of the eleven independent writers of the
    labelled sets who wrote such a sentence called it contradicted)."""
    data = one(
        fb, "National Bureau of Statistics data show the digital economy made up 26.9 percent of Guizhou's GDP in 2018."
    )
    assert (data.verdict, data.code) == ("contradicted", "GZF104"), data.reason
    assert "China Academy of Information and Communications Technology" in data.reason
    said = one(fb, "According to Pi Shengming, the digital economy made up 26.9 percent of Guizhou's GDP in 2018.")
    assert (said.verdict, said.code) == ("contradicted", "GZF104"), said.reason
    unnamed = one(fb, "Officials say Guizhou's digital economy accounted for 26.9 percent of provincial GDP in 2018.")
    assert (unnamed.verdict, unnamed.code) == ("unverifiable", "GZF203"), unnamed.reason


@pytest.mark.parametrize(
    ("text", "verdict", "code", "said"),
    [
        # The alternative denied is the one the article names.
        (
            "It was Tencent, not Guiyang Longmaster, that helped set up the 39 Internet Hospital.",
            "contradicted",
            "GZF108",
            "not “Guiyang Longmaster”",
        ),
        (
            "Tencent rather than Guiyang Longmaster Information Technology helped establish the 39 Internet Hospital.",
            "contradicted",
            "GZF108",
            "participated in the establishment",
        ),
        # The alternative asserted is the article's; the one denied is not.
        ("Pi Shengming, not An Shihai, is director of the Sixth Hospital of Guiyang.", "supported", "GZF301", ""),
        # Supported only when the article rules out the one denied: many may help set it up.
        (
            "It was Guiyang Longmaster, not Tencent, that helped establish the 39 Internet Hospital.",
            "unverifiable",
            "GZF201",
            "not Tencent",
        ),
        ("The Beipanjiang Bridge is in Guizhou, not far from Guiyang.", "unverifiable", "GZF201", ""),
        ("Guizhou's digital economy grew 24.6 percent, not 30 percent, in 2018.", "supported", "GZF301", "24.6"),
        ("Guizhou's digital economy grew 30 percent, not 24.6 percent, in 2018.", "contradicted", "GZF101", "24.6"),
        ("Guiyang, rather than Zunyi, is the capital of Guizhou.", "supported", "GZF301", "Guiyang"),
        ("Zunyi, rather than Guiyang, is the capital of Guizhou.", "contradicted", "GZF108", "not “Guiyang”"),
        # "Not least" is no contrast.
        (
            "Guizhou's digital economy grew 24.6 percent in 2018, not least because of big data.",
            "unverifiable",
            "GZF201",
            "",
        ),
    ],
)
def test_contrasts(fb: gzfacts.FactBase, text: str, verdict: str, code: str, said: str) -> None:
    finding = one(fb, text)
    assert (finding.verdict, finding.code) == (verdict, code), finding.reason
    assert said in finding.reason


def test_a_cleft_is_read_as_its_plain_sentence(fb: gzfacts.FactBase) -> None:
    """ "It was An Shihai who said" credits An Shihai; the article credits Pi Shengming."""
    text = "It was An Shihai who said a lot of patients had enjoyed services from specialists over the past two years."
    finding = one(fb, text)
    assert (finding.verdict, finding.code) == ("contradicted", "GZF104"), finding.reason
    assert "Pi Shengming" in finding.reason
    speaker = next(p for p in finding.parts if p.kind == "attribution")
    assert text[speaker.start : speaker.end] == speaker.text == "An Shihai who said"


def test_a_word_the_base_has_is_no_name_for_opening_a_sentence(fb: gzfacts.FactBase) -> None:
    finding = one(fb, "Telemedicine has benefited patients from 24 provinces.")
    assert finding.code != "GZF202" and "Telemedicine" not in finding.reason, finding.reason


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # "One yuan in every four" is a quarter, not "every" yuan.
        ("One yuan in every four of Guizhou's GDP came from the digital economy in 2018.", "supported"),
        ("One yuan in every two of Guizhou's GDP came from the digital economy in 2018.", "contradicted"),
        # "The only" says there is no other; the article says "first", which neither says nor denies it.
        ("Guizhou is the only national big data comprehensive pilot area in China.", "unverifiable"),
        ("Guizhou is not the only national big data comprehensive pilot area in China.", "unverifiable"),
        ("Guizhou is China's only big data pilot area.", "unverifiable"),
        # "5G" is a word to check, not a number: the article says 4G.
        ("Every village in Guizhou has a 5G network.", "unverifiable"),
        ("Every village in Guizhou has 4G coverage.", "supported"),
        # What a "county-level" center counts is centers, not counties.
        ("Each of Guizhou's 88 counties has an e-commerce operation service center.", "unverifiable"),
        ("Guizhou has 88 county-level e-commerce operation service centers.", "contradicted"),
        # A year-on-year change measured from the year before, in the words reporters use.
        ("Guizhou's digital economy grew 24.6 percent in 2018 compared with 2017.", "supported"),
        ("Guizhou's digital economy grew 24.6 percent in 2018 over the previous year.", "supported"),
        ("Guizhou's digital economy grew 24.6 percent in 2018 compared with 2014.", "unverifiable"),
        # An event that "welcomed" its visitors attracted them.
        (
            "The 2019 China International Big Data Industry Expo welcomed participants from 61 countries and regions.",
            "supported",
        ),
        (
            "The 2019 China International Big Data Industry Expo welcomed participants from 16 countries and regions.",
            "contradicted",
        ),
        # Many may help set something up: another helper is news, not a wrong name.
        ("Alibaba helped establish the 39 Internet Hospital.", "unverifiable"),
        ("Alibaba took part in founding the 39 Internet Hospital.", "unverifiable"),
        ("Alibaba set up the 39 Internet Hospital.", "contradicted"),
        # A year's growth says nothing of a change over years.
        ("Guizhou's digital economy doubled between 2015 and 2018.", "unverifiable"),
        ("Guizhou's digital economy doubled in 2018.", "contradicted"),
        # Who did what to whom: the article's words the other way round contradict it (a
        # founding goes one way).
        ("The 39 Internet Hospital helped establish Guiyang Longmaster Information Technology.", "contradicted"),
        ("Guiyang Longmaster Information Technology helped establish the 39 Internet Hospital.", "supported"),
        ("Guiyang Longmaster Information Technology was founded by the 39 Internet Hospital.", "contradicted"),
        # A passive, or a mutual relation, turns the order without turning the roles.
        ("The 39 Internet Hospital was set up with help from Guiyang Longmaster Information Technology.", "supported"),
        ("The 39 Internet Hospital was set up by Guiyang Longmaster Information Technology.", "supported"),
        ("In Guizhou, Hewlett-Packard sits alongside Chinese companies such as Baidu.", "supported"),
        # A hyphenated fraction is a proportion, not the number three.
        ("Only three-quarters of Guizhou's provincial government affairs can be handled online.", "contradicted"),
        ("Over four-fifths of Guizhou's provincial government affairs can be handled online.", "supported"),
        # "Have a presence in" is to operate there; "of its own" adds nothing to check.
        ("Dell has a presence in Guizhou.", "supported"),
        ("Guizhou has yet to launch a big data initiative of its own.", "contradicted"),
        # The one who holds a post the article fills is a person in its role.
        ("The director of the Sixth Hospital of Guiyang is Li Ming.", "contradicted"),
        ("The deputy director of the Sixth Hospital of Guiyang is Li Ming.", "unverifiable"),
        # The weakest are not the top.
        ("Guizhou has ranked among the three weakest provinces for e-governance.", "contradicted"),
    ],
)
def test_the_verdict_a_reporters_sentence_calls_for(fb: gzfacts.FactBase, text: str, verdict: str) -> None:
    finding = one(fb, text)
    assert finding.verdict == verdict, finding.reason


@pytest.mark.parametrize(
    ("text", "verdict", "code"),
    [
        # A place WordNet knows, or a word neither WordNet nor the base has, opens a sentence as a name.
        ("Shanghai is China's first national big data comprehensive pilot area.", "contradicted", "GZF108"),
        ("Jiangxi was designated China's first national big data comprehensive pilot area.", "contradicted", "GZF108"),
        ("Xiaomi has set up operations in Guizhou.", "unverifiable", "GZF202"),
        # "X serves as Y's capital" is the capital relation.
        ("Zunyi serves as Guizhou's provincial capital.", "contradicted", "GZF108"),
        # "People's" inside a name: the hospital is another one than the one he heads.
        ("Pi Shengming is director of the Guizhou Provincial People's Hospital.", "contradicted", "GZF108"),
        # A deputy's post is not the post: the article gives An Shihai as deputy director.
        ("An Shihai is the head of the Guizhou Provincial Health Commission.", "contradicted", "GZF108"),
        ("An Shihai is a deputy director of the Guizhou Provincial Health Commission.", "supported", "GZF301"),
        # A speaker is judged against the fact whose quote the sentence's words plainly are.
        ("Pi Shengming said telemedicine lets people obtain real benefits.", "contradicted", "GZF104"),
        ("An Shihai said telemedicine lets people obtain real benefits.", "supported", "GZF301"),
        # A bridge above one valley is not above another; "soars above" is "is above".
        ("The Beipanjiang Bridge soars above the Grand Canyon of the Colorado.", "contradicted", "GZF108"),
        ("The Beipanjiang Bridge towers over the Beipanjiang Grand Valley.", "supported", "GZF301"),
        # A river is no rival of a valley: the bridge may cross one above the other.
        ("The Beipanjiang Bridge crosses the Beipanjiang River.", "unverifiable", "GZF202"),
    ],
)
def test_who_where_and_who_said_it(fb: gzfacts.FactBase, text: str, verdict: str, code: str) -> None:
    finding = one(fb, text)
    assert (finding.verdict, finding.code) == (verdict, code), finding.reason


#: The third pass on issue 21 (held-out set C read): a class of English each, as a reporter writes it.
THIRD_PASS = [
    # A negated universal is not the article's "all" (it said 100 percent, and "not every" is below it).
    ("Not every village in Guizhou has 4G coverage yet.", "contradicted", "GZF107"),
    ("Not all of Guizhou's villages have optical fiber broadband.", "contradicted", "GZF107"),
    ("Not all of Guizhou's provincial government affairs can be handled online.", "supported", "GZF301"),
    # "Only some", "only part of" say not all.
    ("Only some of Guizhou's villages are connected to optical fiber broadband.", "contradicted", "GZF107"),
    ("Only part of the province's villages have 4G coverage.", "contradicted", "GZF107"),
    # A universal over things the article counts a part of ("24 provinces").
    (
        "Patients from every province in China have used Guizhou's telemedicine technologies.",
        "contradicted",
        "GZF107",
    ),
    ("The telemedicine technologies have benefited patients from all provinces.", "contradicted", "GZF107"),
    ("Patients from 24 provinces have benefited from the telemedicine technologies.", "supported", "GZF301"),
    # The count may be of a list of kinds; "a handful" and "just some" are few, and not all.
    (
        "Patients from every region of China have benefited from the telemedicine technologies.",
        "contradicted",
        "GZF107",
    ),
    ("Only a handful of villages in Guizhou have 4G coverage.", "contradicted", "GZF107"),
    ("Just some of Guizhou's villages have broadband.", "contradicted", "GZF107"),
    ("Hardly any villages in Guizhou have 4G coverage.", "contradicted", "GZF107"),
    # Manner: "in person" is not "online", even with the article's figure.
    (
        "Some 83.1 percent of government affairs in Guizhou still have to be handled in person.",
        "contradicted",
        "GZF106",
    ),
    ("Most of Guizhou's provincial government affairs are handled face to face.", "contradicted", "GZF106"),
    ("Some 83.1 percent of Guizhou's provincial government affairs can be handled online.", "supported", "GZF301"),
    # "Kicked off" dates a launch.
    ("Guizhou kicked off its big data initiative in 2015.", "contradicted", "GZF103"),
    ("Guizhou kicked off its big data initiative in 2013.", "supported", "GZF301"),
    # A comparison with the others the article does not make, said without "than".
    ("Guizhou hit the State's rural broadband and 4G target ahead of other provinces.", "unverifiable", "GZF201"),
    ("Guizhou met the State's broadband target before the rest of the country.", "unverifiable", "GZF201"),
    ("Guizhou passed the State's broadband and 4G target two years ahead of time.", "supported", "GZF301"),
    # Names the article lists under one head, given under another of its heads.
    (
        "International behemoths such as JD, Baidu and Tencent sit alongside the Chinese firms in Guizhou.",
        "contradicted",
        "GZF108",
    ),
    ("Apple and Intel are among the big names that have settled in Guizhou.", "contradicted", "GZF108"),
    ("Big names such as Alibaba and Huawei have settled in Guizhou.", "supported", "GZF301"),
    # "Foreign" is the article's "international" here.
    ("Foreign tech giants such as Alibaba and Huawei have settled in Guizhou.", "contradicted", "GZF108"),
    ("Foreign giants such as Apple and Intel sit alongside Chinese firms in Guizhou.", "supported", "GZF301"),
    # "X is a ..." puts X in the group too.
    ("JD is an international behemoth.", "contradicted", "GZF108"),
    ("Oracle is a big name that has settled in Guizhou.", "contradicted", "GZF108"),
    ("Apple and Microsoft are international behemoths.", "supported", "GZF301"),
    ("Tencent and Baidu are among the Chinese tech names that have settled in Guizhou.", "supported", "GZF301"),
    # A thing the article places in one city or province, placed in another of the same level.
    ("A staff member presents big data applications at an exhibition centre in Chengdu.", "contradicted", "GZF108"),
    ("The Beipanjiang Bridge lies in neighbouring Yunnan province.", "contradicted", "GZF108"),
    ("A staff member introduces big data applications at an exhibition center in Guiyang.", "supported", "GZF301"),
    ("The Beipanjiang Bridge is in Southwest China's Guizhou province.", "supported", "GZF301"),
    # A district may lie inside the city; "Northwest China" is the article's "Southwest China" with
    # another first word (a held-out writer's error, labelled contradicted; seventh pass).
    (
        "A staff member presents big data applications at an exhibition center in Huaxi district.",
        "unverifiable",
        "GZF202",
    ),
    ("The Beipanjiang Bridge is in Northwest China's Guizhou province.", "contradicted", "GZF108"),
    # "X, the provincial capital": the capital of the province the article is about.
    ("Zunyi, the provincial capital, is a big data hub.", "contradicted", "GZF108"),
    # "Not ... until" dates it; the "not" is no word the evidence must have.
    ("Guizhou did not launch its big data initiative until 2013.", "supported", "GZF301"),
    # A verb of getting carries no fact of its own: what is got does, and a negation turns it.
    (
        "The 39 Internet Hospital never received full certification as a medical institution.",
        "contradicted",
        "GZF105",
    ),
    ("The 39 Internet Hospital received full certification as a medical institution.", "supported", "GZF301"),
    ("Guizhou didn't launch its big data initiative until 2013.", "supported", "GZF301"),
    # A double negation before "until" keeps the first: "did not not launch it until 2013" denies it.
    ("Guizhou did not not launch its big data initiative until 2013.", "contradicted", "GZF105"),
    # An adjective is opposed only to one of the same noun: small firms are no opposite of big data.
    (
        "Most of the 1,625 enterprises Guizhou helped integrate in 2018 were small and medium-sized firms.",
        "unverifiable",
        "GZF204",  # "Most": the article gives no share of them (and "small" is no opposite)
    ),
    ("The digital economy accounted for 26.9 percent of national GDP in 2018.", "contradicted", "GZF106"),
    ("The Beipanjiang Bridge is one of the world's lowest bridges.", "contradicted", "GZF106"),
    ("The 39 Internet Hospital became the last online hospital to be fully certified.", "contradicted", "GZF106"),
    ("Guizhou has placed among China's bottom three provinces for e-governance.", "contradicted", "GZF106"),
    (
        "The Beipanjiang Bridge, one of the world's lowest, stands 565.4 meters above the valley.",
        "contradicted",
        "GZF106",
    ),
    # What a comparison the article does not make compares with is not said of the subject.
    ("The digital economy takes a bigger share of GDP in Guizhou than it does nationally.", "unverifiable", "GZF201"),
    ("Guizhou's digital economy shrank faster in 2018 than in 2017.", "contradicted", "GZF106"),
]


@pytest.mark.parametrize(("text", "verdict", "code"), THIRD_PASS)
def test_the_third_pass_classes(fb: gzfacts.FactBase, text: str, verdict: str, code: str) -> None:
    finding = one(fb, text)
    assert (finding.verdict, finding.code) == (verdict, code), finding.reason


FOURTH_PASS = [
    # A vague count ("a few hundred", "dozens of", "tens of thousands") is a figure judged against
    # the article's count of the same thing, not a share ("a few" of them).
    (
        "Only a few hundred village-level e-commerce service sites have been opened across Guizhou.",
        "contradicted",
        "GZF101",
    ),
    ("Guizhou has set up a few hundred village e-commerce service sites.", "contradicted", "GZF101"),
    ("Dozens of village-level e-commerce service sites were set up in Guizhou.", "contradicted", "GZF101"),
    ("Tens of thousands of village-level e-commerce service sites now operate in Guizhou.", "contradicted", "GZF101"),
    ("Guizhou now has thousands of village-level e-commerce service sites.", "supported", "GZF301"),
    # A fraction as the size of a change ("grew by a tenth") is a percentage change, not a share.
    ("Guizhou's digital economy grew by roughly a tenth in 2018.", "contradicted", "GZF107"),
    ("In 2018 Guizhou's digital economy expanded by a third.", "contradicted", "GZF107"),
    ("Guizhou's digital economy rose by a fifth in 2018.", "contradicted", "GZF107"),
    ("Guizhou's digital economy grew by about a quarter in 2018.", "supported", "GZF301"),
    # The right speaker with another body's post in the appositive is a wrong speaker.
    (
        "Pi Shengming, director of the First People's Hospital of Guiyang, says remote rounds have helped a lot "
        "of patients.",
        "contradicted",
        "GZF104",
    ),
    (
        "An Shihai, deputy director of the Yunnan Provincial Health Commission, said telemedicine lets people "
        "obtain real benefits.",
        "contradicted",
        "GZF104",
    ),
    (
        "Pi Shengming, director of the Sixth Hospital of Guiyang, says remote rounds have helped a lot of patients.",
        "supported",
        "GZF301",
    ),
    # A place in the post is no other body: Guiyang is in Guizhou.
    (
        "An Shihai, an official in Guizhou, said telemedicine lets people obtain real benefits.",
        "supported",
        "GZF301",
    ),
    # "Unlike X, ...": what the sentence is set against lends the main clause no evidence.
    (
        "Unlike its rural broadband drive, Guizhou's urban 5G rollout has lagged behind other provinces.",
        "unverifiable",
        "GZF202",
    ),
    ("Unlike its neighbours, Guizhou saw its digital economy shrink in 2018.", "contradicted", "GZF106"),
]


@pytest.mark.parametrize(("text", "verdict", "code"), FOURTH_PASS)
def test_the_fourth_pass_classes(fb: gzfacts.FactBase, text: str, verdict: str, code: str) -> None:
    finding = one(fb, text)
    assert (finding.verdict, finding.code) == (verdict, code), finding.reason


def test_a_contrast_with_something_else_is_cut_from_the_sentence() -> None:
    from gzfacts.checking import contrasts

    for text, kept in [
        ("Unlike its rural drive, Guizhou's 5G rollout lags.", "Guizhou's 5G rollout lags."),
        ("Guizhou grew fast, unlike Yunnan.", "Guizhou grew fast."),
        ("In contrast to Yunnan, Guizhou grew fast.", "Guizhou grew fast."),
    ]:
        assert contrasts.cut(text, contrasts.unlike(text)).text == kept


FIFTH_PASS = [
    # The article's own figure moved to another year: the year is the error ...
    ("The digital economy made up 26.9 percent of Guizhou's GDP back in 2016.", "contradicted", "GZF103"),
    ("The 2018 Big Data Expo drew participants from 61 countries.", "contradicted", "GZF103"),
    # ... but a figure the article does not give, or a run of years, says nothing of it.
    ("Guizhou's digital economy grew 30 percent in 2017.", "unverifiable", "GZF203"),
    ("Guizhou's digital economy has grown by more than 20 percent a year since 2016.", "unverifiable", "GZF203"),
    # A phrasal verb in any inflection: "scaling back" is "scaled back", opposed to "stepped up".
    ("Guizhou has been scaling back its support for big data companies.", "contradicted", "GZF106"),
    ("Guizhou has ramped up its support for big data enterprises to attract investment.", "supported", "GZF301"),
    ("Guizhou kicked off its big data strategy in 2015.", "contradicted", "GZF103"),
    # Stages of a process exclude each other.
    ("Officials say big data use in the real economy is still at an early stage.", "contradicted", "GZF106"),
    # People "from 24 provinces" come from outside any one of them; none is not thousands.
    ("Guizhou's telemedicine services have reached patients from outside the province.", "supported", "GZF301"),
    (
        "Guizhou's telemedicine services have not reached a single patient from outside the province.",
        "contradicted",
        "GZF105",
    ),
    ("The 2019 Big Data Expo drew no participants from outside China.", "contradicted", "GZF105"),
    # "A single year" is one year; "every single province" is every province.
    ("Guizhou hit the State's village broadband target a single year early.", "contradicted", "GZF101"),
    ("Patients from every single province in China have used the telemedicine technology.", "contradicted", "GZF107"),
    # A share in words the article never gives is never passed over in silence.
    ("Most participants at the 2019 Big Data Expo came from China.", "unverifiable", "GZF204"),
    ("Half of the demonstration projects Guizhou built in 2018 were in manufacturing.", "unverifiable", "GZF204"),
    # "No less than" is "at least", not a "no".
    ("The digital economy made up no less than a quarter of Guizhou's GDP in 2018.", "supported", "GZF301"),
    ("The digital economy made up no more than a quarter of Guizhou's GDP in 2018.", "contradicted", "GZF107"),
    # Economic output is what GDP measures; an internet-based hospital is an online one.
    ("The digital economy was 26.9 percent of Guizhou's economic output in 2018.", "supported", "GZF301"),
    ("The 39 Internet Hospital was the first internet-based hospital to be fully certified.", "supported", "GZF301"),
    # A speaker by description is a speaker: "a provincial official" is not the hospital's director.
    ("A provincial official said telemedicine benefits both doctors and patients.", "unverifiable", "GZF203"),
    ("A hospital director said telemedicine benefits both doctors and patients.", "supported", "GZF301"),
    # A word before a place does not make it another: "neighbouring Yunnan", "northwest China's Gansu".
    ("Guiyang is the capital of neighbouring Yunnan province.", "contradicted", "GZF108"),
    ("The Beipanjiang Bridge is in northwest China's Gansu province.", "contradicted", "GZF108"),
    # A bare number is paired with the article's figure it is, or is nearest.
    ("Village sites outnumber county centres in Guizhou, at 12,250 against more than 70.", "contradicted", "GZF101"),
    # "More X than Y" where the article counts both is judged by its figures; a hedge in the
    # quote ("more than 70") is no comparison the article makes.
    ("Guizhou has more county-level e-commerce centres than village-level e-commerce sites.", "contradicted", "GZF101"),
    ("Guizhou has more village-level e-commerce sites than county-level e-commerce centres.", "supported", "GZF301"),
    ("Guizhou built fewer demonstration projects than benchmark projects in 2018.", "contradicted", "GZF101"),
    ("Guizhou's digital economy grew faster in 2018 than in 2017.", "unverifiable", "GZF201"),
    # A negated opposite in a clause the article does not wholly say is no contradiction.
    ("Guizhou did not miss the State's target for village electrification.", "unverifiable", "GZF201"),
    # ... and one it does say (connectivity is the article's coverage) is supported.
    ("Guizhou did not miss the State's target for village connectivity.", "supported", "GZF301"),
    # "At all" quantifies nothing.
    ("Guizhou's digital economy did not grow at all in 2018.", "contradicted", "GZF105"),
    # Hedges in more words: "a little over a quarter", "upwards of twenty-six thousand"; an order
    # of magnitude off "more than 70" is wrong even when hedged, "roughly 30,000" is not known to be.
    ("A little over a quarter of Guizhou's GDP came from the digital economy in 2018.", "supported", "GZF301"),
    ("This year's Big Data Expo drew upwards of twenty-six thousand participants.", "supported", "GZF301"),
    (
        "Some seven hundred county-level e-commerce operation centres have been set up in Guizhou.",
        "contradicted",
        "GZF101",
    ),
    ("Roughly thirty thousand people attended the 2019 Big Data Expo.", "unverifiable", "GZF204"),
    # A speaker with a body in lowercase is still a speaker.
    (
        "An Shihai of the provincial health commission said many patients had benefited from remote consultations.",
        "contradicted",
        "GZF104",
    ),
    ("Guizhou's big data initiative got under way in 2015.", "contradicted", "GZF103"),
    ("Guizhou has stayed in the nation's top three for e-governance for three years running.", "supported", "GZF301"),
    # An undated run of years ("three consecutive years", in 2019) surely covers 2017 and 2018.
    ("Guizhou ranked only tenth nationally for e-governance last year.", "contradicted", "GZF102"),
    ("In 2016, Guizhou ranked among the top three in national e-governance rankings.", "unverifiable", "GZF203"),
    # Out of a leading group is not in it.
    ("In recent years Guizhou has fallen outside the national top three for e-governance.", "contradicted", "GZF105"),
    ("Guizhou dropped out of the top three for e-governance last year.", "contradicted", "GZF105"),
    # A multiple of two counts the article gives.
    (
        "Guizhou built roughly ten times as many demonstration projects as benchmark projects in 2018.",
        "supported",
        "GZF301",
    ),
    ("Guizhou built twice as many demonstration projects as benchmark projects in 2018.", "contradicted", "GZF101"),
    # "Every one of" is "every"; a figure counts its own plural head ("residents", not the sites they use).
    (
        "By 2018 patients from every one of China's provinces and regions had used the telemedicine services.",
        "contradicted",
        "GZF107",
    ),
    ("Roughly three million rural residents use Guizhou's village-level e-commerce sites.", "unverifiable", "GZF204"),
    ("Guizhou's digital economy has been the fastest-growing in China four years running.", "supported", "GZF301"),
    # Two figures swapped between the things they count: the one named in the fact's words is wrong.
    (
        "Guizhou's village-level e-commerce sites number just over seventy, backed by 10,250 county-level centres.",
        "contradicted",
        "GZF101",
    ),
    ("Guizhou set up more than 70 county-level centres and 10,250 village-level sites.", "supported", "GZF301"),
    # "X outnumber Y" is "more X than Y".
    ("Guizhou's big data benchmark projects outnumbered its demonstration projects in 2018.", "contradicted", "GZF101"),
    ("County-level centres are outnumbered by village-level e-commerce sites in Guizhou.", "supported", "GZF301"),
    # A place given after a comma; a course abandoned is no course adhered to.
    (
        "The Beipanjiang Bridge, in Southwest China's Yunnan province, is one of the world's highest.",
        "contradicted",
        "GZF108",
    ),
    ("Guizhou has turned away from supply-side structural reform.", "contradicted", "GZF106"),
    # A comparison of counts from the clause's start, however far from "than".
    (
        "Fewer enterprises were helped to integrate with big data in 2018 than there were demonstration projects.",
        "contradicted",
        "GZF101",
    ),
    # "The valley below" is where the valley lies; "lasted" is no "last" against "first".
    ("The Beipanjiang Bridge sits about 565 m above the valley below.", "supported", "GZF301"),
    ("Guizhou's top ranking for digital economy growth has lasted four years.", "unverifiable", "GZF203"),
    # A hyphenated word read by its parts; paraphrases a reporter uses.
    ("Remote consultations have let many patients see big-city specialists, Pi Shengming said.", "supported", "GZF301"),
    ("In 2018 Guizhou completed 1,050 demonstration projects.", "supported", "GZF301"),
    ("Longmaster had a hand in founding the 39 Internet Hospital.", "supported", "GZF301"),
    ("Every last village in the province is covered by both fibre-optic broadband and 4G.", "supported", "GZF301"),
    (
        "By 2018, patients from three dozen provinces had benefited from the telemedicine technology.",
        "contradicted",
        "GZF101",
    ),
    # Names the article lists under the opposite head.
    (
        "Apple, Microsoft and Intel are among the Chinese home-grown firms that have settled in Guizhou.",
        "contradicted",
        "GZF108",
    ),
    ("Alibaba and JD are among the foreign giants that have settled in Guizhou.", "contradicted", "GZF108"),
    # A light verb with a particle says something: "kept away from" is no "settled in".
    ("International behemoths such as Apple and Intel have kept away from Guizhou.", "contradicted", "GZF106"),
    ("Apple and Intel have pulled out of Guizhou.", "contradicted", "GZF106"),
    # A year after the article's: the article cannot have dated its figure to it.
    ("Some sixteen hundred enterprises are expected to integrate big data in twenty twenty.", "unverifiable", "GZF203"),
    # The article named as the speaker ("the report notes", "China Daily reports") is a speaker;
    # a negation does not turn who said it, and the speaker alone vouches for nothing.
    (
        "The 39 Internet Hospital has never been fully certified as a medical institution, the report notes.",
        "contradicted",
        "GZF105",
    ),
    ("The 39 Internet Hospital was the first to be fully certified, China Daily reports.", "supported", "GZF301"),
    ("The report says the moon is made of cheese.", "unverifiable", "GZF204"),
    # A proportion of something the article gives no share of is never passed over, whatever its range.
    (
        "Guizhou's digital economy grew 24.6 percent in 2018, less than half the national rate.",
        "unverifiable",
        "GZF204",
    ),
    ("Hardly any patients have benefited from telemedicine.", "contradicted", "GZF107"),
    # Names set against the article's other group ("domestic" against "international behemoths").
    (
        "Domestic giants such as Alibaba have settled in Guizhou, and so have foreign heavyweights like Apple.",
        "supported",
        "GZF301",
    ),
    ("Domestic giants such as Apple and Intel have settled in Guizhou.", "contradicted", "GZF108"),
    # First said with a verb over words ("topped national growth rankings").
    ("Guizhou's digital economy has topped national growth rankings for four years.", "supported", "GZF301"),
    ("Guizhou's digital economy has topped national growth rankings for five years.", "contradicted", "GZF101"),
    # A participle after a comma is out of a negation's reach; "never managed to break into".
    (
        "Guizhou did not meet the State's village broadband target, finishing two years behind schedule.",
        "contradicted",
        "GZF101",
    ),
    ("Guizhou's digital economy did not shrink in 2018, growing 24.6 percent.", "supported", "GZF301"),
    ("Guizhou has never managed to break into the national top three for e-governance.", "contradicted", "GZF105"),
    # An "-ing" noun ("in manufacturing") is no verb for WordNet to make a synonym of "construct".
    ("Around a thousand of the province's demonstration projects were in manufacturing.", "unverifiable", "GZF201"),
    # "X's founder was Y" says Y founded X: the other way round from the article.
    ("Guiyang Longmaster Information Technology's founder was the 39 Internet Hospital.", "contradicted", "GZF108"),
    # "70-plus" is "more than 70", as "70-odd" is.
    ("Guizhou has set up 70-plus county-level e-commerce centres.", "supported", "GZF301"),
    ("Guizhou has set up 700-plus county-level e-commerce centres.", "contradicted", "GZF101"),
    (
        "Upward of seventy county-level e-commerce operation centres have been established in Guizhou.",
        "supported",
        "GZF301",
    ),
    # "Only Guizhou's" says there is no other: a claim of its own.
    ("Only Guizhou's digital economy grew in 2018.", "unverifiable", "GZF201"),
    # A name the article lists under a head, denied it.
    ("Huawei is not one of the big names that have settled in Guizhou.", "contradicted", "GZF105"),
    # A year said in words.
    ("Guizhou launched its big data initiative in twenty fifteen.", "contradicted", "GZF103"),
    ("Guizhou launched its big data initiative in two thousand and thirteen.", "supported", "GZF301"),
    ("The digital economy will make up one-third of Guizhou's GDP by twenty twenty-five.", "unverifiable", "GZF203"),
    # A word against the evidence under a share the article does not give is no contradiction.
    ("Most participants at the 2019 expo were domestic visitors rather than foreign ones.", "unverifiable", "GZF204"),
    (
        "In 2018 Guizhou built about ten times more demonstration projects than benchmark projects.",
        "supported",
        "GZF301",
    ),
]


@pytest.mark.parametrize(("text", "verdict", "code"), FIFTH_PASS)
def test_the_fifth_pass_classes(fb: gzfacts.FactBase, text: str, verdict: str, code: str) -> None:
    finding = one(fb, text)
    assert (finding.verdict, finding.code) == (verdict, code), finding.reason


#: The classes of the sixth pass (held-out set N's first run), each with a regression case.
SIXTH_PASS = [
    # Staying away, without "from", is the opposite of settling there.
    ("Firms like Huawei have settled in Guizhou, but Intel and Oracle have kept away.", "contradicted", "GZF106"),
    # A start said in other words dates the launch ("started its big data drive", "set off on").
    ("Guizhou started its big data drive in 2016.", "contradicted", "GZF103"),
    ("Guizhou set off on its big data push in 2013.", "supported", "GZF301"),
    # "Last year" dates a quote; it ranks nothing ("lead" is not its opposite).
    ("Guizhou has taken the lead in building big data benchmark projects.", "unverifiable", "GZF201"),
    # A superlative ranks by its own measure: "largest" is not "first for growth", "longest" not "highest".
    ("Guizhou's digital economy is the second-largest in China.", "unverifiable", "GZF203"),
    ("The Beipanjiang Bridge is among the longest bridges on Earth.", "unverifiable", "GZF203"),
    ("The Beipanjiang Bridge is one of the tallest bridges in the world.", "supported", "GZF301"),
    # "Poorest" is about wealth, not the article's ranking.
    ("Guizhou is still among China's poorest provinces.", "unverifiable", "GZF201"),
    # Advice, a reader's wondering, the story someone tells: nothing checkable.
    ("Other regions would do well to copy Guizhou's model.", "no-claim", "GZF401"),
    ("Readers might well wonder what comes after the expo.", "no-claim", "GZF401"),
    ("That is the picture Guizhou hopes to paint.", "no-claim", "GZF401"),
    # The article and its publisher as the speaker, in any form ("the article says", "according to China Daily").
    ("Guizhou built 102 big data benchmark projects last year, the article says.", "supported", "GZF301"),
    ("Guizhou built 102 big data benchmark projects last year, according to China Daily.", "supported", "GZF301"),
    # A word of a name says nothing of scope: "National" in "National Bureau of Statistics" is no "national GDP".
    (
        "The National Bureau of Statistics put Guizhou's digital economy at 26.9 percent of GDP in 2018.",
        "contradicted",
        "GZF108",
    ),
    # "No province ... faster than Guizhou's" is first place.
    ("No province's digital economy grew faster than Guizhou's in 2018.", "supported", "GZF301"),
    ("No region's digital economy grew more slowly than Guizhou's in 2018.", "contradicted", "GZF102"),
    # Putting to use, a driver, a branch, good for: the article's "applied", "force", "sectors", "benefit".
    (
        "Guiyang has harnessed big data in the real economy as a driver of industrial transformation.",
        "supported",
        "GZF301",
    ),
    ("Pi Shengming said remote consultations have been good for doctors and patients alike.", "supported", "GZF301"),
    # Missing a leading group is not being in it; an adverb before the negation is outside its scope.
    ("Guizhou narrowly missed the national top three in e-governance.", "contradicted", "GZF105"),
    # A role with one holder given to another place, the place's kind after its name, the
    # article's holder named (not "China", the scope of "China's first").
    ("Guiyang city is the first national big data comprehensive pilot area.", "contradicted", "GZF108"),
    ("Guizhou province is China's first national big data comprehensive pilot area.", "supported", "GZF301"),
    # The article's author as the speaker.
    ("Guizhou built 102 big data benchmark projects last year, Li Xin writes.", "supported", "GZF301"),
    # A share of what the article says "all" of, though its figure counts something else.
    ("Village e-commerce sites cover only part of the township logistics in Guizhou.", "contradicted", "GZF107"),
    ("No township is left out of the logistics coverage of Guizhou's village e-commerce sites.", "supported", "GZF301"),
    # An object before the particle: drawn "away from" something weakens it; kept "out of" it excludes it.
    (
        "Officials say telemedicine siphons quality medical resources away from primary healthcare.",
        "contradicted",
        "GZF106",
    ),
    ("Guizhou's provincial government has kept big data out of its work on safety.", "contradicted", "GZF106"),
    # Few facilities or many; a growth table is a ranking; global giants are international ones.
    ("Longmaster's telemedicine technology serves areas with plentiful medical facilities.", "contradicted", "GZF106"),
    ("Guizhou did not top the national growth table for its digital economy in 2018.", "contradicted", "GZF105"),
    ("Global tech giants like Apple and Intel have not come to Guizhou.", "contradicted", "GZF105"),
    # "Itself" carries nothing: a founding the other way round is contradicted.
    (
        "Guiyang Longmaster Information Technology was itself set up by the 39 Internet Hospital.",
        "contradicted",
        "GZF108",
    ),
    # A possessive names the second by the first ("Guizhou's capital, Guiyang"): no reversal.
    ("Guizhou's capital, Guiyang, has applied big data to its real economy.", "supported", "GZF301"),
    # What the main clause replaces, before it: "Rather than ...", "Far from ...", "Instead of ...".
    ("Rather than just meeting the State's target, Guizhou's villages beat it two years early.", "supported", "GZF301"),
    ("Instead of growing, Guizhou's digital economy shrank in 2018.", "contradicted", "GZF106"),
    # Provincial-level regions, strengthening, hands-on, smallholders: the article's words in others.
    (
        "By 2018 telemedicine had benefited thousands of patients from 24 provincial-level regions.",
        "supported",
        "GZF301",
    ),
    ("Officials say the telemedicine model strengthens primary healthcare institutions.", "supported", "GZF301"),
    ("The pilot area's mission is to gather hands-on experience for China's big data strategy.", "supported", "GZF301"),
    ("Rural e-commerce solved the problem of smallholders and big markets.", "supported", "GZF301"),
    # "26,000 people took part" counts participants; a drive that "dates back to 2013" began then.
    ("Over 26,000 people took part in the 2019 China International Big Data Industry Expo.", "supported", "GZF301"),
    ("Guizhou's big data push dates back to 2015.", "contradicted", "GZF103"),
    # A people-first approach is no rank.
    ("Guizhou's provincial government puts people first, using big data to promote safety.", "supported", "GZF301"),
    # Among the biggest, after a comma: the article's "giants", and the kind of the group.
    (
        "Several of China's largest tech firms, among them Tencent and Baidu, have settled in Guizhou.",
        "supported",
        "GZF301",
    ),
    (
        "Some of China's biggest tech firms, among them Apple and Intel, have settled in Guizhou.",
        "contradicted",
        "GZF108",
    ),
    ("China's tech firms such as Dell and Oracle have settled in Guizhou.", "contradicted", "GZF108"),
    # A universal over things the article counts no share of is never passed silently.
    ("Every county in Guizhou has a county-level e-commerce operation service centre.", "unverifiable", "GZF204"),
    ("Guizhou has ranked among the top three for e-governance in each of the last three years.", "supported", "GZF301"),
    # Who relays a source is not its source; a caption is the article's; "quoted as saying" attributes.
    (
        "The digital economy was 26.9 percent of GDP in 2018, according to CAICT figures cited by China Daily.",
        "supported",
        "GZF301",
    ),
    ("Participants came from 61 countries and regions, according to a photo caption.", "supported", "GZF301"),
    (
        "An Shihai was quoted as saying that many patients had benefited from remote consultations.",
        "contradicted",
        "GZF104",
    ),
    # "The last three years" dates; "the national average" is a standard, not a scope.
    ("Guizhou ranked last among provinces for e-governance in the last three years.", "contradicted", "GZF106"),
    (
        "The digital economy's 26.9 percent share of Guizhou's GDP was above the national average in 2018.",
        "unverifiable",
        "GZF201",
    ),
    # "Only just in time" is not "two years ahead of time".
    ("Guizhou met the State's village broadband target only just in time.", "contradicted", "GZF106"),
    # "Half a kilometre" is a measure, not a share (and, since the eighth pass, read as 500 metres).
    ("The Beipanjiang Bridge stands more than half a kilometre above the valley.", "supported", "GZF301"),
    # A capital in apposition with the province first; a name a rank is measured against.
    ("Zunyi, Guizhou's provincial capital, has applied big data to its real economy.", "contradicted", "GZF108"),
    (
        "Guizhou's digital economy growth ranked third in China in 2018, behind Guangdong and Beijing.",
        "contradicted",
        "GZF102",
    ),
    # A ratio said "ten to one" is a multiple, judged by both counts.
    ("Demonstration projects outnumbered benchmark projects about ten to one in 2018.", "supported", "GZF301"),
    ("Demonstration projects outnumbered benchmark projects three to one in 2018.", "contradicted", "GZF101"),
    # A head straight before its names: "Domestic heavyweights Alibaba and JD"; "International giants Alibaba".
    ("Domestic heavyweights Alibaba and JD have settled in Guizhou beside Intel and Oracle.", "supported", "GZF301"),
    ("International giants Tencent and Baidu have settled in Guizhou.", "contradicted", "GZF108"),
    # "Not confined to one industry; ...": the limit denied, the rest asserted.
    (
        "Big data is not confined to one industry in Guizhou; the province uses it across all sectors.",
        "supported",
        "GZF301",
    ),
    # Chinese-news and broadcast phrasing: great efforts, enjoy, test bed, finished; the writer to the listener.
    ("Guizhou has made great efforts to bring big data into all aspects of life.", "supported", "GZF301"),
    ("Most, though not all, of Guizhou's villages enjoy 4G coverage.", "contradicted", "GZF105"),
    (
        "Guizhou is China's test bed for big data, the first national big data comprehensive pilot area.",
        "supported",
        "GZF301",
    ),
    ("Stay tuned for more on Guizhou after the break.", "no-claim", "GZF401"),
    # Emphasis is no denial: "is no one-off", "wasn't just another clinic".
    (
        "Guizhou's first place for digital economy growth is no fluke: it has led for four consecutive years.",
        "supported",
        "GZF301",
    ),
    (
        "The 39 Internet Hospital wasn't just another online clinic: it was the first fully certified one.",
        "supported",
        "GZF301",
    ),
    # "Displaced" is the opposite of sitting alongside, and no kind of "Chinese".
    ("Chinese big names have displaced international behemoths like Apple from Guizhou.", "contradicted", "GZF106"),
    # A caption notes; a deputy director remarked; "in order to"; "far more"; "the very first".
    ("The bridge sits 565.4 meters above the Beipanjiang Grand Valley, a photo caption notes.", "supported", "GZF301"),
    (
        "Deputy Director An Shihai remarked that remote consultations benefited doctors and patients.",
        "contradicted",
        "GZF104",
    ),
    ("Guizhou has far more village-level e-commerce sites than county-level centres.", "supported", "GZF301"),
    ("Guizhou was the very first national big data comprehensive pilot area in China.", "supported", "GZF301"),
    # "More than seventy" is a hedge of a figure, not a comparison.
    ("More than seventy county-level e-commerce operation service centers have been set up.", "supported", "GZF301"),
    # "And in fact shrank" is a clause of its own, out of the reach of "failed to".
    ("Guizhou's digital economy failed to grow in 2018 and in fact shrank.", "contradicted", "GZF106"),
    # "People" at a sentence's start is no place, though "People's Republic" is a name.
    ("People came from 61 countries and regions to this year's big data expo.", "supported", "GZF301"),
    # Both kinds of a group in one sentence: each is said of other names.
    ("Oracle and Intel are among the global giants in Guizhou, alongside domestic firms.", "unverifiable", "GZF201"),
    # A subordinate clause that opens the sentence is a clause of its own, for figures and negations.
    (
        "Though a little over a quarter of GDP in 2018, the digital economy grew by nearly 25 percent.",
        "supported",
        "GZF301",
    ),
    (
        "Although the sites now reach every township, many farmers still lack the skills to sell online.",
        "unverifiable",
        "GZF201",
    ),
    # "Not merely": emphasis; quoted in the piece; "are quoted as saying".
    (
        "The 39 Internet Hospital was not merely an online hospital: it was the first fully certified one.",
        "supported",
        "GZF301",
    ),
    (
        "Officials quoted in the piece say telemedicine makes more efficient use of medical resources.",
        "supported",
        "GZF301",
    ),
    # Set up in a place, hosting, involved in, weaving, close to home, dates from.
    ("Huawei and Tencent are among the Chinese tech names that have set up in Guizhou.", "supported", "GZF301"),
    ("Guizhou's big data initiative dates from 2016.", "contradicted", "GZF103"),
    # The writer to the reader: nothing checkable.
    ("We urge policymakers to keep rural users at the heart of digital planning.", "no-claim", "GZF401"),
    ("More on the Big Data Expo in our next post.", "no-claim", "GZF401"),
    # Who said it is not what the figure measures: CAICT's name does not pair 26.9 percent with growth.
    (
        "Statistics from the China Academy of Information and Communications Technology show the digital "
        "economy grew 26.9 percent in 2018.",
        "unverifiable",
        "GZF203",
    ),
    # A goal's figure is no measure the article gives.
    ("The province aims to lift the digital economy's share of GDP above 30 percent.", "unverifiable", "GZF203"),
    # "Unlike" a place the article never mentions: it says nothing of it.
    ("Unlike neighbouring Yunnan, Guizhou has 4G coverage in every village.", "unverifiable", "GZF202"),
    # A question asserts nothing, whatever it asks about; transitions and summaries neither.
    ("What will Guizhou achieve in the next ten years?", "no-claim", "GZF401"),
    ("To sum up, here are the main points of the article.", "no-claim", "GZF401"),
    # "not Y but X": the one denied first.
    (
        "The 39 Internet Hospital was set up not by Tencent but by Guiyang Longmaster Information Technology.",
        "supported",
        "GZF301",
    ),
    (
        "The 39 Internet Hospital was set up not by Guiyang Longmaster Information Technology but by Tencent.",
        "contradicted",
        "GZF108",
    ),
    # A rank said to be for another measure than the article's ("for the share", not for growth).
    ("Guizhou ranks first in China for the share of the digital economy in GDP.", "unverifiable", "GZF203"),
    # "Not just part of": all of it.
    ("The village sites don't cover just part of the township logistics.", "supported", "GZF301"),
    # "too" adds nothing to check.
    ("Guizhou is home to international behemoths like Apple and Dell too.", "supported", "GZF301"),
]


@pytest.mark.parametrize(("text", "verdict", "code"), SIXTH_PASS)
def test_the_sixth_pass_classes(fb: gzfacts.FactBase, text: str, verdict: str, code: str) -> None:
    finding = one(fb, text)
    assert (finding.verdict, finding.code) == (verdict, code), finding.reason


#: The seventh pass: classes of English from held-out sets W and X (each sentence here is our own).
SEVENTH_PASS = [
    # A count of "people" is a count of the article's participants or patients, said more generally.
    ("About 2,600 people from 61 countries and regions came to the 2019 expo.", "contradicted", "GZF101"),
    ("More than 26,000 people from 61 countries and regions came to the 2019 expo.", "supported", "GZF301"),
    ("The expo drew 26,000 exhibitors.", "unverifiable", "GZF204"),
    # Where a thing lies, with an aside before the verb.
    ("The Beipanjiang Bridge, among the highest anywhere, stands in Sichuan province.", "contradicted", "GZF108"),
    # The article's valley or hospital under another name: another holder of its role.
    ("The Beipanjiang Bridge rises 565.4 meters above the Nujiang Grand Valley.", "contradicted", "GZF108"),
    ("The bridge spans the Nujiang River.", "unverifiable", "GZF202"),
    # Below the middle is not first: "than the national average", "trails most other provinces".
    ("In 2018 Guizhou's digital economy expanded more slowly than the national average.", "contradicted", "GZF102"),
    ("Jobs growth in Guizhou's digital industry trails most other provinces.", "contradicted", "GZF102"),
    ("Guizhou's digital economy grew faster than the national average in 2018.", "unverifiable", "GZF201"),
    # A quantifier floating off a list of names is of the names, no share.
    ("Tencent, Baidu and JD have all put down roots in Guizhou.", "supported", "GZF301"),
    # "Only some of" what the article says all of, with another figure in the sentence.
    (
        "Guizhou's 10,250 village e-commerce sites serve only some of its township logistics.",
        "contradicted",
        "GZF107",
    ),
    # Not waiting for a deadline is beating it; a target date is the target.
    ("Guizhou did not wait for the State's target date to give all villages 4G.", "supported", "GZF301"),
    # Headings, running orders and a reader's taste assert nothing.
    ("Telemedicine in the mountains: an explainer.", "no-claim", "GZF401"),
    ("Up next: the farmers selling produce online.", "no-claim", "GZF401"),
    ("Next, we look at Guizhou's hospitals.", "no-claim", "GZF401"),
    ("Listeners may find the telemedicine story the most interesting.", "no-claim", "GZF401"),
    ("A bold plan that deserves close scrutiny.", "no-claim", "GZF401"),
    # A newsroom's words: hooked up, a slice, corporate, from a distance, generated, share the stage.
    ("Each of Guizhou's villages is hooked up to 4G.", "supported", "GZF301"),
    ("In 2018 the digital economy generated 26.9 percent of Guizhou's GDP.", "supported", "GZF301"),
    ("Doctors can diagnose and treat patients from a distance through telemedicine.", "supported", "GZF301"),
    ("Huawei and Baidu share the stage with Apple and Oracle in Guizhou.", "supported", "GZF301"),
    # A relation read from the source is credited to the fact whose quote states it.
    ("Guiyang is Guizhou's capital.", "supported", "GZF301"),
    # Who said it: "described ... as", "sums up", "credit ... with", "argue"; speakers of another
    # kind than the article's officials ("economists", "It was analysts, not officials, who ...").
    (
        "Pi Shengming describes the ultimate goal of the telemedicine platform as letting people get good "
        "medical services on their doorstep.",
        "contradicted",
        "GZF104",
    ),
    ("Officials credit the big data initiative, launched in 2013, with unprecedented progress.", "supported", "GZF301"),
    (
        "Analysts said the application of big data in the real economy had accelerated to the intermediate stage.",
        "contradicted",
        "GZF104",
    ),
    (
        "According to Li Ming, the telemedicine model makes more efficient use of quality medical resources.",
        "unverifiable",
        "GZF203",
    ),
    # A person's post: the body the article gives them, and whether they are a deputy.
    ("Pi Shengming, who runs remote rounds, is a director at the Sixth Hospital of Guiyang.", "supported", "GZF301"),
    ("An Shihai works at the Sixth Hospital of Guiyang.", "contradicted", "GZF108"),
    ("Pi Shengming, director of the Guizhou Provincial Health Commission, backs it.", "contradicted", "GZF108"),
    ("An Shihai is the director of the Guizhou Provincial Health Commission.", "contradicted", "GZF108"),
    # An opposite word said of something the article does not mention is no contradiction.
    ("While big data booms, Guizhou's cement and steel industry has shrunk.", "unverifiable", "GZF201"),
    ("Guizhou's digital economy contracted in 2018.", "contradicted", "GZF106"),
    # "earlier than required", "the bulk of", "feature among".
    ("All villages had 4G and fibre broadband earlier than required by the State.", "supported", "GZF301"),
    ("The bulk of provincial government affairs can be handled online.", "supported", "GZF301"),
    ("Alibaba and JD feature among the big names that have settled in Guizhou.", "supported", "GZF301"),
    # A share of what a candidate fact says "all" of, found by its head noun ("industrial sectors").
    ("Big data is at work in only a few of Guizhou's industrial sectors.", "contradicted", "GZF107"),
    ("Roughly one in four of the village e-commerce service sites is run by a woman.", "unverifiable", "GZF204"),
    # What an approach puts first: "business-centred" is not the article's "people-centered".
    ("Guizhou's government runs its big data work on a market-oriented approach.", "contradicted", "GZF106"),
    ("The provincial government has taken a people-centred approach.", "supported", "GZF301"),
    # Moving in is settling; reaching all of it is covering it; every corner of life is all aspects of it.
    ("Baidu and JD have moved into Guizhou.", "supported", "GZF301"),
    ("The village-level e-commerce sites reach all of the township logistics in the province.", "supported", "GZF301"),
    ("Guizhou has made it a priority to bring big data into every corner of life.", "supported", "GZF301"),
    # A count said after what it counts: "the sites number in the hundreds", "number only a few hundred".
    (
        "While the county centres number over 70, the village-level sites number in the hundreds.",
        "contradicted",
        "GZF101",
    ),
    ("The village-level e-commerce service sites number just a few hundred.", "contradicted", "GZF101"),
    ("Guizhou's village-level e-commerce sites number in the thousands.", "supported", "GZF301"),
    # Luring firms is their settling; "recognised as" is being.
    ("Guizhou has not managed to lure a single international behemoth.", "contradicted", "GZF105"),
    ("The 39 Internet Hospital was never recognised as a certified medical institution.", "contradicted", "GZF105"),
    # A cleft makes a shared part exclusive: another name in it is the article's holder's rival.
    ("Baidu was the company that helped set up the 39 Internet Hospital.", "contradicted", "GZF108"),
    ("Baidu helped set up the 39 Internet Hospital.", "unverifiable", "GZF202"),
    # The article's name with another first word ("Northwest China" for "Southwest China").
    ("The Beipanjiang Bridge is in Northeast China's Guizhou province.", "contradicted", "GZF108"),
    # A post in a body the article never names; the article's body in other words is no other body.
    ("Pi Shengming, director of the Third Hospital of Guiyang, spoke about remote rounds.", "contradicted", "GZF108"),
    ("An Shihai is deputy director of the Guizhou Provincial Department of Commerce.", "contradicted", "GZF108"),
    (
        "An Shihai, deputy director of the provincial health commission, says the ultimate goal of the "
        "telemedicine platform is to let people get good medical services on their doorstep.",
        "supported",
        "GZF301",
    ),
    # Two of the article's figures of one kind, each side named in its fact's words, compared.
    (
        "The proportion of provincial government affairs that can be done online is smaller than the "
        "digital economy's share of provincial GDP.",
        "contradicted",
        "GZF101",
    ),
    (
        "Guizhou's four-year streak at the top of digital economy growth is shorter than its run in the "
        "e-governance top three.",
        "contradicted",
        "GZF101",
    ),
    ("Guizhou integrated fewer enterprises in 2018 than it built demonstration projects.", "contradicted", "GZF101"),
    ("The bridge is longer than any other in China.", "unverifiable", "GZF204"),
    # A share said by an adjective of the whole: "patchy" can be wrong, never right.
    ("Fibre has reached every village, but village 4G coverage remains patchy.", "contradicted", "GZF107"),
    ("Online government services in Guizhou remain patchy.", "unverifiable", "GZF203"),
    # Who a statistic is from, said after it ("was published by", "attributes ... to").
    (
        "The figure of 26.9 percent for the digital economy's share of GDP was released by the National "
        "Bureau of Statistics.",
        "contradicted",
        "GZF104",
    ),
    (
        "The digital economy's 26.9 percent share of Guizhou's GDP in 2018 was published by the China Academy "
        "of Information and Communications Technology.",
        "supported",
        "GZF301",
    ),
    ("Visitors to the 2019 expo came from 16 countries and regions.", "contradicted", "GZF101"),
    # Names listed under a head with "are listed among", and a head that "includes" them (held-out Y, Z).
    ("Intel and Dell are named among the Chinese big names that have settled in Guizhou.", "contradicted", "GZF108"),
    ("The international behemoths in Guizhou include Apple, Tencent and Dell.", "contradicted", "GZF108"),
    ("The international behemoths in Guizhou include Apple, Intel and Dell.", "supported", "GZF301"),
]


@pytest.mark.parametrize(("text", "verdict", "code"), SEVENTH_PASS)
def test_the_seventh_pass_classes(fb: gzfacts.FactBase, text: str, verdict: str, code: str) -> None:
    finding = one(fb, text)
    assert (finding.verdict, finding.code) == (verdict, code), finding.reason


def test_a_relation_read_from_the_source_names_the_fact_that_states_it(fb: gzfacts.FactBase) -> None:
    finding = one(fb, "Guiyang is the capital of Guizhou province.")
    assert finding.facts[0].id == "guiyang-industrial-transformation"
    assert "photo caption" not in finding.reason


EIGHTH_PASS = [
    # A quiz's instruction, a heading's label, a presenter to the listeners, a debate's motion: they ask
    # or announce, whatever figures and names they hold (held-out AA, AC).
    ("Summarise in two sentences how Guizhou uses big data in its villages.", "no-claim", "GZF401"),
    ("Question 2: Name one company that helped set up the 39 Internet Hospital.", "no-claim", "GZF401"),
    ("Task 3: Describe the mission of the pilot area.", "no-claim", "GZF401"),
    ("Telemedicine in Guizhou: a quick refresher.", "no-claim", "GZF401"),
    ("My take: watch this province.", "no-claim", "GZF401"),
    ("Motion: This House would copy Guizhou's big data model.", "no-claim", "GZF401"),
    ("The phone lines are open, so give us a call with your questions.", "no-claim", "GZF401"),
    # A label, a speaker's talk to the listener and a judgement tacked on are cut: the claim is judged.
    ("Answer: every village in Guizhou has fibre broadband and 4G.", "supported", "GZF301"),
    ("Answer: the digital economy shrank in 2018.", "contradicted", "GZF106"),
    ("Okay, so the digital economy grew 24.6 percent in 2018, folks.", "supported", "GZF301"),
    ("Well, the digital economy grew 30 percent in 2018, full stop.", "contradicted", "GZF101"),
    ("So the province set up more than 70 county-level e-commerce centres, write that down.", "supported", "GZF301"),
    ("Guiyang, the capital of course, uses big data as a force for industrial transformation.", "supported", "GZF301"),
    ("The province built 102 benchmark projects last year, which is impressive.", "supported", "GZF301"),
    ("The province built 120 benchmark projects last year, which is impressive.", "contradicted", "GZF101"),
    ("In short, Guizhou is China's first national big data comprehensive pilot area.", "supported", "GZF301"),
    # Contractions: "It's" is no name, "they've" no word to check; a cleft on officials.
    ("It's China's first national big data comprehensive pilot area.", "supported", "GZF301"),
    ("It's China's second national big data comprehensive pilot area.", "contradicted", "GZF102"),
    ("It's local officials who say the big data initiative dates back to 2013.", "supported", "GZF301"),
    (
        "It was provincial officials who credited the 2013 big data initiative with unprecedented progress.",
        "supported",
        "GZF301",
    ),
    (
        "They've set up more than 70 county-level e-commerce centres, and that's what they're saying.",
        "supported",
        "GZF301",
    ),
    # ", so ..." is a clause of its own: its negation does not turn the first clause's quantifier.
    (
        "Most of the provincial government's affairs can be handled online, so nobody needs to queue.",
        "unverifiable",
        "GZF201",
    ),
    ("All villages have 4G coverage, so no village is cut off.", "supported", "GZF301"),
    ("No village in Guizhou is left out of 4G coverage.", "supported", "GZF301"),
    # A rank by another measure, said first; a place away from the top.
    ("In absolute size, Guizhou's digital economy ranks 20th in China.", "unverifiable", "GZF203"),
    ("Guizhou ranks second in China for the overall size of its digital economy.", "unverifiable", "GZF203"),
    ("Guizhou's digital economy growth was only mid-table in 2018.", "contradicted", "GZF102"),
    ("Guizhou's e-governance sat in the bottom half of the national rankings.", "contradicted", "GZF102"),
    # Speakers: "told reporters", "reckon", "supplied by"; the paper itself.
    (
        "Pi Shengming told reporters that the ultimate goal of the telemedicine platform is for people to get "
        "good medical services on their doorstep.",
        "contradicted",
        "GZF104",
    ),
    (
        "An Shihai told China Daily that many patients have enjoyed services from big-city specialists.",
        "contradicted",
        "GZF104",
    ),
    (
        "Officials reckon applying big data in the real economy has reached the intermediate stage.",
        "supported",
        "GZF301",
    ),
    ("All villages have fibre broadband and 4G, the paper reports.", "supported", "GZF301"),
    # Where a thing is, with words between it and its verb; "which is over in".
    ("The exhibition hall photographed for the story is in Chengdu.", "unverifiable", "GZF202"),
    ("The exhibition center shown with the staff member is in Guiyang.", "supported", "GZF301"),
    (
        "The Beipanjiang Bridge, which is over in Sichuan province, is one of the world's highest.",
        "contradicted",
        "GZF108",
    ),
    # Lengths in words, and no rounding of a figure by a tenth of it or more ("1 km" is not 565 metres).
    ("The Beipanjiang Bridge stands nearly a kilometre above the valley.", "contradicted", "GZF101"),
    ("The Beipanjiang Bridge stands about one kilometre above the valley.", "contradicted", "GZF101"),
    ("The Beipanjiang Bridge stands 1 km above the valley.", "contradicted", "GZF101"),
    ("The Beipanjiang Bridge stands about 0.6 km above the valley.", "supported", "GZF301"),
    ("Digital economy growth was just shy of 25 percent in 2018.", "supported", "GZF301"),
    # A newsroom's phrasal verbs.
    ("Guizhou has eased off its support for big data enterprises.", "contradicted", "GZF106"),
    ("The big data initiative kicked off in 2013.", "supported", "GZF301"),
    ("Alibaba and Tencent have set up shop in Guizhou.", "supported", "GZF301"),
    # After the sealed sets AD and AE were measured: "without exception" is emphasis, no negation;
    # "left offline" negates; a headline's "39 Internet Hospital ..." is a name, no figure, so its
    # rank and its year are judged.
    ("Every village in the province, without exception, has realized 4G coverage.", "supported", "GZF301"),
    ("No Guizhou village left offline: 4G now reaches every one", "supported", "GZF301"),
    ("39 Internet Hospital second in China to be fully certified as a medical institution", "contradicted", "GZF102"),
    ("39 Internet Hospital won its full certification back in 2016", "unverifiable", "GZF204"),
]


NINTH_PASS = [
    # "capital city"; a length with its unit attached; "No 1" is a rank, and no negation.
    ("Guiyang is the capital city of Guizhou province.", "supported", "GZF301"),
    ("Zunyi is the capital city of Guizhou.", "contradicted", "GZF108"),
    ("Beipanjiang Bridge: 565.4m above the Grand Valley", "supported", "GZF301"),
    ("Beipanjiang Bridge: 465.4m above the Grand Valley", "contradicted", "GZF101"),
    ("Guizhou No 2 in China for digital economy growth in 2018", "contradicted", "GZF102"),
    ("Guizhou No 1 in China for digital economy growth in 2018", "supported", "GZF301"),
    # Shares and changes in other words.
    ("Over four-fifths of the provincial government's business is now doable online", "supported", "GZF301"),
    ("The digital economy grew by almost a quarter in 2018 compared with the year before.", "supported", "GZF301"),
    ("The province has loosened its support for big data enterprises.", "contradicted", "GZF106"),
    ("The village e-commerce network covers all township logistics.", "supported", "GZF301"),
    # A bare bound ("fewer than 20,000") is paired with a figure of its size, not with any it holds of.
    ("Fewer than 20,000 through the doors at this year's Big Data Expo", "contradicted", "GZF101"),
    ("More than 26,000 through the doors at this year's Big Data Expo", "supported", "GZF301"),
    # Behind named places or "the national leaders" is not first; behind one place may be third.
    ("Guizhou's digital economy growth trails Beijing and Shanghai.", "contradicted", "GZF102"),
    ("Job growth in Guizhou's digital industry has lagged behind the national leaders.", "contradicted", "GZF102"),
    ("Guizhou's e-governance trails Zhejiang.", "unverifiable", "GZF204"),
    # Losing a place; "no 4G" is a negation, "No 2" a rank.
    (
        "The digital economy grew 24.6 percent in 2018, though Guizhou lost its national No 1 spot.",
        "contradicted",
        "GZF105",
    ),
    ("Guizhou slipped out of the national top three for e-governance.", "contradicted", "GZF105"),
    ("Its cities have changed, but Guizhou's villages still have no 4G coverage.", "contradicted", "GZF105"),
    # "no township left out of ...": the noun before the participle is what "no" counts.
    ("There's no township left out of the logistics network.", "supported", "GZF301"),
    # An aside that is no advice; a heading; a writer's hope or pride.
    (
        "The 39 Internet Hospital, it should be noted, was not fully certified as a medical institution.",
        "contradicted",
        "GZF105",
    ),
    ("E-commerce in rural Guizhou: a closer look", "no-claim", "GZF401"),
    ("One hopes that other provinces will follow Guizhou's lead.", "no-claim", "GZF401"),
    ("Proud to share this story with our network!", "no-claim", "GZF401"),
    # A speaker's "honestly" at the end is an aside; a judgement with it is still an opinion.
    (
        "Job growth in Guizhou's digital industry has lagged behind the national leaders, honestly.",
        "contradicted",
        "GZF102",
    ),
    ("Guizhou's transformation is, frankly, remarkable.", "no-claim", "GZF401"),
    # Spoken English: "right there", "on the trot", "in the mix", "massively outnumber", founders.
    ("Apple and Intel are sitting right there alongside the Chinese names in Guizhou.", "supported", "GZF301"),
    ("On e-governance Guizhou has been in the national top three, three years on the trot.", "supported", "GZF301"),
    ("On e-governance Guizhou has been in the national top three, five years on the trot.", "contradicted", "GZF101"),
    ("The village-level sites massively outnumber the county-level centres.", "supported", "GZF301"),
    ("Longmaster helped set up the 39 Internet Hospital, so it is one of its founders.", "supported", "GZF301"),
    # A person placed in another body by "belongs to"; a company's chairman is no official.
    ("An Shihai belongs to the Sixth Hospital of Guiyang.", "contradicted", "GZF108"),
    (
        "The paper quotes the chairman of Longmaster as saying that telemedicine makes more efficient use of "
        "quality medical resources.",
        "contradicted",
        "GZF104",
    ),
    # Stages and recognition have opposites; a spoken comma splice ends a clause.
    ("Officials said big data in the real economy is still at the beginning stage.", "contradicted", "GZF106"),
    ("Guizhou's big data achievements have been ignored by the national government.", "contradicted", "GZF106"),
    # A second denial after a comma is a clause of its own: it does not turn "ignored" into "recognized".
    (
        "Guizhou's big data work has been ignored by the national government, the recognition just hasn't come.",
        "contradicted",
        "GZF106",
    ),
    ("The application of big data in the real economy has advanced to an intermediate stage.", "supported", "GZF301"),
    # The article and who it quotes are the article's own words; "draw on", "share the province with".
    (
        "The hospital director quoted in the article is Pi Shengming, of the Sixth Hospital of Guiyang.",
        "supported",
        "GZF301",
    ),
    ("The pilot zone builds up hands-on experience that China's big data strategy can draw on.", "supported", "GZF301"),
    ("Alibaba and Huawei share the province with global names such as Apple and Microsoft.", "supported", "GZF301"),
    # Who lists names under a head ("the article lists X among ..."); a time counted from the article's date.
    ("The piece lists Dell and Intel among the Chinese big names in Guizhou.", "contradicted", "GZF108"),
    ("The big data initiative began in 2013, six years before the article appeared.", "unverifiable", "GZF201"),
    ("The big data initiative began in 2015, four years before the article appeared.", "contradicted", "GZF103"),
    # After the sealed sets AF and AG were measured: a bullet is no part of the claim; an
    # abbreviation ("GZ") is no rival place; "demo" projects are demonstration projects; a
    # figure said to a decimal place is hedged by 1 percent of it, not 5 ("some 81.3" is not 83.1).
    ("- 39 Internet Hospital got its full certification in 2016", "unverifiable", "GZF204"),
    ("- Chinese big names settled in GZ: Alibaba, Huawei, Tencent", "unverifiable", "GZF202"),
    ("- 2018: 102 benchmark projects + 1,050 demo projects", "supported", "GZF301"),
    ("Some 81.3 percent of provincial government affairs can now be handled online.", "contradicted", "GZF101"),
    ("Some 83 percent of provincial government affairs can now be handled online.", "supported", "GZF301"),
    # A transcript's speaker, a note-taker's signs ("=", "→", "#1", "yrs", "e-comm"), a columnist's asides.
    ("Host A: The digital economy grew 24.6% year-on-year in 2018, which, I mean, is huge.", "supported", "GZF301"),
    ("Zunyi = capital of Guizhou", "contradicted", "GZF108"),
    ("Guiyang = capital of Guizhou", "supported", "GZF301"),
    ("Digital econ growth → #2 in China in 2018", "contradicted", "GZF102"),
    ("E-governance: top 3 nationally, 3 yrs straight", "supported", "GZF301"),
    ("Village e-comm sites → cover all township logistics", "supported", "GZF301"),
    ("The expo, we are told, proudly pulled in more than 26,000 participants.", "supported", "GZF301"),
    ("- digital econ grew faster than any other province, 4 yrs running", "supported", "GZF301"),
    ("- digital econ grew faster than any other province, 5 yrs running", "contradicted", "GZF101"),
    ("Guizhou has 70+ county-level e-commerce centres.", "supported", "GZF301"),
    # Verbs of saying: a cleft with "declared" (after AG was measured: it came out supported with the
    # wrong speaker), "stressed", "pointed out", "made clear".
    (
        "It was Pi Shengming who declared that the platform's ultimate goal was good medical services on "
        "people's doorsteps.",
        "contradicted",
        "GZF104",
    ),
    (
        "Pi Shengming stressed that the ultimate goal of the telemedicine platform is to let people get good "
        "medical services on their doorstep.",
        "contradicted",
        "GZF104",
    ),
    (
        "An Shihai made clear that the ultimate goal of the telemedicine platform is to let people get good "
        "medical services on their doorstep.",
        "supported",
        "GZF301",
    ),
    (
        "The 39 Internet Hospital was never properly certified as a medical institution, it's just an app.",
        "contradicted",
        "GZF105",
    ),
]


@pytest.mark.parametrize(("text", "verdict", "code"), NINTH_PASS)
def test_the_ninth_pass_classes(fb: gzfacts.FactBase, text: str, verdict: str, code: str) -> None:
    finding = one(fb, text)
    assert (finding.verdict, finding.code) == (verdict, code), finding.reason


@pytest.mark.parametrize(("text", "verdict", "code"), EIGHTH_PASS)
def test_the_eighth_pass_classes(fb: gzfacts.FactBase, text: str, verdict: str, code: str) -> None:
    finding = one(fb, text)
    assert (finding.verdict, finding.code) == (verdict, code), finding.reason


def test_half_a_million_is_half_of_a_million() -> None:
    from gzfacts.quantities import scan

    (q,) = scan("half a million servers").quantities
    assert q.value == 500_000


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("565.4m above the valley", [(565.4, "meters")]),
        ("a 5km road", [(5.0, "kilometers")]),
        ("nearly a kilometre above", [(1.0, "kilometers")]),
        # "$3.2m" is money in millions, not 3.2 metres: left unread, as before.
        ("$3.2m in funding", []),
        ("RMB 5m", []),
    ],
)
def test_a_unit_written_against_its_number(text: str, read: list[tuple[float, str]]) -> None:
    from gzfacts.quantities import scan

    assert [(q.value, q.unit) for q in scan(text).quantities] == read
