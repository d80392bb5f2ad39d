"""``glossary check`` and ``glossary lookup``: from arguments and configuration to a report."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import textwrap
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from glossary.checker.baseline import Baseline, write_baseline
from glossary.checker.config import DEFAULT_KINDS, Config, find_config, load_config, server_url
from glossary.checker.formats import Summary, reporter, wants_colour
from glossary.checker.inputs import Input, collect
from glossary.checker.run import (
    BinaryDocument,
    FileResult,
    Job,
    RunOptions,
    Server,
    check_offline,
    check_through,
    read_document,
    workers_for,
)
from glossary.errors import GlossaryError, InvalidGlossaryFile
from glossary.exit import Exit
from glossary.matching.model import Glossary

DEFAULT_TERMS = Path("data") / "terms.yaml"
API_KEY_VARIABLE = "GLOSSARY_API_KEY"
#: Runs with at least this many files show a progress line on a terminal.
PROGRESS_FILES = 20


class Source:
    """Where the glossary comes from: a file (offline) or a server."""

    def __init__(self, terms: Path | None, server: Server | None) -> None:
        self.terms, self.server = terms, server

    @classmethod
    def choose(cls, args: argparse.Namespace, config: Config, cwd: Path) -> Source:
        """``--terms`` or ``--server``; else the configuration's; else data/terms.yaml here."""
        key = args.api_key or os.environ.get(API_KEY_VARIABLE) or None
        if args.terms:
            return cls(cwd / args.terms, None)
        if args.server:
            return cls(None, Server(server_url(args.server, "--server"), key))
        if config.terms:
            return cls(config.terms, None)
        if config.server:
            return cls(None, Server(config.server, key))
        return cls(cwd / DEFAULT_TERMS, None)

    def glossary(self) -> Glossary:
        """The whole glossary: read from the file, or exported by the server."""
        from glossary.terms_file import load_glossary, parse_glossary

        if self.server is None:
            assert self.terms is not None
            try:
                return load_glossary(self.terms, shared_words=True)
            except InvalidGlossaryFile as error:
                outcome = "nothing was checked"
                raise InvalidGlossaryFile(
                    error.problems, source=error.source, outcome=outcome
                ) from None
        data = self.server.fetch("GET", "/v1/export?format=json")
        return parse_glossary(data, source=self.server.url, fmt="json", shared_words=True)


def run_check(args: argparse.Namespace) -> Exit:
    """Check the documents the arguments name; OK, FINDINGS at or above --fail-on, or ERROR."""
    cwd = Path.cwd()
    config = load_config(cwd / args.config) if args.config else find_config(cwd)
    source = Source.choose(args, config, cwd)
    inputs = collect(
        args.paths,
        config,
        cwd=cwd,
        format_in=args.format_in,
        stdin_filename=args.stdin_filename,
        allow_empty=args.allow_empty or config.allow_empty,
    )
    jobs = [_job(item, args, config) for item in inputs]
    baseline = Baseline.load(cwd / args.baseline) if args.baseline else None
    options = _run_options(args, config)
    if source.server is None:
        glossary = source.glossary()
        results = check_offline(jobs, glossary, options, workers_for(jobs, args.jobs))
    else:
        results = check_through(jobs, source.server, options)
    if args.write_baseline:
        return _write_baseline(results, len(jobs), cwd / args.write_baseline, args.write_baseline)
    summary, failed = _report(results, len(jobs), args, baseline, cwd)
    if failed:
        return Exit.ERROR
    return _verdict(summary, args.fail_on or config.fail_on or "warning")


def _run_options(args: argparse.Namespace, config: Config) -> RunOptions:
    """How every document is checked: the options first, then the configuration."""
    return RunOptions(
        language=args.language or config.language or "auto",
        kinds=tuple(dict.fromkeys([*(args.kinds or config.kinds or DEFAULT_KINDS), *args.include])),
        fuzzy=not args.no_fuzzy,
    )


