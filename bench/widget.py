"""The widget's benchmark: ``python -m bench.widget [--runs 7] [--screenshots docs]``.

Serves the seed glossary, and a 50 KB intranet page (paragraphs of the benchmark corpus) from
another origin that embeds the widget; loads the page in Debian's Chromium (Playwright) the
given number of times and reports the widget's gzipped size, the marks it made, and the
milliseconds it spent marking once the service had answered (the widget's own
``GlossaryWidget.stats``), beside the time the service took. With ``--screenshots``, also
writes the pictures the README shows.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import statistics
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.corpus import FULL, ensure_corpus
from bench.serving import free_port, glossary_serve

ROOT = Path(__file__).resolve().parents[1]
WIDGET = ROOT / "src" / "glossary" / "web" / "static" / "widget.js"
PAGE_BYTES = 50_000


@contextlib.contextmanager
def static_server(folder: Path, port: int) -> Iterator[None]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(Quiet, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()


def intranet_page(service: str) -> str:
    """About 50 KB of HTML: paragraphs of the corpus (code blocks left out), with the widget."""
    paragraphs: list[str] = []
    size = 0
    for path in ensure_corpus(FULL).paths:
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            if block.startswith(("```", "#", "-", "|", "<", ">", "    ")) or len(block) < 80:
                continue
            html = "<p>" + block.replace("&", "&amp;").replace("<", "&lt;") + "</p>\n"
            paragraphs.append(html)
            size += len(html.encode("utf-8"))
            if size >= PAGE_BYTES:
                break
        if size >= PAGE_BYTES:
            break
    body = "".join(paragraphs)
    return (
        '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Intranät</title>'
        f'</head><body><main>{body}</main><script src="{service}/widget.js" data-root="main" '
        "defer></script></body></html>"
    )


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(prog="python -m bench.widget", description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--screenshots", type=Path, help="folder to write the README's pictures to")
    args = parser.parse_args(argv)
    host_port = free_port()
    origin = f"http://localhost:{host_port}"
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        database = f"sqlite:///{folder / 'glossary.db'}"
        settings = {"GLOSSARY_DATABASE_URL": database, "GLOSSARY_CORS_ORIGINS": origin}
        with glossary_serve(settings) as service, static_server(folder, host_port):
            page_html = intranet_page(service)
            (folder / "page.html").write_text(page_html, encoding="utf-8")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
                samples = []
                for _ in range(args.runs):
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(f"{origin}/page.html")
                    page.wait_for_function("window.GlossaryWidget && window.GlossaryWidget.ready")
                    page.evaluate("window.GlossaryWidget.ready")
                    samples.append(page.evaluate("({...window.GlossaryWidget.stats})"))
                    context.close()
                if args.screenshots:
                    take_screenshots(browser, service, args.screenshots)
                browser.close()
    size = len(gzip.compress(WIDGET.read_bytes()))
    mark = statistics.median(s["markMs"] for s in samples)
    request = statistics.median(s["requestMs"] for s in samples)
    print(f"widget.js: {WIDGET.stat().st_size:,} bytes, {size:,} bytes gzipped (target < 12,288)")
    print(
        f"a {len(page_html.encode('utf-8')):,}-byte page: {samples[0]['marks']} marks in "
        f"{samples[0]['requests']} request(s); marking after the service answered: median "
        f"{mark:.1f} ms, max {max(s['markMs'] for s in samples):.1f} ms (target < 300 ms); "
        f"the service took median {request:.1f} ms ({args.runs} page loads)"
    )
    return 0


def take_screenshots(browser: Any, service: str, folder: Path) -> None:
    """The README's pictures: the widget's popover, the glossary page and the check page."""
    folder.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1100, "height": 720}, locale="sv-SE")
    page = context.new_page()
    page.goto(f"{service}/widget/demo?lang=sv")
    page.wait_for_function("window.GlossaryWidget && window.GlossaryWidget.ready")
    page.evaluate("window.GlossaryWidget.ready")
    page.hover("#sample p [data-glossary-term]")
    page.wait_for_timeout(300)
    page.screenshot(path=str(folder / "widget.png"))
    page.goto(f"{service}/?lang=sv&q=budget")
    page.screenshot(path=str(folder / "glossary.png"))
    page.goto(f"{service}/check?lang=sv")
    page.click("button[type=submit]")
    page.screenshot(path=str(folder / "check.png"), full_page=True)
    context.close()


if __name__ == "__main__":
    sys.exit(main())
