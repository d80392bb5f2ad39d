"""Our document layer against library segmenters: ``python -m bench.documents [--runs 5]``.

Correctness: every case of tests/matching/test_documents.py for the format (its own test
functions, with parse_document swapped), and the share of benchmark files scanned to the
very same text as ours. Speed: MB/s over the benchmark corpus (Markdown; for HTML the same
files rendered by markdown-it-py), median of the runs, interleaved so every parser sees the
same machine; the ratio is ours over theirs. With ``--checker``, tests/checker also runs
with each prototype in place of ours (the CLI runs in subprocesses; a sitecustomize swaps it).
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter
from typing import Any

from markdown_it import MarkdownIt

from bench import segmenters
from bench.corpus import FULL, QUICK, ensure_corpus
from glossary.matching.documents import Format, parse_document

ROOT = Path(__file__).resolve().parent.parent
Parse = Callable[[str, Format], Any]


@dataclass(frozen=True, slots=True)
class Candidate:
    """One segmenter for one format: ours, a library prototype, or a bare library parse."""

    name: str
    fmt: Format
    parse: Parse
    hook: str = ""  # the bench.segmenters function a sitecustomize puts in place, if any


def _ours(text: str, fmt: Format) -> Any:
    return parse_document(text, fmt)


_MD = MarkdownIt("commonmark")
CANDIDATES = (
    Candidate("ours (regex scan)", "markdown", _ours),
    Candidate(
        "markdown-it-py prototype",
        "markdown",
        segmenters.parse_with("markdown", segmenters.markdown_it),
        "markdown_it",
    ),
    Candidate("markdown-it-py parse only", "markdown", lambda text, _: _MD.parse(text)),
    Candidate("ours (regex scan)", "html", _ours),
    Candidate(
        "lxml.html prototype",
        "html",
        segmenters.parse_with("html", segmenters.lxml_html),
        "lxml_html",
    ),
    Candidate("lxml.html parse only", "html", lambda text, _: segmenters.lxml_parse(text)),
)


# ------------------------------------------------------------------------------- correctness


def _cases(fmt: Format) -> Iterator[tuple[Callable[..., None], dict[str, Any]]]:
    """Every parametrized case of test_documents for this format, as (test, arguments)."""
    from tests.matching import test_documents

    for name in dir(test_documents):
        test = getattr(test_documents, name)
        marks = [m for m in getattr(test, "pytestmark", []) if m.name == "parametrize"]
        if not name.startswith("test_") or not marks:
            continue
        for combination in itertools.product(*(_rows(mark.args) for mark in marks)):
            arguments = {k: v for row in combination for k, v in row.items()}
            if arguments.get("fmt", "markdown" if "source" in arguments else None) == fmt:
                yield test, arguments


def _rows(args: tuple[Any, ...]) -> Iterator[dict[str, Any]]:
    names, values = args
    names = [n.strip() for n in names.split(",")] if isinstance(names, str) else list(names)
    for value in values:
        yield dict(zip(names, value, strict=True)) if len(names) > 1 else {names[0]: value}


def passed_cases(candidate: Candidate) -> tuple[int, int]:
    """(passed, total) of the test table cases of the candidate's format."""
    from tests.matching import test_documents

    saved = test_documents.parse_document  # type: ignore[attr-defined]
    setattr(test_documents, "parse_document", candidate.parse)  # noqa: B010
    passed = total = 0
    try:
        for test, arguments in _cases(candidate.fmt):
            total += 1
            try:
                test(**arguments)
                passed += 1
            except Exception:  # a failed assertion or a crash: the case is not right
                pass
    finally:
        setattr(test_documents, "parse_document", saved)  # noqa: B010
    return passed, total


def same_text(candidate: Candidate, texts: Sequence[str]) -> int:
    """How many texts the candidate scans to exactly the text we scan them to."""
    return sum(
        candidate.parse(t, candidate.fmt).text == parse_document(t, candidate.fmt).text
        for t in texts
    )