def _report(
    results: Iterator[FileResult],
    total: int,
    args: argparse.Namespace,
    baseline: Baseline | None,
    cwd: Path,
) -> tuple[Summary, bool]:
    """Write the report of every result; its summary, and whether a file could not be checked."""
    out = reporter(args.format, sys.stdout, colour=wants_colour(sys.stdout, args.color), root=cwd)
    summary, failed = Summary(), False
    for result in _with_progress(results, total, sys.stderr):
        if not _usable(result):
            failed = failed or result.error is not None
            continue
        findings, excused = baseline.new_findings(result) if baseline else (result.findings, 0)
        out.file(result.path, findings)
        summary.add(findings, excused)
    out.finish(summary)
    if args.format in ("text", "compact"):
        print(summary.sentence(), file=sys.stderr)
    return summary, failed


def _verdict(summary: Summary, fail_on: str) -> Exit:
    """FINDINGS when something is at or above ``fail_on``, else OK."""
    if fail_on == "never":
        return Exit.OK
    over = summary.warnings + (summary.infos if fail_on == "info" else 0)
    return Exit.FINDINGS if over else Exit.OK


def _usable(result: FileResult) -> bool:
    """Whether a file was checked; what stopped it or is missing from it, on standard error."""
    if result.error is not None:
        print(f"{result.path}: error: {result.error}", file=sys.stderr)
        return False
    if result.skipped is not None:
        print(f"{result.path}: skipped: {result.skipped}", file=sys.stderr)
        return False
    if result.warning is not None:
        print(f"{result.path}: warning: {result.warning}", file=sys.stderr)
    return True


def _write_baseline(results: Iterator[FileResult], total: int, file: Path, name: str) -> Exit:
    """Record every finding and say how many in one line, not each finding; OK unless a file
    could not be checked."""
    recorded = []
    failed = False
    for result in _with_progress(results, total, sys.stderr):
        if _usable(result):
            recorded.append(result)
        else:
            failed = True
    count = write_baseline(file, recorded)
    print(f"wrote {count} {'finding' if count == 1 else 'findings'} to {name}", file=sys.stderr)
    return Exit.ERROR if failed else Exit.OK


def _job(item: Input, args: argparse.Namespace, config: Config) -> Job:
    """What applies to one document: the audience and ignored terms of its path rules."""
    rules = config.rules_for(item.relative)
    audience = config.audience
    for rule in rules:
        if rule.audience is not None:
            audience = rule.audience
    if args.audience:
        audience = tuple(a.lower() for a in _split(args.audience))
    ignore = {*config.ignore, *(term for rule in rules for term in rule.ignore)}
    ignore.update(term.lower() for term in _split(args.ignore or []))
    try:
        text = read_document(None, item.path) if item.file is None else None
    except BinaryDocument as binary:
        return Job(item, audience, frozenset(ignore), skipped=binary.message)
    return Job(item, audience, frozenset(ignore), text)


def _split(values: Iterable[str]) -> list[str]:
    return [part for value in values for part in value.replace(",", " ").split()]


def _with_progress(results: Iterator[FileResult], total: int, err: TextIO) -> Iterator[FileResult]:
    """The results, with ``checked 120/1,000 files`` kept up to date on a terminal."""
    if total < PROGRESS_FILES or not err.isatty():
        yield from results
        return
    shown = 0.0
    for done, result in enumerate(results, 1):
        now = time.monotonic()
        if now - shown > 0.1 or done == total:
            err.write(f"\rchecked {done:,}/{total:,} files")
            err.flush()
            shown = now
        yield result
    err.write("\r\x1b[K")
    err.flush()


# ------------------------------------------------------------------------------------ lookup


def run_lookup(args: argparse.Namespace) -> Exit:
    """Print the terms a word finds, each department's meaning side by side."""
    from glossary.matching.search import TermSearch
    from glossary.matching.views import term_view

    cwd = Path.cwd()
    config = load_config(cwd / args.config) if args.config else find_config(cwd)
    glossary = Source.choose(args, config, cwd).glossary()
    language = args.language or (glossary.languages[0] if glossary.languages else "en")
    terms = {term.id: term for term in glossary.terms}
    hits = TermSearch(glossary.terms).search(args.word, limit=args.limit)
    if not hits:
        print(f"no term matches {args.word!r}", file=sys.stderr)
        return Exit.NOT_FOUND
    width = max(40, min(shutil.get_terminal_size((100, 24)).columns, 140))
    for number, (term_id, _score) in enumerate(hits):
        term = terms[term_id]
        if number:
            print()
        view = term_view(term, glossary, language)
        heading = (
            f"{view.label} ({', '.join(view.other_labels)})" if view.other_labels else view.label
        )
        kind = "one meaning" if view.kind == "known" else view.kind
        print(f"{heading}  [{term.id}, {kind}]")
        columns = []
        for side in view.sides:
            lines = [side.department_name, side.definition]
            if side.prefer:
                lines.append("→ " + ", ".join(side.prefer))
            columns.append(lines)
        for line in _side_by_side(columns, width):
            print(line.rstrip())
    return Exit.OK


