"""Make a synthetic, valid fact base of N facts, for scale benchmarks and tests.

    python benchmarks/synth.py 100000 /tmp/synth-100k            # one facts.yaml
    python benchmarks/synth.py 100000 /tmp/synth-100k-dir --split  # one YAML file per source

Every fact quotes one sentence of a generated source text verbatim, and its value and period
appear in that sentence, so `gzfacts validate` passes. Facts are spread over sources of
FACTS_PER_SOURCE sentences each, and over TOPICS topics. Output is deterministic for a given N.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from pathlib import Path

FACTS_PER_SOURCE = 100
TOPICS = 60
WORDS = (
    "data economy digital province county village hospital platform network bridge expo enterprise "
    "project broadband logistics agriculture service center market energy transport school water "
    "tourism finance industry factory cloud computing software telemedicine railway highway airport "
    "harbour forest mountain river power solar wind battery vehicle robot sensor satellite research"
).split()
UNITS = ("percent", "enterprises", "projects", "sites", "kilometres", "participants", "villages", "yuan")


def _quote(js: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(js, ensure_ascii=False)


def sentences(rng: random.Random, source: int) -> Iterator[tuple[str, float | int, str, str, str]]:
    """(sentence, value, unit, period, claim) for each fact of one source."""
    for n in range(FACTS_PER_SOURCE):
        subject = " ".join(rng.choice(WORDS) for _ in range(3))
        unit = rng.choice(UNITS)
        value: float | int = round(rng.uniform(1, 100), 1) if unit == "percent" else rng.randint(2, 250_000)
        year = str(rng.randint(2000, 2025))
        shown = f"{value:,}" if isinstance(value, int) else str(value)
        sentence = (
            f"In {year}, the {subject} programme number {source}-{n} reported {shown} {unit}, "
            f"according to the {rng.choice(WORDS)} {rng.choice(WORDS)} office."
        )
        claim = f"The {subject} programme {source}-{n} reported {shown} {unit} in {year}."
        yield sentence, value, unit, year, claim


def source_block(index: int) -> str:
    return (
        f"  - id: source-{index:06d}\n"
        f'    title: "Synthetic report {index}"\n'
        f'    author: "Ana Silva"\n'
        f'    publisher: "Synthetic Gazette"\n'
        f'    published: "2024-01-{1 + index % 28:02d}"\n'
        f'    page: "{1 + index % 40}"\n'
        f'    path: "sources/source-{index:06d}.txt"\n'
    )


def topic_block(index: int) -> str:
    return f'  - id: topic-{index:03d}\n    title: "Topic {index}"\n    summary: "Synthetic topic number {index}."\n'


def fact_block(
    ident: str, topic: int, source: int, sentence: str, value: float | int, unit: str, year: str, claim: str
) -> str:
    return (
        f"  - id: {ident}\n"
        f"    topic: topic-{topic:03d}\n"
        f"    claim: {_quote(claim)}\n"
        f"    value: {value}\n"
        f"    unit: {_quote(unit)}\n"
        f'    period: "{year}"\n'
        f"    attributed_to: null\n"
        f"    quote: {_quote(sentence)}\n"
        f"    source: source-{source:06d}\n"
        f'    aliases: ["synthetic", "{unit} {year}"]\n'
    )


def generate(count: int, out: Path, *, split: bool = False, seed: int = 2019) -> Path:
    """Write a fact base of `count` facts under `out`; return the path to give to --facts."""
    rng = random.Random(seed)
    (out / "sources").mkdir(parents=True, exist_ok=True)
    n_sources = max(1, -(-count // FACTS_PER_SOURCE))
    topics = "topics:\n" + "".join(topic_block(t) for t in range(TOPICS))
    made = 0
    base = out / "facts" if split else out / "facts.yaml"
    if split:
        base.mkdir(parents=True, exist_ok=True)
        (base / "topics.yaml").write_text(topics, encoding="utf-8")
        single = None
    else:
        single = base.open("w", encoding="utf-8")
        single.write("sources:\n" + "".join(source_block(s) for s in range(n_sources)) + topics + "facts:\n")
    try:
        for s in range(n_sources):
            text_lines = [f"Synthetic report {s}", "", "By Ana Silva", ""]
            blocks = []
            for n, (sentence, value, unit, year, claim) in enumerate(sentences(rng, s)):
                if made == count:
                    break
                text_lines.append(sentence)
                blocks.append(
                    fact_block(f"fact-{s:06d}-{n:03d}", (s * 7 + n) % TOPICS, s, sentence, value, unit, year, claim)
                )
                made += 1
            (out / "sources" / f"source-{s:06d}.txt").write_text("\n\n".join(text_lines) + "\n", encoding="utf-8")
            if single is not None:
                single.write("".join(blocks))
            else:
                path = base / f"source-{s:06d}.yaml"
                path.write_text(
                    "sources:\n" + source_block(s).replace("sources/", "../sources/") + "facts:\n" + "".join(blocks),
                    encoding="utf-8",
                )
    finally:
        if single is not None:
            single.close()
    return base


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int, help="number of facts")
    parser.add_argument("out", type=Path, help="directory to write (created)")
    parser.add_argument("--split", action="store_true", help="one YAML file per source, in OUT/facts/")
    args = parser.parse_args()
    print(generate(args.count, args.out, split=args.split))


if __name__ == "__main__":
    main()
