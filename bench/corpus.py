"""Deterministic benchmark corpus: ~1,000 Markdown files (≥ 5 MB) of Swedish/English business text.

Campaign briefs, sales playbooks, meeting notes and monthly reports, with front matter,
headings, lists, tables, links, URLs, inline code, fenced code and HTML comments. Glossary words
appear about once per 100 words: labels, inflections, compounds, misspellings and prefer
wordings, of the seed terms and of generated terms (most of which only the larger benchmark
glossaries know). Run ``python -m bench.corpus [--quick]`` to write it on its own.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench import templates, words
from bench.glossaries import (
    LARGEST,
    SEED_FILE,
    generated_terms,
    real_words,
    seed_glossary,
    slug,
)
from bench.lexicon import (
    Zipf,
    capitalize,
    en_plural,
    en_verb,
    fold,
    misspell,
    pseudo_words,
    stable_hash,
    sv_compound,
    sv_noun,
    sv_verb,
    word_list,
)
from glossary.matching.model import Term

OUT = Path(__file__).resolve().parent / "out"
#: The engine's word pattern; the corpus counts words with it, the floor tokenizes with it.
WORD = re.compile(r"[^\W_]+(?:['’:][^\W_]+)*")
_SLOT = re.compile(r"\{(\w+)\}")
_SOURCES = ("corpus.py", "glossaries.py", "lexicon.py", "templates.py", "words.py")
_GLOSSARY_ODDS = 0.072  # of a noun slot holding a glossary word: ~1 per 100 words, measured
_SEED_SHARE = 0.6  # of glossary words that come from the seed glossary
_NOUN_SLOTS = {"n": 0, "nd": 1, "np": 2, "npd": 3}
_VERB_SLOTS = {"v": 0, "vp": 1, "vd": 2, "vt": 3}
_SV_SUFFIXES = ("en", "et", "er", "erna", "ar", "arna", "ens", "n", "r", "na", "or", "orna")
_EN_SUFFIXES = ("s", "es", "ed", "d", "ing", "er", "ers")
_KINDS = ("brief", "playbook", "notes", "report")
#: Block kinds per document kind, as relative weights.
_BLOCKS: dict[str, dict[str, int]] = {
    "brief": {"paragraph": 6, "bullets": 3, "table": 2, "quote": 1, "links": 1, "code": 1},
    "playbook": {"paragraph": 5, "numbered": 3, "bullets": 2, "quote": 2, "code": 1, "links": 1},
    "notes": {"paragraph": 3, "bullets": 4, "tasks": 4, "comment": 1, "links": 1},
    "report": {"paragraph": 5, "table": 3, "bullets": 2, "code": 1, "links": 1, "comment": 1},
}


_SENTENCES = {lang: word_list(text, "\n") for lang, text in templates.SENTENCES.items()}
_HEADINGS = {"sv": word_list(words.SV_HEADINGS, "|"), "en": word_list(words.EN_HEADINGS, "|")}
_NAMES = {
    "sv": (word_list(words.SV_FIRST_NAMES), word_list(words.SV_LAST_NAMES)),
    "en": (word_list(words.EN_FIRST_NAMES), word_list(words.EN_LAST_NAMES)),
}
_WEEKDAYS = {"sv": word_list(words.WEEKDAYS_SV), "en": word_list(words.WEEKDAYS_EN)}
_MONTHS = {"sv": word_list(words.MONTHS_SV), "en": word_list(words.MONTHS_EN)}
_CITIES = word_list(words.CITIES)
_REGIONS = word_list(words.REGIONS, "|")
_CHANNELS = word_list(words.CHANNELS, "|")


@dataclass(frozen=True, slots=True)
class CorpusSpec:
    """Where the corpus goes, how many files and how many bytes in all (at least)."""

    directory: Path
    files: int
    total_bytes: int
    seed: int = 7


FULL = CorpusSpec(OUT / "corpus", 1_000, 5_600_000)
QUICK = CorpusSpec(OUT / "corpus-quick", 120, 640_000)


@dataclass(frozen=True, slots=True)
class Corpus:
    """A written corpus: its files in order and what they hold."""

    directory: Path
    paths: tuple[Path, ...]
    bytes: int
    words: int
    types: int
    mentions: int

    @property
    def megabytes(self) -> float:
        """Size in MB (10^6 bytes) of the UTF-8 files."""
        return self.bytes / 1e6


def ensure_corpus(spec: CorpusSpec) -> Corpus:
    """The corpus of this spec, written anew unless an up-to-date one is on disk."""
    manifest = spec.directory / "manifest.json"
    if manifest.exists():
        data = json.loads(manifest.read_text(encoding="utf-8"))
        if data.get("fingerprint") == _fingerprint(spec):
            return _corpus(spec.directory, data)
    return write_corpus(spec)


def write_corpus(spec: CorpusSpec) -> Corpus:
    """Generate every file of the corpus (replacing the directory) and its manifest."""
    if spec.directory.exists():
        shutil.rmtree(spec.directory)
    vocabulary = Vocabulary()
    totals: Counter[str] = Counter()
    types: set[str] = set()
    for index, size in enumerate(_file_sizes(spec)):
        path, text, mentions = _document(vocabulary, spec, index, size)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        tokens = WORD.findall(text.lower())
        types.update(tokens)
        totals.update(mentions)
        totals.update(files=1, bytes=len(text.encode()), words=len(tokens))
    data = {"fingerprint": _fingerprint(spec), "types": len(types), **totals}
    (spec.directory / "manifest.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    return _corpus(spec.directory, data)


def _corpus(directory: Path, data: dict[str, int]) -> Corpus:
    mentions = sum(v for k, v in data.items() if k.startswith("mention:"))
    paths = tuple(sorted(directory.rglob("*.md")))
    return Corpus(directory, paths, data["bytes"], data["words"], data["types"], mentions)


def _fingerprint(spec: CorpusSpec) -> int:
    """Changes when the generator's code, its word lists, the seed glossary or the spec do."""
    here = Path(__file__).parent
    texts = [(here / name).read_text(encoding="utf-8") for name in _SOURCES]
    texts += [SEED_FILE.read_text(encoding="utf-8"), f"{spec.files} {spec.total_bytes} {spec.seed}"]
    return stable_hash("\0".join(texts))


