"""The CI check's benchmark: ``python -m bench.ci [--runs 5]``.

Measures, interleaved and with medians of the runs:
- the throughput of checking the benchmark corpus (1,000 Markdown files) with a 1,000-term
  glossary, in one process and on every core (the same runner ``glossary check`` uses; each
  pass starts with a fresh index, empty word caches and fresh workers; the index is built
  before the clock starts), and their ratio within each run;
- the same end to end, as the real command with the files named on its command line;
- the wall time of ``glossary check`` on one small file, Python start-up included.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from time import perf_counter

from bench.corpus import FULL, OUT, ensure_corpus
from bench.glossaries import build_glossary, write_yaml
from glossary.checker import run
from glossary.checker.config import Config
from glossary.checker.inputs import collect
from glossary.checker.run import Job, RunOptions, check_offline
from glossary.matching.index import clear_word_caches
from glossary.matching.model import Glossary

ROOT = Path(__file__).resolve().parents[1]
TERMS = 1_000
SMALL = "# Brief\n\nVi måste hålla budgeten i år, och leadsen ska in i pipelinen.\n"


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def runner_seconds(jobs: Sequence[Job], glossary: Glossary, workers: int) -> float:
    """One pass of the runner over every job, from a fresh index and empty caches; the index
    is built before the clock starts (in both modes alike, it is a per-run constant)."""
    clear_word_caches()
    run._INDEX = None
    run._start_worker(glossary, RunOptions())
    start = perf_counter()
    for _ in check_offline(jobs, glossary, RunOptions(), workers):
        pass
    return perf_counter() - start


def command_seconds(arguments: Sequence[str]) -> float:
    start = perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "glossary", "check", *arguments],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    if done.returncode not in (0, 1):
        raise RuntimeError(f"glossary check failed ({done.returncode}): {done.stderr[-500:]}")
    return perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ci", description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    corpus = ensure_corpus(FULL)
    glossary = build_glossary(TERMS)
    terms = write_yaml(glossary, OUT / "glossaries" / f"terms-{TERMS}.yaml")
    items = collect([str(p) for p in corpus.paths], Config(root=ROOT), cwd=ROOT)
    jobs = [Job(item) for item in items]
    every = cores()
    one, many, ratios, cli_one, cli_many = [], [], [], [], []
    files = [str(p) for p in corpus.paths]
    for _ in range(args.runs):
        single = runner_seconds(jobs, glossary, 1)
        parallel = runner_seconds(jobs, glossary, every)
        one.append(single)
        many.append(parallel)
        ratios.append(single / parallel)
        cli_one.append(
            command_seconds(["--terms", str(terms), "--format", "json", "-j", "1", *files])
        )
        cli_many.append(command_seconds(["--terms", str(terms), "--format", "json", *files]))
    with tempfile.TemporaryDirectory() as folder:
        small = Path(folder) / "brief.md"
        small.write_text(SMALL, encoding="utf-8")
        seed = str(ROOT / "data" / "terms.yaml")
        walls = [command_seconds(["--terms", seed, str(small)]) for _ in range(max(10, args.runs))]
    mb = corpus.megabytes
    median = statistics.median
    print(
        f"Corpus: {len(files):,} Markdown files, {mb:.2f} MB; {TERMS:,} terms; {every} cores; "
        f"medians of {args.runs} interleaved runs.\n"
    )
    print("| measure | one process | all cores | ratio (within a run) |\n|---|---:|---:|---:|")
    print(
        f"| checking files (index built), in-process | {mb / median(one):.1f} MB/s | "
        f"{mb / median(many):.1f} MB/s | {median(ratios):.2f}× |"
    )
    print(
        f"| `glossary check`, end to end | {median(cli_one):.2f} s | {median(cli_many):.2f} s | "
        f"{median(a / b for a, b in zip(cli_one, cli_many, strict=True)):.2f}× |"
    )
    print(
        f"\n`glossary check` of one small file, Python start-up included: median "
        f"{median(walls):.3f} s, max {max(walls):.3f} s ({len(walls)} runs)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
