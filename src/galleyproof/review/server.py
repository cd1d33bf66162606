"""The local web server behind `galleyproof serve`: one manuscript, reviewed in the browser.

FastAPI, serving one page and a small JSON API over a `Review`:

- `GET /`: the page.
- `GET /api/document`: the document as the page shows it (`Review.state`).
- `POST /api/decision` `{revision, index, verdict, replacement?}`: a verdict on one issue.
- `POST /api/dictionary` `{revision, index}`: the issue's word into the personal dictionary.
- `POST /api/undo` `{ids}`: forget recorded decisions (the document's `recorded` lists those
  that bear on the file), as `feedback undo` does; their flags come back.
- `POST /api/save` `{}`: write the working text.

It is meant for this machine only, and guards the manuscript as Jupyter guards a notebook:

- a random token, in the URL `serve` prints and opens, is required on every request: as
  `?token=` (the page then sets it as an HttpOnly, SameSite=Strict cookie and drops it from
  the address bar) or as that cookie;
- only requests whose Host is one it was started for are answered (a web page elsewhere
  cannot rebind a name to it), on every address it listens on;
- a request from another site (`Origin` not this server, `Sec-Fetch-Site: cross-site`) is
  refused, POSTs take only JSON bodies of bounded size, and no cross-origin answer is given;
- every answer forbids framing (`X-Frame-Options: DENY`, `frame-ancestors 'none'`), carries a
  Content-Security-Policy that runs only the page's own script, and is never cached;
  the token never leaves in a Referer (`Referrer-Policy: no-referrer`).
"""

from __future__ import annotations

import contextlib
import hmac
import secrets
import socket

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from pydantic import BaseModel
from starlette.middleware.trustedhost import TrustedHostMiddleware

from galleyproof.feedback.store import StoreError
from galleyproof.review.fix import FixError
from galleyproof.review.page import content_security_policy, render_review_page
from galleyproof.review.session import Review, ReviewError, StaleRevision

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")

#: Largest request body: a verdict is a few hundred bytes.
MAX_BODY_BYTES = 1 << 20

FORBIDDEN = (
    "galleyproof: this review needs its token; open the address `galleyproof serve` printed "
    "(it ends in ?token=...)"
)


def _names_of_this_machine() -> set[str]:
    """The names and addresses by which other machines may reach this one (for the Host
    allow-list when listening on every address)."""
    names = {socket.gethostname(), socket.getfqdn()}
    for name in list(names):
        with contextlib.suppress(OSError):
            for *_, addr in socket.getaddrinfo(name, None):
                names.add(f"[{addr[0]}]" if ":" in addr[0] else addr[0])
    return {n for n in names if n}


def allowed_hosts(host: str, extra: list[str]) -> tuple[str, ...]:
    """The Host header values the server answers to: the loopback names, the address it was
    asked to listen on, and (for every address) this machine's names, plus `--allow-host`."""
    shown = f"[{host}]" if ":" in host else host  # as a Host header writes an IPv6 address
    names = set(LOOPBACK_NAMES) | set(extra)
    if host in ("0.0.0.0", "::"):
        names |= _names_of_this_machine()
    else:
        names.add(shown)
    return tuple(sorted(names))


def new_token() -> str:
    """A token no one can guess (256 bits), for the URL `serve` prints."""
    return secrets.token_urlsafe(32)


def cookie_name(request: Request) -> str:
    """Cookies are shared by every port of a host: one name per port keeps two reviews apart."""
    return f"galleyproof_token_{request.url.port or 80}"


def _security_headers(response, policy: str):
    response.headers["Content-Security-Policy"] = policy
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


def _cross_site(request: Request) -> bool:
    """A request another site's page made: its Origin is not this server, or the browser says
    so. A top-level visit to the page itself (a link followed) is let through to the token check."""
    origin = request.headers.get("origin")
    if origin is not None and origin != f"{request.url.scheme}://{request.headers.get('host', '')}":
        return True
    site = request.headers.get("sec-fetch-site", "same-origin")
    if site in ("same-origin", "none"):
        return False
    return not (request.method == "GET" and request.url.path == "/" and request.headers.get("sec-fetch-mode") == "navigate")


class DecisionBody(BaseModel):
    revision: int
    index: int
    verdict: str
    replacement: str | None = None


class WordBody(BaseModel):
    revision: int
    index: int


class UndoBody(BaseModel):
    ids: list[int]


def create_app(review: Review, hosts: tuple[str, ...] = LOOPBACK_NAMES, token: str | None = None) -> FastAPI:
    """The app for one review; `hosts`: the Host header values it answers to; `token`: the
    secret every request must carry (a new one when None: `app.state.token`)."""
    app = FastAPI(title="galleyproof", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.token = token = token or new_token()
    policy = content_security_policy()

    @app.middleware("http")
    async def guard(request: Request, call_next):
        def refuse(status: int, message: str):
            return _security_headers(JSONResponse({"detail": message}, status_code=status), policy)

        if _cross_site(request):
            return refuse(403, "galleyproof: requests from other sites are refused")
        given = request.query_params.get("token")
        ok = given is not None and hmac.compare_digest(given.encode(), token.encode())
        if not ok:
            cookie = request.cookies.get(cookie_name(request))
            if cookie is None or not hmac.compare_digest(cookie.encode(), token.encode()):
                return refuse(403, FORBIDDEN)
        if request.method == "POST":
            if request.headers.get("content-type", "").split(";")[0] != "application/json":
                return refuse(415, "send JSON (Content-Type: application/json)")
            length = request.headers.get("content-length")
            if length is None or not length.isdigit() or int(length) > MAX_BODY_BYTES:
                return refuse(413, f"a request body is at most {MAX_BODY_BYTES:,} bytes, with its length given")
        if given is not None and request.method == "GET" and request.url.path == "/":
            # The token goes into a cookie and out of the address bar (and the history).
            response = RedirectResponse("/", status_code=303)
            response.set_cookie(cookie_name(request), token, httponly=True, samesite="strict", path="/")
            return _security_headers(response, policy)
        return _security_headers(await call_next(request), policy)

    # Added last, so it runs first: a foreign Host is refused before anything else is looked at.
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(hosts))

    def answer(action):
        try:
            return action()
        except StaleRevision as err:
            raise HTTPException(409, str(err)) from None
        except (ReviewError, FixError) as err:
            raise HTTPException(400, str(err)) from None
        except StoreError as err:
            raise HTTPException(503, str(err)) from None
        except OSError as err:
            raise HTTPException(500, f"cannot write: {err}") from None

    @app.get("/", response_class=HTMLResponse)
    def page() -> str:
        return render_review_page(review.path.name)

    @app.get("/api/document")
    def document() -> dict:
        return review.snapshot()

    @app.post("/api/decision")
    def decision(body: DecisionBody) -> dict:
        return answer(lambda: review.decide(body.revision, body.index, body.verdict, body.replacement))

    @app.post("/api/dictionary")
    def dictionary(body: WordBody) -> dict:
        return answer(lambda: review.add_word(body.revision, body.index))

    @app.post("/api/undo")
    def undo(body: UndoBody) -> dict:
        return answer(lambda: review.undo(body.ids))

    @app.post("/api/save")
    def save() -> dict:
        return answer(review.save)

    return app
