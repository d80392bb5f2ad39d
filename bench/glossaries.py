"""Deterministic benchmark glossaries: the 37 seed terms plus generated ones, up to 10,000.

Generated terms are made one after another from one seeded random stream, so the glossary of
1,000 terms is the one of 10,000 cut short: every size shares its terms with the larger ones,
and the corpus can mention terms that only the larger glossaries know.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

from bench import words
from bench.lexicon import en_plural, fold, pseudo_words, sv_noun, word_list
from glossary.matching.model import Glossary, Meaning, Status, Term, Usage
from glossary.terms_file import dump_yaml, load_glossary

SEED_FILE = Path(__file__).resolve().parents[1] / "data" / "terms.yaml"
SIZES = (100, 1_000, 10_000)
LARGEST = max(SIZES)
_SEED = 20_250_101
_DEPARTMENTS = ("sales", "marketing")
_TAGS = ("economy", "leads", "content", "channels", "customers", "process", "metrics", "brand")
_CUES = {
    ("sales", "sv"): word_list("kvot provision avslut affär förhandling kund order intäkter"),
    ("sales", "en"): word_list("quota commission close deal negotiation customer order revenue"),
    ("marketing", "sv"): word_list("räckvidd klick annons kanal varumärke innehåll kostnad"),
    ("marketing", "en"): word_list("reach click ad channel brand content spend awareness"),
}
_PREFER_PREFIXES = {
    ("sales", "sv"): ("sälj", "kund"),
    ("marketing", "sv"): ("marknads", "kanal"),
    ("sales", "en"): ("sales", "deal"),
    ("marketing", "en"): ("marketing", "brand"),
}
_DEFINITION = {
    "sv": "{dept} – {a} {n} som {team} använder när de {v} {np} under {period}.",
    "en": "{dept} – a {a} {n} that {team} uses to {v} {np} during the {period}.",
}
_DEPT_WORDS = {
    ("sales", "sv"): ("I sälj", "säljarna"),
    ("marketing", "sv"): ("I marknad", "marknadsteamet"),
    ("sales", "en"): ("In sales", "the sales team"),
    ("marketing", "en"): ("In marketing", "the marketing team"),
}


@cache
def seed_glossary() -> Glossary:
    """The project's real seed glossary (data/terms.yaml)."""
    return load_glossary(SEED_FILE)


def build_glossary(size: int) -> Glossary:
    """The benchmark glossary of `size` terms: the seed terms first, then generated ones."""
    seed = seed_glossary()
    extra = generated_terms(size - len(seed.terms))
    return Glossary(seed.languages, seed.departments, seed.terms + extra)


