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

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from glossary.matching.findings import Match
from glossary.matching.text import fold

if TYPE_CHECKING:
    from glossary.matching.context import Context
    from glossary.matching.model import Term
    from glossary.matching.spans import Span

__all__ = ["not_the_noun"]

#: How far before and after a span the tests read, in characters.
BEFORE, AFTER = 100, 60
#: Words, blank lines, line breaks and single marks of punctuation.
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|\n[ \t]*\n|\n|[^\w\s]")
_SENTENCE_END = frozenset([".", "!", "?", ":", "\n\n"])
_BULLETS = frozenset(["-", "*", "•", "–", ">"])


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
ENGLISH = _set(
    "the and to of is in for that with we it this on are be our will not can should from "
    "by an as have has was were which you they their he she would could may must don't"
)
SWEDISH = _set(
    "och att det som är en ett för på med inte vi till av den har kan ska om de jag ni vår "
    "våra vill också men eller så när från hur vad bör måste i"
)
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


@dataclass(frozen=True, slots=True)
class _Word:
    """A word near the span: folded, and as written."""

    folded: str
    written: str


@dataclass(frozen=True, slots=True)
class _Around:
    """The words of the span's clause before it (nearest first) and after it, and whether
    a sentence (or a list item) starts right before it."""

    before: list[_Word]
    after: list[_Word]
    opens: bool
    english: bool


def not_the_noun(context: Context, span: Span) -> bool:
    """True when the words around say the span is a verb and the term is meant as a noun."""
    term = span.entry.term
    if "verb" in term.pos or span.hit.match is Match.COMPOUND:
        return False
    token = context.folded[span.start : span.end]
    if not token.isalpha() and "'" not in token:
        return False  # a multiword span, or a code such as MQL:er
    word = span.entry.words[0] if span.hit.match is Match.FUZZY else token
    around = _around(context, span)
    if around.english:
        shape = _shape(word, term)
        return shape is not None and _english_verb(around, shape)
    return _swedish_verb(around, word, term)


def _around(context: Context, span: Span) -> _Around:
    tokens = _tokens(context, max(0, span.start - BEFORE), span.start)
    before, stop, read = _clause(reversed(tokens))
    if stop is None and span.start <= BEFORE:
        stop = "\n\n"  # the text starts
    bullet = stop in _BULLETS and (read == len(tokens) or tokens[-read - 1][0] == "\n")
    following = _tokens(context, span.end, span.end + AFTER)
    after = _clause(iter(following))[0]
    everything = {folded for folded, _ in tokens} | {folded for folded, _ in following}
    english = len(everything & ENGLISH) > len(everything & SWEDISH)
    opens = not before and (stop in _SENTENCE_END or bullet)
    return _Around(before, after, opens, english)


def _tokens(context: Context, start: int, end: int) -> list[tuple[str, str]]:
    """The tokens between two offsets: folded, and as written."""
    text = context.text
    return [
        (m.group(), text[m.start() : m.end()]) for m in _TOKEN.finditer(context.folded, start, end)
    ]


def _clause(tokens: Iterator[tuple[str, str]]) -> tuple[list[_Word], str | None, int]:
    """The words up to the first mark of punctuation or blank line (line breaks are gaps),
    that mark (None when the tokens end first), and how many tokens were read with it."""
    found: list[_Word] = []
    read = 0
    for folded, written in tokens:
        read += 1
        if folded == "\n":
            continue
        if not folded[0].isalnum():
            return found, folded, read
        found.append(_Word(folded.replace("’", "'"), written))
    return found, None, read


def _shape(word: str, term: Term) -> str | None:
    """The English verb form a word may be: base, s, past or ing; None when it cannot be
    a verb of the term (a possessive, or a label that is an -ing noun: *positioning*)."""
    labels = {fold(text) for texts in term.labels.values() for text in texts}
    wordings = labels | {fold(text) for texts in term.forms.values() for text in texts}
    if word.endswith("'s") or word.endswith("s'"):
        return None
    if word.endswith("ing"):
        return None if word in labels else "ing"
    if word in IRREGULAR_PAST or (word.endswith("ed") and word not in labels):
        return "past"
    plural = word[:-1] in wordings or (word.endswith("es") and word[:-2] in wordings)
    if word.endswith("s") and not word.endswith("ss") and plural:
        return "s"
    return "base" if word in wordings else None


def _english_verb(around: _Around, shape: str) -> bool:
    """A modal, ``to``, a subject or an auxiliary before; or an object after a verb form
    that opens a sentence, follows a name or takes an object."""
    before, after = around.before, around.after
    at = _skip(before, ADVERBS)
    cue = before[at] if at < len(before) else None
    following = after[0] if after else None
    if cue is not None and _cued(cue, shape, before[at + 1 : at + 2], following):
        return True
    takes_object = following is not None and following.folded in OBJECTS
    if shape == "ing":
        return takes_object or (following is not None and _named(following))
    if shape == "base":
        opens = around.opens or (cue is not None and cue.folded == "please")
        return opens and following is not None and following.folded in OBJECTS | PARTICLES
    subject = before[0] if before else None
    return takes_object and subject is not None and _is_subject(subject)


def _cued(cue: _Word, shape: str, earlier: list[_Word], following: _Word | None) -> bool:
    """Whether the word before (adverbs skipped) makes the span a verb."""
    word = cue.folded
    if shape == "base" and (word in MODALS or word.endswith("'ll")):
        return word != "may" or cue.written == "may"  # not the month
    if shape == "base" and word == "to":
        if earlier and earlier[0].folded in TO_TAKERS:
            return True
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


def _swedish_verb(around: _Around, word: str, term: Term) -> bool:
    """An infinitive after *att* or a modal (*kan vi konvertera*), a supine after *har*."""
    infinitives = _infinitives(term)
    supines = {verb[:-1] + "at" for verb in infinitives}
    if word not in infinitives and word not in supines:
        return False
    before = around.before
    at = _skip(before, SV_SKIPPED)
    if at >= len(before):
        return False
    cue = before[at].folded
    return cue in SV_MODALS if word in infinitives else cue in SV_HAVE


def _infinitives(term: Term) -> set[str]:
    """The Swedish verbs made of a term's one-word labels: *budgetera*, *pitcha*,
    *konvertera* (of *konvertering*), *bearbeta* (of *bearbetning*)."""
    found: set[str] = set()
    for texts in term.labels.values():
        for text in texts:
            label = fold(text)
            if not label.isalpha():
                continue
            found.update((label + "a", label + "era"))
            for suffix, verb in (("ering", "era"), ("ning", "a")):
                if label.endswith(suffix):
                    found.add(label[: -len(suffix)] + verb)
    return found
