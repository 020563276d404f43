"""What every response carries and what no request may exceed: security headers and the body size.

Both are plain ASGI middleware, so that they hold for every route, the
static files and the error responses alike.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          "connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; "
          "form-action 'self'; frame-ancestors 'none'")
"""Every response: only the package's own scripts and styles, nothing inline, never framed by another site."""

PAGE_POLICY = POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
"""The clerk's page and the docs: still no inline script.  Inline style is allowed because the
document preview (a sandboxed srcdoc frame, which inherits this policy) carries its page style
inline, and Swagger UI sets style attributes."""

STYLED_PAGES = ("/", "/docs")

PREVIEW_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
                  "sandbox; frame-ancestors 'self'")
"""A document preview: no script at all, nothing fetched, shown only inside the service's own page."""


class SecurityHeaders:
    """Content-Security-Policy, nosniff and a referrer only to this service on every response (a route may set a
    stricter policy); with no referrer at all, a browser would send its own forms with Origin: null."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        policy = PAGE_POLICY if scope["path"] in STYLED_PAGES else POLICY

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                for name, value in ((b"content-security-policy", policy), (b"x-content-type-options", "nosniff"),
                                    (b"referrer-policy", "same-origin"), (b"x-frame-options", "SAMEORIGIN"),
                                    (b"cross-origin-opener-policy", "same-origin")):
                    if name not in names:
                        headers.append((name, value.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


class BodyLimit:
    """Refuses a request body over max_bytes with 413 (a problem in the language asked), by its
    Content-Length or as it streams in, before it is held whole in memory."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope["headers"]).get(b"content-length")
        declared_too_long = length is not None and (not length.isdigit() or int(length) > self.max_bytes)
        received = 0

        async def counting() -> Message:
            nonlocal received
            if declared_too_long:
                raise HTTPException(413, f"a request body may have at most {self.max_bytes} bytes")
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise HTTPException(413, f"a request body may have at most {self.max_bytes} bytes")
            return message

        await self.app(scope, counting, send)