def _file_sizes(spec: CorpusSpec) -> list[int]:
    """Target sizes in characters: log-normal (many short notes, some long playbooks)."""
    rng = random.Random(spec.seed)
    raw = [rng.lognormvariate(0.0, 0.7) for _ in range(spec.files)]
    scale = spec.total_bytes / sum(raw)
    return [max(400, int(size * scale * 0.97)) for size in raw]


def _document(
    vocabulary: Vocabulary, spec: CorpusSpec, index: int, size: int
) -> tuple[Path, str, Counter[str]]:
    rng = random.Random(spec.seed * 1_000_003 + index)
    kind = rng.choice(_KINDS)
    writer = Writer(vocabulary, rng, "sv" if rng.random() < 0.6 else "en")
    title = writer.fill(templates.TITLES[kind][writer.language], writer.language)
    text = writer.document(kind, title, size)
    path = spec.directory / kind / f"{index:04d}-{slug(title)[:48]}.md"
    return path, text, writer.mentions


class Mentions:
    """Glossary words as a writer would use them: a label, an inflection, a compound, a typo."""

    def __init__(self, seed_terms: Sequence[Term], generated: Sequence[Term]) -> None:
        self.seed = Zipf.of(seed_terms, exponent=0.6)
        self.generated = Zipf.of(generated)
        self.heads = word_list(words.SV_COMPOUND_HEADS)

    def pick(self, rng: random.Random, language: str) -> tuple[str, str]:
        """A glossary word in this language (or a loan from the other) and what kind it is."""
        term = self.seed.pick(rng) if rng.random() < _SEED_SHARE else self.generated.pick(rng)
        labels = term.labels.get(language) or next(iter(term.labels.values()))
        label = rng.choice(labels)
        forms = term.forms.get(language, ())
        roll = rng.random()
        if roll < 0.35:
            return label, "label"
        if roll < 0.5 and forms:
            return rng.choice(forms), "form"
        if roll < 0.62:
            return _inflect(label, language, rng), "inflection"
        if roll < 0.72 and language == "sv" and " " not in label and not label.isupper():
            return rng.choice(self.heads) + rng.choice((label, *forms)), "compound"
        if roll < 0.82 and len(label) >= 5 and not label.isupper():
            return misspell(label, rng), "misspelling"
        prefer = [w for m in term.meanings for w in m.prefer.get(language, ())]
        return (rng.choice(prefer), "prefer") if prefer else (label, "label")


