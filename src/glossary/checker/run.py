"""Checking the documents: offline against a glossary file, on every core, or through a server.

Offline, large runs are spread over worker processes, each building the glossary's index once
(in its initializer) and reading its files itself, so the parent holds only findings and memory
stays flat however many files there are. Results come back in input order.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from glossary.checker.inputs import Input, InputError
from glossary.errors import GlossaryError
from glossary.matching.findings import Finding, from_json
from glossary.matching.model import Glossary

#: Offline runs smaller than this (in bytes) stay in one process: starting workers costs more.
PARALLEL_BYTES = 256 * 1024
MAX_CHUNK = 1_000
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: A NUL byte this early makes a file binary, as git decides (ripgrep too, by the NUL byte).
BINARY_PROBE = 8000


class BinaryDocument(InputError):
    """A file that is not text (a picture, an archive, UTF-16): skipped, not checked."""


@dataclass(frozen=True, slots=True)
class RunOptions:
    """How every document is checked (the same for all files, but the audience)."""

    language: str = "auto"
    kinds: tuple[str, ...] = ("ambiguous", "deprecated")
    fuzzy: bool = True


@dataclass(frozen=True, slots=True)
class Job:
    """One document and what applies to it alone."""

    item: Input
    audience: tuple[str, ...] | None = None
    ignore: frozenset[str] = frozenset()
    text: str | None = None  # standard input, read by the parent
    skipped: str | None = None  # why standard input is not checked (it is binary)


@dataclass(frozen=True, slots=True)
class Reported:
    """A finding of the check contract, with the line it stands on and that line's
    fingerprint (term and line text: it survives edits elsewhere in the file)."""

    finding: Finding
    line_text: str
    fingerprint: str

    @property
    def term(self) -> str:
        """The term's id."""
        return self.finding.term.id

    @property
    def severity(self) -> str:
        """warning or info."""
        return self.finding.severity


@dataclass(slots=True)
class FileResult:
    """What checking one document gave: its findings, or the error that stopped it."""

    path: str
    findings: list[Reported] = field(default_factory=list)
    error: str | None = None
    #: What the reader should know about findings missing (a server cut the list).
    warning: str | None = None
    #: Why the file was not checked though that is no error (it is binary).
    skipped: str | None = None


def read_document(file: Path | None, name: str) -> str:
    """A document's text as in the file, less a byte order mark (no newline translation:
    CRLF line ends are the file's own); UTF-8, or Windows-1252 with a warning; a
    BinaryDocument if a NUL byte shows it is no text."""
    try:
        data = sys.stdin.buffer.read() if file is None else file.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {name}: {error.strerror or error}") from None
    if b"\0" in data[:BINARY_PROBE]:
        raise BinaryDocument(f"binary file (a NUL byte in its first {BINARY_PROBE} bytes)")
    try:
        # A byte order mark is no character of the text: columns and offsets count from
        # what follows it, as editors show the first line.
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        print(
            f"{name}: warning: not UTF-8 ({error.reason} at byte {error.start}); "
            "read as Windows-1252",
            file=sys.stderr,
        )
        return data.decode("cp1252", errors="replace")


def reported(text: str, findings: Sequence[Finding], ignore: frozenset[str]) -> list[Reported]:
    """Findings with their lines and fingerprints, less the ignored terms."""
    lines = _LINE_BREAK.split(text)
    out = []
    for finding in findings:
        term = finding.term.id
        if term in ignore:
            continue
        line = lines[finding.line - 1] if finding.line <= len(lines) else ""
        digest = hashlib.sha256(f"{term}\0{' '.join(line.split())}".encode()).hexdigest()[:16]
        out.append(Reported(finding, line, digest))
    return out


# ---------------------------------------------------------------------------------- offline

_INDEX: Any = None
_SETTINGS = RunOptions()


def _start_worker(glossary: Glossary, settings: RunOptions) -> None:
    """Build this process's index, once per glossary."""
    global _INDEX, _SETTINGS
    from glossary.matching.index import TermIndex

    if _INDEX is None or _INDEX.glossary is not glossary:
        _INDEX = TermIndex.build(glossary)
    _SETTINGS = settings


def job_text(job: Job) -> str | FileResult:
    """The text a job checks, or the result that says why it is skipped or cannot be read."""
    if job.skipped is not None:
        return FileResult(job.item.path, skipped=job.skipped)
    try:
        return job.text if job.text is not None else read_document(job.item.file, job.item.path)
    except BinaryDocument as binary:
        return FileResult(job.item.path, skipped=binary.message)
    except GlossaryError as error:
        return FileResult(job.item.path, error=error.message)


def _check_job(job: Job) -> FileResult:
    from glossary.matching.scan import CheckOptions, check

    text = job_text(job)
    if isinstance(text, FileResult):
        return text
    options = CheckOptions(
        format=job.item.format,
        language=_SETTINGS.language,  # type: ignore[arg-type]
        audience=job.audience,
        include=frozenset(_SETTINGS.kinds),
        fuzzy=_SETTINGS.fuzzy,
    )
    findings = check(text, _INDEX, options).findings
    return FileResult(job.item.path, reported(text, findings, job.ignore))


