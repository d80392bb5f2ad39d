"""The API's documentation pages, ``/docs`` (Swagger UI) and ``/redoc``, working offline.

FastAPI's own pages load Swagger UI and ReDoc from a CDN; these serve the same files from the
``fastapi-offline`` package and allow, by hash, only the one inline script Swagger UI needs.
"""

from __future__ import annotations

import base64
import hashlib
import re
from importlib.resources import files

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, Response

from glossary.errors import NotFound

router = APIRouter(include_in_schema=False)
ASSETS = files("fastapi_offline") / "static"
ASSET_TYPES = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "redoc.standalone.js": "text/javascript; charset=utf-8",
    "favicon.png": "image/png",
}
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def content_security_policy(html: str) -> str:
    """Own files only, plus the page's inline scripts by hash; the viewers' inline styles,
    data: icons and ReDoc's search worker (a blob:) are allowed."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
        for script in INLINE_SCRIPT.findall(html)
    )
    return "; ".join(
        (
            "default-src 'none'",
            f"script-src 'self' {hashes}".strip(),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src blob:",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        )
    )


def _with_policy(page: HTMLResponse) -> HTMLResponse:
    """The page with its Content-Security-Policy and no framing."""
    page.headers["Content-Security-Policy"] = content_security_policy(bytes(page.body).decode())
    page.headers["X-Frame-Options"] = "DENY"
    return page


@router.get("/docs")
def swagger_ui(request: Request) -> HTMLResponse:
    """Swagger UI: every operation, to read and try out."""
    return _with_policy(
        get_swagger_ui_html(
            openapi_url=request.app.openapi_url,
            title=f"{request.app.title} – API",
            swagger_js_url="/static/docs/swagger-ui-bundle.js",
            swagger_css_url="/static/docs/swagger-ui.css",
            swagger_favicon_url="/static/docs/favicon.png",
            oauth2_redirect_url=None,
        )
    )


@router.get("/redoc")
def redoc(request: Request) -> HTMLResponse:
    """ReDoc: the API's reference on one page."""
    return _with_policy(
        get_redoc_html(
            openapi_url=request.app.openapi_url,
            title=f"{request.app.title} – API",
            redoc_js_url="/static/docs/redoc.standalone.js",
            redoc_favicon_url="/static/docs/favicon.png",
            with_google_fonts=False,
        )
    )


@router.get("/static/docs/{name}")
def docs_asset(name: str) -> Response:
    """Swagger UI's and ReDoc's files, from the package that ships them."""
    if name not in ASSET_TYPES:
        raise NotFound(f"no file {name!r}")
    return FileResponse(
        str(ASSETS / name),
        media_type=ASSET_TYPES[name],
        headers={"Cache-Control": "public, max-age=86400"},
    )
