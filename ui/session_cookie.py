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
    """The browser's network address (None when it runs on the server): the connection's own, or,
    when that is a proxy named in KLA_TRUSTED_PROXIES, the one the proxy put in X-Forwarded-For."""
    address = st.context.ip_address
    if not isinstance(address, str):
        return None
    return forwarded_client(address, st.context.headers.get("X-Forwarded-For"),
                            settings.text(settings.TRUSTED_PROXIES))


def forwarded_client(peer: str, forwarded_for: str | None, trusted: str) -> str:
    """The address a sign-in is counted against. X-Forwarded-For is believed only from a trusted
    proxy, and then its last address that is not itself a trusted proxy (a browser can write any
    address at its start)."""
    proxies = {_bare(proxy) for proxy in trusted.split(",") if proxy.strip()}
    if _bare(peer) not in proxies or not forwarded_for:
        return _bare(peer)
    for hop in reversed([hop for hop in forwarded_for.split(",") if hop.strip()]):
        if _bare(hop) not in proxies:
            return _bare(hop)
    return _bare(peer)


def _bare(address: str) -> str:
    """An address as one writes it: 127.0.0.1 for the IPv4-mapped ::ffff:127.0.0.1."""
    address = address.strip()
    return address[len("::ffff:"):] if address.lower().startswith("::ffff:") and "." in address else address


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
