"""TBX dialects: which elements each may hold and the picklists of their values, and how
problems found in a file name the element and its line."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from glossary.errors import Problem

V3 = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: TBX-Basic's administrativeStatus picklist (TBX v2 files may use TBX's whole list).
ADMINISTRATIVE_STATUS = frozenset(
    {
        "preferredTerm-admn-sts",
        "admittedTerm-admn-sts",
        "deprecatedTerm-admn-sts",
        "supersededTerm-admn-sts",
    }
)
V2_ADMINISTRATIVE = ADMINISTRATIVE_STATUS | {
    "legalTerm-admn-sts",
    "regulatedTerm-admn-sts",
    "standardizedTerm-admn-sts",
}
PART_OF_SPEECH = {"noun", "verb", "adjective", "adverb", "properNoun", "other"}
JOINED = "--"
#: How our export marks a meaning's cue: a note of the language section.
CUE = "cue: "


@dataclass(frozen=True, slots=True)
class Rules:
    """A dialect: which child elements (and ``type`` values) each element may have."""

    children: dict[str, frozenset[str]]
    picklists: dict[str, frozenset[str]] = field(default_factory=dict)


_MIN = Rules(
    children={
        "conceptEntry": frozenset(
            {"descrip:subjectField", "admin:customerSubset", "note", "langSec"}
        ),
        "langSec": frozenset({"termSec", "note"}),
        "termSec": frozenset(
            {
                "term",
                "termNote:partOfSpeech",
                "termNote:usageStatus",
                "termNote:administrativeStatus",
                "admin:customerSubset",
                "note",
            }
        ),
    },
    picklists={
        "usageStatus": frozenset(
            {"preferred", "admitted", "notRecommended", "obsolete", "deprecated", "superseded"}
        ),
        "administrativeStatus": ADMINISTRATIVE_STATUS,
    },
)
_TRANSACTIONS = frozenset({"transacGrp"})
_BASIC = Rules(
    children={
        "conceptEntry": frozenset(
            {
                "descrip:subjectField",
                "descrip:definition",
                "descripGrp",
                "admin:customerSubset",
                "admin:projectSubset",
                "note",
                "langSec",
                "xref:xGraphic",
                "ref:crossReference",
                *_TRANSACTIONS,
            }
        ),
        "langSec": frozenset(
            {"termSec", "descrip:definition", "descripGrp", "note", "xref:xGraphic", *_TRANSACTIONS}
        ),
        "termSec": frozenset(
            {
                "term",
                "termNote:partOfSpeech",
                "termNote:usageStatus",
                "termNote:administrativeStatus",
                "termNote:termType",
                "termNote:grammaticalGender",
                "termNote:geographicalUsage",
                "termNote:termLocation",
                "descrip:context",
                "descripGrp",
                "admin:customerSubset",
                "admin:projectSubset",
                "admin:source",
                "note",
                "xref:xGraphic",
                *_TRANSACTIONS,
            }
        ),
        "descripGrp": frozenset({"descrip:definition", "descrip:context", "admin:source", "note"}),
        "transacGrp": frozenset(
            {"transac:transactionType", "date", "transacNote:responsibility", "note"}
        ),
    },
    picklists={
        "usageStatus": _MIN.picklists["usageStatus"],
        "administrativeStatus": ADMINISTRATIVE_STATUS,
        "partOfSpeech": frozenset(PART_OF_SPEECH),
    },
)
DIALECTS = {"TBX-Min": _MIN, "TBX-Basic": _BASIC}


class Problems:
    """The problems found in a file, each naming its element and line."""

    def __init__(self) -> None:
        self.found: list[Problem] = []

    def add(self, element: Any, message: str) -> None:
        name = etree.QName(element).localname if element is not None else "file"
        line = element.sourceline if element is not None else None
        self.found.append(Problem(f"<{name}>", message, line=line))


def element_key(element: Any) -> str:
    """An element's name with its ``type`` (``descrip:definition``), as the rules name it."""
    name = etree.QName(element).localname
    kind = element.get("type")
    return f"{name}:{kind}" if kind else name


def check(element: Any, rules: Rules, problems: Problems, dialect: str) -> None:
    """Report an element the dialect does not allow where it stands, or a value off its picklist."""
    parent = element.getparent()
    name = etree.QName(element).localname
    if parent is not None and etree.QName(parent).localname in rules.children:
        allowed = rules.children[etree.QName(parent).localname]
        found = element_key(element)
        if found not in allowed and name not in allowed:
            where = etree.QName(parent).localname
            kind = f" type={element.get('type')!r}" if element.get("type") else ""
            problems.add(element, f"<{name}{kind}> is not allowed in <{where}> in {dialect}")
    kind = element.get("type")
    if kind in rules.picklists and (element.text or "").strip() not in rules.picklists[kind]:
        choices = ", ".join(sorted(rules.picklists[kind]))
        problems.add(element, f"{kind} {(element.text or '').strip()!r} is not one of {choices}")
