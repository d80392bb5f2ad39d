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

from glossary.tbx.dialects import ADMINISTRATIVE_STATUS, CUE, JOINED, PART_OF_SPEECH, V3, XML_LANG
from glossary.tbx.read import Concept, Wording, concepts, read_tbx
from glossary.tbx.terms import file_languages, slug, to_terms
from glossary.tbx.write import dump_tbx

__all__ = [
    "ADMINISTRATIVE_STATUS",
    "CUE",
    "JOINED",
    "PART_OF_SPEECH",
    "V3",
    "XML_LANG",
    "Concept",
    "Wording",
    "concepts",
    "dump_tbx",
    "file_languages",
    "read_tbx",
    "slug",
    "to_terms",
]
