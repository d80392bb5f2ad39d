"""Before and after, in one run: ``python -m bench.versions [--base REV] [--processes 6]``.

Checks the benchmark corpus with the engine of an earlier revision (``--base``, default
``HEAD``) and with the engine of the working tree, both loaded into one process, file by file
in turn. Each pass is what one ``glossary check`` run does for each tree: a fresh index and
empty word caches, then every file of the corpus.

Why so: on a shared machine a Python process's speed drifts by ±15 % over tens of seconds, so
two processes measured one after the other, or side by side, disagree by more than the 5 %
this is meant to see. Here the two engines take turns every few milliseconds, each going
first on every other file (the first to read a file finds it out of the cache), so a drift
falls on both alike. Each tree's modules are its own (its caches too); ``sys.modules`` is
switched to a tree's before it runs, so an import inside a function finds that tree's module.
Before each pass the garbage collector is emptied and what is left frozen, so that a full
collection walking both trees' modules does not fall on one of them at random.

Two biases remain, and are cancelled rather than trusted away: where one process's memory
lands tilts its figures by a few percent, so ``--processes`` fresh processes (default 6) each
run ``--passes`` passes (default 3); and the tree loaded second runs a few percent faster on
Markdown (an A/A run of one revision against itself gave 0.957 one way round and 1.048 the
other), so every other process loads the working tree first. The report gives each tree's
median pass time and the ratio *after ÷ before* as the geometric mean over processes of each
one's median ratio (half of them in each order), with the lowest and highest.

The corpus is read twice per pass: as Markdown (as ``python -m bench`` does) and as plain
text, where the real-world filters of issue 15 (addresses, names, verbs, languages) do most of
their work.

The base revision is checked out into a temporary git worktree; the benchmark's own code
(corpus and glossaries) comes from the working tree for both.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter
from types import ModuleType
from typing import Any

from bench.corpus import FULL, QUICK, ensure_corpus

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("markdown", "plain")
#: The modules that belong to one tree: the package and the benchmark glossary built with it.
_OWN = ("glossary", "bench.glossaries")


#: One pass: each tree's seconds and findings per format.
Sample = dict[str, dict[str, float]]


@dataclass
class _Tree:
    """One revision's engine, loaded with modules of its own."""

    name: str
    modules: dict[str, ModuleType]
    glossary: Any
    build: Callable[[Any], Any]
    clear: Callable[[], None]
    check: Callable[..., Any]
    options: dict[str, Any]

    def enter(self) -> None:
        """Make this tree's modules the ones ``import`` finds."""
        _forget_modules()
        sys.modules.update(self.modules)


