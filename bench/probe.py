"""Peak memory of one contender in a fresh process: ``python -m bench.probe KIND --terms N``.

Prints one JSON object: the peak resident set size (nothing subtracted) after
each stage — imports, glossary, index, scan — and the build time and matches. ``baseline``
stops after importing the engine, which is the floor every configuration starts from.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
from collections.abc import Sequence
from pathlib import Path

KINDS = ("baseline", "ours-fuzzy-off", "ours-fuzzy-on", "flashtext")


def peak_mb() -> float:
    """This process's peak resident set size so far, in MB (10^6 bytes).

    Linux's ``ru_maxrss`` survives fork and exec: a child of a 400 MB parent starts at 400 MB.
    ``VmHWM`` is the same high-water mark for this process's own memory only.
    """
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 1e6 if sys.platform == "darwin" else peak * 1024 / 1e6
    kilobytes = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(kilobytes) * 1024 / 1e6


def import_engine() -> bool:
    """Import the engine as `glossary check` would; False when it does not exist yet."""
    try:
        import glossary.matching.index
        import glossary.matching.scan
    except ImportError:
        import glossary.matching.model  # noqa: F401

        return False
    return True


def probe(kind: str, terms: int, corpus: Path) -> dict[str, object]:
    """Run one configuration's build and scan, noting the peak RSS after each stage."""
    report: dict[str, object] = {"kind": kind, "engine": import_engine(), "import_mb": peak_mb()}
    if kind == "baseline":
        return report
    from bench.engines import flashtext, ours, scan, timed
    from bench.glossaries import build_glossary

    glossary = build_glossary(terms)
    report["glossary_mb"] = peak_mb()
    build = flashtext if kind == "flashtext" else ours().builder(fuzzy=kind == "ours-fuzzy-on")
    build_s, matcher = timed(build, glossary)
    report.update(build_s=build_s, index_mb=peak_mb())
    scan_s, found = scan(tuple(sorted(corpus.rglob("*.md"))), matcher)
    report.update(scan_s=scan_s, matches=found, scan_mb=peak_mb())
    return report


def main(argv: Sequence[str] | None = None) -> None:
    """Parse the arguments, probe, print the JSON report."""
    parser = argparse.ArgumentParser(prog="python -m bench.probe", description=__doc__)
    parser.add_argument("kind", choices=KINDS)
    parser.add_argument("--terms", type=int, default=1_000)
    parser.add_argument("--corpus", type=Path, default=Path("bench/out/corpus"))
    args = parser.parse_args(argv)
    print(json.dumps(probe(args.kind, args.terms, args.corpus)))


if __name__ == "__main__":
    main()
