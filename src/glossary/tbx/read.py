"""TBX files → concept entries: safe parsing, the dialect, each entry in a dialect-free shape."""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from glossary.errors import InvalidGlossaryFile, Problem
from glossary.tbx.dialects import (
    CUE,
    DIALECTS,
    V2_ADMINISTRATIVE,
    V3,
    XML_LANG,
    Problems,
    check,
    element_key,
)

#: The Unicode byte order marks and their codecs, longest first (UTF-32 LE starts as UTF-16 LE).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: usageStatus and administrativeStatus values, and whether they retire the word.
_STATUS = {
    "preferred": False,
    "admitted": False,
    "notrecommended": True,
    "obsolete": True,
    "deprecated": True,
    "superseded": True,
    "preferredterm-admn-sts": False,
    "admittedterm-admn-sts": False,
    "deprecatedterm-admn-sts": True,
    "supersededterm-admn-sts": True,
    "legalterm-admn-sts": False,
    "regulatedterm-admn-sts": False,
    "standardizedterm-admn-sts": False,
}
_PREFERRED = {"preferred", "preferredterm-admn-sts"}


def read_tbx(data: bytes) -> tuple[Any, str]:
    """Parse safely; the root element and the dialect (``TBX-Min``, ``TBX-Basic`` or ``TBX v2``)."""
    root = _parse(data)
    _refuse_declarations(root, data)
    return root, _dialect(root)


def _parse(data: bytes) -> Any:
    """The root element; lxml decodes as XML says (byte order mark, encoding declaration)."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise _refuse(
            Problem("file", f"not well-formed XML: {error.msg}", line=error.lineno)
        ) from None
    return root


def _refuse_declarations(root: Any, data: bytes) -> None:
    """Refuse entity declarations (general or parameter, internal or external). A DOCTYPE
    that only names an external DTD is fine: that DTD is never loaded."""
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is None or next(dtd.iterentities(), None) is None:
        return
    raise _refuse(
        Problem(
            "<!DOCTYPE>",
            "entity declarations are not allowed (entity expansion, external entities)",
            line=_doctype_line(data, root.getroottree().docinfo.encoding),
        )
    )


def _doctype_line(data: bytes, declared: str | None) -> int | None:
    """The line of ``<!DOCTYPE``, in the file's own encoding."""
    codec = next((codec for bom, codec in _BOMS if data.startswith(bom)), declared or "utf-8")
    try:
        text = data.decode(codec, errors="replace")
    except LookupError:
        return None
    found = text.find("<!DOCTYPE")
    return text.count("\n", 0, found) + 1 if found >= 0 else None


def _dialect(root: Any) -> str:
    name = etree.QName(root)
    if name.localname == "tbx" and name.namespace == V3:
        dialect = root.get("type", "")
        if dialect not in DIALECTS:
            raise _refuse(
                Problem(
                    "<tbx>",
                    f"unsupported dialect type={dialect!r}: TBX-Min or TBX-Basic",
                    line=root.sourceline,
                )
            )
        if root.get("style", "dca").lower() != "dca":
            raise _refuse(
                Problem(
                    "<tbx>", 'only the DCA style is supported (style="dca")', line=root.sourceline
                )
            )
        return str(dialect)
    if name.localname == "martif" and name.namespace is None:
        return "TBX v2"
    raise _refuse(
        Problem(
            f"<{name.localname}>",
            "not a TBX file: expected <tbx> (TBX v3) or <martif> (TBX v2)",
            line=root.sourceline,
        )
    )


def _refuse(problem: Problem) -> InvalidGlossaryFile:
    return InvalidGlossaryFile([problem], source="the TBX file")


@dataclass(frozen=True, slots=True)
class Wording:
    """One term of a concept entry in one language, and whether it is retired or preferred."""

    text: str
    language: str
    retired: bool
    preferred: bool
    variant: bool = False


@dataclass
class Concept:
    """What one concept entry says, in a dialect-free shape."""

    id: str
    line: int
    element: Any
    subjects: list[str] = field(default_factory=list)
    definitions: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    wordings: list[Wording] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    cues: dict[str, list[str]] = field(default_factory=dict)


def concepts(root: Any, dialect: str) -> tuple[list[Concept], list[Problem]]:
    """The concept entries of a parsed file, checked against the dialect's rules."""
    problems = Problems()
    found: list[Concept] = []
    if dialect == "TBX v2":
        entries = root.iter("termEntry")
        for entry in entries:
            found.append(_concept_v2(entry, problems))
    else:
        rules = DIALECTS[dialect]
        for element in root.iter():
            if isinstance(element.tag, str):
                check(element, rules, problems, dialect)
        for entry in root.iter(f"{{{V3}}}conceptEntry"):
            found.append(_concept_v3(entry))
    if not found and not problems.found:
        problems.add(root, "no concept entries")
    return found, problems.found