def main(argv: Sequence[str] | None = None) -> int:
    """Measure both trees and print a Markdown table."""
    args = _parse(argv)
    corpus = ensure_corpus(QUICK if args.quick else FULL)
    if args.base_tree is not None:  # one process of several: print its samples
        print(json.dumps(_samples(args.base_tree, corpus.paths, args)))
        return 0
    with tempfile.TemporaryDirectory(prefix="glossary-base-") as scratch:
        base = Path(scratch) / "base"
        _git("worktree", "add", "--detach", str(base), args.base)
        try:
            samples = [_process(base, number, args) for number in range(args.processes)]
        finally:
            _git("worktree", "remove", "--force", str(base))
    print(_report(samples, corpus.megabytes, args))
    return 0


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.versions", description=__doc__)
    parser.add_argument("--base", default="HEAD", help="the revision before (default HEAD)")
    parser.add_argument(
        "--processes", type=int, default=6, help="processes, an even number (default 6)"
    )
    parser.add_argument("--passes", type=int, default=3, help="passes per process (default 3)")
    parser.add_argument("--terms", type=int, default=1_000, help="glossary size (default 1000)")
    parser.add_argument("--quick", action="store_true", help="the small corpus")
    parser.add_argument("--base-tree", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--after-first", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _process(base: Path, number: int, args: argparse.Namespace) -> list[Sample]:
    """The samples of one fresh process (see the module's notes on why several)."""
    command = [sys.executable, "-m", "bench.versions", "--base-tree", str(base)]
    command += ["--passes", str(args.passes), "--terms", str(args.terms)]
    command += ["--quick"] if args.quick else []
    command += ["--after-first"] if number % 2 else []
    done = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
    samples: list[Sample] = json.loads(done.stdout.strip().splitlines()[-1])
    ratios = ", ".join(
        f"{form} {statistics.median(s['after'][form] / s['before'][form] for s in samples):.3f}"
        for form in FORMATS
    )
    print(f"bench.versions: process {number + 1}/{args.processes}: {ratios}", file=sys.stderr)
    return samples


def _samples(base: Path, paths: Sequence[Path], args: argparse.Namespace) -> list[Sample]:
    texts = [path.read_text(encoding="utf-8") for path in paths]
    order = [("before", base), ("after", ROOT)]
    trees = [
        _load(name, tree / "src", args.terms)
        for name, tree in order[:: -1 if args.after_first else 1]
    ]
    return _measure(trees, texts, args)


def _git(*arguments: str) -> None:
    subprocess.run(["git", *arguments], cwd=ROOT, check=True, capture_output=True)


def _ours(name: str) -> bool:
    return any(name == own or name.startswith(own + ".") for own in _OWN)


def _forget_modules() -> None:
    for name in [name for name in sys.modules if _ours(name)]:
        del sys.modules[name]


def _load(name: str, src: Path, terms: int) -> _Tree:
    """Import every module of the engine under ``src`` (all of them now: an import inside a
    function must not find the other tree's file later) and what a check needs."""
    _forget_modules()
    sys.path.insert(0, str(src))
    try:
        for path in sorted((src / "glossary" / "matching").rglob("*.py")):
            parts = path.relative_to(src).with_suffix("").parts
            importlib.import_module(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
        importlib.import_module("glossary.terms_file")
        importlib.import_module("bench.glossaries")
    finally:
        sys.path.remove(str(src))
    index = sys.modules["glossary.matching.index"]
    if not Path(index.__file__ or "").is_relative_to(src):
        raise RuntimeError(f"the {name} tree's engine came from {index.__file__}, not {src}")
    scan = sys.modules["glossary.matching.scan"]
    include = frozenset({"ambiguous", "deprecated"})
    tree = _Tree(
        name=name,
        modules={name: module for name, module in sys.modules.items() if _ours(name)},
        glossary=None,
        build=index.TermIndex.build,
        clear=index.clear_word_caches,
        check=scan.check,
        options={form: scan.CheckOptions(format=form, include=include) for form in FORMATS},
    )
    tree.glossary = tree.modules["bench.glossaries"].build_glossary(terms)
    return tree


def _measure(trees: list[_Tree], texts: list[str], args: argparse.Namespace) -> list[Sample]:
    """``passes`` passes of each tree and format, the trees taking turns file by file; one
    pass first warms what a process loads once (the word lists) and is not kept."""
    samples: list[Sample] = []
    for number in range(args.passes + 1):
        sample: Sample = {tree.name: {} for tree in trees}
        for form in FORMATS:
            for tree, (seconds, found) in zip(trees, _pass(trees, texts, form), strict=True):
                sample[tree.name][form] = seconds
                sample[tree.name][form + "_findings"] = found
        if number:
            samples.append(sample)
            ratios = ", ".join(
                f"{f} {sample['after'][f] / sample['before'][f]:.3f}" for f in FORMATS
            )
            print(
                f"bench.versions: pass {number}/{args.passes}: after/before {ratios}",
                file=sys.stderr,
            )
    return samples


def _pass(trees: list[_Tree], texts: list[str], form: str) -> list[tuple[float, int]]:
    """Each tree's seconds and findings for one pass over the corpus in ``form``."""
    # What the passes before left and both trees' modules are no part of this pass's cost:
    # a full collection would walk them too, at a moment that falls on either tree.
    gc.collect()
    gc.freeze()
    seconds = [0.0] * len(trees)
    found = [0] * len(trees)
    indexes: list[Any] = [None] * len(trees)
    order = list(range(len(trees)))
    for k in order:
        trees[k].enter()
        trees[k].clear()
        started = perf_counter()
        indexes[k] = trees[k].build(trees[k].glossary)
        seconds[k] += perf_counter() - started
    for number, text in enumerate(texts):
        # Each tree in turn goes first: the first to read a file finds it out of the cache.
        shift = number % len(trees)
        for k in order[shift:] + order[:shift]:
            tree = trees[k]
            tree.enter()
            started = perf_counter()
            result = tree.check(text, indexes[k], tree.options[form])
            seconds[k] += perf_counter() - started
            found[k] += len(result.findings)
    return list(zip(seconds, found, strict=True))


def _report(samples: list[list[Sample]], megabytes: float, args: argparse.Namespace) -> str:
    """Per format: the median pass time of each tree, and the ratio after ÷ before as the
    geometric mean over processes of each process's median ratio, with the lowest and
    highest."""
    lines = [
        f"{args.terms:,} terms, {megabytes:.2f} MB; {len(samples)} processes, each {args.passes} "
        f"passes of both trees taking turns file by file; before = {args.base}, after = the "
        "working tree",
        "",
        "| format | before s | after s | after ÷ before (geometric mean of processes) "
        "| lowest, highest | findings before | findings after |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    passes = [sample for process in samples for sample in process]
    for form in FORMATS:
        before = statistics.median(s["before"][form] for s in passes)
        after = statistics.median(s["after"][form] for s in passes)
        ratios = [
            statistics.median(s["after"][form] / s["before"][form] for s in process)
            for process in samples
        ]
        found = (passes[0]["before"][form + "_findings"], passes[0]["after"][form + "_findings"])
        lines.append(
            f"| {form} | {before:.3f} | {after:.3f} | {statistics.geometric_mean(ratios):.3f} "
            f"| {min(ratios):.3f}, {max(ratios):.3f} | {int(found[0]):,} | {int(found[1]):,} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