def write_yaml(glossary: Glossary, path: Path) -> Path:
    """Write the glossary as a glossary file (for `glossary check --terms`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_yaml(glossary), encoding="utf-8")
    return path


def generated_terms(count: int) -> tuple[Term, ...]:
    """The first `count` generated terms; the same for every count (prefixes of one sequence)."""
    maker = _TermMaker(random.Random(_SEED), seed_glossary().terms)
    return tuple(maker.term(i) for i in range(max(count, 0)))


def real_words() -> set[str]:
    """Every word of the corpus word lists, folded: pseudo-words must not be one of them."""
    lists = (
        *(words.SV_NOUNS, words.SV_VERBS, words.SV_ADJECTIVES, words.SV_FUNCTION),
        *(words.EN_NOUNS, words.EN_VERBS, words.EN_ADJECTIVES, words.EN_FUNCTION),
    )
    # Entries carry their inflection after / or : (avtal/n, buy:bought).
    return {fold(re.split("[/:]", word)[0]) for text in lists for word in word_list(text)}


def term_words(term: Term) -> dict[str, list[str]]:
    """Every label, form and prefer wording of a term, per language (what flashtext looks for)."""
    found: dict[str, list[str]] = {}
    prefer = (meaning.prefer for meaning in term.meanings)
    for texts in (term.labels, term.forms, *prefer):
        for language, items in texts.items():
            found.setdefault(language, []).extend(items)
    return found


def slug(text: str) -> str:
    """An id-safe form of a label: ASCII letters and digits joined by hyphens."""
    plain = text.translate(str.maketrans("åäöéü", "aaoeu")).lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "term"


class _TermMaker:
    """Makes generated terms in order, keeping labels and forms unique per language."""

    def __init__(self, rng: random.Random, seed_terms: Sequence[Term]) -> None:
        self.rng = rng
        known = real_words()
        self.taken: dict[str, set[str]] = {"sv": set(known), "en": set(known)}
        for term in seed_terms:
            for language, items in (*term.labels.items(), *term.forms.items()):
                self.taken[language].update(fold(item) for item in items)
        self.ids = [term.id for term in seed_terms]
        self.sv_adjectives = word_list(words.SV_ADJECTIVES)
        self.en_adjectives = word_list(words.EN_ADJECTIVES)
        self.sv_nouns = word_list(words.SV_NOUNS)
        self.en_nouns = word_list(words.EN_NOUNS)
        self.sv_verbs = [verb.split(":")[0] for verb in word_list(words.SV_VERBS)]
        self.en_verbs = [verb.split(":")[0] for verb in word_list(words.EN_VERBS)]

    def term(self, i: int) -> Term:
        rng = self.rng
        labels = self.labels()
        forms = self.forms(labels)
        usage = Usage.DEPRECATED if rng.random() < 0.03 else Usage.ADMITTED
        term = Term(
            id=f"{slug(next(iter(labels.values()))[0])}-{i + 1:05d}",
            labels=labels,
            meanings=self.meanings(labels, usage),
            forms=forms,
            related=(rng.choice(self.ids),) if rng.random() < 0.15 else (),
            tags=(rng.choice(_TAGS),) if rng.random() < 0.5 else (),
            status=self.status(),
            usage=usage,
            note="Generated for the benchmark." if rng.random() < 0.05 else None,
        )
        self.ids.append(term.id)
        return term

    def labels(self) -> dict[str, tuple[str, ...]]:
        roll = self.rng.random()
        languages = ("sv",) if roll < 0.05 else ("en",) if roll < 0.08 else ("sv", "en")
        labels = {language: [self.label(language)] for language in languages}
        if "en" in labels and "sv" in labels and self.rng.random() < 0.12:
            loan = labels["en"][0]
            if self.claim("sv", loan):
                labels["sv"].append(loan)
        return {language: tuple(items) for language, items in labels.items()}

    def label(self, language: str) -> str:
        word = pseudo_words(language, 1, self.rng, self.taken[language])[0]
        if self.rng.random() >= 0.1:
            return word
        adjectives = self.sv_adjectives if language == "sv" else self.en_adjectives
        phrase = f"{self.rng.choice(adjectives)} {word}"
        return phrase if self.claim(language, phrase) else word

    def claim(self, language: str, text: str) -> bool:
        """Take a word for this term if no term has it yet in this language."""
        if fold(text) in self.taken[language]:
            return False
        self.taken[language].add(fold(text))
        return True

    def forms(self, labels: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        forms: dict[str, tuple[str, ...]] = {}
        if "sv" in labels and self.rng.random() < 0.4:
            head, _, last = labels["sv"][0].rpartition(" ")
            inflected = (f"{head} {form}".strip() for form in sv_noun(last)[1:])
            forms["sv"] = tuple(form for form in inflected if self.claim("sv", form))
        if "en" in labels and self.rng.random() < 0.15:
            plural = en_plural(labels["en"][0])
            forms["en"] = (plural,) if self.claim("en", plural) else ()
        return {language: items for language, items in forms.items() if items}

    def meanings(self, labels: dict[str, tuple[str, ...]], usage: Usage) -> tuple[Meaning, ...]:
        if usage is Usage.DEPRECATED:
            return (self.meaning(self.rng.choice(_DEPARTMENTS), labels, prefer_odds=1.0),)
        if self.rng.random() < 0.6:
            return tuple(self.meaning(d, labels, prefer_odds=0.95) for d in _DEPARTMENTS)
        return (self.meaning(self.rng.choice(_DEPARTMENTS), labels, prefer_odds=0.5),)

    def meaning(
        self, department: str, labels: dict[str, tuple[str, ...]], prefer_odds: float
    ) -> Meaning:
        rng = self.rng
        prefer = self.prefer(department, labels) if rng.random() < prefer_odds else {}
        cues = {
            language: tuple(rng.sample(_CUES[department, language], rng.randint(2, 3)))
            for language in ("sv", "en")
            if rng.random() < 0.5
        }
        definition = {language: self.definition(department, language) for language in ("sv", "en")}
        return Meaning(department, definition, prefer, cues)

    def prefer(
        self, department: str, labels: dict[str, tuple[str, ...]]
    ) -> dict[str, tuple[str, ...]]:
        prefer: dict[str, tuple[str, ...]] = {}
        for language, items in labels.items():
            prefixes = _PREFER_PREFIXES[department, language][: self.rng.randint(1, 2)]
            wordings = (_prefer_wording(language, prefix, items[0]) for prefix in prefixes)
            prefer[language] = tuple(w for w in wordings if fold(w) not in self.taken[language])
        return {language: items for language, items in prefer.items() if items}

    def definition(self, department: str, language: str) -> str:
        rng = self.rng
        dept, team = _DEPT_WORDS[department, language]
        sv = language == "sv"
        nouns = self.sv_nouns if sv else self.en_nouns
        noun = rng.choice(nouns).split("/")[0]
        objects = rng.choice(nouns)
        return (
            _DEFINITION[language]
            .format(
                dept=dept,
                a=rng.choice(self.sv_adjectives if sv else self.en_adjectives),
                n=noun,
                team=team,
                v=rng.choice(self.sv_verbs if sv else self.en_verbs),
                np=sv_noun(objects)[2] if sv else en_plural(objects),
                period=rng.choice(
                    ("kvartalet", "året", "kampanjen") if sv else ("quarter", "year")
                ),
            )
            .replace("_", " ")
        )

    def status(self) -> Status:
        roll = self.rng.random()
        if roll < 0.94:
            return Status.APPROVED
        return Status.DRAFT if roll < 0.97 else Status.IN_REVIEW if roll < 0.99 else Status.REJECTED


def _prefer_wording(language: str, prefix: str, label: str) -> str:
    """An unambiguous wording built on the label: a Swedish compound (strategisk säljglimber)."""
    if language == "sv":
        head, _, last = label.rpartition(" ")
        return f"{head} {prefix}{last}".strip()
    return f"{prefix} {label}"


def approved_terms(glossary: Glossary) -> Iterable[Term]:
    """The terms that take part in checks."""
    return (term for term in glossary.terms if term.status == Status.APPROVED)
