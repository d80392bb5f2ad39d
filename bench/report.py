"""The benchmark's results as Markdown: the main table, latency lines, memory, targets."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from bench.micro import Latency

FLOOR = "floor"
FLASHTEXT = "flashtext"
FUZZY_OFF = "ours-fuzzy-off"
FUZZY_ON = "ours-fuzzy-on"
OURS_BUILD = "ours"
_STAGES = (
    ("import_mb", "imports"),
    ("glossary_mb", "+ glossary"),
    ("index_mb", "+ index"),
    ("scan_mb", "+ scan"),
)


@dataclass
class Samples:
    """What the timed runs measured: seconds per run, builds per run, matches found."""

    megabytes: float
    seconds: dict[tuple[str, int], list[float]] = field(default_factory=dict)
    builds: dict[tuple[str, int], list[float]] = field(default_factory=dict)
    matches: dict[tuple[str, int], int] = field(default_factory=dict)

    @property
    def runs(self) -> int:
        """How many timed runs were made."""
        return max((len(runs) for runs in self.seconds.values()), default=0)

    def add(self, name: str, size: int, seconds: float, matches: int) -> None:
        """One pass of one contender over the whole corpus."""
        self.seconds.setdefault((name, size), []).append(seconds)
        self.matches[name, size] = matches

    def add_build(self, name: str, size: int, seconds: float) -> None:
        """One build of a contender's matcher for one glossary size."""
        self.builds.setdefault((name, size), []).append(seconds)

    def speed(self, name: str, size: int) -> float | None:
        """Median MB/s of a contender, or None if it was not measured."""
        runs = self.seconds.get((name, size))
        return statistics.median(self.megabytes / s for s in runs) if runs else None

    def ratio(self, name: str, other: str, size: int) -> float | None:
        """Median over runs of name's speed / other's speed within the same run."""
        ours, theirs = self.seconds.get((name, size)), self.seconds.get((other, size))
        if not ours or not theirs:
            return None
        return statistics.median(t / o for o, t in zip(ours, theirs, strict=True))

    def build(self, name: str, size: int) -> float | None:
        """Median build seconds, or None."""
        runs = self.builds.get((name, size))
        return statistics.median(runs) if runs else None


@dataclass
class Results:
    """Everything the report shows."""

    header: str
    sizes: Sequence[int]
    samples: Samples
    memory: dict[tuple[str, int], dict[str, float]]
    notes: list[str]
    engine_latency: Latency | str
    api_latency: Latency | str
    cli: str
    micro_terms: int


def render(results: Results) -> str:
    """The whole report."""
    parts = ["# glossary benchmark", results.header, main_table(results)]
    parts += ["\n".join(f"- {line}" for line in [*results.notes, *latency_lines(results)])]
    if results.memory:
        parts += ["### Peak memory by stage (MB, fresh process per configuration)"]
        parts += [memory_table(results)]
    parts += ["### Matches per pass over the corpus", matches_table(results)]
    parts += ["### Targets", "\n".join(target_lines(results))]
    return "\n\n".join(parts) + "\n"


def main_table(results: Results) -> str:
    samples = results.samples
    header = (
        "| terms | floor MB/s | flashtext MB/s | ours fuzzy-off MB/s | ours fuzzy-on MB/s "
        "| ours/flashtext | ours/floor | index build s | peak RSS MB |"
    )
    lines = [header, "|" + "---:|" * 9]
    for size in results.sizes:
        peak = results.memory.get((FUZZY_ON, size), {}).get("scan_mb")
        cells = [f"{size:,}"]
        cells += [_num(samples.speed(name, size)) for name in (FLOOR, FLASHTEXT, FUZZY_OFF)]
        cells += [_num(samples.speed(FUZZY_ON, size))]
        cells += [_times(samples.ratio(FUZZY_ON, FLASHTEXT, size))]
        cells += [_times(samples.ratio(FUZZY_ON, FLOOR, size))]
        cells += [_num(samples.build(OURS_BUILD, size), 3), _num(peak, 0)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def latency_lines(results: Results) -> list[str]:
    terms = f"{results.micro_terms:,} terms, fuzzy on, a new stretch of the corpus per call"
    return [
        f"`check()` of a 2,000-character text ({terms}): {_latency(results.engine_latency)}",
        f"`POST /v1/check` in-process through the app (TestClient, SQLite, {terms}): "
        + _latency(results.api_latency),
        f"`glossary check` CLI, end to end: {results.cli}",
    ]


def memory_table(results: Results) -> str:
    lines = ["| terms | configuration | " + " | ".join(s for _, s in _STAGES) + " | build s |"]
    lines.append("|---:|---|" + "---:|" * (len(_STAGES) + 1))
    for size in results.sizes:
        for name in (FUZZY_OFF, FUZZY_ON, FLASHTEXT):
            stages = results.memory.get((name, size))
            if stages:
                cells = [_num(stages.get(key), 0) for key, _ in _STAGES]
                cells.append(_num(stages.get("build_s"), 3))
                lines.append(f"| {size:,} | {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def matches_table(results: Results) -> str:
    samples = results.samples
    lines = ["| terms | words (floor) | flashtext matches | ours findings fuzzy-off | fuzzy-on "]
    lines[0] += "| flashtext build s |"
    lines.append("|" + "---:|" * 6)
    for size in results.sizes:
        counts = [samples.matches.get((name, size)) for name in (FLOOR, FLASHTEXT, FUZZY_OFF)]
        counts.append(samples.matches.get((FUZZY_ON, size)))
        cells = [f"{size:,}", *("—" if c is None else f"{c:,}" for c in counts)]
        cells.append(_num(samples.build(FLASHTEXT, size), 3))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def target_lines(results: Results) -> list[str]:
    """The issue's targets, each ticked, crossed or marked not measured."""
    samples = results.samples
    lines = []
    for size in (1_000, 10_000):
        ratio = samples.ratio(FUZZY_ON, FLASHTEXT, size)
        text = f"everything on ≥ flashtext at {size:,} terms"
        lines.append(_target(text, ratio, ratio is not None and ratio >= 1, _times(ratio)))
    ratio = samples.ratio(FUZZY_ON, FLOOR, 1_000)
    text = "everything on ≥ half the tokenize-only floor at 1,000 terms"
    lines.append(_target(text, ratio, ratio is not None and ratio >= 0.5, _times(ratio)))
    build = samples.build(OURS_BUILD, 10_000)
    text = "index build for 10,000 terms under 1 s"
    lines.append(_target(text, build, build is not None and build < 1, f"{_num(build, 3)} s"))
    peak = results.memory.get((FUZZY_ON, 10_000), {}).get("scan_mb")
    text = "peak memory under 200 MB at 10,000 terms"
    lines.append(_target(text, peak, peak is not None and peak < 200, f"{_num(peak, 0)} MB"))
    return lines


def _target(text: str, value: float | None, met: bool, shown: str) -> str:
    if value is None:
        return f"- [ ] {text}: not measured"
    return f"- [{'x' if met else ' '}] {text}: {shown} ({'met' if met else '**missed**'})"


def _latency(value: Latency | str) -> str:
    if isinstance(value, str):
        return value
    return f"p50 {value.p50_ms:.2f} ms, p99 {value.p99_ms:.2f} ms ({value.calls:,} calls)"


def _num(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def _times(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}×"