def _inflect(label: str, language: str, rng: random.Random) -> str:
    head, _, last = label.rpartition(" ")
    if label.isupper():
        return label + rng.choice((":n", ":en", ":er", ":et") if language == "sv" else ("s",))
    form = sv_noun(last)[rng.randint(1, 3)] if language == "sv" else en_plural(last)
    return f"{head} {form}".strip()


class Vocabulary:
    """Everything documents are written with: word samplers per language, names, mentions."""

    def __init__(self) -> None:
        rng = random.Random(11)
        seed = seed_glossary()
        generated = generated_terms(LARGEST - len(seed.terms))
        blocked, self.heads = _blocked(seed.terms)
        self.blocked = blocked
        taken = real_words() | blocked | {fold(w) for t in generated for w in _all_words(t)}
        self.nouns = {
            "sv": Zipf.of(e for e in word_list(words.SV_NOUNS) if self.allowed(sv_noun(e))),
            "en": Zipf.of(e for e in word_list(words.EN_NOUNS) if self.allowed(_en_noun(e))),
        }
        self.compound_firsts = Zipf.of(
            e.split("/")[0] for e in self.nouns["sv"].items if _first_element(e.split("/")[0])
        )
        self.loans = Zipf.of(word_list(words.SV_LOANS))
        self.linked = frozenset(word_list(words.SV_LINK_S_WORDS))
        self.verbs = {
            "sv": Zipf.of([sv_verb(e) for e in word_list(words.SV_VERBS)]),
            "en": Zipf.of([en_verb(e) for e in word_list(words.EN_VERBS)]),
        }
        self.adjectives = {
            "sv": Zipf.of(word_list(words.SV_ADJECTIVES)),
            "en": Zipf.of(word_list(words.EN_ADJECTIVES)),
        }
        self.jargon = {
            lang: Zipf.of(pseudo_words(lang, 2_500, rng, taken)) for lang in ("sv", "en")
        }
        suffixes = word_list(words.COMPANY_SUFFIXES, "|")
        self.companies = Zipf.of(
            f"{capitalize(w)} {rng.choice(suffixes)}" for w in pseudo_words("en", 300, rng, taken)
        )
        self.products = Zipf.of(capitalize(w) for w in pseudo_words("sv", 150, rng, taken))
        self.mentions = Mentions(seed.terms, generated)

    def allowed(self, forms: Sequence[str]) -> bool:
        """False for a word that is (an inflection or compound of) a seed glossary word."""
        return not any(
            fold(form) in self.blocked or fold(form).endswith(self.heads) for form in forms
        )


def _blocked(terms: Sequence[Term]) -> tuple[frozenset[str], tuple[str, ...]]:
    """Seed glossary words and their regular inflections; labels that end compounds."""
    exact: set[str] = set()
    heads: set[str] = set()
    for term in terms:
        for word in map(fold, _all_words(term)):
            exact.add(word)
            exact.update(word + suffix for suffix in (*_SV_SUFFIXES, *_EN_SUFFIXES))
            if len(word) >= 4 and " " not in word:
                heads.add(word)
    return frozenset(exact), tuple(sorted(heads))


def _all_words(term: Term) -> list[str]:
    prefer = [w for m in term.meanings for items in m.prefer.values() for w in items]
    labels = [w for items in (*term.labels.values(), *term.forms.values()) for w in items]
    return labels + prefer


