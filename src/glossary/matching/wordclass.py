"""Word class: a verb use of a noun term (*she will lead the workshop*, *att budgetera*) is
not the term, unless the term says its verb is meant too (``pos: [noun, verb]``).

Decided by the words around, as a grammar book would: a modal, ``to``, an auxiliary or a
subject pronoun before an English word, or a determiner or particle after it, make it a
verb (*will lead*, *to target SMBs*, *we close Friday*, *he leads the team*, *converting
EUR*, *Lead the demo.*); determiners, possessives, prepositions and numbers make it a noun,
and so does anything else (a noun reading is the default: a missed verb costs a false alarm,
a noun taken for a verb a miss). The English rules apply only where the words around are
English. Swedish verbs of a term are distinct words (*budgetera* of *budget*, *konvertera*
of *konvertering*): only an infinitive after *att* or a modal, or a supine after *har*, is
taken for a verb; finite forms are left as they are, since *-ar* also makes plurals
(*pitchar*). Each test reads a bounded window around the span.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from glossary.matching.findings import Match
from glossary.matching.text import EN_MARKERS, SV_MARKERS, fold

if TYPE_CHECKING:
    from glossary.matching.context import Context
    from glossary.matching.model import Term
    from glossary.matching.spans import Span

__all__ = ["GLANCE", "cues_nothing", "not_the_noun"]

#: How far before and after a span the language test reads, in characters...
BEFORE, AFTER = 100, 60
#: ... and how far the words of the clause are read: a longer clause has words before the
#: span, and a cue to a verb stands right before it.
CLAUSE = 48
#: How far back the first look at the word before a span reads, and what it may see.
GLANCE = 24
_CUE, _NAME_BEFORE = "cue", "name"
#: How many words of the clause before a span are read at most.
MAX_WORDS = 8
#: Marks of punctuation, stripped from the words between spaces; one ends a clause.
_MARKS = ".,;:!?()[]{}<>\"'“”‘’«»/\\|-–—•*#=+&@%$~^`…"
_SENTENCE_END = frozenset(".!?:…")
_BULLETS = frozenset(["-", "*", "•", "–", ">", "+"])


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


MODALS = _set(
    "will would shall should can could may might must 'll let's lets don't doesn't didn't "
    "won't wouldn't can't cannot couldn't shouldn't mustn't shan't dont doesnt didnt wont cant"
)
#: Subjects of a verb's base form (*we close*) and of its -s form (*he leads*).
PLURAL_SUBJECTS = _set("i we you they who")
SINGULAR_SUBJECTS = _set("he she it who")
HAVE = _set("have has had 've")
BE = _set("am is are was were be been being 're 'm 's")
#: Verbs and adjectives that take ``to`` and an infinitive: *want to lead*, *hard to forecast*.
TO_TAKERS = _set(
    "want wants wanted need needs needed going plan plans planned planning try tries tried "
    "trying able how decided decide agreed agree asked ask like likes love help helps hope "
    "hoped expect expected supposed order ready easy hard difficult used time chance "
    "started start begin began continue continues allowed afford intend intends aim aims"
)
#: Between an auxiliary and its verb: *will also lead*, *don't ever spin up*.
ADVERBS = _set(
    "also then just still not never always usually often now only probably likely "
    "definitely really actually already soon normally typically even ever first"
)
#: What follows a verb and never a bare noun: a determiner, a possessive or an object pronoun.
OBJECTS = _set("the a an our your their his her its my them us him me both each every")
#: Particles of phrasal verbs (*spin up*), and prepositions a verb takes (*budget for it*).
PARTICLES = _set("up down off out")
PREPOSITIONS = _set("with for through into")
#: Words that stand before a noun: determiners, quantifiers, numbers, a few adjectives.
BEFORE_NOUNS = _set(
    "the a an this that these those our your their his her its my all some any no every each "
    "many few more most several other another new top hot warm cold open two three four five "
    "six seven eight nine ten both such what which whose"
)
#: Common function words of each language: which of them stand around decides whether the
#: English rules apply (a Swedish *I budget för 2026* is no *I budget*).
ENGLISH = EN_MARKERS | _set("he she would could may must don't")
SWEDISH = SV_MARKERS | {"i"}
#: English past forms that do not end in -ed.
IRREGULAR_PAST = _set("led spun sold won lost built sent spent met bought held kept paid ran")
SV_MODALS = _set(
    "att kan ska skall vill måste bör får borde kunde skulle ville brukar behöver försöker "
    "tänker hinner lär slutar börjar orkar vågar råkar"
)
SV_HAVE = _set("har hade ha haft")
SV_SKIPPED = _set(
    "inte också bara då nog kanske redan alltid aldrig snart gärna verkligen ju väl även "
    "först sedan sen helst vi jag du ni de dom han hon hen man den det"
)


#: The words right before a span that make it worth reading its clause.
_CUES = (
    MODALS
    | {"to", "please", "that", "which"}
    | PLURAL_SUBJECTS
    | SINGULAR_SUBJECTS
    | HAVE
    | BE
    | ADVERBS
    | SV_MODALS
    | SV_HAVE
    | SV_SKIPPED
)


class _Word(NamedTuple):
    """A word near the span: folded, and as written."""

    folded: str
    written: str


class _Around:
    """The words of the span's clause before it (nearest first: as far as the first that is
    not skipped, and one more), whether a sentence (or a list item) starts right before it,
    and the word right after it, read when first asked for."""

    __slots__ = ("_after", "_end", "_text", "before", "opens")

    def __init__(self, text: str, span: Span, skipped: frozenset[str]) -> None:
        self.before, self.opens = _before(text, span.start, skipped)
        self._text, self._end = text, span.end
        self._after: list[_Word | None] = []

    @property
    def following(self) -> _Word | None:
        """The word right after the span in the same clause and paragraph, if any."""
        if not self._after:
            self._after.append(_following(self._text, self._end))
        return self._after[0]


class _Wordings:
    """What a term's words are, for telling its verb forms, and what each word of the term
    that was seen is (its English verb form, whether a Swedish verb), remembered."""

    __slots__ = ("infinitives", "kinds", "labels", "noun_only", "supines", "wordings")

    def __init__(self, term: Term) -> None:
        self.labels = frozenset(fold(text) for texts in term.labels.values() for text in texts)
        forms = frozenset(fold(text) for texts in term.forms.values() for text in texts)
        self.wordings = self.labels | forms
        self.infinitives = _infinitives(self.labels)
        self.supines = frozenset(verb[:-1] + "at" for verb in self.infinitives)
        self.noun_only = "verb" not in term.pos
        self.kinds: dict[str, tuple[str | None, bool]] = {}

    def kind(self, word: str) -> tuple[str | None, bool]:
        """The English verb form ``word`` may be, and whether it may be a Swedish verb."""
        known = self.kinds.get(word)
        if known is None:
            if len(self.kinds) >= _MAX_KINDS:
                self.kinds.clear()
            verbal = self.noun_only and (word.isalpha() or "'" in word)
            swedish = verbal and (word in self.infinitives or word in self.supines)
            known = self.kinds[word] = (_shape(word, self) if verbal else None, swedish)
        return known


#: Each term's wordings, by the term's identity (the term is kept, so its id is not reused).
_WORDINGS: dict[int, tuple[Term, _Wordings]] = {}
_MAX_WORDINGS = 4096
#: The most words remembered per term (a term's words in a text are few; misspellings vary).
_MAX_KINDS = 256


def not_the_noun(context: Context, span: Span) -> bool:
    """True when the words around say the span is a verb and the term is meant as a noun."""
    hit = span.hit
    if hit.match is Match.COMPOUND:
        return False
    token = context.folded[span.start : span.end]
    # A first look at the word before decides for nearly every span: a noun after a
    # determiner, an adjective or a preposition. An -ing form is read on (*converting EUR*).
    glance = _NAME_BEFORE if token.endswith("ing") else _glance(context, span)
    if glance is None:
        return False
    word = hit.entry.words[0] if hit.match is Match.FUZZY else token
    shape, swedish = _wordings_of(hit.entry.term).kind(word)
    if glance is _NAME_BEFORE and shape not in ("s", "past", "ing"):
        return False  # only an -s or past form follows a name as its verb
    if shape is not None and _english_verb(_Around(context.text, span, ADVERBS), shape):
        return _english_here(context, span)
    if swedish and _swedish_verb(_before(context.text, span.start, SV_SKIPPED)[0], word):
        return not _english_here(context, span)
    return False


def cues_nothing(word: str) -> bool:
    """Whether a lower-case word right before a span says nothing of its word class (what
    `_glance` makes of it): most words before a term in prose."""
    return word not in _CUES and "'" not in word


def _glance(context: Context, span: Span) -> str | None:
    """What the word right before the span may be: a cue to a verb, the start of a
    sentence, a paragraph or a list item (all worth reading the clause for, see `_before`),
    a name, or nothing of the kind (None)."""
    low = max(0, span.start - GLANCE)
    piece = context.folded[low : span.start]
    if not piece[-1:].isspace():  # the text starts, or a mark stands right before
        return _CUE if not piece or piece[-1] in _SENTENCE_END else None
    parts = piece.rsplit(None, 1)
    if not parts or ("\n" in piece and piece.count("\n", len(piece.rstrip())) > 1):
        return _CUE  # a long gap, or a blank line
    word = parts[-1]
    if not word.isalpha():
        core = word.rstrip(_MARKS)
        if core != word:
            ends = any(mark in _SENTENCE_END for mark in word[len(core) :])
            return _CUE if ends or word in _BULLETS else None
        word = core.lstrip(_MARKS)
    if word in _CUES or "'" in word:
        return _CUE
    capital = context.text[low + len(piece.rstrip()) - len(word)].isupper()
    return _NAME_BEFORE if capital else None


def _english_here(context: Context, span: Span) -> bool:
    """Whether more English than Swedish function words stand around the span."""
    folded = context.folded
    near = set(folded[max(0, span.start - BEFORE) : span.start].split())
    near.update(folded[span.end : span.end + AFTER].split())
    return len(near & ENGLISH) > len(near & SWEDISH)


def _before(text: str, start: int, skipped: frozenset[str]) -> tuple[list[_Word], bool]:
    """The words of the clause before ``start``, nearest first, as far as the first word not
    in ``skipped`` and one more (a line break is a gap, a blank line or a mark of
    punctuation ends the clause), and whether a sentence, a paragraph or a list item opens
    right before ``start``."""
    low = max(0, start - CLAUSE)
    lines = text[low:start].split("\n")
    found: list[_Word] = []
    wanted = MAX_WORDS
    for number in range(len(lines) - 1, -1, -1):
        chunks = lines[number].split()
        if not chunks and 0 < number < len(lines) - 1:
            return found, not found  # a blank line
        for at in range(len(chunks) - 1, -1, -1):
            chunk = chunks[at]
            core = chunk.rstrip(_MARKS)
            if core != chunk:
                marks = chunk[len(core) :]
                ends = any(mark in _SENTENCE_END for mark in marks)
                bullet = not core and at == 0 and marks in _BULLETS
                return found, not found and (ends or bullet)
            bare = core.lstrip(_MARKS)
            word = _Word(bare.lower().replace("’", "'"), bare)
            found.append(word)
            if word.folded not in skipped:
                wanted = min(wanted, len(found) + 1)
            if bare != core or len(found) >= wanted:
                return found, False
    return found, not found and low == 0


def _following(text: str, end: int) -> _Word | None:
    """The word right after ``end`` in the same clause and paragraph, if any."""
    rest = text[end : end + CLAUSE]
    if not rest[:1].isspace():
        return None  # a mark, or the end of the text
    stripped = rest.lstrip()
    if not stripped or stripped[0] in _MARKS or rest[: len(rest) - len(stripped)].count("\n") > 1:
        return None
    word = stripped.split(None, 1)[0].rstrip(_MARKS)
    return _Word(word.lower().replace("’", "'"), word)


def _wordings_of(term: Term) -> _Wordings:
    known = _WORDINGS.get(id(term))
    if known is not None and known[0] is term:
        return known[1]
    wordings = _Wordings(term)
    if len(_WORDINGS) >= _MAX_WORDINGS:
        _WORDINGS.clear()
    _WORDINGS[id(term)] = (term, wordings)
    return wordings


def _shape(word: str, wordings: _Wordings) -> str | None:
    """The English verb form a word may be: base, s, past or ing; None when it cannot be
    a verb of the term (a possessive, or a label that is an -ing noun: *positioning*)."""
    labels, known = wordings.labels, wordings.wordings
    if word.endswith("'s") or word.endswith("s'"):
        return None
    if word.endswith("ing"):
        return None if word in labels else "ing"
    if word in IRREGULAR_PAST or (word.endswith("ed") and word not in labels):
        return "past"
    plural = word[:-1] in known or (word.endswith("es") and word[:-2] in known)
    if word.endswith("s") and not word.endswith("ss") and plural:
        return "s"
    return "base" if word in known else None


def _english_verb(around: _Around, shape: str) -> bool:
    """A modal, ``to``, a subject or an auxiliary before; or an object after a verb form
    that opens a sentence, follows a name or takes an object."""
    before = around.before
    at = _skip(before, ADVERBS)
    cue = before[at] if at < len(before) else None
    if cue is not None and _cued(cue, shape, before[at + 1 : at + 2], around):
        return True
    if shape == "base" and not (around.opens or (cue is not None and cue.folded == "please")):
        return False  # the common case: a noun after a determiner or an adjective
    if shape in ("s", "past") and not (before and _is_subject(before[0])):
        return False
    following = around.following
    if following is None:
        return False
    if shape == "ing":
        return following.folded in OBJECTS or _named(following)
    return following.folded in (OBJECTS | PARTICLES if shape == "base" else OBJECTS)


def _cued(cue: _Word, shape: str, earlier: list[_Word], around: _Around) -> bool:
    """Whether the word before (adverbs skipped) makes the span a verb."""
    word = cue.folded
    if shape == "base" and (word in MODALS or word.endswith("'ll")):
        return word != "may" or cue.written == "may"  # not the month
    if shape == "base" and word == "to":
        if earlier and earlier[0].folded in TO_TAKERS:
            return True
        following = around.following
        return following is not None and (
            following.folded in OBJECTS | PARTICLES | PREPOSITIONS or _named(following)
        )
    if word == "i":
        return cue.written == "I" and shape in ("base", "past")
    if word in PLURAL_SUBJECTS and shape in ("base", "past"):
        return True
    if word in SINGULAR_SUBJECTS and shape in ("s", "past"):
        return True
    if shape == "past" and (word in HAVE or word.endswith("'ve")):
        return True
    return shape == "ing" and (word in BE or word.endswith(("'re", "'m", "'s")))


def _is_subject(word: _Word) -> bool:
    """A relative pronoun, or a name (*Anna leads the QA*), not a word that stands before
    nouns (*New leads*, *All leads*)."""
    if word.folded in ("that", "which", "who"):
        return True
    written = word.written
    return (
        len(written) > 1
        and written[0].isupper()
        and written[1:].islower()
        and word.folded not in BEFORE_NOUNS
    )


def _named(word: _Word) -> bool:
    """A name or an acronym as an object: *converting EUR*, *to target SMBs*."""
    written = word.written
    return len(written) > 1 and written[0].isupper() and not written.isdigit()


def _skip(words: list[_Word], skipped: frozenset[str]) -> int:
    at = 0
    while at < len(words) and words[at].folded in skipped:
        at += 1
    return at


def _swedish_verb(before: list[_Word], word: str) -> bool:
    """An infinitive after *att* or a modal (*kan vi konvertera*), a supine after *har*."""
    at = _skip(before, SV_SKIPPED)
    if at >= len(before):
        return False
    cue = before[at].folded
    return cue in SV_HAVE if word.endswith("at") else cue in SV_MODALS


def _infinitives(labels: frozenset[str]) -> frozenset[str]:
    """The Swedish verbs made of a term's one-word labels: *budgetera*, *pitcha*,
    *konvertera* (of *konvertering*), *bearbeta* (of *bearbetning*)."""
    found: set[str] = set()
    for label in labels:
        if not label.isalpha():
            continue
        found.update((label + "a", label + "era"))
        for suffix, verb in (("ering", "era"), ("ning", "a")):
            if label.endswith(suffix):
                found.add(label[: -len(suffix)] + verb)
    return frozenset(found)
