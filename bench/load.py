"""The load test: ``python -m bench.load [--clients 16] [--seconds 20]`` (needs ``wrk``:
``apt-get install wrk``).

Serves the seed glossary from a fresh PostgreSQL schema (``GLOSSARY_BENCH_DATABASE_URL``,
default the machine's ``postgresql://postgres@127.0.0.1:5432/test``) with one and then with two
server processes, and has wrk keep ``--clients`` connections busy for ``--seconds`` seconds,
each request a different 2 KB stretch of the benchmark corpus sent to ``POST /v1/check``.
Reports requests/s, p50 and p99 latency, and errors (non-2xx answers and socket errors).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.corpus import FULL, ensure_corpus
from bench.micro import sample_texts
from bench.serving import glossary_serve

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"
BODIES = 200
WRK_SCRIPT = """
local bodies = {}
local file = io.open("%(path)s", "r")
for line in file:lines() do bodies[#bodies + 1] = line end
file:close()
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  i = i %% #bodies + 1
  return wrk.format(nil, "/v1/check", nil, bodies[i])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%f %%f %%f\\n", summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.duration, 0, latency:percentile(50), latency:percentile(99),
    latency.mean))
end
"""


@contextmanager
def schema(base: str) -> Iterator[str]:
    from sqlalchemy import create_engine, text

    name = f"load_{uuid.uuid4().hex[:10]}"
    admin = create_engine(
        base.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{name}"'))
    joiner = "&" if "?" in base else "?"
    try:
        yield f"{base}{joiner}options=-csearch_path%3D{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()


@contextmanager
def server(url: str, workers: int) -> Iterator[str]:
    """The seed glossary served by ``workers`` processes, each worker's catalog warmed."""
    settings = {
        "GLOSSARY_DATABASE_URL": url,
        "GLOSSARY_SEED_FILE": str(ROOT / "data" / "terms.yaml"),
    }
    log = os.environ.get("LOAD_LOG", os.devnull)
    with glossary_serve(settings, workers=workers, log=log) as base:
        # Warm every worker's catalog before the clock starts.
        for _ in range(20 * workers):
            request = urllib.request.Request(
                f"{base}/v1/check",
                data=b'{"text": "budget"}',
                headers={"Content-Type": "application/json"},
            )
            urllib.request.urlopen(request, timeout=5).read()
        yield base


def run_wrk(base: str, bodies: Path, clients: int, seconds: int) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % {"path": bodies})
    done = subprocess.run(
        [
            "wrk",
            "-t",
            "2",
            "-c",
            str(clients),
            "-d",
            f"{seconds}s",
            "--timeout",
            "5s",
            "-s",
            script.name,
            base,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    Path(script.name).unlink()
    found = re.search(r"RESULT (\S+) (\S+) (\S+) (\S+) (\S+) (\S+) (\S+) (\S+)", done.stdout)
    if found is None:
        raise RuntimeError(done.stdout + done.stderr)
    requests, socket_errors, status_errors, micros, _, p50, p99, mean = map(float, found.groups())
    return {
        "requests_per_s": requests / (micros / 1e6),
        "p50_ms": p50 / 1000,
        "p99_ms": p99 / 1000,
        "mean_ms": mean / 1000,
        "errors": int(socket_errors + status_errors),
        "requests": int(requests),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=20)
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        print("bench.load needs wrk: apt-get install wrk", file=sys.stderr)
        return 2
    texts = sample_texts(ensure_corpus(FULL).paths, BODIES)
    with tempfile.TemporaryDirectory() as folder:
        bodies = Path(folder) / "bodies.jsonl"
        bodies.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
        base_url = os.environ.get("GLOSSARY_BENCH_DATABASE_URL", DEFAULT_URL)
        rows = []
        with schema(base_url) as url:
            for workers in (1, 2):
                with server(url, workers) as base:
                    result = run_wrk(base, bodies, args.clients, args.seconds)
                rows.append((workers, result))
    print(
        f"{args.clients} clients for {args.seconds} s, POST /v1/check with 2,000-character texts "
        "(a different stretch of the corpus per request), seed glossary on PostgreSQL, wrk on "
        "the same 2-core machine:\n"
    )
    print("| server processes | requests/s | p50 ms | p99 ms | errors | requests |")
    print("|---:|---:|---:|---:|---:|---:|")
    for workers, r in rows:
        print(
            f"| {workers} | {r['requests_per_s']:,.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | "
            f"{r['errors']} | {r['requests']:,} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