def _side_by_side(columns: Sequence[list[str]], width: int) -> list[str]:
    """Columns of wrapped paragraphs next to each other, separated by ``│``."""
    if not columns:
        return []
    inner = max(16, (width - 3 * (len(columns) - 1)) // len(columns))
    wrapped = [
        [line for paragraph in column for line in (textwrap.wrap(paragraph, inner) or [""])]
        for column in columns
    ]
    height = max(len(column) for column in wrapped)
    return [
        " │ ".join((column[row] if row < len(column) else "").ljust(inner) for column in wrapped)
        for row in range(height)
    ]


def add_arguments(check: argparse.ArgumentParser, lookup: argparse.ArgumentParser) -> None:
    """The options of ``glossary check`` and ``glossary lookup``."""
    from glossary.checker.config import FAIL_ON, KINDS, LANGUAGES
    from glossary.checker.formats import FORMATS

    for parser in (check, lookup):
        source = parser.add_mutually_exclusive_group()
        source.add_argument("--terms", help="glossary file, YAML or JSON (offline)")
        source.add_argument(
            "--server", help="glossary service URL, e.g. https://glossary.example.com"
        )
        parser.add_argument(
            "--api-key", help=f"API key for --server (default: ${API_KEY_VARIABLE})"
        )
        parser.add_argument(
            "--config",
            help="configuration file (default: .glossary.toml or "
            "pyproject.toml [tool.glossary], searched upwards)",
        )
        parser.add_argument(
            "--language",
            choices=[c for c in LANGUAGES if c != "auto"] if parser is lookup else LANGUAGES,
        )
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files, folders, globs, or - for standard input (default: the current folder)",
    )
    check.add_argument("--format", choices=FORMATS, default="text", help="report format")
    check.add_argument(
        "--fail-on", choices=FAIL_ON, help="lowest severity that fails (default: warning)"
    )
    check.add_argument(
        "--include",
        type=_kinds,
        default=[],
        help="kinds to report on top of --kinds, comma-separated (known: one-meaning terms too)",
    )
    check.add_argument(
        "--kinds",
        type=_kinds,
        help=f"exactly the kinds to report, comma-separated ({', '.join(KINDS)}; "
        "default: the configuration's kinds, else ambiguous,deprecated)",
    )
    check.add_argument("--audience", action="append", help="department ids of the readers")
    check.add_argument("--ignore", action="append", help="term ids not to report")
    check.add_argument(
        "--format-in",
        choices=["plain", "markdown", "html"],
        help="read every input as this format (default: by file extension)",
    )
    check.add_argument("--stdin-filename", help="the name standard input is reported under")
    check.add_argument(
        "--allow-empty",
        action="store_true",
        help="pass when a folder or glob matches no file (default: that is an error, exit 2)",
    )
    check.add_argument("--baseline", help="report and fail only on findings not in this file")
    check.add_argument(
        "--write-baseline", metavar="FILE", help="record today's findings and exit 0"
    )
    check.add_argument(
        "--jobs", "-j", type=int, help="worker processes (default: all cores for large runs)"
    )
    check.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    check.add_argument("--no-fuzzy", action="store_true", help="do not look for misspellings")
    lookup.add_argument("word")
    lookup.add_argument("--limit", type=int, default=3, help="terms to show (default 3)")


def _kinds(value: str) -> list[str]:
    from glossary.checker.config import KINDS

    kinds = [k for k in value.replace(",", " ").split() if k]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        raise argparse.ArgumentTypeError(f"expected kinds among {', '.join(KINDS)}, got {value!r}")
    return kinds


__all__ = ["GlossaryError", "add_arguments", "run_check", "run_lookup"]
