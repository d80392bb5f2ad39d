"""Plain data (a glossary file, a request body) → glossary values, every problem reported."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from functools import partial

from glossary.errors import Problem
from glossary.matching.model import Department, Glossary, Meaning, Status, Term, Usage
from glossary.rules import (
    MAX_DEFINITION_CHARS,
    MAX_DEPARTMENT_ID_CHARS,
    MAX_IGNORE_ITEMS,
    MAX_LIST_ITEMS,
    MAX_MEANINGS,
    MAX_NOTE_CHARS,
    MAX_TERM_ID_CHARS,
    WORD_CLASSES,
    Word,
    Words,
    ignore_problem,
    is_language,
    label_key,
    related_problem,
)
from glossary.terms_file.shapes import Located, Shapes, kind_of, unlocated

_GLOSSARY_FIELDS = ("schema", "languages", "departments", "terms")
_GLOSSARY_OPTIONAL = ("ignore",)
_DEPARTMENT_FIELDS = ("id", "name")
_TERM_REQUIRED = ("id", "labels", "meanings")
_TERM_OPTIONAL = ("forms", "related", "tags", "status", "usage", "note", "ignore", "pos")
_MEANING_REQUIRED = ("department", "definition")
_MEANING_OPTIONAL = ("prefer", "cues")


class Checker(Shapes):
    """Validates plain data against the file format and the glossary's rules."""

    def __init__(
        self,
        lines: Mapping[str, int] | None = None,
        problems: Iterable[Problem] = (),
        *,
        languages: tuple[str, ...] | None = None,
        departments: Collection[str] | None = None,
        shared_words: bool = False,
    ) -> None:
        super().__init__(lines, problems, languages=languages)
        self.shared_words = shared_words
        self.departments = departments
        self.words = Words()

    # The glossary and its sections

    def glossary(self, raw: object) -> Glossary | None:
        fields = self.fields(raw, "", _GLOSSARY_FIELDS, _GLOSSARY_OPTIONAL)
        if fields is None:
            return None
        self.field(fields, "schema", "", self.schema)
        self.languages = self.field(fields, "languages", "", self.language_list) or None
        departments = self.field(fields, "departments", "", self.department_list)
        if departments is not None:
            self.departments = {d.id for d in departments if d.id}
        terms = self.field(fields, "terms", "", self.term_list)
        ignore = self.field(fields, "ignore", "", partial(self.ignore, limit=MAX_IGNORE_ITEMS))
        return Glossary(
            self.languages or (),
            tuple(departments or ()),
            tuple(terms or ()),
            ignore=ignore or (),
        )

    def schema(self, raw: object, path: str) -> int | None:
        if isinstance(raw, bool) or not isinstance(raw, int):
            self.report(path, f"expected an integer, got {kind_of(raw)}")
            return None
        if raw != 1:
            self.report(path, f"unsupported schema {raw}; this version reads schema 1")
        return raw

    def language_list(self, raw: object, path: str) -> tuple[str, ...] | None:
        return self.at_least_one(raw, path, self._languages, "at least one language is needed")

    def _languages(self, raw: object, path: str) -> tuple[str, ...] | None:
        items = self.strings(raw, path)
        if items is None:
            return None
        codes: list[str] = []
        for item_path, code in items:
            if not is_language(code):
                self.report(item_path, f"invalid language code '{code}'")
            elif code in codes:
                self.report(item_path, f"duplicate language '{code}'")
            else:
                codes.append(code)
        return tuple(codes)

    def department_list(self, raw: object, path: str) -> list[Department] | None:
        departments = self.each(raw, path, self.department)
        if departments is None:
            return None
        self.unique(((p, d.id) for p, d in departments), "id", "duplicate department id")
        return [d for _, d in departments]

    def term_list(self, raw: object, path: str) -> list[Term] | None:
        terms = self.each(raw, path, self.term)
        if terms is None:
            return None
        self.unique(((p, t.id) for p, t in terms), "id", "duplicate term id")
        return [t for _, t in terms]

    # Departments, terms and meanings

    def department(self, raw: object, path: str) -> Department | None:
        fields = self.fields(raw, path, _DEPARTMENT_FIELDS)
        if fields is None:
            return None
        department_id = self.field(
            fields, "id", path, partial(self.slug, limit=MAX_DEPARTMENT_ID_CHARS)
        )
        name = self.field(fields, "name", path, self.department_name)
        return Department(id=department_id or "", name=name or {})

    def department_name(self, raw: object, path: str) -> dict[str, str] | None:
        message = "a department needs a name in at least one language"
        return self.at_least_one(raw, path, self.localized_text, message)

    def term(self, raw: object, path: str) -> Term | None:
        fields = self.fields(raw, path, _TERM_REQUIRED, _TERM_OPTIONAL)
        if fields is None:
            return None
        term_id = self.field(fields, "id", path, self.slug)
        labels = self.field(fields, "labels", path, self.labels) or {}
        self.register_words(labels, term_id or path, "label")
        forms = self.field(fields, "forms", path, self.located_lists) or {}
        self.register_words(forms, term_id or path, "form")
        own = {lang: {label_key(text) for _, text in items} for lang, items in labels.items()}
        words = [
            text for located in (labels, forms) for items in located.values() for _, text in items
        ]
        meanings = self.field(fields, "meanings", path, partial(self.meanings, own=own))
        related = self.field(fields, "related", path, partial(self.related, term_id=term_id))
        return Term(
            id=term_id or "",
            labels=unlocated(labels),
            forms=unlocated(forms),
            meanings=meanings or (),
            related=related or (),
            tags=self.field(fields, "tags", path, self.string_tuple) or (),
            status=self.field(fields, "status", path, self.status) or Status.APPROVED,
            usage=self.field(fields, "usage", path, self.usage) or Usage.ADMITTED,
            note=self.field(fields, "note", path, partial(self.string, limit=MAX_NOTE_CHARS)),
            ignore=self.field(fields, "ignore", path, partial(self.term_ignore, words=words)) or (),
            pos=self.field(fields, "pos", path, self.word_classes) or WORD_CLASSES[:1],
        )

    def labels(self, raw: object, path: str) -> Located | None:
        message = "a term needs at least one label"
        return self.at_least_one(raw, path, self.located_lists, message)

    def register_words(self, words: Located, term: str, kind: str) -> None:
        """Labels and forms are unique per language across terms, or matching would guess."""
        for lang, items in words.items():
            for item_path, text in items:
                other = self.words.clash(lang, text, Word(term, kind, item_path))
                if other is not None and other.term == term:
                    self.report(item_path, f"duplicate {kind} '{text}' (also {other.where})")
                elif other is not None and not self.shared_words:
                    message = f"{kind} '{text}' is also a {other.kind} of term '{other.term}'"
                    self.report(item_path, message)

    def meanings(
        self, raw: object, path: str, own: Mapping[str, set[str]]
    ) -> tuple[Meaning, ...] | None:
        message = "a term needs at least one meaning"
        if isinstance(raw, list | tuple) and len(raw) > MAX_MEANINGS:
            self.report(path, f"too many meanings: {len(raw)}; at most {MAX_MEANINGS}")
            return None
        return self.at_least_one(raw, path, partial(self._meanings, own=own), message)

    def _meanings(
        self, raw: object, path: str, own: Mapping[str, set[str]]
    ) -> tuple[Meaning, ...] | None:
        meanings = self.each(raw, path, partial(self.meaning, own=own))
        if meanings is None:
            return None
        pairs = ((p, m.department) for p, m in meanings)
        self.unique(pairs, "department", "duplicate meaning for department")
        return tuple(m for _, m in meanings)

    def meaning(self, raw: object, path: str, own: Mapping[str, set[str]]) -> Meaning | None:
        fields = self.fields(raw, path, _MEANING_REQUIRED, _MEANING_OPTIONAL)
        if fields is None:
            return None
        prefer = self.field(fields, "prefer", path, self.located_lists) or {}
        self.check_prefer(prefer, own)
        return Meaning(
            department=self.field(fields, "department", path, self.department_ref) or "",
            definition=self.field(fields, "definition", path, self.definition) or {},
            prefer=unlocated(prefer),
            cues=self.field(fields, "cues", path, self.localized_list) or {},
        )

    def department_ref(self, raw: object, path: str) -> str | None:
        name = self.string(raw, path)
        if name is not None and self.departments is not None and name not in self.departments:
            self.report(path, f"unknown department '{name}'")
        return name

    def definition(self, raw: object, path: str) -> dict[str, str] | None:
        message = "a meaning needs a definition in at least one language"
        definitions = partial(self.localized_text, limit=MAX_DEFINITION_CHARS)
        return self.at_least_one(raw, path, definitions, message)

    def check_prefer(self, prefer: Located, own: Mapping[str, set[str]]) -> None:
        for lang, items in prefer.items():
            for item_path, text in items:
                if label_key(text) in own.get(lang, ()):
                    self.report(item_path, f"prefer wording '{text}' is one of the term's labels")

    def related(self, raw: object, path: str, term_id: str | None) -> tuple[str, ...] | None:
        items = self.strings(raw, path, limit=MAX_TERM_ID_CHARS)
        for item_path, related_id in items or ():
            problem = related_problem(related_id, term_id)
            if problem is not None:
                self.report(item_path, problem)
        return None if items is None else tuple(text for _, text in items)

    def status(self, raw: object, path: str) -> Status | None:
        return self.choice(raw, path, Status)

    def usage(self, raw: object, path: str) -> Usage | None:
        return self.choice(raw, path, Usage)

    # What a label may stand for: names it is part of, and word classes

    def ignore(self, raw: object, path: str, limit: int = MAX_LIST_ITEMS) -> tuple[str, ...] | None:
        items = self.ignore_items(raw, path, limit)
        return None if items is None else tuple(text for _, text in items)

    def ignore_items(
        self, raw: object, path: str, limit: int = MAX_LIST_ITEMS
    ) -> list[tuple[str, str]] | None:
        """Names and phrases as written, each once, with their paths."""
        items = self.strings(raw, path, limit=limit)
        if items is None:
            return None
        return self.unique_items(items, "duplicate ignore phrase")

    def term_ignore(self, raw: object, path: str, words: list[str]) -> tuple[str, ...] | None:
        """A term's ignore phrases; one without any of its labels or forms would do nothing."""
        items = self.ignore_items(raw, path)
        if items is None:
            return None
        for item_path, phrase in items if words else ():
            problem = ignore_problem(phrase, words)
            if problem is not None:
                self.report(item_path, problem)
        return tuple(text for _, text in items)

    def word_classes(self, raw: object, path: str) -> tuple[str, ...] | None:
        """The word classes meant, in the format's order (noun, verb)."""
        message = "a term needs at least one word class"
        return self.at_least_one(raw, path, self._word_classes, message)

    def _word_classes(self, raw: object, path: str) -> tuple[str, ...] | None:
        items = self.strings(raw, path)
        if items is None:
            return None
        known = ", ".join(WORD_CLASSES)
        for item_path, name in items:
            if name not in WORD_CLASSES:
                self.report(item_path, f"unknown word class '{name}' ({known})")
        names = {text for _, text in self.unique_items(items, "duplicate word class")}
        return tuple(name for name in WORD_CLASSES if name in names)

    def unique_items(self, items: list[tuple[str, str]], message: str) -> list[tuple[str, str]]:
        """``items`` without those given again (spacing aside: a name is matched as written,
        so case counts), each repeat reported."""
        first: dict[str, str] = {}
        kept = []
        for item_path, text in items:
            other = first.setdefault(" ".join(text.split()), item_path)
            if other == item_path:
                kept.append((item_path, text))
            else:
                self.report(item_path, f"{message} '{text}' (also {other})")
        return kept
