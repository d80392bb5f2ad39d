"""Where the check's time goes: ``python -m bench.stages [--terms 1000] [--runs 5]``.

Runs the check of the benchmark corpus step by step, each pass with a fresh index and emptied
word caches (as one ``glossary check`` run), interleaved with the tokenize-only floor and
flashtext in the same run, and prints the median seconds of each step beside them. The steps
are the engine's own functions, called in the order ``check()`` calls them.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Sequence
from time import perf_counter

from bench import engines
from bench.corpus import FULL, ensure_corpus
from bench.glossaries import build_glossary
from glossary.matching import scan
from glossary.matching.documents import parse_document
from glossary.matching.index import TermIndex, clear_word_caches
from glossary.matching.text import fold_same_length

STEPS = ("read", "markup", "fold and split", "learn and select", "place", "judge")
_OPTIONS = scan.CheckOptions(format="markdown")


def check_in_steps(paths: Sequence[object], index: TermIndex) -> tuple[dict[str, float], int]:
    """Seconds per step of checking every file as Markdown with fuzzy matching on."""
    spent = dict.fromkeys(STEPS, 0.0)
    found = 0
    for path in paths:
        t0 = perf_counter()
        text = path.read_text(encoding="utf-8")  # type: ignore[attr-defined]
        t1 = perf_counter()
        document = parse_document(text, "markdown")
        t2 = perf_counter()
        folded = fold_same_length(document.text)
        chunks = set(folded.split())
        language = scan._language(chunks, "auto", index)
        t3 = perf_counter()
        present = index.present(chunks, fuzzy=True)
        t4 = perf_counter()
        spans = list(scan.placed(folded, present, index, fuzzy=True))
        t5 = perf_counter()
        judge = scan._Judge(document, folded, index, language, document.audience, _OPTIONS)
        found += len(judge.findings(spans, None)[0])
        t6 = perf_counter()
        marks = (t0, t1, t2, t3, t4, t5, t6)
        for step, start, end in zip(STEPS, marks[:-1], marks[1:], strict=True):
            spent[step] += end - start
    return spent, found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.stages", description=__doc__)
    parser.add_argument("--terms", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    corpus = ensure_corpus(FULL)
    glossary = build_glossary(args.terms)
    rows: dict[str, list[float]] = {name: [] for name in (*STEPS, "ours", "floor", "flashtext")}
    peers = {"floor": engines.floor}
    if engines.has_flashtext():
        peers["flashtext"] = engines.flashtext
    for _ in range(args.runs):
        clear_word_caches()
        spent, _found = check_in_steps(corpus.paths, TermIndex.build(glossary))
        for step, seconds in spent.items():
            rows[step].append(seconds)
        rows["ours"].append(sum(spent.values()))
        for name, build in peers.items():
            rows[name].append(engines.scan(corpus.paths, build(glossary))[0])
    floor = statistics.median(rows["floor"])
    print(f"{args.terms:,} terms, {corpus.megabytes:.2f} MB, medians of {args.runs} runs (s):")
    print("| step | seconds | × floor |\n|---|---:|---:|")
    for name, seconds in rows.items():
        if seconds:
            median = statistics.median(seconds)
            print(f"| {name} | {median:.3f} | {median / floor:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
