"""The local web server behind `galleyproof serve`: one manuscript, reviewed in the browser.

FastAPI, serving one page and a small JSON API over a `Review`:

- `GET /`: the page.
- `GET /api/document`: the document as the page shows it (`Review.state`).
- `POST /api/decision` `{revision, index, verdict, replacement?}`: a verdict on one issue.
- `POST /api/dictionary` `{revision, index}`: the issue's word into the personal dictionary.
- `POST /api/save` `{}`: write the working text.

It is meant for this machine only: it listens on the loopback address by default, answers
only requests whose Host is one it was started for (a web page elsewhere cannot rebind a
name to it) and takes only JSON bodies (a cross-site form cannot post to it without the
browser first asking, and no cross-origin answer is ever given).
"""

from __future__ import annotations

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel
from starlette.middleware.trustedhost import TrustedHostMiddleware

from galleyproof.review.fix import FixError
from galleyproof.review.page import render_review_page
from galleyproof.review.session import Review, ReviewError, StaleRevision

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


class DecisionBody(BaseModel):
    revision: int
    index: int
    verdict: str
    replacement: str | None = None


class WordBody(BaseModel):
    revision: int
    index: int


def create_app(review: Review, hosts: tuple[str, ...] = LOOPBACK_NAMES) -> FastAPI:
    """The app for one review; `hosts`: the Host header values it answers to."""
    app = FastAPI(title="galleyproof", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(hosts))

    @app.middleware("http")
    async def json_bodies_only(request: Request, call_next):
        if request.method == "POST" and request.headers.get("content-type", "").split(";")[0] != "application/json":
            return JSONResponse({"detail": "send JSON (Content-Type: application/json)"}, status_code=415)
        return await call_next(request)

    def answer(action):
        try:
            return action()
        except StaleRevision as err:
            raise HTTPException(409, str(err)) from None
        except (ReviewError, FixError) as err:
            raise HTTPException(400, str(err)) from None
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

    @app.post("/api/save")
    def save() -> dict:
        return answer(review.save)

    return app
