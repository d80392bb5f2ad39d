"""Before and after, in one run: ``python -m bench.versions [--base REV] [--runs 5]``.

Checks the benchmark corpus with the engine of an earlier revision (``--base``, default
``HEAD``) and with the engine of the working tree, each pass in a fresh process (the
best of three checks of the corpus there, each as one ``glossary check`` run: a fresh index and
empty word caches), alternating which goes first,
and prints the medians and the ratio *after ÷ before* of each run's pair. The corpus is read
twice per pass: as Markdown (as ``python -m bench`` does) and as plain text, where the
real-world filters of issue 15 (addresses, names, verbs, languages) do most of their work.

The base revision is checked out into a temporary git worktree; the benchmark's own code
(corpus and glossaries) comes from the working tree in both passes.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("markdown", "plain")

#: One pass, run in a fresh process whose ``glossary`` package is the tree's under test.
_PASS = """
import json, sys
from time import perf_counter
from bench.corpus import FULL, QUICK, ensure_corpus
from bench.glossaries import build_glossary
from glossary.matching.index import TermIndex, clear_word_caches
from glossary.matching.scan import CheckOptions, check

corpus = ensure_corpus(QUICK if sys.argv[2] == "quick" else FULL)
texts = [path.read_text(encoding="utf-8") for path in corpus.paths]
glossary = build_glossary(int(sys.argv[1]))
result = {"megabytes": corpus.megabytes}
for form in ("markdown", "plain"):
    options = CheckOptions(format=form, include=frozenset({"ambiguous", "deprecated"}))
    times = []
    for _ in range(3):
        clear_word_caches()
        started = perf_counter()
        index = TermIndex.build(glossary)
        found = sum(len(check(text, index, options).findings) for text in texts)
        times.append(perf_counter() - started)
    result[form] = min(times)
    result[form + "_findings"] = found
print(json.dumps(result))
"""


def main(argv: Sequence[str] | None = None) -> int:
    """Measure both trees and print a Markdown table."""
    args = _parse(argv)
    with tempfile.TemporaryDirectory(prefix="glossary-base-") as scratch:
        base = Path(scratch) / "base"
        _git("worktree", "add", "--detach", str(base), args.base)
        try:
            samples = _measure({"before": base, "after": ROOT}, args)
        finally:
            _git("worktree", "remove", "--force", str(base))
    print(_report(samples, args))
    return 0


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.versions", description=__doc__)
    parser.add_argument("--base", default="HEAD", help="the revision before (default HEAD)")
    parser.add_argument("--runs", type=int, default=5, help="pairs of passes (default 5)")
    parser.add_argument("--terms", type=int, default=1_000, help="glossary size (default 1000)")
    parser.add_argument("--quick", action="store_true", help="the small corpus")
    return parser.parse_args(argv)


def _git(*arguments: str) -> None:
    subprocess.run(["git", *arguments], cwd=ROOT, check=True, capture_output=True)


def _measure(trees: dict[str, Path], args: argparse.Namespace) -> list[dict[str, dict[str, float]]]:
    """``runs`` pairs of passes, the first of each pair alternating between the trees."""
    samples: list[dict[str, dict[str, float]]] = []
    names = list(trees)
    for run in range(args.runs):
        order = names if run % 2 == 0 else names[::-1]
        samples.append({name: _pass(trees[name], args) for name in order})
        pair = samples[-1]
        ratios = ", ".join(f"{f} {pair['after'][f] / pair['before'][f]:.3f}" for f in FORMATS)
        print(f"bench.versions: run {run + 1}/{args.runs}: after/before {ratios}", file=sys.stderr)
    return samples


def _pass(tree: Path, args: argparse.Namespace) -> dict[str, float]:
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tree / "src"), str(ROOT)])}
    command = [sys.executable, "-c", _PASS, str(args.terms), "quick" if args.quick else "full"]
    done = subprocess.run(
        command, cwd=ROOT, env=environment, check=True, capture_output=True, text=True
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _report(samples: list[dict[str, dict[str, float]]], args: argparse.Namespace) -> str:
    megabytes = samples[0]["after"]["megabytes"]
    lines = [
        f"{args.terms:,} terms, {megabytes:.2f} MB, {len(samples)} pairs of fresh processes; "
        f"before = {args.base}, after = the working tree",
        "",
        "| format | before s | after s | after ÷ before (median of pairs) | findings before | "
        "findings after |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for form in FORMATS:
        before = statistics.median(s["before"][form] for s in samples)
        after = statistics.median(s["after"][form] for s in samples)
        ratio = statistics.median(s["after"][form] / s["before"][form] for s in samples)
        found = (samples[0]["before"][form + "_findings"], samples[0]["after"][form + "_findings"])
        lines.append(
            f"| {form} | {before:.3f} | {after:.3f} | {ratio:.3f} | {found[0]:,} | {found[1]:,} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