def _text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


def _language(element: Any) -> str:
    return (element.get(XML_LANG) or "").split("-")[0].lower()


def _concept_v3(entry: Any) -> Concept:
    concept = Concept(entry.get("id") or f"line-{entry.sourceline}", entry.sourceline, entry)
    for child in entry:
        if isinstance(child.tag, str):
            _entry_child_v3(concept, child)
    for definition in entry.iter(f"{{{V3}}}descrip"):
        if definition.get("type") == "definition":
            section = next((a for a in definition.iterancestors(f"{{{V3}}}langSec")), None)
            language = _language(section) if section is not None else ""
            concept.definitions.setdefault(language, _text(definition))
    for section in entry.iter(f"{{{V3}}}langSec"):
        _section_v3(concept, section)
    return concept


def _entry_child_v3(concept: Concept, child: Any) -> None:
    """A subject (department), note, tag or related term given on the entry itself."""
    key = element_key(child)
    if key in ("descrip:subjectField", "admin:customerSubset"):
        concept.subjects.append(_text(child))
    elif key == "note":
        concept.notes.append((child.text or "").strip())
    elif key == "admin:projectSubset":
        concept.tags.append(_text(child))
    elif key == "ref:crossReference":
        concept.related.append(_text(child))


def _section_v3(concept: Concept, section: Any) -> None:
    """A language section's cues (our export's ``cue:`` notes) and wordings."""
    language = _language(section)
    for note in section.iterchildren(f"{{{V3}}}note"):
        if _text(note).startswith(CUE):
            concept.cues.setdefault(language, []).append(_text(note)[len(CUE) :])
    for term_section in section.iter(f"{{{V3}}}termSec"):
        term = term_section.find(f"{{{V3}}}term")
        if term is None or not _text(term):
            continue
        notes = list(term_section.iter(f"{{{V3}}}termNote"))
        statuses = [
            _text(note).lower()
            for note in notes
            if note.get("type") in ("usageStatus", "administrativeStatus")
        ]
        variant = any(_text(note) == "variant" for note in notes if note.get("type") == "termType")
        concept.wordings.append(_wording(_text(term), language, statuses, variant=variant))


def _concept_v2(entry: Any, problems: Problems) -> Concept:
    concept = Concept(entry.get("id") or f"line-{entry.sourceline}", entry.sourceline, entry)
    for descrip in entry.iter("descrip"):
        if descrip.get("type") == "subjectField":
            concept.subjects.append(_text(descrip))
        elif descrip.get("type") == "definition":
            section = next((a for a in descrip.iterancestors("langSet")), None)
            concept.definitions.setdefault(
                _language(section) if section is not None else "", _text(descrip)
            )
    for note in entry.iter("note"):
        concept.notes.append(_text(note))
    for admin in entry.iter("admin"):
        if admin.get("type") == "customerSubset":
            concept.subjects.append(_text(admin))
    sections = entry.findall("langSet")
    if not sections:
        problems.add(entry, "a <termEntry> needs at least one <langSet>")
    for section in sections:
        language = _language(section)
        if not language:
            problems.add(section, "a <langSet> needs xml:lang")
        groups = [*section.findall("tig"), *section.findall("ntig")]
        if not groups:
            problems.add(section, "a <langSet> needs a <tig> or <ntig>")
        for group in groups:
            term = group.find("term") if group.tag == "tig" else group.find("termGrp/term")
            if term is None or not _text(term):
                problems.add(group, f"a <{group.tag}> needs a <term>")
                continue
            _check_v2_statuses(group, problems)
            statuses = [
                _text(note).lower()
                for note in group.iter("termNote")
                if note.get("type") in ("administrativeStatus", "usageStatus")
            ]
            concept.wordings.append(_wording(_text(term), language, statuses))
    return concept


def _check_v2_statuses(group: Any, problems: Problems) -> None:
    """TBX v2's administrativeStatus values (any case: v2 files in the wild vary)."""
    known = {value.lower() for value in V2_ADMINISTRATIVE}
    for note in group.iter("termNote"):
        value = _text(note)
        if note.get("type") == "administrativeStatus" and value.lower() not in known:
            choices = ", ".join(sorted(V2_ADMINISTRATIVE))
            problems.add(note, f"administrativeStatus {value!r} is not one of {choices}")


def _wording(
    text: str, language: str, statuses: Sequence[str], *, variant: bool = False
) -> Wording:
    retired = any(_STATUS.get(status, False) for status in statuses)
    preferred = any(status in _PREFERRED for status in statuses)
    return Wording(text, language, retired, preferred, variant)
