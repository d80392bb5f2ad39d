"""Check time per MB from 100 KB to 8 MB: ``python -m bench.linear [--runs 3] [--sizes …]``.

Three kinds of text, each written at every size: *ordinary* (the benchmark corpus, its
Markdown files one after another), *prefer wordings* (the seed glossary's prefer wordings and
labels, inflected too, in random order: ``kostnadsbudget marketing budget budgeten …``, where
labels stand inside and next to wordings that hide them) and *near misses* (misspellings of
the seed labels, ``budegt positoning``, among made-up words that the misspelling lookup has to
dismiss), the last two in sentences of twelve words. Each is checked

- by the CLI, ``glossary check --terms data/terms.yaml --format json FILE`` as a subprocess
  (every run a fresh process; the time of checking one sentence, start-up and index build,
  is taken off);
- by the API, ``POST /v1/check`` with ``"meanings": "per_term"`` against a live
  ``glossary serve`` whose check limits are raised to take 8 MB and return every finding
  (the time of checking one sentence is taken off). Each check draws its made-up words
  afresh, so the server has not seen them, as a fresh CLI process has not; the corpus's words
  it has (the corpus is checked once before the clock starts).

Runs are interleaved (kind by kind, size by size, CLI then API); the smaller sizes are
measured several times per run, and each cell is the median. Prints the seconds per MB by
size, per row the largest over the smallest and the largest size's over the smallest size's
(flat: within ±30%); and what the API costs for the largest texts when it stops at the default
1,000 findings. Ordinary text gets cheaper per MB as it grows: its words repeat, and each
distinct word is looked up once per process.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import tempfile
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path
from time import perf_counter

from bench.ci import command_seconds
from bench.corpus import FULL, OUT, ensure_corpus
from bench.lexicon import misspell, pseudo_word
from bench.serving import glossary_serve
from glossary.matching.model import Glossary
from glossary.terms_file import load_glossary

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "terms.yaml"
#: What a check costs whatever the text's size (start-up, index, word lists) is measured on
#: this: one short sentence.
DIRECTIVE = re.compile(r"<!-- glossary[^>]*-->")
BASELINE = "Vi måste hålla budgeten i år, och vår positoning är otydlig.\n"
SIZES = (0.1, 0.5, 2.0, 8.0)
FLAT = 0.30
DEFAULT_FINDINGS = 1_000
#: The bench server takes 8 MB texts and returns every finding.
SERVER_ENV = {
    "GLOSSARY_MAX_CHECK_CHARS": str(20_000_000),
    "GLOSSARY_MAX_BODY_BYTES": str(400_000_000),
    "GLOSSARY_MAX_FINDINGS": str(100_000_000),
}


def _fill(size: float, next_word: Callable[[], str]) -> str:
    """Words from ``next_word`` in sentences of twelve, four to a line, up to ``size`` MB of
    UTF-8."""
    target, length = int(size * 1e6), 0
    words: list[str] = []
    while length < target:
        count = len(words) + 1
        end = "\n" if count % 48 == 0 else ". " if count % 12 == 0 else " "
        word = next_word() + end
        words.append(word)
        length += len(word.encode("utf-8"))
    return "".join(words)


def ordinary(size: float, corpus: str) -> str:
    """The corpus from its start, over again if it is shorter, up to ``size`` MB. Its
    glossary comments are left out: in one long document, ``<!-- glossary: budget=sales -->``
    would settle *budget* for every later file."""
    corpus = DIRECTIVE.sub("", corpus)
    target = int(size * 1e6)
    text = corpus * (target // len(corpus.encode("utf-8")) + 1)
    while len(text.encode("utf-8")) > target:
        text = text[: len(text) - (len(text.encode("utf-8")) - target) // 2 - 1]
    return text


def prefer_wordings(size: float, glossary: Glossary, seed: int) -> str:
    """The seed's prefer wordings, labels and inflected labels in random order."""
    prefers = sorted(
        {p for t in glossary.terms for m in t.meanings for ps in m.prefer.values() for p in ps}
    )
    labels = sorted({label for t in glossary.terms for ls in t.labels.values() for label in ls})
    inflected = [f"{label}en" for label in labels if " " not in label] + [
        f"{label}s" for label in labels
    ]
    words = prefers * 3 + labels + inflected
    rng = random.Random(seed)
    return _fill(size, lambda: rng.choice(words))