def workers_for(jobs: Sequence[Job], wanted: int | None) -> int:
    """How many processes a run deserves: all cores for a large run, one for a small one."""
    if wanted is not None:
        return max(1, wanted)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    size = 0
    for job in jobs:
        if job.item.file is not None:
            with contextlib.suppress(OSError):  # an unreadable file is reported when checked
                size += job.item.file.stat().st_size
        if size >= PARALLEL_BYTES:
            return max(1, min(cores or 1, len(jobs)))
    return 1


def check_offline(
    jobs: Sequence[Job], glossary: Glossary, settings: RunOptions, workers: int
) -> Iterator[FileResult]:
    """Check every job against the glossary, in order, on ``workers`` processes."""
    if workers <= 1 or len(jobs) <= 1:
        _start_worker(glossary, settings)
        for job in jobs:
            yield _check_job(job)
        return
    import gc
    import multiprocessing

    chunk = _chunk(len(jobs), workers)
    if "fork" not in multiprocessing.get_all_start_methods():
        # Each worker builds its own index from a pickled glossary.
        spawn = multiprocessing.get_context("spawn")
        with spawn.Pool(workers, _start_worker, (glossary, settings)) as pool:
            yield from pool.imap(_check_job, jobs, chunksize=chunk)
        return
    # This process checks the first share of the files itself while forked workers check the
    # rest: no process more than cores, and no copying of this share's results. The workers
    # share the index built here, once; frozen, its objects are left alone by the collector in
    # each worker, so their memory pages stay shared.
    _start_worker(glossary, settings)
    own = len(jobs) // workers
    rest = jobs[own:]
    gc.freeze()
    pool = multiprocessing.get_context("fork").Pool(workers - 1)
    try:
        # One task per worker: their results arrive when this process is done with its own,
        # so that unpickling them does not slow it down meanwhile.
        theirs = pool.imap(_check_job, rest, chunksize=_chunk(len(rest), workers - 1, 1))
        for job in jobs[:own]:
            yield _check_job(job)
        yield from theirs
    finally:
        pool.terminate()
        gc.unfreeze()


def _chunk(count: int, workers: int, per_worker: int = 2) -> int:
    """Files per task: ``per_worker`` tasks per worker, so that they finish together, and at
    most MAX_CHUNK, so that results come back in pieces of bounded size."""
    return max(1, min(MAX_CHUNK, -(-count // (workers * per_worker))))


# ----------------------------------------------------------------------------------- server


@dataclass(frozen=True, slots=True)
class Server:
    """A glossary service: its base URL and the API key to send, if any."""

    url: str
    api_key: str | None = None

    def request(self, method: str, path: str, body: Any = None) -> Any:
        """Send a request; the decoded JSON answer, or a GlossaryError that says what failed."""
        return json.loads(self.fetch(method, path, body))

    def fetch(self, method: str, path: str, body: Any = None) -> bytes:
        """Send a request; the answer's bytes, or a GlossaryError that says what failed."""
        data = None if body is None else json.dumps(body).encode()
        headers = {"Accept": "application/json"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(self.url + path, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                return bytes(answer.read())
        except urllib.error.HTTPError as error:
            raise GlossaryError(f"{self.url}{path}: {error.code} {_problem(error)}") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise GlossaryError(f"cannot reach {self.url}: {reason}") from None


def _problem(error: urllib.error.HTTPError) -> str:
    try:
        body = json.loads(error.read().decode("utf-8"))
        return str(body.get("detail") or body.get("error", {}).get("message") or body)
    except (ValueError, AttributeError):
        return str(error.reason)


def check_through(
    jobs: Sequence[Job], server: Server, settings: RunOptions
) -> Iterator[FileResult]:
    """Check every job through ``POST /v1/check``, a few requests at a time, in order."""

    def one(job: Job) -> FileResult:
        text = job_text(job)
        if isinstance(text, FileResult):
            return text
        body = {
            "text": text,
            "format": job.item.format,
            "language": settings.language,
            "audience": list(job.audience) if job.audience is not None else None,
            "kinds": list(settings.kinds),
            "fuzzy": settings.fuzzy,
        }
        answer = server.request("POST", "/v1/check", body)
        found = reported(text, [from_json(f) for f in answer["findings"]], job.ignore)
        if not answer.get("truncated"):
            return FileResult(job.item.path, found)
        cut = (
            f"the server reported only its first {len(answer['findings'])} findings "
            "(GLOSSARY_MAX_FINDINGS); check the file with --terms for all of them"
        )
        return FileResult(job.item.path, found, warning=cut)

    with ThreadPoolExecutor(max_workers=4) as pool:
        yield from pool.map(one, jobs)
