"""Glossary → TBX-Basic (DCA): one concept entry per term and department meaning."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from glossary.matching.model import Glossary, Usage
from glossary.tbx.dialects import CUE, JOINED, V3


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