def near_misses(size: float, glossary: Glossary, seed: int) -> str:
    """Misspelled seed labels (one in three words) among made-up words: nearly every word is
    one the check has not seen, whatever the size."""
    labels = {label for t in glossary.terms for ls in t.labels.values() for label in ls}
    long = sorted(label for label in labels if len(label) >= 6 and " " not in label)
    rng = random.Random(seed)

    def word() -> str:
        if rng.random() < 1 / 3:
            return misspell(rng.choice(long), rng)
        return pseudo_word(rng.choice(("sv", "en")), rng)

    return _fill(size, word)


def cli_seconds(path: Path) -> float:
    """Wall time of ``glossary check`` on one file, as a subprocess."""
    return command_seconds(["--terms", str(SEED), "--format", "json", str(path)])


def api_check(base: str, text: str, fmt: str, **fields: object) -> tuple[float, dict[str, object]]:
    """Wall time of one ``POST /v1/check``, and its answer."""
    body = json.dumps({"text": text, "format": fmt, "meanings": "per_term", **fields})
    request = urllib.request.Request(
        f"{base}/v1/check",
        data=body.encode("utf-8"),
        headers={"Content-Type": "application/json"},
    )
    start = perf_counter()
    with urllib.request.urlopen(request, timeout=600) as response:
        answer = json.loads(response.read())
    return perf_counter() - start, answer


def repeats(size: float) -> int:
    """Small texts are timed more often: their times are short and noisier."""
    return max(1, min(5, round(0.5 / size)))


