"""Documents: what the matcher gets to scan in plain, Markdown and HTML, and how it maps back.

The tables read as the rules: which words stay checkable (at their original offsets), which
are masked, where a word's offset points in the submitted text, and what the in-document
directives switch off or resolve.
"""

from __future__ import annotations

import random
import re

import pytest

from glossary.matching.documents import (
    Directive,
    DirectiveKind,
    Document,
    Format,
    parse_document,
)
from glossary.matching.documents.frontmatter import front_matter
from glossary.matching.documents.offsets import rebuild

FORMATS: tuple[Format, ...] = ("plain", "markdown", "html")


def _words(doc: Document, word: str) -> list[int]:
    """Text indices where the whole word occurs in the scanned text."""
    return [m.start() for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", doc.text)]


def _original(doc: Document, index: int, word: str) -> str:
    """The submitted text behind a scanned word."""
    return doc.original[doc.original_offset(index) : doc.original_offset(index + len(word))]


# --- What is checked and what is masked ----------------------------------------------------

MASKING = [
    # (format, source, words that stay checkable, words that are masked)
    ("plain", "budget `kod` <b>fet</b> https://x.se/url", ["budget", "kod", "fet"], ["url"]),
    # Addresses in pasted mail and chat: with a scheme, www., and e-mail (as in Markdown)
    ("plain", "Se www.acme.se/budget, om budgeten.", ["budgeten"], ["budget"]),
    ("plain", "Mejla lead.team@acme.se om lead", ["lead"], ["team"]),
    ("plain", "(https://acme.se/pipeline). Our pipeline", ["pipeline"], ["acme"]),
    ("plain", "<!-- glossary-disable spin --> budget", ["budget"], ["spin"]),
    ("plain", "<!-- anteckning --> budget", ["anteckning", "budget"], []),
    # Markdown front matter: YAML (--- or ... closes), TOML, only at the very start
    ("markdown", "---\ntitle: budget\n---\nOur spin", ["spin"], ["budget", "title"]),
    ("markdown", "---\ntitle: budget\n...\nOur spin", ["spin"], ["budget"]),
    ("markdown", "\ufeff---\ntitle: budget\n---\nOur spin", ["spin"], ["budget"]),
    ("markdown", "+++\ntitle = 'budget'\n+++\nOur spin", ["spin"], ["budget"]),
    ("markdown", "---\nglossary: [unclosed\n---\nOur spin", ["spin"], ["unclosed"]),
    ("markdown", "Intro\n---\ntitle: budget\n---\n", ["Intro", "budget"], []),
    ("markdown", "---\n\nbudget without a closing line", ["budget", "closing"], []),
    # fenced code: backticks or tildes, info strings, longer fences, containers, unclosed
    ("markdown", "Text\n```python\nbudget = 1\n```\nspin", ["Text", "spin"], ["budget", "python"]),
    ("markdown", "Text\n~~~\nbudget\n~~~\nspin", ["spin"], ["budget"]),
    ("markdown", "````md\n```\nbudget\n```\n````\nspin", ["spin"], ["budget"]),
    ("markdown", "   ```\n   budget\n   ```\nspin", ["spin"], ["budget"]),
    ("markdown", "- item\n\n  ```\n  budget\n  ```\n- spin", ["item", "spin"], ["budget"]),
    ("markdown", "> citat\n> ```\n> budget\n> ```\n> spin", ["citat", "spin"], ["budget"]),
    ("markdown", "Text\n```\nbudget\n\nspin", ["Text"], ["budget", "spin"]),
    ("markdown", "Text\r\n```\r\nbudget\r\n```\r\nspin", ["spin"], ["budget"]),
    ("markdown", "a ```budget``` spin", ["spin"], ["budget"]),
    # indented code: after a blank line, not when it continues a list item or a paragraph
    ("markdown", "Text\n\n    budget = 1\n\nspin", ["Text", "spin"], ["budget"]),
    ("markdown", "    budget at the start", [], ["budget", "start"]),
    ("markdown", "Text\n\n\tbudget\n\nspin", ["spin"], ["budget"]),
    ("markdown", "- item\n\n    budget continues the item\n\nspin", ["budget", "item"], []),
    ("markdown", "1. item\n\n   text\n\n    budget continues\n", ["budget"], []),
    ("markdown", "- item\n\n        budget is code in the item\n", ["item"], ["budget"]),
    ("markdown", "Text\n    budget continues the paragraph", ["budget"], []),
    # code spans: any number of backticks, matching counts, unmatched or escaped are text
    ("markdown", "a `budget` spin", ["spin"], ["budget"]),
    ("markdown", "a ``budget ` spin`` positioning", ["positioning"], ["budget", "spin"]),
    ("markdown", "a ``budget` spin", ["budget", "spin"], []),
    ("markdown", "a \\`budget` spin` x", ["budget", "x"], ["spin"]),
    ("markdown", "a `budget\n\nspin` x", ["budget", "spin"], []),
    ("markdown", "a `budget\nspin` x", ["x"], ["budget", "spin"]),
    # links and images: text and alt checked; targets, titles, labels and definitions not
    ("markdown", '[budget](https://x.se/spin "titel")', ["budget"], ["spin", "titel"]),
    ("markdown", "![budget](bilder/spin.png)", ["budget"], ["spin", "png"]),
    ("markdown", "[budget](<a b/spin>) [text](x(spin)y)", ["budget", "text"], ["spin"]),
    ("markdown", "[budget][spin] och [positioning][]", ["budget", "positioning"], ["spin"]),
    ("markdown", "[spin]: https://x.se/budget 'titel'\nText", ["Text"], ["spin", "budget"]),
    ("markdown", "[^1]: budget i en fotnot", ["budget", "fotnot"], []),
    # autolinks, bare URLs (closing punctuation kept checkable), e-mail addresses
    ("markdown", "Se <https://x.se/budget> och <anna@spin.se>", ["Se", "och"], ["budget", "spin"]),
    ("markdown", "Se https://x.se/budget. Och spin", ["Se", "Och", "spin"], ["budget"]),
    ("markdown", "(se https://x.se/budget) spin", ["spin"], ["budget"]),
    ("markdown", "Se www.budget.se, spin", ["spin"], ["budget"]),
    ("markdown", "Mejla budget.ansvarig@spin.se idag", ["Mejla", "idag"], ["budget", "spin"]),
    ("markdown", "shttps://budget och awww.spin", ["budget", "spin"], []),
    # HTML inside Markdown: comments, tags and attributes masked; text between tags checked
    ("markdown", "budget <!-- spin --> positioning", ["budget", "positioning"], ["spin"]),
    ("markdown", "budget <!-- spin\n\nmore", ["budget"], ["spin", "more"]),
    ("markdown", '<span title="spin">budget</span>', ["budget"], ["spin", "span", "title"]),
    ("markdown", "<script>budget()</script><style>.spin{}</style> x", ["x"], ["budget", "spin"]),
    ("markdown", "<pre>\nbudget\n</pre>\n<code>spin</code> text", ["text"], ["budget", "spin"]),
    ("markdown", "<pre>\nbudget\n\nmore", [], ["budget", "more"]),
    ("markdown", "Skriv <code> runt kod. budget\n\nspin", ["budget", "spin"], ["code"]),
    ("markdown", "a < b och budget > spin", ["budget", "spin"], []),
    # emphasis underscores do not glue to the word; underscores inside words stay
    ("markdown", "__budget__ och _spin_", ["budget", "spin"], []),
    ("markdown", "budget_total", ["budget_total"], []),
    # HTML: only text content is checked
    ("html", '<p class="spin">budget</p>', ["budget"], ["spin", "class"]),
    ("html", "<script>var budget;</script><style>p{}</style>text", ["text"], ["budget"]),
    ("html", "<code>budget</code> <pre>spin</pre> text", ["text"], ["budget", "spin"]),
    ("html", "<textarea>budget</textarea><template>spin</template> x", ["x"], ["budget", "spin"]),
    ("html", "<noscript>budget</noscript> x", ["x"], ["budget"]),
    ("html", "<pre>a<pre>b</pre>budget</pre> spin", ["spin"], ["budget"]),
    ("html", "<!-- budget --> spin", ["spin"], ["budget"]),
    ("html", "<!--> budget <!---> spin", ["budget", "spin"], []),
    ("html", "<p>budget</p><p>spin</p>", ["budget", "spin"], []),
    ("html", "budget<br>spin", ["budget", "spin"], []),
    ("html", '<img alt="budget"><a href="/spin">text</a>', ["text"], ["budget", "spin"]),
    ("html", "<!DOCTYPE html><?xml budget?> spin", ["spin"], ["budget", "DOCTYPE"]),
    ("html", "Se https://x.se/budget och spin@x.se", ["Se", "och"], ["budget", "spin"]),
    ("html", "a < b och budget", ["budget"], []),
    ("html", "<script>budget", [], ["budget"]),
    ("html", "<p title='budget", [], ["budget"]),
]


@pytest.mark.parametrize(("fmt", "source", "checked", "masked"), MASKING)
def test_masking(fmt: Format, source: str, checked: list[str], masked: list[str]) -> None:
    doc = parse_document(source, fmt)
    for word in checked:
        found = _words(doc, word)
        assert found, f"{word!r} should stay checkable in {doc.text!r}"
        assert _original(doc, found[0], word) == word
    for word in masked:
        assert not _words(doc, word), f"{word!r} should be masked in {doc.text!r}"


@pytest.mark.parametrize(
    ("fmt", "source"),
    [
        ("markdown", "# Rubrik\n\n```\nkod budget\n```\n\n[länk](https://x.se) `kod` och text\n"),
        ("markdown", "---\ntitle: x\n---\r\n<!-- c -->\r\n    kod\r\n\r\nbudget www.x.se\r\n"),
        ("html", "<p>budget</p>\n<script>x</script>\n<p>spin</p>"),
    ],
)
def test_masking_keeps_length_lines_and_offsets(fmt: Format, source: str) -> None:
    doc = parse_document(source, fmt)
    assert len(doc.text) == len(source)
    assert [c for c in doc.text if c in "\r\n"] == [c for c in source if c in "\r\n"]
    assert all(c in (" ", o) for c, o in zip(doc.text, source, strict=True))
    assert doc.original_offset(len(doc.text)) == len(source)


def test_plain_text_is_scanned_as_is_but_for_its_addresses() -> None:
    source = "Budget, spin & <b>positionering</b>: `x` &amp; <!-- note -->"
    assert parse_document(source).text == source
    assert parse_document("see https://x.se/lead").text == "see " + " " * 17


# --- Offsets back into the submitted text ----------------------------------------------------

OFFSETS = [
    # (format, source, word, its offset in the source, (line, column) there)
    ("plain", "😀 budget", "budget", 2, (1, 3)),
    ("plain", "👩‍💼 budget", "budget", 4, (1, 5)),
    ("plain", "rad ett\r\nrad två budget", "budget", 17, (2, 9)),
    ("plain", "ett\rtvå\nbudget", "budget", 8, (3, 1)),
    ("plain", "ett\r\n\r\nbudget", "budget", 7, (3, 1)),
    ("plain", "Vi ma\u0308ter positionering", "positionering", 10, (1, 11)),
    ("plain", "a\u030angstrom och positionering", "positionering", 14, (1, 15)),
    ("plain", "bud\u00adget", "budget", 0, (1, 1)),
    ("html", "&auml;r budget", "budget", 8, (1, 9)),
    ("html", "&#228;&#xE4; budget", "budget", 13, (1, 14)),
    ("html", "<p>\n  Vi &amp; de: budget</p>", "budget", 19, (2, 16)),
    ("html", "&notit; budget", "budget", 8, (1, 9)),
    ("markdown", "&auml;r `kod` budget", "budget", 14, (1, 15)),
    ("markdown", "---\na: 1\n---\r\n```\r\nx\r\n```\r\n😀 budget", "budget", 29, (7, 3)),
]


@pytest.mark.parametrize(("fmt", "source", "word", "offset", "position"), OFFSETS)
def test_offsets_point_into_the_original(
    fmt: Format, source: str, word: str, offset: int, position: tuple[int, int]
) -> None:
    doc = parse_document(source, fmt)
    [index] = _words(doc, word)
    assert doc.original_offset(index) == offset
    assert doc.position(offset) == position
    assert doc.original_offset(len(doc.text)) == len(source)


@pytest.mark.parametrize(
    ("fmt", "source", "scanned", "word", "behind"),
    [
        # An inline tag inside a word vanishes (with an anchor), so the word stays whole ...
        ("html", "bud<b>get</b> x", "budget", "budget", "bud<b>get"),
        ("html", "bud<span class='a'><i>get</i></span>en x", "budgeten", "budgeten", None),
        ("markdown", "bud<em>get</em> x", "budget", "budget", "bud<em>get"),
        # ... block tags, <br> and tags at word edges become spaces and separate words.
        ("html", "<p>bud</p><p>get</p>", "bud", "get", "get"),
        ("html", "budget<br>spin", "budget", "spin", "spin"),
        ("html", "<b>budget</b>", "budget", "budget", "budget"),
        ("html", "&auml;ven", "även", "även", "&auml;ven"),
        ("plain", "a\u030angstr\u00f6m", "ångström", "ångström", "a\u030angstr\u00f6m"),
    ],
)
def test_length_changes_map_back_exactly(
    fmt: Format, source: str, scanned: str, word: str, behind: str | None
) -> None:
    doc = parse_document(source, fmt)
    assert _words(doc, scanned), doc.text
    [index] = _words(doc, word)
    if behind is not None:
        assert _original(doc, index, word) == behind


def test_an_index_inside_a_replacement_maps_to_its_start() -> None:
    doc = parse_document("x &NotEqualTilde; y", "html")  # one entity, two code points
    assert doc.text == "x \u2242\u0338 y"
    assert [doc.original_offset(i) for i in (2, 3, 4)] == [2, 2, 17]


@pytest.mark.parametrize("index", [-1, 4])
def test_offsets_outside_the_text_are_refused(index: int) -> None:
    doc = parse_document("abc")
    with pytest.raises(IndexError):
        doc.original_offset(index)
    with pytest.raises(IndexError):
        doc.position(index)


def test_a_document_built_by_hand_maps_offsets_to_themselves() -> None:
    doc = Document("budget\nspin", "budget\nspin", (), None)
    assert doc.original_offset(7) == 7
    assert doc.position(7) == (2, 1)
    assert not doc.is_suppressed("budget", 0)
    assert doc.sense("budget", 0) is None


# --- Directives ------------------------------------------------------------------------------

DIRECTIVES = [
    # (comment, kind, terms, senses); None: not a directive
    ("<!-- glossary-disable -->", "disable", (), {}),
    ("<!-- glossary-enable -->", "enable", (), {}),
    ("<!-- glossary-disable budget spin -->", "disable", ("budget", "spin"), {}),
    ("<!-- glossary-disable budget, spin -->", "disable", ("budget", "spin"), {}),
    ("<!--GLOSSARY-Disable   Budget-->", "disable", ("budget",), {}),
    ("<!-- glossary - disable - next - line -->", "disable-next-line", (), {}),
    ("<!-- glossary-disable-next-line budget -->", "disable-next-line", ("budget",), {}),
    ("<!-- glossary-disable budget -- säljets egen term -->", "disable", ("budget",), {}),
    ("<!-- glossary: budget=sales -->", "sense", ("budget",), {"budget": "sales"}),
    (
        "<!-- Glossary:  budget = Sales  spin=marketing -->",
        "sense",
        ("budget", "spin"),
        {"budget": "sales", "spin": "marketing"},
    ),
    ("<!-- glossary-disable-line -->", None, (), {}),
    ("<!-- glossary-disabled -->", None, (), {}),
    ("<!-- glossary: budget -->", None, (), {}),
    ("<!-- glossary -->", None, (), {}),
    ("<!-- glossaryx-disable -->", None, (), {}),
    ("<!-- anteckning -->", None, (), {}),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("comment", "kind", "terms", "senses"), DIRECTIVES)
def test_directives_are_read_from_comments(
    fmt: Format,
    comment: str,
    kind: DirectiveKind | None,
    terms: tuple[str, ...],
    senses: dict[str, str],
) -> None:
    doc = parse_document(f"Rad ett\r\nrad två {comment} budget", fmt)
    expected = () if kind is None else (Directive(kind, 17, 2, terms, senses),)
    assert doc.directives == expected


@pytest.mark.parametrize(
    ("fmt", "source"),
    [
        ("markdown", "`<!-- glossary-disable -->` budget"),
        ("markdown", "```\n<!-- glossary-disable -->\n```\nbudget"),
        ("markdown", "    <!-- glossary-disable -->\n\nbudget"),
        ("markdown", "---\nx: <!-- glossary-disable -->\n---\nbudget"),
        ("markdown", "<!-- glossary-disable"),
        ("html", "<script><!-- glossary-disable --></script>budget"),
        ("html", '<p title="<!-- glossary-disable -->">budget</p>'),
        ("plain", "<!-- glossary-disable"),
    ],
)
def test_comments_in_code_or_unclosed_are_no_directives(fmt: Format, source: str) -> None:
    doc = parse_document(source, fmt)
    assert doc.directives == ()
    assert not any(doc.is_suppressed("budget", i) for i in range(len(source) + 1))


OFF, ON = "<!-- glossary-disable -->", "<!-- glossary-enable -->"
NEXT = "<!-- glossary-disable-next-line -->"


def _off(*terms: str) -> str:
    return f"<!-- glossary-disable {' '.join(terms)} -->"


def _on(*terms: str) -> str:
    return f"<!-- glossary-enable {' '.join(terms)} -->"


def _next(*terms: str) -> str:
    return f"<!-- glossary-disable-next-line {' '.join(terms)} -->"


SUPPRESSION = [
    # (format, source, term, suppressed? for each occurrence of the term's word, in order)
    ("plain", f"budget {OFF} budget {ON} budget", "budget", [False, True, False]),
    ("plain", f"budget {OFF} budget spin", "spin", [True]),
    ("plain", f"{_off('budget')} budget spin", "budget", [True]),
    ("plain", f"{_off('budget')} budget spin", "spin", [False]),
    ("plain", f"{OFF} budget {_on('budget')} budget spin", "budget", [True, False]),
    ("plain", f"{OFF} budget {_on('budget')} budget spin", "spin", [True]),
    ("plain", f"{_off('budget')} budget {ON} budget", "budget", [True, False]),
    ("plain", f"{_off('budget', 'spin')} spin {_on('spin')} spin", "spin", [True, False]),
    ("markdown", f"{OFF}\n\nbudget\n\n# Slut\n\nbudget", "budget", [True, True]),
    # next line: the first line after the comment that has a word
    ("markdown", f"{NEXT}\nbudget\nbudget", "budget", [True, False]),
    ("markdown", f"budget {NEXT}\nbudget\nbudget", "budget", [False, True, False]),
    ("markdown", f"{NEXT} budget\nbudget", "budget", [True, False]),
    ("markdown", f"{NEXT}\n\n\nbudget\nbudget", "budget", [True, False]),
    ("markdown", f"{_next('spin')}\nbudget spin\nspin", "spin", [True, False]),
    ("markdown", f"{_next('spin')}\nbudget spin\nspin", "budget", [False]),
    ("markdown", f"{NEXT}\n```\nx\n```\nbudget\nbudget", "budget", [True, False]),
    ("html", f"{NEXT}\n<div>\n  <p>\n  budget\n</p>\nbudget", "budget", [True, False]),
    ("plain", f"{NEXT}\r\nbudget\r\nbudget", "budget", [True, False]),
    ("html", f"{NEXT}&auml;r budget\nbudget", "budget", [True, False]),
    ("plain", f"{NEXT}\n{NEXT}\nbudget\nbudget", "budget", [True, False]),
]


@pytest.mark.parametrize(("fmt", "source", "term", "expected"), SUPPRESSION)
def test_suppression(fmt: Format, source: str, term: str, expected: list[bool]) -> None:
    doc = parse_document(source, fmt)
    offsets = [doc.original_offset(i) for i in _words(doc, term)]
    assert [doc.is_suppressed(term, offset) for offset in offsets] == expected


TO_SALES = "<!-- glossary: budget=sales -->"
TO_MARKETING = "<!-- glossary: budget=marketing -->"

SENSES = [
    # (source, term, chosen department for each occurrence of the term's word, in order)
    (f"budget {TO_SALES} budget", "budget", [None, "sales"]),
    (f"{TO_SALES} budget {TO_MARKETING} budget", "budget", ["sales", "marketing"]),
    ("<!-- glossary: budget=sales spin=marketing --> spin budget", "spin", ["marketing"]),
    ("<!-- glossary: spin=marketing --> budget", "budget", [None]),
    (f"{TO_SALES} budget <!-- glossary: spin=sales --> budget", "budget", ["sales", "sales"]),
    ("<!--GLOSSARY:budget = Sales-->budget", "budget", ["sales"]),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("source", "term", "expected"), SENSES)
def test_sense_annotations(fmt: Format, source: str, term: str, expected: list[str | None]) -> None:
    doc = parse_document(source, fmt)
    offsets = [doc.original_offset(i) for i in _words(doc, term)]
    assert [doc.sense(term, offset) for offset in offsets] == expected
    assert not any(doc.is_suppressed(term, offset) for offset in offsets)


# --- Front matter audience -------------------------------------------------------------------

AUDIENCES = [
    ("---\nglossary:\n  audience: [sales, marketing]\n---\ntext", ("sales", "marketing")),
    ("---\nglossary: {audience: [Sales]}\n---\ntext", ("sales",)),
    ("---\nglossary:\n  audience: sales\n---\ntext", ("sales",)),
    ("---\nglossary:\n  audience: sales marketing\n---\ntext", ("sales", "marketing")),
    ("---\r\nglossary: {audience: [sales]}\r\n...\r\ntext", ("sales",)),
    ("+++\n[glossary]\naudience = ['sales']\n+++\ntext", ("sales",)),
    ("---\ntitle: Brief\n---\ntext", None),
    ("---\nglossary: {audience: []}\n---\ntext", None),
    ("---\nglossary: {audience: [1, 2]}\n---\ntext", None),
    ("---\nglossary: {audience: {sales: 1}}\n---\ntext", None),
    ("---\nglossary: sales\n---\ntext", None),
    ("---\nglossary: {audience: [sales\n---\ntext", None),
    ("---\nglossary: {audience: [sales]}\ndate: 2024-13-45\n---\ntext", None),
    ("---\nglossary: " + "[" * 5000 + "\n---\ntext", None),
    ("+++\nglossary = [\n+++\ntext", None),
    ("text\n---\nglossary: {audience: [sales]}\n---\n", None),
]


@pytest.mark.parametrize(("source", "audience"), AUDIENCES)
def test_front_matter_audience(source: str, audience: tuple[str, ...] | None) -> None:
    assert parse_document(source, "markdown").audience == audience
    assert "text" in parse_document(source, "markdown").text


@pytest.mark.parametrize("fmt", ["plain", "html"])
def test_front_matter_is_markdown_only(fmt: Format) -> None:
    doc = parse_document("---\nglossary: {audience: [sales]}\n---\nbudget", fmt)
    assert doc.audience is None
    assert "audience" in doc.text


# --- Garbage in, no exceptions out -----------------------------------------------------------

GARBAGE = [
    "",
    "<",
    "<<<>",
    "<!--",
    "<!-- glossary-disable",
    "<!-->",
    "</script",
    "<script>",
    "<a href='",
    '<a href="x>budget',
    "</>",
    "</ x>",
    "<!",
    "<?",
    "&",
    "&#",
    "&#x;",
    "&#99999999999;",
    "&amp",
    "`",
    "```",
    "~~~\n",
    "\\`",
    "](",
    "][",
    "[]:",
    "[x]: <",
    "---",
    "---\n",
    "+++\n+++",
    "\r",
    "\r\n\r",
    "\n\n    ",
    "\t",
    "\u0301",
    "\u0301\u0301a",
    "\u1100\u1161\u11a8",
    "\ufeff",
    "\u00ad",
    "\x00",
    "\ud800",
    "<!-- glossary: = -->",
    "<!-- glossary-disable-next-line -->",
    "@",
    "http://",
    "www.",
    "_",
]


def _assert_consistent(doc: Document) -> None:
    previous = 0
    for index in range(len(doc.text) + 1):
        offset = doc.original_offset(index)
        assert previous <= offset <= len(doc.original)
        previous = offset
        doc.position(offset)
        doc.is_suppressed("budget", offset)
        doc.sense("budget", offset)
    assert doc.original_offset(len(doc.text)) == len(doc.original)
    assert doc.text.count("\n") == doc.original.count("\n")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("source", GARBAGE)
def test_garbage_never_raises(fmt: Format, source: str) -> None:
    _assert_consistent(parse_document(source, fmt))
    _assert_consistent(parse_document(source * 3 + " budget", fmt))


_PIECES = [
    *("<", ">", "<!--", "-->", "`", "```", "~~~", "\n", "\r\n", "\r", "    ", "\t", "[", "]"),
    *("(", ")", "](", "]:", "&amp;", "&", "&auml;", "&#10;", "a\u030a", "budget", " ", "<b>"),
    *("</b>", "<script>", "</script", "<pre>", "</pre>", "https://x.se/", "www.", "@", "x.se"),
    *("_", "---", "+++", "<!-- glossary-disable-next-line budget -->", "😀", "\u00ad", "-"),
    *("<!-- glossary: budget=sales -->", "<!-- glossary-enable -->", "1.", '"', "'", "="),
    *("<code>", "ä", "\ufeff", "\\", "\u1100\u1161", "\u0301"),
]


@pytest.mark.parametrize("seed", range(5))
def test_random_markup_stays_consistent(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(40):
        source = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 25)))
        for fmt in FORMATS:
            _assert_consistent(parse_document(source, fmt))


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        parse_document("budget", "rst")  # type: ignore[arg-type]