def _first_element(word: str) -> bool:
    """Whether a noun makes a plausible first element of a compound (kund-, avtals-, säljar-)."""
    return len(word) <= 9 and (word[-1] not in "aeiouyåäö" or word.endswith("are"))


def _en_noun(entry: str) -> tuple[str, str, str, str]:
    return entry, entry, en_plural(entry), en_plural(entry)


class Writer:
    """Writes one document with its own random stream, counting the glossary words it uses."""

    def __init__(self, vocabulary: Vocabulary, rng: random.Random, language: str) -> None:
        self.vocabulary = vocabulary
        self.rng = rng
        self.language = language
        self.mentions: Counter[str] = Counter()
        self.people = _people(rng, language)
        self.fillers: dict[str, Callable[[str], str]] = {
            "a": lambda lang: self.vocabulary.adjectives[lang].pick(self.rng),
            "p": lambda lang: self.rng.choice(self.people),
            "c": lambda lang: self.vocabulary.companies.pick(self.rng),
            "pr": lambda lang: self.vocabulary.products.pick(self.rng),
            "ci": lambda lang: self.rng.choice(_CITIES),
            "re": lambda lang: self.rng.choice(_REGIONS),
            "ch": lambda lang: self.rng.choice(_CHANNELS),
            "x": lambda lang: self.vocabulary.jargon[lang].pick(self.rng),
            "num": self.number,
            "pct": lambda lang: f"{self.rng.randint(2, 60)}{' %' if lang == 'sv' else '%'}",
            "money": self.money,
            "date": self.date,
            "q": lambda lang: f"Q{self.rng.randint(1, 4)}",
            "wd": lambda lang: self.rng.choice(_WEEKDAYS[lang]),
            "mo": self.month,
        }

    # Words

    def fill(self, template: str, language: str) -> str:
        """The template with every slot filled in this language."""
        return _SLOT.sub(lambda match: self.slot(match[1], language), template)

    def slot(self, name: str, language: str) -> str:
        key = name.lower()
        if key in _NOUN_SLOTS:
            text = self.noun(_NOUN_SLOTS[key], language)
        elif key in _VERB_SLOTS:
            text = self.vocabulary.verbs[language].pick(self.rng)[_VERB_SLOTS[key]]
        else:
            text = self.fillers[key](language)
        return capitalize(text) if name[0].isupper() else text

    def noun(self, form: int, language: str) -> str:
        """A noun in the given form; now and then a glossary word instead."""
        rng = self.rng
        if rng.random() < _GLOSSARY_ODDS:
            text, kind = self.vocabulary.mentions.pick(rng, language)
            self.mentions[f"mention:{kind}"] += 1
            return text
        if language == "en":
            return self.en_noun(form)
        return sv_noun(self.sv_noun_entry())[form]

    def sv_noun_entry(self) -> str:
        rng, vocabulary = self.rng, self.vocabulary
        roll = rng.random()
        if roll < 0.6:
            return vocabulary.nouns["sv"].pick(rng)
        if roll < 0.82:
            first, second = vocabulary.compound_firsts.pick(rng), vocabulary.nouns["sv"].pick(rng)
            entry = sv_compound(first, second, vocabulary.linked)
            return entry if vocabulary.allowed(sv_noun(entry)) else vocabulary.nouns["sv"].pick(rng)
        if roll < 0.95:
            return vocabulary.jargon["sv"].pick(rng)
        return vocabulary.loans.pick(rng)

    def en_noun(self, form: int) -> str:
        rng, vocabulary = self.rng, self.vocabulary
        roll = rng.random()
        if roll < 0.85:
            word = vocabulary.nouns["en"].pick(rng)
        elif roll < 0.95:
            word = vocabulary.jargon["en"].pick(rng)
        else:
            word = f"{vocabulary.nouns['en'].pick(rng)} {vocabulary.nouns['en'].pick(rng)}"
        return en_plural(word) if form >= 2 else word

    def number(self, language: str) -> str:
        value = self.rng.choice((self.rng.randint(2, 40), self.rng.randint(50, 5_000)))
        return f"{value:,}".replace(",", " " if language == "sv" else ",")

    def money(self, language: str) -> str:
        amount = self.rng.randint(5, 900)
        if language == "sv":
            return (
                f"{amount} 000 kr"
                if self.rng.random() < 0.7
                else f"{amount / 100:.1f} MSEK".replace(".", ",")
            )
        return f"€{amount}k" if self.rng.random() < 0.5 else f"${amount},000"

    def date(self, language: str) -> str:
        day = self.rng.randint(1, 28)
        if self.rng.random() < 0.4:
            return f"2025-{self.rng.randint(1, 12):02d}-{day:02d}"
        month = self.month(language)
        return f"{day} {month}" if language == "sv" else f"{month} {day}"

    def month(self, language: str) -> str:
        return self.rng.choice(_MONTHS[language])

    def small_slots(self) -> dict[str, str]:
        """Values for code snippets: identifiers, numbers, dates."""
        rng = self.rng
        return {
            "slug": slug(self.vocabulary.jargon["en"].pick(rng)).replace("-", "_"),
            "int": str(rng.randint(1_000, 250_000)),
            "small": str(rng.randint(10, 99)),
            "iso": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "user": self.rng.choice(self.people).split()[0].lower(),
            "q": f"Q{rng.randint(1, 4)}",
            "year": str(rng.choice((2024, 2025, 2026))),
        }

    # Blocks

    def document(self, kind: str, title: str, size: int) -> str:
        """A whole Markdown document of about `size` characters."""
        parts = [self.front_matter(title)] if self.rng.random() < 0.25 else []
        parts += [f"# {title}", self.paragraph(self.language)]
        length = sum(len(part) for part in parts)
        while length < size:
            section = self.section(kind)
            parts.append(section)
            length += len(section)
        return "\n\n".join(parts) + "\n"

    def front_matter(self, title: str) -> str:
        rng = self.rng
        lines = ["---", f"title: {title}", f"author: {rng.choice(self.people)}"]
        lines += [f"date: 2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"]
        lines += [f"tags: [{', '.join(rng.sample(('q1', 'q2', 'q3', 'q4', 'norden', 'b2b'), 2))}]"]
        if rng.random() < 0.4:
            audience = rng.choice(("[sales]", "[marketing]", "[sales, marketing]"))
            lines += ["glossary:", f"  audience: {audience}"]
        return "\n".join([*lines, "---"])

    def section(self, kind: str) -> str:
        rng = self.rng
        language = self.block_language()
        headings = _HEADINGS[language]
        blocks = _BLOCKS[kind]
        chosen = rng.choices(list(blocks), weights=list(blocks.values()), k=rng.randint(1, 3))
        level = "##" if rng.random() < 0.8 else "###"
        body = [getattr(self, name)(language) for name in chosen]
        return "\n\n".join([f"{level} {rng.choice(headings)}", *body])

    def block_language(self) -> str:
        if self.rng.random() < 0.12:
            return "en" if self.language == "sv" else "sv"
        return self.language

    def sentence(self, language: str) -> str:
        rng = self.rng
        text = self.fill(rng.choice(_SENTENCES[language]), language)
        roll = rng.random()
        if roll < 0.04:
            code = self.fill_code(rng.choice(templates.INLINE_CODE))
            text += f" Kör `{code}`." if language == "sv" else f" Run `{code}`."
        elif roll < 0.08:
            anchor = self.fill("{A} {n}", language)
            text += (
                f" Se [{anchor}]({self.url()})."
                if language == "sv"
                else f" See [{anchor}]({self.url()})."
            )
        elif roll < 0.1:
            text += f" Underlag: {self.url()}" if language == "sv" else f" Background: {self.url()}"
        elif roll < 0.16:
            text = _emphasize(text, rng)
        return text

    def paragraph(self, language: str) -> str:
        return " ".join(self.sentence(language) for _ in range(self.rng.randint(2, 6)))

    def bullets(self, language: str) -> str:
        items = (self.item(language) for _ in range(self.rng.randint(3, 7)))
        return "\n".join(f"- {item}" for item in items)

    def numbered(self, language: str) -> str:
        items = (self.sentence(language) for _ in range(self.rng.randint(3, 6)))
        return "\n".join(f"{i}. {item}" for i, item in enumerate(items, 1))

    def tasks(self, language: str) -> str:
        rng = self.rng
        lines = []
        for _ in range(rng.randint(2, 6)):
            owner = rng.choice(self.people).split()[0].lower()
            lines.append(f"- [{rng.choice(' x')}] @{owner}: {self.sentence(language)}")
        return "\n".join(lines)

    def item(self, language: str) -> str:
        if self.rng.random() < 0.5:
            return self.sentence(language)
        return self.fill(
            "{A} {n} – {num} {np}" if language == "en" else "{A} {n}: {num} {np}", language
        )

    def table(self, language: str) -> str:
        rng = self.rng
        header = rng.choice(templates.TABLE_HEADERS[language])
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for _ in range(rng.randint(3, 7)):
            cells = (
                self.fill("{Ch}" if rng.random() < 0.5 else "{N}", language),
                self.money(language) if header[1] in ("Kostnad", "Cost") else self.number(language),
                rng.choice(self.people),
                rng.choice(templates.STATUSES[language]),
            )
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines)

    def code(self, language: str) -> str:
        tag, body = self.rng.choice(templates.CODE)
        return f"```{tag}\n{self.fill_code(body)}\n```"

    def fill_code(self, template: str) -> str:
        return template.format(**self.small_slots())

    def quote(self, language: str) -> str:
        lines = [f"> {self.sentence(language)}" for _ in range(self.rng.randint(1, 3))]
        return "\n".join(
            [*lines, ">", f"> — {self.rng.choice(self.people)}, {self.fill('{c}', language)}"]
        )

    def links(self, language: str) -> str:
        items = (
            f"- [{self.fill('{A} {n}', language)}]({self.url()})"
            for _ in range(self.rng.randint(2, 4))
        )
        return "\n".join(items)

    def comment(self, language: str) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.4:
            return f"<!-- TODO: {self.sentence(language)} -->"
        if roll < 0.7:
            return f"<!-- glossary-disable-next-line -->\n{self.paragraph(language)}"
        term = self.vocabulary.mentions.seed.pick(rng)
        department = rng.choice([m.department for m in term.meanings])
        return f"<!-- glossary: {term.id}={department} -->\n{self.paragraph(language)}"

    def url(self) -> str:
        rng = self.rng
        path = slug(self.vocabulary.jargon["en"].pick(rng))
        return f"https://{rng.choice(templates.HOSTS)}/{path}-{rng.randint(100, 99_999)}"


