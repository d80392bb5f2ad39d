"""The soak test: two server processes on one PostgreSQL database, under about a minute of
concurrent anonymous checks of 1 MB texts, edits, new terms and proposals, all on loopback.
No answer may be a 5xx, each process stays under a memory bound, and every write the service
acknowledged is there afterwards (and none that it refused). `./dev test` runs it on its own,
after the rest (marker `soak`)."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.cli.test_serve import free_port, wait_ready
from tests.conftest import PG_ENV, ROOT, SEED, run_cli
from tests.test_faults import fresh  # noqa: F401  (a fresh PostgreSQL schema)

pytestmark = [
    pytest.mark.soak,
    pytest.mark.skipif(PG_ENV not in os.environ, reason=f"needs PostgreSQL: set {PG_ENV}"),
]

SECONDS = 45
#: Peak resident memory of each server process (VmHWM), checks of 1 MB texts included.
MEMORY_BOUND_MB = 400
#: Enough for the largest answer a bounded check may give, with room to spare.
ANSWER_BOUND_BYTES = 8 * 1024 * 1024
TEXT_CHARS = 1_000_000

ORDINARY = (
    "Vi måste hålla budgeten i år, och leadsen från mässan ska in i pipelinen innan "
    "kvartalet tar slut. The campaign brief says our positioning is strong, but the sales "
    "team wants a clearer target for each account. Säljarna pratar om SPIN i varje möte, "
    "medan marknad vill ha mer spin i pressmeddelandet. "
)
DENSE = "budget lead spin pipeline target budgeten leadsen positioning "


def megabyte(seed: str) -> str:
    """About one million characters of ``seed``, repeated."""
    return (seed * (TEXT_CHARS // len(seed) + 1))[: TEXT_CHARS - 100]


@dataclass
class Tally:
    """Every answer the soak got, by what was asked, and what each write left behind."""

    statuses: Counter[tuple[str, int]] = field(default_factory=Counter)
    created: list[str] = field(default_factory=list)
    edits: list[str] = field(default_factory=list)
    proposals: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, what: str, response: httpx.Response) -> None:
        with self.lock:
            self.statuses[(what, response.status_code)] += 1
            if response.status_code >= 500:
                self.problems.append(f"{what}: {response.status_code} {response.text[:300]}")


def serve(url: str, log: Path) -> tuple[subprocess.Popen[str], str]:
    """One ``glossary serve`` process on the shared database, ready; and its URL. Its log
    goes to a file: an unread pipe would fill and stop the server."""
    port = free_port()
    env = {
        **os.environ,
        "GLOSSARY_DATABASE_URL": url,
        "GLOSSARY_SEED_FILE": str(SEED),
        "GLOSSARY_PUBLIC_PROPOSALS": "true",
        "GLOSSARY_MAX_CHECK_CHARS": str(TEXT_CHARS),
    }
    with log.open("a") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "glossary", "serve", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            text=True,
        )
    base = f"http://127.0.0.1:{port}"
    wait_ready(base, process)
    return process, base


def peak_memory_mb(process: subprocess.Popen[str]) -> float:
    """The highest resident memory the process has had (VmHWM), in MB."""
    with open(f"/proc/{process.pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM in /proc status")


def until(deadline: float, work: Callable[[int], None]) -> Callable[[], None]:
    """Run ``work(round)`` again and again until the deadline."""

    def loop() -> None:
        for round_ in itertools.count():
            if time.monotonic() > deadline:
                return
            work(round_)

    return loop


def checker(bases: list[str], tally: Tally) -> Callable[[int], None]:
    texts = [megabyte(ORDINARY), megabyte(DENSE)]

    def check(round_: int) -> None:
        base, body = bases[round_ % 2], texts[round_ // 2 % 2]
        with httpx.Client(base_url=base, timeout=120) as http:
            if round_ % 3 == 2:
                response = http.post("/v2/check", data={"text": body, "language": "auto"})
                what = "v2 check"
            else:
                response = http.post("/v1/check", json={"text": body})
                what = "v1 check"
        tally.answer(what, response)
        if len(response.content) > ANSWER_BOUND_BYTES:
            tally.problems.append(f"{what}: {len(response.content)} bytes for 1 MB")

    return check


def editor(bases: list[str], key: str, tally: Tally, name: str) -> Callable[[int], None]:
    headers = {"Authorization": f"Bearer {key}"}

    def edit(round_: int) -> None:
        base = bases[round_ % 2]
        current = httpx.get(f"{base}/v1/terms/budget", timeout=30)
        tally.answer("read", current)
        body = {
            k: v
            for k, v in current.json().items()
            if k not in ("revision", "created_at", "updated_at", "updated_by")
        }
        note = f"{name} edit {round_}"
        response = httpx.put(
            f"{base}/v1/terms/budget",
            json={**body, "note": note},
            headers={**headers, "If-Match": current.headers["etag"]},
            timeout=30,
        )
        tally.answer("edit", response)
        if response.status_code == 200:
            with tally.lock:
                tally.edits.append(note)
        term_id = f"soak-{name}-{round_}"
        created = httpx.post(f"{base}/v1/terms", json=new_term(term_id), headers=headers)
        tally.answer("create", created)
        if created.status_code == 201:
            with tally.lock:
                tally.created.append(term_id)

    return edit


def proposer(bases: list[str], tally: Tally) -> Callable[[int], None]:
    def propose(round_: int) -> None:
        body = {"term": new_term(f"idea-{round_}"), "comment": f"Förslag {round_}"}
        response = httpx.post(f"{bases[round_ % 2]}/v1/proposals", json=body, timeout=30)
        tally.answer("propose", response)
        if response.status_code == 201:
            with tally.lock:
                tally.proposals.append(response.json()["id"])
        time.sleep(0.1)

    return propose


def new_term(term_id: str) -> dict[str, Any]:
    return {
        "id": term_id,
        "labels": {"sv": [term_id], "en": [term_id]},
        "meanings": [
            {"department": "sales", "definition": {"sv": "Sälj.", "en": "Sales."}},
            {"department": "marketing", "definition": {"sv": "Marknad.", "en": "Marketing."}},
        ],
    }


def every_page(base: str, path: str, headers: dict[str, str]) -> list[dict[str, Any]]:
    """All items of a paginated list."""
    items: list[dict[str, Any]] = []
    params: dict[str, Any] = {"limit": 100}
    while True:
        page = httpx.get(f"{base}{path}", params=params, headers=headers, timeout=30)
        assert page.status_code == 200, page.text
        items.extend(page.json()["items"])
        if not page.json()["next_cursor"]:
            return items
        params["cursor"] = page.json()["next_cursor"]


def test_two_processes_under_a_minute_of_hostile_load(
    fresh: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    first = serve(fresh, tmp_path / "first.log")
    second = serve(fresh, tmp_path / "second.log")  # started after the first has seeded
    processes, bases = [first[0], second[0]], [first[1], second[1]]
    env = {"GLOSSARY_DATABASE_URL": fresh}
    key = run_cli("keys", "create", "--role", "editor", "--name", "soak", env=env).stdout.strip()
    tally = Tally()
    deadline = time.monotonic() + SECONDS
    loops = [
        *(until(deadline, checker(bases, tally)) for _ in range(3)),
        *(until(deadline, editor(bases, key, tally, f"e{n}")) for n in range(2)),
        until(deadline, proposer(bases, tally)),
    ]
    try:
        with ThreadPoolExecutor(len(loops)) as pool:
            for future in [pool.submit(loop) for loop in loops]:
                future.result()
        memory = [peak_memory_mb(process) for process in processes]
        headers = {"Authorization": f"Bearer {key}"}
        history = every_page(bases[1], "/v1/terms/budget/history", headers)
        terms = {t["id"] for t in every_page(bases[0], "/v1/terms", headers)}
        proposals = {p["id"] for p in every_page(bases[1], "/v1/proposals", headers)}
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)
    print(f"soak: peak memory {memory} MB; answers {dict(tally.statuses)}")  # shown with -s
    assert not tally.problems, tally.problems
    for (what, status), least in {
        ("v1 check", 200): 10,
        ("v2 check", 200): 5,
        ("edit", 200): 10,
        ("create", 201): 10,
    }.items():
        assert tally.statuses[(what, status)] >= least, tally.statuses
    assert set(tally.statuses) <= {
        ("read", 200),
        ("v1 check", 200),
        ("v2 check", 200),
        ("edit", 200),
        ("edit", 412),  # the other editor was faster: refused, not lost
        ("create", 201),
        ("propose", 201),
        ("propose", 409),  # over the open-proposal quota
    }, tally.statuses
    notes = [h["after"]["note"] for h in history if h["action"] == "update"]
    assert sorted(notes) == sorted(tally.edits)  # every accepted edit, none refused
    assert set(tally.created) <= terms
    assert set(tally.proposals) == proposals
    assert max(memory) < MEMORY_BOUND_MB, memory
