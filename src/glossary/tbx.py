"""TBX, the termbase exchange format (ISO 30042): import of TBX v3 (TBX-Min and TBX-Basic, DCA
style) and of TBX v2 (``martif``), export of TBX-Basic.

Termbases model one concept per entry; a word with a meaning per department is several
entries. Import: each concept entry becomes a term, its preferred and admitted terms per
language its labels, its ``subjectField`` or ``customerSubset`` the department where it names
one (else the department the caller gives), its definitions the meaning's definition and its
notes the term's note. Deprecated, superseded or obsolete terms become deprecated terms of
their own that point to the preferred ones. Export writes one entry per term and department
meaning (``<term id>--<department>``), with forms as variants, cues as ``cue:`` notes, tags as
projectSubset and related terms as crossReference; entries named so are joined again on import,
so an export imports back unchanged (but for status, which TBX-Basic has no place for).

Safety: the file is parsed by lxml with entity resolution, DTD loading and network access off,
so no entity is expanded and nothing outside the file is read; then a file that declares an
entity is refused, in whatever encoding it came (lxml decodes it as XML says): no
entity-expansion bomb, no external entity. Problems name the element and its line; nothing
is imported when there is one.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from lxml import etree  # type: ignore[import-untyped]

from glossary.errors import InvalidGlossaryFile, Problem
from glossary.matching.model import Department, Glossary, Usage
from glossary.terms_file import MAX_TERM_ID_CHARS

V3 = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
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
#: TBX-Basic's administrativeStatus picklist (TBX v2 files may use TBX's whole list, _STATUS).
ADMINISTRATIVE_STATUS = frozenset(
    {
        "preferredTerm-admn-sts",
        "admittedTerm-admn-sts",
        "deprecatedTerm-admn-sts",
        "supersededTerm-admn-sts",
    }
)
_V2_ADMINISTRATIVE = ADMINISTRATIVE_STATUS | {
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
_DIALECTS = {"TBX-Min": _MIN, "TBX-Basic": _BASIC}


class _Problems:
    def __init__(self) -> None:
        self.found: list[Problem] = []

    def add(self, element: Any, message: str) -> None:
        name = etree.QName(element).localname if element is not None else "file"
        line = element.sourceline if element is not None else None
        self.found.append(Problem(f"<{name}>", message, line=line))


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
        if dialect not in _DIALECTS:
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


@dataclass
class Wording:
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
    problems = _Problems()
    found: list[Concept] = []
    if dialect == "TBX v2":
        entries = root.iter("termEntry")
        for entry in entries:
            found.append(_concept_v2(entry, problems))
    else:
        rules = _DIALECTS[dialect]
        for element in root.iter():
            if isinstance(element.tag, str):
                _check(element, rules, problems, dialect)
        for entry in root.iter(f"{{{V3}}}conceptEntry"):
            found.append(_concept_v3(entry))
    if not found and not problems.found:
        problems.add(root, "no concept entries")
    return found, problems.found


def _key(element: Any) -> str:
    name = etree.QName(element).localname
    kind = element.get("type")
    return f"{name}:{kind}" if kind else name


def _check(element: Any, rules: Rules, problems: _Problems, dialect: str) -> None:
    parent = element.getparent()
    name = etree.QName(element).localname
    if parent is not None and etree.QName(parent).localname in rules.children:
        allowed = rules.children[etree.QName(parent).localname]
        key = _key(element)
        if key not in allowed and name not in allowed:
            where = etree.QName(parent).localname
            kind = f" type={element.get('type')!r}" if element.get("type") else ""
            problems.add(element, f"<{name}{kind}> is not allowed in <{where}> in {dialect}")
    kind = element.get("type")
    if kind in rules.picklists and (element.text or "").strip() not in rules.picklists[kind]:
        choices = ", ".join(sorted(rules.picklists[kind]))
        problems.add(element, f"{kind} {(element.text or '').strip()!r} is not one of {choices}")


def _text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


def _language(element: Any) -> str:
    return (element.get(XML_LANG) or "").split("-")[0].lower()


def _concept_v3(entry: Any) -> Concept:
    concept = Concept(entry.get("id") or f"line-{entry.sourceline}", entry.sourceline, entry)
    for child in entry:
        if not isinstance(child.tag, str):
            continue
        key = _key(child)
        if key in ("descrip:subjectField", "admin:customerSubset"):
            concept.subjects.append(_text(child))
        elif key == "note":
            concept.notes.append((child.text or "").strip())
        elif key == "admin:projectSubset":
            concept.tags.append(_text(child))
        elif key == "ref:crossReference":
            concept.related.append(_text(child))
    for definition in entry.iter(f"{{{V3}}}descrip"):
        if definition.get("type") == "definition":
            section = next((a for a in definition.iterancestors(f"{{{V3}}}langSec")), None)
            language = _language(section) if section is not None else ""
            concept.definitions.setdefault(language, _text(definition))
    for section in entry.iter(f"{{{V3}}}langSec"):
        language = _language(section)
        for note in section.iterchildren(f"{{{V3}}}note"):
            if _text(note).startswith(CUE):
                concept.cues.setdefault(language, []).append(_text(note)[len(CUE) :])
        for term_section in section.iter(f"{{{V3}}}termSec"):
            term = term_section.find(f"{{{V3}}}term")
            if term is None or not _text(term):
                continue
            statuses = [
                _text(note).lower()
                for note in term_section.iter(f"{{{V3}}}termNote")
                if note.get("type") in ("usageStatus", "administrativeStatus")
            ]
            wording = _wording(_text(term), language, statuses)
            wording.variant = any(
                _text(note) == "variant"
                for note in term_section.iter(f"{{{V3}}}termNote")
                if note.get("type") == "termType"
            )
            concept.wordings.append(wording)
    return concept


def _concept_v2(entry: Any, problems: _Problems) -> Concept:
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


def _check_v2_statuses(group: Any, problems: _Problems) -> None:
    """TBX v2's administrativeStatus values (any case: v2 files in the wild vary)."""
    known = {value.lower() for value in _V2_ADMINISTRATIVE}
    for note in group.iter("termNote"):
        value = _text(note)
        if note.get("type") == "administrativeStatus" and value.lower() not in known:
            choices = ", ".join(sorted(_V2_ADMINISTRATIVE))
            problems.add(note, f"administrativeStatus {value!r} is not one of {choices}")


