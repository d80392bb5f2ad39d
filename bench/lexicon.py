"""Vocabulary for generated text: inflection, compounds, pseudo-words, typos and Zipf sampling."""

from __future__ import annotations

import random
import unicodedata
import zlib
from bisect import bisect
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

_T = TypeVar("_T")

# Swedish compounds take a linking s after these endings (försäljningschef, kvalitetsmål).
_SV_LINK_S = ("ing", "het", "tion", "skap", "nad", "else", "ande", "ende", "itet", "dom")
_SV_VOWELS = "aeiouyåäö"


def _parts(text: str) -> list[str]:
    return text.split()


# Syllable inventories; repeats weight the draw. Later syllables start with one consonant and
# only the last may end in a cluster, which keeps the words pronounceable.
_SV_ONSETS = _parts(
    "b bl br d dr f fl fr g gl gr h j k kl kr kv l m n p pl pr r s sk sl sm sn sp st str sv t tr v"
)
_SV_INNER = _parts("b d f g j k l m n p r s t v l n r s t")
_SV_NUCLEI = list("aaaaeeeeiiiooouuyååäääöö")
_SV_MEDIAL = ["", "", "", "n", "r", "l", "s", "m", "t"]
_SV_CODAS = _parts("n r l s t k m g d ng nd nk rt rd st ll lt ck tt mm ns rk lk")
_SV_ENDINGS = ["", "", "", "", "a", "e", "ing", "het", "are", "ning", "else", "ism"]
_EN_ONSETS = _parts(
    "b bl br c ch cl cr d dr f fl fr g gl gr h j l m n p pl pr qu r s sc sh sl sm sn sp st str "
    "t th tr v w"
)
_EN_INNER = _parts("b c d f g l m n p r s t v l n r s t")
_EN_NUCLEI = _parts("a a a e e e i i i o o o u u ea ee oo ai ou")
_EN_MEDIAL = ["", "", "", "n", "r", "l", "s", "m", "t"]
_EN_CODAS = _parts("n r l s t ck m p nd nt st ng rk sh ll ss x ct ft mp")
_EN_ENDINGS = ["", "", "", "", "er", "ure", "ance", "ment", "ity", "ics", "ion", "ence", "ard"]
_INVENTORIES = {
    "sv": (_SV_ONSETS, _SV_INNER, _SV_NUCLEI, _SV_MEDIAL, _SV_CODAS, _SV_ENDINGS),
    "en": (_EN_ONSETS, _EN_INNER, _EN_NUCLEI, _EN_MEDIAL, _EN_CODAS, _EN_ENDINGS),
}

#: Noun forms: indefinite singular, definite singular, indefinite plural, definite plural.
NounForms = tuple[str, str, str, str]
#: Verb forms: Swedish infinitive, present, past, supine; English base, -s, past, -ing.
VerbForms = tuple[str, str, str, str]


def fold(text: str) -> str:
    """Two labels count as the same in this form (as in glossary.service.fold, kept import-free)."""
    text = unicodedata.normalize("NFC", text).casefold().replace("-", " ")
    return " ".join(text.split())


def word_list(text: str, sep: str | None = None) -> tuple[str, ...]:
    """The non-empty items of a word list written as text, in order, without duplicates."""
    items = (item.strip() for item in text.split(sep))
    return tuple(dict.fromkeys(item for item in items if item))


def stable_hash(text: str) -> int:
    """A hash that, unlike hash(), is the same in every process."""
    return zlib.crc32(text.encode())


def sv_noun(entry: str) -> NounForms:
    """The four forms of a Swedish noun list entry such as ``kund`` or ``avtal/n``."""
    word, _, declension = entry.partition("/")
    if declension:
        return _sv_declined(word, declension)
    if word.endswith("are"):
        return word, word + "n", word, word[:-1] + "na"
    if word.endswith("a"):
        return word, word + "n", word[:-1] + "or", word[:-1] + "orna"
    if word.endswith("e"):
        return word, word + "n", word + "r", word + "rna"
    if word.endswith("ing"):
        return word, word + "en", word + "ar", word + "arna"
    if word[-1] in _SV_VOWELS:
        return word, word + "n", word + "er", word + "erna"
    return word, word + "en", word + "er", word + "erna"


