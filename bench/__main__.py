"""The check benchmark: ``python -m bench [--runs 5] [--quick] [--budget 200] [--sizes …]``.

Measures, in one process and interleaved so that noise on a shared machine hits every
contender alike: the tokenize-only floor, flashtext, and our engine with fuzzy matching off
and on, as MB/s over the corpus (median of the runs, and ratios taken within each run);
index build time; peak memory in a fresh process per configuration; and the latency of one
check of a 2,000-character text. Prints a Markdown report and writes bench/out/results.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from time import perf_counter
from typing import TypeVar

from bench import engines, micro
from bench.corpus import FULL, OUT, QUICK, Corpus, describe, ensure_corpus
from bench.engines import Builder, Engine, EngineUnavailable
from bench.glossaries import SIZES, build_glossary, write_yaml
from bench.report import FLASHTEXT, FLOOR, FUZZY_OFF, FUZZY_ON, OURS_BUILD, Results, Samples, render
from glossary.matching.model import Glossary

_T = TypeVar("_T")
ROOT = Path(__file__).resolve().parents[1]
MICRO_TERMS = 1_000
_RUNS = 5
_MIN_RUNS = 3
_BUDGET = 200.0
#: Both configurations of our engine build the same index.
_BUILDS = {FUZZY_OFF: OURS_BUILD, FUZZY_ON: OURS_BUILD}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the report."""
    args = _parse(argv)
    started = perf_counter()
    corpus = ensure_corpus(QUICK if args.quick else FULL)
    _log(f"corpus: {describe(corpus)}")
    glossaries = {size: build_glossary(size) for size in args.sizes}
    engine, notes = _engine()
    samples = measure_throughput(corpus, glossaries, engine, args.runs, args.budget)
    memory = measure_memory(corpus, args.sizes, engine is not None)
    micro_glossary = glossaries.get(MICRO_TERMS) or build_glossary(MICRO_TERMS)
    calls = 200 if args.quick else 2_000
    texts = micro.sample_texts(corpus.paths, calls)
    results = Results(
        header=_header(corpus, samples.runs),
        sizes=args.sizes,
        samples=samples,
        memory=memory,
        notes=[*notes, _baseline_note(memory)],
        engine_latency=micro.engine_latency(engine, micro_glossary, texts)
        if engine
        else "skipped: the engine does not exist yet",
        api_latency=micro.api_latency(micro_glossary, texts[: calls // 4]),
        cli=measure_cli(corpus, micro_glossary),
        micro_terms=MICRO_TERMS,
    )
    text = render(results)
    print(text)
    (OUT / "results.md").write_text(text, encoding="utf-8")
    _log(f"wrote {OUT / 'results.md'} in {perf_counter() - started:.0f} s")
    return 0


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--runs", type=int, help=f"timed runs (default {_RUNS}; 1 with --quick)")
    parser.add_argument("--quick", action="store_true", help="one run on a small corpus")
    parser.add_argument(
        "--budget",
        type=float,
        default=_BUDGET,
        help=f"seconds the timed runs may take; fewer runs (at least {_MIN_RUNS}) if they would "
        f"take longer (default {_BUDGET:.0f})",
    )
    parser.add_argument("--sizes", type=_sizes, default=SIZES, help="glossary sizes, e.g. 100,1000")
    args = parser.parse_args(argv)
    args.runs = args.runs or (1 if args.quick else _RUNS)
    return args


def _sizes(text: str) -> tuple[int, ...]:
    return tuple(int(item) for item in text.split(","))


def _log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def _engine() -> tuple[Engine | None, list[str]]:
    notes = [] if engines.has_flashtext() else ["flashtext is not installed: no flashtext rows."]
    try:
        return engines.ours(), notes
    except EngineUnavailable as exc:
        _log(f"our engine is not measured: {exc}")
        return None, [*notes, f"Our engine was **not measured**: {exc}."]


def measure_throughput(
    corpus: Corpus, glossaries: dict[int, Glossary], engine: Engine | None, runs: int, budget: float
) -> Samples:
    """Every contender over the whole corpus, `runs` times, in a rotating order.

    Each pass builds its matcher afresh (timed apart), as one `glossary check` run would.
    When the first run shows that all runs would overrun the time budget, fewer are made.
    """
    samples = Samples(corpus.megabytes)
    builders = contenders(engine)
    sizes = list(glossaries)
    run = 0
    while run < runs:
        started = perf_counter()
        for size in _rotate(sizes, run):
            for name in _rotate(list(builders), run):
                build_s, matcher = engines.timed(builders[name], glossaries[size])
                samples.add_build(_BUILDS.get(name, name), size, build_s)
                seconds, found = engines.scan(corpus.paths, matcher)
                samples.add(name, size, seconds, found)
                del matcher  # let the index go before the next one is built
        took = perf_counter() - started
        if run == 0:
            runs = _affordable(runs, took, budget)
        run += 1
        _log(f"run {run}/{runs}: {took:.1f} s")
    return samples


def _affordable(runs: int, first: float, budget: float) -> int:
    """How many runs fit the budget, given the first; never fewer than three unless asked."""
    fitting = max(1, int(budget // first))
    if fitting >= runs:
        return runs
    chosen = max(fitting, min(runs, _MIN_RUNS))
    _log(f"a run takes {first:.0f} s: {chosen} runs instead of {runs} (--budget {budget:.0f} s)")
    return chosen


def contenders(engine: Engine | None) -> dict[str, Builder]:
    """The matcher builders to time: floor, flashtext if installed, our engine if it exists."""
    builders: dict[str, Builder] = {FLOOR: engines.floor}
    if engines.has_flashtext():
        builders[FLASHTEXT] = engines.flashtext
    if engine is not None:
        builders[FUZZY_OFF] = engine.builder(fuzzy=False)
        builders[FUZZY_ON] = engine.builder(fuzzy=True)
    return builders


def _rotate(items: list[_T], run: int) -> list[_T]:
    """The items starting at a different one each run, so none always goes first."""
    shift = run % len(items)
    return items[shift:] + items[:shift]


def measure_memory(
    corpus: Corpus, sizes: Sequence[int], with_engine: bool
) -> dict[tuple[str, int], dict[str, float]]:
    """Peak RSS by stage of each configuration, each in a fresh process."""
    kinds = [FUZZY_OFF, FUZZY_ON] if with_engine else []
    kinds += [FLASHTEXT] if engines.has_flashtext() else []
    memory = {("baseline", 0): _probe("baseline", 0, corpus)}
    for size in sizes:
        for kind in kinds:
            memory[kind, size] = _probe(kind, size, corpus)
    _log(f"memory: {len(memory)} fresh processes")
    return memory


def _probe(kind: str, terms: int, corpus: Corpus) -> dict[str, float]:
    command = [sys.executable, "-m", "bench.probe", kind, "--terms", str(terms)]
    done = subprocess.run(
        [*command, "--corpus", str(corpus.directory)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr}")
    report: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return report


def _baseline_note(memory: dict[tuple[str, int], dict[str, float]]) -> str:
    baseline = memory[("baseline", 0)]
    what = "imported the engine" if baseline["engine"] else "imported glossary.matching (no engine)"
    return (
        "Peak RSS is the high-water mark of a fresh process that built the glossary and the "
        "index and checked the whole corpus with fuzzy on, nothing subtracted; a bare Python "
        f"process that {what} peaks at {baseline['import_mb']:.0f} MB. It is read from "
        "`VmHWM` in /proc/self/status, not `ru_maxrss`: on Linux `ru_maxrss` is inherited "
        "across fork and exec, so every probe would report the benchmark process's own size."
    )


def measure_cli(corpus: Corpus, glossary: Glossary) -> str:
    """One end-to-end run of `glossary check --terms FILE` over the corpus, if it exists."""
    command = [sys.executable, "-m", "glossary", "check"]
    if _run([*command, "--help"]).returncode != 0:
        return "skipped: `glossary check` does not exist yet"
    terms = write_yaml(glossary, OUT / "glossaries" / f"terms-{len(glossary.terms)}.yaml")
    start = perf_counter()
    done = _run([*command, "--terms", str(terms), *map(str, corpus.paths)])
    seconds = perf_counter() - start
    if done.returncode not in (0, 1):
        return f"failed with exit status {done.returncode}: {done.stderr.strip()[-300:]}"
    return (
        f"{corpus.megabytes / seconds:.1f} MB/s, {seconds:.1f} s wall for one run "
        f"(start-up and reading the {len(glossary.terms):,}-term YAML file included)"
    )


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False
    )


def _header(corpus: Corpus, runs: int) -> str:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = ", load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
    python = f"{platform.python_implementation()} {platform.python_version()}"
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"Machine: {cpus} CPUs (nproc){load}, {_cpu_model()}, {python}, {platform.system()} "
        f"{platform.machine()}; {when}.  \n"
        f"Corpus: {describe(corpus)}.  \n"
        f"Runs: {runs}, interleaved in one process; MB/s and build times are medians, ratios "
        "are medians of the ratios within each run; MB = 10^6 bytes of UTF-8 files, each read "
        "from disk by every contender. flashtext gets every label, form and prefer wording of "
        "the approved terms, case-insensitive, Swedish letters as word characters."
    )


def _cpu_model() -> str:
    try:
        info = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return platform.processor() or "unknown CPU"
    models = [line.split(":", 1)[1].strip() for line in info.splitlines() if "model name" in line]
    return models[0] if models else "unknown CPU"


if __name__ == "__main__":
    sys.exit(main())
