"""A real ``glossary serve`` for the benchmarks that need one (bench.widget, bench.load)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    """A TCP port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def glossary_serve(
    env: dict[str, str], *, workers: int = 1, log: str = os.devnull
) -> Iterator[str]:
    """``glossary serve`` with these GLOSSARY_ variables and worker processes, ready; its URL.
    Its log goes to ``log``."""
    port = free_port()
    command = [sys.executable, "-m", "glossary", "serve", "--port", str(port)]
    with open(log, "a") as stderr:
        process = subprocess.Popen(
            [*command, "--workers", str(workers)],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):
                with contextlib.suppress(OSError):
                    urllib.request.urlopen(f"{base}/readyz", timeout=1)
                    break
                time.sleep(0.1)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=30)