def _wording(text: str, language: str, statuses: Sequence[str]) -> Wording:
    retired = any(_STATUS.get(status, False) for status in statuses)
    return Wording(text, language, retired, any(status in _PREFERRED for status in statuses))


# ------------------------------------------------------------------------------ to terms


def file_languages(found: Sequence[Concept]) -> list[str]:
    """The languages the concepts have terms in, in order of appearance."""
    return list(dict.fromkeys(w.language for c in found for w in c.wordings if w.language))


def slug(text: str) -> str:
    """An id from a word: lowercase ASCII letters, digits and '-', short enough to take a
    number (``-2``) and stay within the cap on ids."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain)[: MAX_TERM_ID_CHARS - 8].strip("-") or "term"


def to_terms(
    found: Sequence[Concept],
    *,
    languages: Sequence[str],
    departments: Sequence[Department],
    default_department: str | None,
    lines: dict[str, int] | None = None,
) -> tuple[list[dict[str, Any]], list[Problem]]:
    """The concepts as glossary-file terms; problems name the entry and its line. ``lines``,
    if given, gets the line of the (first) entry each term came from."""
    lines = {} if lines is None else lines
    problems = _Problems()
    by_name = {d.id.lower(): d.id for d in departments}
    for known in departments:
        by_name.update({name.lower(): known.id for name in known.name.values()})
    joined: dict[str, dict[str, Any]] = {}
    terms: list[dict[str, Any]] = []
    taken: set[str] = set()
    for concept in found:
        department = next(
            (by_name[s.lower()] for s in concept.subjects if s.lower() in by_name),
            default_department,
        )
        if department is None:
            named = f" ({', '.join(repr(s) for s in concept.subjects)})" if concept.subjects else ""
            problems.add(
                concept.element,
                f"entry {concept.id!r}: no department{named}; give one with ?department= "
                "(glossary import --department)",
            )
            continue
        kept = [w for w in concept.wordings if w.language in languages]
        if not kept:
            problems.add(
                concept.element, f"entry {concept.id!r} has no term in {', '.join(languages)}"
            )
            continue
        meaning = _meaning(concept, department, kept, languages)
        base, _, joined_department = concept.id.rpartition(JOINED)
        if base and joined_department == department:  # written by our export: join again
            target = joined.get(base)
            if target is None:
                target = joined[base] = {"id": base, "labels": {}, "meanings": []}
                terms.append(target)
                lines[base] = concept.line
                taken.add(base)
            _join(target, concept, meaning, kept)
            continue
        current = [w for w in kept if not w.retired]
        retired = [w for w in kept if w.retired]
        if current:
            term_id = _unique(slug(current[0].text), taken)
            lines[term_id] = concept.line
            term = {
                "id": term_id,
                "labels": _words(current),
                "meanings": [meaning],
            }
            if concept.notes:
                term["note"] = "\n".join(concept.notes)
            terms.append(term)
        for wording in retired:
            preferred = _words(current)
            term_id = _unique(slug(wording.text), taken)
            lines[term_id] = concept.line
            terms.append(
                {
                    "id": term_id,
                    "labels": {wording.language: [wording.text]},
                    "usage": Usage.DEPRECATED.value,
                    "meanings": [{**meaning, "prefer": preferred} if preferred else meaning],
                }
            )
    return terms, problems.found


def _join(
    target: dict[str, Any], concept: Concept, meaning: dict[str, Any], kept: Sequence[Wording]
) -> None:
    """One entry of our export into its term: labels (deprecated or not), forms (variants),
    prefer wordings and cues, the term's note, tags and related terms."""
    labels = [w for w in kept if not w.preferred and not w.variant]
    _add_words(target.setdefault("labels", {}), labels)
    forms = _words([w for w in kept if w.variant and not w.preferred])
    if forms:
        target["forms"] = forms
    meaning["prefer"] = _words([w for w in kept if w.preferred])
    if concept.cues:
        meaning["cues"] = dict(concept.cues)
    target["meanings"].append(meaning)
    if labels and all(w.retired for w in labels):
        target["usage"] = Usage.DEPRECATED.value
    for name, values in (("tags", concept.tags), ("related", concept.related)):
        if values:
            target[name] = list(values)
    if concept.notes:
        target["note"] = "\n".join(concept.notes)


