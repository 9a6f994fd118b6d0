"""The sign-in cookie: two small HTTP routes served beside Streamlit (app.py mounts them with
st.App), since a Streamlit script cannot set a cookie itself.

After a sign-in the page shows an invisible image whose address carries the session's one-time
hand-over code; the browser fetches it like any image, and the response sets the HttpOnly cookie
holding the session token (data.services.accounts.sign_in_sessions). No script runs in the page,
and the tab keeps everything it had. Sign-out fetches the other route, which deletes the cookie.
Streamlit hands the cookie back to the app with every new page load (st.context.cookies).
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote

import streamlit as st
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from data.services.accounts import sign_in_sessions
from indicators import settings

COOKIE_NAME = "kla_sesi"
CLAIM_PATH = "sesi/mulai"
CLEAR_PATH = "sesi/keluar"
# A transparent 1x1 GIF: what the invisible image receives with its cookie.
PIXEL = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b")
NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}

SECURE_SETTING = settings.COOKIE_SECURE
"""1 marks the cookie Secure even when a proxy in front terminates HTTPS and forwards plain HTTP."""

_mounted = False


def routes(base_path: str = "") -> list[Route]:
    """The two routes, under the server's base URL path; calling this marks them as served."""
    global _mounted
    _mounted = True
    prefix = f"/{base_path.strip('/')}" if base_path.strip("/") else ""
    return [Route(f"{prefix}/{CLAIM_PATH}", _claim), Route(f"{prefix}/{CLEAR_PATH}", _clear)]


def mounted() -> bool:
    """Whether this process serves the routes (`streamlit run app.py`); without them (a test
    harness, or the page script run on its own) a sign-in lasts as long as the tab."""
    return _mounted


async def _claim(request: Request) -> Response:
    from ui import loaders  # the process's one engine, made on first use

    code = request.query_params.get("kode", "")
    claimed = await run_in_threadpool(sign_in_sessions.claim, loaders.engine(), code)
    response = Response(PIXEL, media_type="image/gif", headers=NO_STORE)
    if claimed is not None:
        response.set_cookie(COOKIE_NAME, claimed.token, max_age=claimed.max_age_seconds, path="/",
                            httponly=True, samesite="strict", secure=_secure(request))
    return response


async def _clear(request: Request) -> Response:
    response = Response(PIXEL, media_type="image/gif", headers=NO_STORE)
    response.delete_cookie(COOKIE_NAME, path="/", httponly=True, samesite="strict", secure=_secure(request))
    return response


def _secure(request: Request) -> bool:
    return request.url.scheme == "https" or settings.switched_on(SECURE_SETTING)


def client_address() -> str | None:
    """The browser's network address as the server sees it (None when it runs on the server)."""
    address = st.context.ip_address
    return address if isinstance(address, str) else None


def draw_claim(code: str) -> None:
    """The invisible image that makes the browser fetch its cookie for this hand-over code."""
    _draw_pixel(f"{CLAIM_PATH}?kode={quote(code)}")


def draw_clear() -> None:
    """The invisible image that makes the browser drop its cookie."""
    _draw_pixel(CLEAR_PATH)


def _draw_pixel(path: str) -> None:
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    url = f"/{base}/{path}" if base else f"/{path}"
    st.sidebar.html(f'<img src="{escape(url)}" alt="" width="1" height="1" style="position:absolute;opacity:0">')