def _sv_declined(word: str, declension: str) -> NounForms:
    if declension == "n" and word.endswith("e"):
        return word, word + "t", word + "n", word + "na"
    if declension == "n":
        return word, word + "et", word, word + "en"
    if declension == "r":
        return word, word + "n", word + "r", word + "rna"
    if declension == "ar" and word.endswith(("el", "er")):
        stem = word[:-2] + word[-1]
        return word, word + "n", stem + "ar", stem + "arna"
    definite = word + "n" if word[-1] in _SV_VOWELS else word + "en"
    return word, definite, word + declension, word + declension + "na"


def sv_compound(first: str, second: str, linked: Collection[str] = ()) -> str:
    """A Swedish compound list entry: the first noun, a linking s if due, the second entry."""
    if first.endswith("are"):
        return first[:-1] + second  # säljare + team → säljarteam
    link = "s" if first.endswith(_SV_LINK_S) or first in linked else ""
    return first + link + second


def en_plural(word: str) -> str:
    """The English plural of a noun, by the regular rules."""
    if word.endswith(("s", "x", "sh", "ch")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
        return word[:-1] + "ies"
    return word + "s"


def sv_verb(entry: str) -> VerbForms:
    """The forms of a Swedish verb entry: ``skicka`` (regular) or ``köpa:köper:köpte:köpt``."""
    parts = entry.replace("_", " ").split(":")
    if len(parts) == 4:
        return parts[0], parts[1], parts[2], parts[3]
    word = parts[0]
    return word, word + "r", word + "de", word + "t"


def en_verb(entry: str) -> VerbForms:
    """The forms of an English verb entry: ``open``, ``buy:bought``, ``plan:planned:planning``."""
    word, *irregular = entry.split(":")
    stem = word[:-1] if word.endswith("e") else word
    third = word + "es" if word.endswith(("s", "x", "sh", "ch", "o")) else word + "s"
    past = irregular[0] if irregular else (word + "d" if word.endswith("e") else word + "ed")
    return word, third, past, irregular[1] if len(irregular) > 1 else stem + "ing"


def pseudo_word(language: str, rng: random.Random) -> str:
    """A made-up word that looks Swedish (``sv``) or English (``en``)."""
    onsets, inner, nuclei, medial, codas, endings = _INVENTORIES[language]
    word = rng.choice(onsets) + rng.choice(nuclei)
    for _ in range(rng.choice((1, 1, 1, 2))):
        word += rng.choice(medial) + rng.choice(inner) + rng.choice(nuclei)
    ending = rng.choice(endings)
    if ending[:1] in _SV_VOWELS:
        return word + rng.choice(codas) + ending
    return word + ("" if ending and rng.random() < 0.5 else rng.choice(codas)) + ending


def pseudo_words(language: str, count: int, rng: random.Random, taken: set[str]) -> list[str]:
    """`count` distinct pseudo-words of 5–13 letters, none in `taken` (which they are added to)."""
    found: list[str] = []
    while len(found) < count:
        word = pseudo_word(language, rng)
        if 5 <= len(word) <= 13 and fold(word) not in taken:
            taken.add(fold(word))
            found.append(word)
    return found


def misspell(word: str, rng: random.Random) -> str:
    """The word with one typo: two letters swapped, one dropped, one doubled or one replaced."""
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 2)
    kind = rng.randrange(4)
    if kind == 0 and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:
        return word[:i] + word[i + 1 :]
    if kind == 2:
        return word[:i] + word[i] + word[i:]
    vowel = rng.choice([v for v in "aeiou" if v != word[i]])
    return word[:i] + vowel + word[i + 1 :]


def capitalize(text: str) -> str:
    """The text with its first letter upper-cased and the rest left alone (ROI stays ROI)."""
    return text[:1].upper() + text[1:]


@dataclass(frozen=True, slots=True)
class Zipf(Generic[_T]):
    """Items drawn with Zipf's law: the item at rank r is drawn in proportion to 1 / (r + 2)."""

    items: Sequence[_T]
    cumulative: Sequence[float]

    @classmethod
    def of(cls, items: Iterable[_T], exponent: float = 1.0) -> Zipf[_T]:
        """A sampler over items in rank order, most frequent first."""
        ranked = tuple(items)
        cumulative: list[float] = []
        total = 0.0
        for rank in range(len(ranked)):
            total += 1.0 / (rank + 2) ** exponent
            cumulative.append(total)
        return cls(ranked, cumulative)

    def pick(self, rng: random.Random) -> _T:
        """One item; frequent ones often, the long tail now and then."""
        point = rng.random() * self.cumulative[-1]
        return self.items[min(bisect(self.cumulative, point), len(self.items) - 1)]