def _meaning(
    concept: Concept, department: str, kept: Sequence[Wording], languages: Sequence[str]
) -> dict[str, Any]:
    definitions = {lang: text for lang, text in concept.definitions.items() if lang in languages}
    if not definitions and "" in concept.definitions:
        definitions = {kept[0].language: concept.definitions[""]}
    if not definitions:
        definitions = {
            kept[0].language: f"{kept[0].text} (from a termbase entry without a definition)"
        }
    return {"department": department, "definition": definitions}


def _words(wordings: Sequence[Wording]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    _add_words(out, wordings)
    return out


def _add_words(out: dict[str, list[str]], wordings: Sequence[Wording]) -> None:
    for wording in wordings:
        words = out.setdefault(wording.language, [])
        if wording.text not in words:
            words.append(wording.text)


def _unique(base: str, taken: set[str]) -> str:
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


# ------------------------------------------------------------------------------- export


def dump_tbx(glossary: Glossary) -> str:
    """TBX-Basic (DCA): one concept entry per term and department meaning; the term's labels
    as admitted terms (deprecated if the term is), the meaning's prefer wordings as preferred."""
    order = glossary.languages
    language = quoteattr(order[0] if order else "en")
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<tbx type="TBX-Basic" style="dca" xml:lang={language} xmlns="{V3}">',
        "  <tbxHeader><fileDesc><sourceDesc><p>glossary export</p></sourceDesc></fileDesc>"
        "</tbxHeader>",
        "  <text>",
        "    <body>",
    ]
    entries = {t.id: f"{t.id}{JOINED}{t.meanings[0].department}" for t in glossary.terms}
    for term in glossary.terms:
        for meaning in term.meanings:
            lines += list(_entry(term, meaning, order, entries))
    lines += ["    </body>", "  </text>", "</tbx>", ""]
    return "\n".join(lines)


def _entry(term: Any, meaning: Any, order: Sequence[str], entries: dict[str, str]) -> Iterator[str]:
    """One concept entry: the term's labels and forms (as variants), the meaning's definition,
    prefer wordings and cues (notes ``cue: …``), the term's note, tags (projectSubset) and
    related terms (crossReference), so that the entry imports back as it was."""
    status = (
        "deprecatedTerm-admn-sts" if term.usage is Usage.DEPRECATED else "admittedTerm-admn-sts"
    )
    yield f"      <conceptEntry id={quoteattr(term.id + JOINED + meaning.department)}>"
    yield f'        <descrip type="subjectField">{escape(meaning.department)}</descrip>'
    for tag in term.tags:
        yield f'        <admin type="projectSubset">{escape(tag)}</admin>'
    if term.note:
        yield f"        <note>{escape(term.note)}</note>"
    for other in term.related:
        target = quoteattr(entries.get(other, other))
        yield f'        <ref type="crossReference" target={target}>{escape(other)}</ref>'
    fields = (term.labels, term.forms, meaning.prefer, meaning.definition, meaning.cues)
    for language in [lang for lang in order if any(lang in f for f in fields)]:
        yield f"        <langSec xml:lang={quoteattr(language)}>"
        if language in meaning.definition:
            definition = escape(meaning.definition[language])
            yield f'          <descrip type="definition">{definition}</descrip>'
        for cue in meaning.cues.get(language, ()):
            yield f"          <note>{escape(CUE + cue)}</note>"
        for text in meaning.prefer.get(language, ()):
            yield from _term_section(text, "preferredTerm-admn-sts")
        for text in term.labels.get(language, ()):
            yield from _term_section(text, status)
        for text in term.forms.get(language, ()):
            yield from _term_section(text, status, variant=True)
        yield "        </langSec>"
    yield "      </conceptEntry>"


def _term_section(text: str, status: str, *, variant: bool = False) -> Iterator[str]:
    yield "          <termSec>"
    yield f"            <term>{escape(text)}</term>"
    yield f'            <termNote type="administrativeStatus">{status}</termNote>'
    if variant:
        yield '            <termNote type="termType">variant</termNote>'
    yield "          </termSec>"