def _people(rng: random.Random, language: str) -> list[str]:
    """The handful of people a document mentions: colleagues, mostly with Swedish names."""
    firsts, lasts = _NAMES[language]
    return [f"{rng.choice(firsts)} {rng.choice(lasts)}" for _ in range(rng.randint(2, 6))]


def _emphasize(sentence: str, rng: random.Random) -> str:
    """The sentence with one inner word set in bold or italics."""
    tokens = sentence.split(" ")
    if len(tokens) < 4:
        return sentence
    i = rng.randrange(1, len(tokens) - 1)
    mark = rng.choice(("**", "_"))
    tokens[i] = f"{mark}{tokens[i]}{mark}"
    return " ".join(tokens)


def main(argv: Sequence[str] | None = None) -> None:
    """Write the corpus and print what it holds."""
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="the small smoke-test corpus")
    spec = QUICK if parser.parse_args(argv).quick else FULL
    corpus = write_corpus(spec)
    print(describe(corpus))


def describe(corpus: Corpus) -> str:
    """One line: files, size, words, distinct words, glossary words per 100 words."""
    density = 100 * corpus.mentions / max(corpus.words, 1)
    return (
        f"{len(corpus.paths):,} Markdown files, {corpus.megabytes:.2f} MB, {corpus.words:,} words "
        f"({corpus.types:,} distinct), {density:.2f} glossary words per 100 words"
    )


if __name__ == "__main__":
    main()