#: A kind of text: its format, and how to make one of a size (a seed picks the words).
Maker = tuple[str, Callable[[float, int], str]]
Key = tuple[str, float]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the sweep and print the tables."""
    parser = argparse.ArgumentParser(prog="python -m bench.linear", description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="MB, comma-separated")
    args = parser.parse_args(argv)
    sizes = [float(size) for size in args.sizes.split(",")]
    started = perf_counter()
    glossary = load_glossary(SEED)
    corpus = "\n\n".join(p.read_text(encoding="utf-8") for p in ensure_corpus(FULL).paths)
    makers: dict[str, Maker] = {
        "ordinary": ("markdown", lambda size, seed: ordinary(size, corpus)),
        "prefer wordings": ("plain", lambda size, seed: prefer_wordings(size, glossary, seed)),
        "near misses": ("plain", lambda size, seed: near_misses(size, glossary, seed)),
    }
    texts, files = _write(makers, sizes, OUT / "linear")
    sweep = _Sweep(makers, texts, files)
    with tempfile.TemporaryDirectory() as scratch:
        env = {"GLOSSARY_DATABASE_URL": f"sqlite:///{Path(scratch) / 'glossary.db'}", **SERVER_ENV}
        with glossary_serve(env) as base:
            sweep.run(base, sizes, args.runs, started)
    _report(makers, sizes, texts, sweep, args.runs)
    print(f"\n(bench time {perf_counter() - started:.0f} s; files in {OUT / 'linear'})")
    return 0


def _write(
    makers: dict[str, Maker], sizes: Sequence[float], folder: Path
) -> tuple[dict[Key, str], dict[Key, Path]]:
    """Every kind at every size (and one sentence, size 0), as texts and as files."""
    folder.mkdir(parents=True, exist_ok=True)
    texts: dict[Key, str] = {}
    files: dict[Key, Path] = {}
    for kind, (fmt, make) in makers.items():
        suffix = ".md" if fmt == "markdown" else ".txt"
        texts[kind, 0.0], files[kind, 0.0] = BASELINE, folder / f"sentence{suffix}"
        for size in sizes:
            texts[kind, size] = make(size, 0)
            files[kind, size] = folder / f"{kind.replace(' ', '-')}-{size:g}MB{suffix}"
        for key in ((kind, 0.0), *((kind, size) for size in sizes)):
            files[key].write_text(texts[key], encoding="utf-8")
    return texts, files


class _Sweep:
    """The samples of one sweep: wall seconds by (kind, size), CLI and API."""

    def __init__(
        self, makers: dict[str, Maker], texts: dict[Key, str], files: dict[Key, Path]
    ) -> None:
        self.makers, self.texts, self.files = makers, texts, files
        self.cli: dict[Key, list[float]] = {key: [] for key in files}
        self.api: dict[Key, list[float]] = {key: [] for key in files}
        self.found: dict[Key, int] = {}
        self.bounded: dict[str, float] = {}

    def run(self, base: str, sizes: Sequence[float], runs: int, started: float) -> None:
        """Interleaved runs, then the bounded checks of the largest texts."""
        for text in (self.texts["ordinary", size] for size in sizes):  # the corpus words: warm
            api_check(base, text, "markdown")
        for run in range(runs):
            for kind in self.makers:
                for size in (0.0, *sizes):
                    for repeat in range(repeats(size) if size else 5):
                        self._measure(base, kind, size, seed=1 + run * 10 + repeat)
            _log(f"run {run + 1} of {runs} done, {perf_counter() - started:.0f} s")
        for kind, (fmt, make) in self.makers.items():
            texts = [make(sizes[-1], 100 + n) for n in range(3)]
            times = [api_check(base, t, fmt, max_findings=DEFAULT_FINDINGS)[0] for t in texts]
            self.bounded[kind] = statistics.median(times)

    def _measure(self, base: str, kind: str, size: float, *, seed: int) -> None:
        """One CLI run on the file; one API check of a text of the same kind and size, with
        words the server has not seen (the corpus excepted)."""
        fmt, make = self.makers[kind]
        self.cli[kind, size].append(cli_seconds(self.files[kind, size]))
        text = make(size, seed) if size else BASELINE
        seconds, answer = api_check(base, text, fmt)
        self.api[kind, size].append(seconds)
        self.found[kind, size] = len(answer["findings"])  # type: ignore[arg-type]


def _report(
    makers: dict[str, Maker],
    sizes: list[float],
    texts: dict[Key, str],
    sweep: _Sweep,
    runs: int,
) -> None:
    median = statistics.median
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(
        f"Seed glossary; {cores} cores; medians of {runs} interleaved runs (the smaller sizes "
        "more often); seconds per MB of UTF-8 text, less the time for one sentence.\n"
    )
    heads = " | ".join(_size(size) for size in sizes)
    print(f"| text | via | {heads} | max/min | largest/smallest |")
    print("|---|---|" + "---:|" * (len(sizes) + 2))
    for kind in makers:
        for via, samples in (("CLI", sweep.cli), ("API", sweep.api)):
            fixed = median(samples[kind, 0.0])
            per_mb = [
                (median(samples[kind, size]) - fixed) / _megabytes(texts[kind, size])
                for size in sizes
            ]
            growth = per_mb[-1] / per_mb[0]
            verdict = "flat" if abs(growth - 1) <= FLAT else "cheaper" if growth < 1 else "GROWS"
            cells = " | ".join(f"{value:.3f}" for value in per_mb)
            print(
                f"| {kind} | {via} | {cells} | {max(per_mb) / min(per_mb):.2f} | "
                f"{growth:.2f} ({verdict}) |"
            )
    print("\nFindings, and the median wall seconds of the CLI / the API:\n")
    print(f"| text | {heads} |")
    print("|---|" + "---:|" * len(sizes))
    for kind in makers:
        cells = " | ".join(
            f"{sweep.found[kind, size]:,}: {median(sweep.cli[kind, size]):.2f} / "
            f"{median(sweep.api[kind, size]):.2f}"
            for size in sizes
        )
        print(f"| {kind} | {cells} |")
    first = next(iter(makers))
    print(
        f"\nOne sentence (taken off above): {median(sweep.cli[first, 0.0]):.2f} s by the CLI, "
        f"{median(sweep.api[first, 0.0]) * 1000:.1f} ms by the API."
    )
    print(f"\nThe API stopping at the default {DEFAULT_FINDINGS:,} findings, {_size(sizes[-1])}:")
    for kind, seconds in sweep.bounded.items():
        print(f"- {kind}: {seconds:.2f} s")


def _megabytes(text: str) -> float:
    return len(text.encode("utf-8")) / 1e6


def _size(size: float) -> str:
    return f"{size * 1000:g} KB" if size < 1 else f"{size:g} MB"


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