# --- The modules behind parse_document -------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "end", "audience"),
    [
        ("---\nglossary: {audience: [Sales]}\n---\ntext", 37, ("sales",)),
        ("+++\ntitle = 'x'\n+++\r\ntext", 20, None),
        ("---\ntitle: x\n", None, None),
        ("text\n---\nx: 1\n---\n", None, None),
    ],
)
def test_front_matter_is_a_value_with_its_end_and_audience(
    head: str, end: int | None, audience: tuple[str, ...] | None
) -> None:
    found = front_matter(head)
    assert (found.end if found else None) == end
    assert (found.audience if found else None) == audience


def test_a_shift_maps_both_ways_around_an_edit() -> None:
    text, shift = rebuild("a &auml; b", [(2, 8, "ä")])
    assert text == "a ä b"
    assert shift is not None
    assert [shift.to_original(i) for i in range(len(text) + 1)] == [0, 1, 2, 8, 9, 10]
    assert [shift.to_text(o) for o in (0, 2, 5, 8, 10)] == [0, 2, 2, 3, 5]


def test_the_library_comparison_counts_every_table_case() -> None:
    documents_bench = pytest.importorskip("bench.documents")
    for candidate in documents_bench.CANDIDATES:
        if candidate.name.startswith("ours"):
            passed, total = documents_bench.passed_cases(candidate)
            assert passed == total > 100, candidate.fmt