_SITECUSTOMIZE = """
import glossary.matching.documents as documents, glossary.matching.scan as scan
from bench import segmenters
parse = segmenters.parse_with({fmt!r}, segmenters.{hook})
documents.parse_document = scan.parse_document = parse
"""


def checker_tests(candidate: Candidate) -> str:
    """tests/checker's pytest summary with the candidate's segmenter in every process."""
    with tempfile.TemporaryDirectory() as hook:
        if candidate.hook:
            code = _SITECUSTOMIZE.format(fmt=candidate.fmt, hook=candidate.hook)
            (Path(hook) / "sitecustomize.py").write_text(code, encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([hook, str(ROOT)])}
        command = [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-n",
            "4",
            "-p",
            "no:cacheprovider",
            "tests/checker",
        ]
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-200:]


# ------------------------------------------------------------------------------------- speed


def corpora(*, quick: bool) -> dict[Format, list[str]]:
    """The benchmark corpus as Markdown, and the same files rendered to HTML."""
    corpus = ensure_corpus(QUICK if quick else FULL)
    markdown = [path.read_text(encoding="utf-8") for path in corpus.paths]
    return {"markdown": markdown, "html": [_MD.render(text) for text in markdown]}


def megabytes_per_second(
    candidates: Sequence[Candidate], texts: dict[Format, list[str]], runs: int
) -> dict[int, float]:
    """Median MB/s per candidate (by position), the candidates interleaved in every run."""
    seconds: dict[int, list[float]] = {k: [] for k in range(len(candidates))}
    for _ in range(runs):
        for k, candidate in enumerate(candidates):
            start = perf_counter()
            for text in texts[candidate.fmt]:
                candidate.parse(text, candidate.fmt)
            seconds[k].append(perf_counter() - start)
    size = {fmt: sum(len(t.encode()) for t in ts) / 1e6 for fmt, ts in texts.items()}
    return {k: size[candidates[k].fmt] / statistics.median(s) for k, s in seconds.items()}


# -------------------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    """Measure every candidate and print the comparison table."""
    parser = argparse.ArgumentParser(prog="python -m bench.documents", description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="the 120-file corpus")
    parser.add_argument("--checker", action="store_true", help="also run tests/checker")
    args = parser.parse_args(argv)
    texts = corpora(quick=args.quick)
    speed = megabytes_per_second(CANDIDATES, texts, args.runs)
    print(
        f"corpus: {len(texts['markdown'])} files, {_mb(texts, 'markdown'):.1f} MB Markdown, "
        f"{_mb(texts, 'html'):.1f} MB HTML; MB/s median of {args.runs} runs\n"
    )
    print("| format | segmenter | test_documents cases | same text as ours | MB/s | ours ÷ it |")
    print("|---|---|---|---|---|---|")
    ours = {c.fmt: speed[k] for k, c in enumerate(CANDIDATES) if c.parse is _ours}
    for k, candidate in enumerate(CANDIDATES):
        print(_row(candidate, texts[candidate.fmt], speed[k], ours[candidate.fmt]))
    if args.checker:
        for candidate in CANDIDATES:
            if candidate.hook or (candidate.parse is _ours and candidate.fmt == "markdown"):
                summary = checker_tests(candidate)
                print(f"tests/checker, {candidate.fmt} by {candidate.name}: {summary}")
    return 0


def _mb(texts: dict[Format, list[str]], fmt: Format) -> float:
    return sum(len(t.encode()) for t in texts[fmt]) / 1e6


def _row(candidate: Candidate, texts: list[str], speed: float, ours: float) -> str:
    if candidate.name.endswith("parse only"):
        cases = same = "–"
    else:
        passed, total = passed_cases(candidate)
        cases, same = f"{passed}/{total}", f"{same_text(candidate, texts)}/{len(texts)}"
    cells = (candidate.fmt, candidate.name, cases, same, f"{speed:.1f}", f"{ours / speed:.2f}")
    return "| " + " | ".join(cells) + " |"


if __name__ == "__main__":
    sys.exit(main())
