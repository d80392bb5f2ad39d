"""Precision and recall on real-world plain text: ``python -m bench.precision [FOLDER] [-v]``.

Each ``*.txt`` in the folder (default ``tests/fixtures/realworld``) is a mail thread, chat
export, ticket or CRM dump whose first line says ``# kind: … lang: …``; every word the check
should report is written ``[[like this]]``. The markers are taken out, the text is checked as
plain text with the seed glossary and the default options, and each reported word is scored
against the marked ones: a finding that overlaps a marked word is right, one that overlaps none
is a false alarm, and a marked word that no finding overlaps is a miss. Prints precision and
recall per document, per kind and language, and in all; ``-v`` lists every false alarm and miss
with its line.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from glossary.matching.index import TermIndex
from glossary.matching.scan import CheckOptions, check
from glossary.terms_file import load_glossary

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "tests" / "fixtures" / "realworld"
SEED = ROOT / "data" / "terms.yaml"
MARK = re.compile(r"\[\[(.+?)\]\]", re.DOTALL)
HEADER = re.compile(r"#\s*kind:\s*(\w+)\s+lang:\s*(\w+)")

Span = tuple[int, int]


@dataclass(frozen=True)
class Annotated:
    """A document without its markers, the spans marked in it, and what kind of text it is."""

    name: str
    kind: str
    language: str
    text: str
    marked: tuple[Span, ...]


def annotated(path: Path) -> Annotated:
    """Read a corpus file: its header line, then the text with ``[[…]]`` around marked words."""
    header, _, body = path.read_text(encoding="utf-8").partition("\n")
    found = HEADER.match(header)
    if found is None:
        raise ValueError(f"{path}:1: the first line must be '# kind: K  lang: L'")
    pieces: list[str] = []
    marked: list[Span] = []
    at = 0
    for match in MARK.finditer(body):
        pieces.append(body[at : match.start()])
        start = sum(map(len, pieces))
        pieces.append(match.group(1))
        marked.append((start, start + len(match.group(1))))
        at = match.end()
    pieces.append(body[at:])
    return Annotated(path.name, found[1], found[2], "".join(pieces), tuple(marked))


@dataclass
class Score:
    """Findings on a marked word, false alarms, marked words, and marked words not found."""

    right: int = 0
    false: int = 0
    marked: int = 0
    missed: int = 0

    def add(self, other: Score) -> None:
        self.right += other.right
        self.false += other.false
        self.marked += other.marked
        self.missed += other.missed

    @property
    def precision(self) -> float:
        return self.right / (self.right + self.false) if self.right + self.false else 1.0

    @property
    def recall(self) -> float:
        return (self.marked - self.missed) / self.marked if self.marked else 1.0


def _overlaps(span: Span, others: Sequence[Span]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in others)


def score(doc: Annotated, index: TermIndex) -> tuple[Score, list[str]]:
    """Score one document; also the lines that say what was wrong."""
    found = [
        (f.offset, f.offset + f.length) for f in check(doc.text, index, CheckOptions()).findings
    ]
    result, notes = Score(marked=len(doc.marked)), []
    for span in found:
        if _overlaps(span, doc.marked):
            result.right += 1
        else:
            result.false += 1
            notes.append(_note(doc, span, "false alarm"))
    for span in doc.marked:
        if not _overlaps(span, found):
            result.missed += 1
            notes.append(_note(doc, span, "missed"))
    return result, notes


def _note(doc: Annotated, span: Span, what: str) -> str:
    line = doc.text.count("\n", 0, span[0]) + 2  # the header line comes first in the file
    return f"{doc.name}:{line}: {what}: {doc.text[span[0] : span[1]]!r}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=FOLDER)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every error")
    args = parser.parse_args(argv)
    index = TermIndex.build(load_glossary(SEED))
    total, groups = Score(), dict[str, Score]()
    print("| document | kind | lang | marked | found right | false alarms | missed |")
    print("|---|---|---|---:|---:|---:|---:|")
    for path in sorted(args.folder.glob("*.txt")):
        doc = annotated(path)
        result, notes = score(doc, index)
        print(
            f"| {doc.name} | {doc.kind} | {doc.language} | {result.marked} | {result.right} "
            f"| {result.false} | {result.missed} |"
        )
        total.add(result)
        for key in (doc.kind, doc.language):
            groups.setdefault(key, Score()).add(result)
        if args.verbose:
            print("\n".join(notes), file=sys.stderr)
    print()
    for key, group in [*sorted(groups.items()), ("all", total)]:
        print(f"{key}: precision {group.precision:.3f}, recall {group.recall:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
