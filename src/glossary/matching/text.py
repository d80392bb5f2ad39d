"""Words: tokenizing, folding, inflection rules for Swedish and English, and common words."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from functools import cache, lru_cache
from pathlib import Path

#: A word: letters and digits (å, ä, ö, é, ü are letters), with inner apostrophes or colons
#: (``budget's``, Swedish ``MQL:er``). Underscore is not part of a word.
WORD = re.compile(r"[^\W_]+(?:['’:][^\W_]+)*")
#: Words that occur in nearly every Swedish or English text: which of them a text has more
#: of decides the language it is read in.
_SV_MARKERS = (
    "och att det som är en ett för på med inte vi till av den har kan ska om de jag ni vår "
    "våra vill också men eller så när från hur vad bör måste"
)
_EN_MARKERS = (
    "the and to of is in for that with we it this on are be our will not can should from "
    "by an as have has was were which you they their"
)
SV_MARKERS = frozenset(_SV_MARKERS.split())
EN_MARKERS = frozenset(_EN_MARKERS.split())
#: What may stand inside a word between letters: ``budget's``, Swedish ``MQL:er``.
JOINERS = frozenset("'’:")
#: What may stand between the words of a multiword term: spaces, one line break (and the
#: ``>`` of quoted mail after it), a hyphen (also at a line end), and Markdown emphasis marks.
#: Never a blank line or a sentence mark.
GAP = re.compile(
    r"[ \t\u00a0*_]*(?:[-\u2010\u2011]?\r?\n(?:[ \t]*>)*|[-\u2010\u2011])?[ \t\u00a0*_]*"
)


#: Endings a Swedish noun takes (plural, definite, genitive), also on English loanwords
#: (``leadsen``, ``targeten``, ``pipelinen``, ``kampanjerna``).
SV_ENDINGS = frozenset(
    [
        "en",
        "et",
        "n",
        "t",
        "na",
        "ar",
        "arna",
        "er",
        "erna",
        "or",
        "orna",
        "s",
        "ens",
        "ets",
        "ns",
        "ts",
        "nas",
        "arnas",
        "ernas",
        "ornas",
        "ars",
        "ers",
        "ors",
        "sen",
        "sens",
        "sena",
    ]
)
#: Endings of English nouns: plural and possessive. Verb forms (-ing, -ed) are left to
#: the glossary's ``forms``: ``spinning`` is not *spin*, ``leader`` is not *lead*.
EN_ENDINGS = frozenset(["s", "es", "'s", "s'"])
#: Swedish endings after a dropped final vowel: ``persona`` → ``personor``, ``pojke`` → ``pojkar``.
SV_VOWEL_ENDINGS = {"a": ("or", "orna", "ors", "ornas"), "e": ("ar", "arna", "ars", "arnas")}
#: Swedish endings that also make English words (``leader``, ``leaden``): such a form
#: counts only when it is not a common English word.
RISKY_SV_ENDINGS = frozenset(["er", "ers", "en", "ens", "n"])
#: Swedish endings that follow a vowel only: ``kontot``, ``pipelinen`` (not ``budgett``);
#: -n and -na also follow an unstressed -el or -er: ``funneln``, ``partnern``, ``partnerna``.
AFTER_VOWEL = frozenset(["n", "t", "na", "ns", "ts", "nas"])
AFTER_EL_ER = frozenset(["n", "ns", "na", "nas"])
VOWELS = frozenset("aeiouyåäöé")
MAX_ENDING = 5
SHORT_WORD = 3


def inner_joiner(text: str, at: int) -> bool:
    """Whether ``text[at]`` is a joiner between two letters or digits of one word."""
    return (
        text[at] in JOINERS
        and at > 0
        and text[at - 1].isalnum()
        and text[at + 1 : at + 2].isalnum()
    )


def fold(text: str) -> str:
    """The key under which words are compared everywhere (matching, search, sorting,
    uniqueness of labels): NFC, lower case, one kind of apostrophe."""
    return _one_apostrophe(unicodedata.normalize("NFC", text).lower())


def _one_apostrophe(text: str) -> str:
    # str.replace runs in C; str.translate with a mapping is slow on non-ASCII text.
    return text.replace("’", "'").replace("‘", "'")


def fold_same_length(text: str) -> str:
    """`fold` of an NFC text, keeping every offset: a character whose lower case is longer
    (``İ``) stays as it is."""
    lowered = _one_apostrophe(text.lower())
    if len(lowered) == len(text):
        return lowered
    # A few characters (e.g. 'İ') lower-case to two; keep offsets by leaving them as they are.
    return _one_apostrophe("".join(c.lower() if len(c.lower()) == 1 else c for c in text))


def words(text: str) -> tuple[str, ...]:
    """The folded words of a label or phrase: ``Go-to-market`` → ``('go', 'to', 'market')``."""
    return tuple(WORD.findall(fold(text)))


def _ending_rules() -> dict[str, tuple[tuple[str, str], ...]]:
    """Each ending → how a token with it may inflect a base: (language, vowel put back)."""
    rules: dict[str, list[tuple[str, str]]] = {}
    for ending in sorted(
        EN_ENDINGS | SV_ENDINGS | {e for es in SV_VOWEL_ENDINGS.values() for e in es}
    ):
        found = rules.setdefault(ending, [])
        if ending in EN_ENDINGS:
            found.append(("en", ""))
        if ending in SV_ENDINGS:
            found.append(("sv", ""))
        found += [("sv", vowel) for vowel, endings in SV_VOWEL_ENDINGS.items() if ending in endings]
    return {ending: tuple(found) for ending, found in rules.items()}


#: One dictionary lookup per possible ending length decides whether a token ends so at all.
_ENDING_RULES = _ending_rules()


def inflection_bases(token: str) -> list[tuple[str, str, str]]:
    """Every (base word, language, ending) that ``token`` could be an inflection of."""
    if ":" in token:
        base, _, ending = token.partition(":")
        if ending in SV_ENDINGS or ending in EN_ENDINGS:
            return [(base, "sv", ":" + ending)]
        return []
    found: list[tuple[str, str, str]] = []
    size = len(token)
    for cut in range(1, min(MAX_ENDING, size - 2) + 1):
        ending = token[-cut:]
        rules = _ENDING_RULES.get(ending)
        if rules is None:
            continue
        base = token[:-cut]
        for language, vowel in rules:
            if vowel:
                found.append((base + vowel, "sv", ending))
            elif language == "en" or _fits(base, ending):
                found.append((base, language, ending))
    if size > 4 and token.endswith("ies"):
        found.append((token[:-3] + "y", "en", "ies"))
    return found


def _fits(base: str, ending: str) -> bool:
    if ending not in AFTER_VOWEL or base[-1:] in VOWELS:
        return True
    return ending in AFTER_EL_ER and base[-2:] in ("el", "er")


def bases(token: str) -> tuple[str, ...]:
    """The distinct words ``token`` could be an inflection of (cached: texts repeat words)."""
    return _bases(token) if len(token) > MAX_CACHED_TOKEN else _cached_bases(token)


def _bases(token: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(base for base, _, _ in inflection_bases(token)))


#: Only word-length tokens are remembered: runs of letters do not repeat, and each would keep
#: several copies of itself (its bases) in the cache.
MAX_CACHED_TOKEN = 64
_cached_bases = lru_cache(maxsize=1 << 16)(_bases)


def clear_caches() -> None:
    """Forget what `bases` and `inflections` learned, as in a fresh process."""
    _cached_bases.cache_clear()
    inflections.cache_clear()


@lru_cache(maxsize=1 << 14)
def inflections(word: str) -> frozenset[str]:
    """Every token that ``bases`` takes back to ``word`` (the inverse of ``bases``): each
    rule of `_ENDING_RULES` put on forward, under the conditions ``inflection_bases`` checks."""
    if ":" in word or len(word) < 2:
        return frozenset()
    found = {word + ":" + ending for ending in _ALL_ENDINGS}
    for ending, rules in _ENDING_RULES.items():
        for language, vowel in rules:
            if vowel:
                if word[-1] == vowel and len(word) > 2:
                    found.add(word[:-1] + ending)
            elif language == "en" or _fits(word, ending):
                found.add(word + ending)
    if word.endswith("y") and len(word) > 2:
        found.add(word[:-1] + "ies")
    return frozenset(found)


_ALL_ENDINGS = SV_ENDINGS | EN_ENDINGS


class CommonWords:
    """Words that occur at least once per million words (Zipf ≥ 3) in Swedish or English,
    from ``wordfreq``'s small lists (which it ships), loaded on first use (~15 ms, ~6 MB).

    A guard: a common word is never taken for a misspelling or a compound of a term, and a
    Swedish ending does not make the English ``leader`` a form of *lead*.
    """

    def __init__(self, words: Mapping[str, Collection[str]] | None = None) -> None:
        self._words = words
        self._lists: tuple[Collection[str], Collection[str]] | None = None

    def is_common(self, word: str, language: str | None = None) -> bool:
        """True when ``word`` is common in ``language`` (in Swedish or English if None)."""
        en, sv = self._lists or self._load()
        if language is None:
            return word in en or word in sv
        return word in (en if language == "en" else sv if language == "sv" else ())

    def uncommon(self, words: Iterable[str]) -> set[str]:
        """The words that are common in neither language (two set differences in C)."""
        en, sv = self._lists or self._load()
        # One argument per call: with several, CPython walks every one after the first.
        return set(words).difference(en).difference(sv)

    def frequency(self, word: str) -> float:
        """How often ``word`` occurs, per word of running text, in the language where it is
        most frequent (0 for a rare word; 1 for a word of an explicitly given list)."""
        if self._words is not None:
            return float(any(word in self._words.get(code, ()) for code in ("en", "sv")))
        return max(_common(code).get(word, 0.0) for code in ("en", "sv"))

    def _load(self) -> tuple[Collection[str], Collection[str]]:
        lists = self._words
        if lists is None:
            self._lists = _common_words("en"), _common_words("sv")
        else:
            self._lists = lists.get("en", ()), lists.get("sv", ())
        return self._lists


@cache
def _common_words(language: str) -> frozenset[str]:
    """The words of a language's list as a set: set differences with it are the fastest."""
    return frozenset(_common(language))


@cache
def _common(language: str) -> dict[str, float]:
    """wordfreq's small list of a language as word → frequency, read straight from its data
    file: importing wordfreq itself takes longer than a whole ``glossary check`` of one file."""
    import gzip
    import importlib.util

    import msgpack  # type: ignore[import-untyped]  # wordfreq's own dependency

    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the wordfreq package is missing: pip install wordfreq")
    data = Path(spec.submodule_search_locations[0]) / "data" / f"small_{language}.msgpack.gz"
    with gzip.open(data) as packed:
        header, *buckets = msgpack.load(packed, raw=False)
    if header.get("format") != "cB" or header.get("version") != 1:  # a future format
        import wordfreq

        return wordfreq.get_frequency_dict(language, wordlist="small")
    # Bucket i holds the words of frequency 10^(-i/100) (wordfreq's "cBpack" format).
    return {word: 10 ** (-i / 100) for i, bucket in enumerate(buckets) for word in bucket}
