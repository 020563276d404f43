"""Who is asking: a person signed in to the page (a session cookie) or another system (a bearer
token), and what their role lets them do.

The session cookie is HttpOnly, SameSite=Lax, and Secure when the service's
public address is https; a request that changes something with it must also
send the session's CSRF token (the page carries it, and sends it as
X-CSRF-Token), so another site cannot make a signed-in browser act.  A
bearer token is never sent by a browser on its own, and needs none.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.security import APIKeyCookie, HTTPBearer

from ..register import Register
from ..register.accounts import Role, allows
from .problems import ProblemError

COOKIE = "formgen_session"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# declared so that the OpenAPI document names both ways in; the checking is principal()'s
bearer_scheme = HTTPBearer(auto_error=False, description="an API token (`formgen tokens create NAME`)")
cookie_scheme = APIKeyCookie(name=COOKIE, auto_error=False, description="the page's session (sign in at /signin)")


@dataclass(frozen=True)
class Principal:
    """A signed-in person or a system with a token."""

    name: str
    """The login or the token's name: who issued, as the register records it."""
    display: str
    role: Role
    kind: Literal["user", "token"]
    csrf: str | None = None
    """The session's CSRF token; None for a token."""

    @property
    def owner(self) -> str:
        """Whose drafts and jobs: user:<login> or token:<name>."""
        return f"{self.kind}:{self.name}"


def register_of(request: Request) -> Register:
    """The worker's register, opened in the app's lifespan."""
    return request.app.state.register


def identify(request: Request) -> Principal | None:
    """The person or system making the request, or None.  A bearer token that is wrong refuses the
    request even when a session cookie comes with it.  Called in the event loop: the accounts remember
    what they looked up for a few seconds, so that a request seldom waits for a query."""
    accounts = register_of(request).accounts
    authorization = request.headers.get("authorization")
    if authorization is not None:
        scheme, _, secret = authorization.partition(" ")
        token = accounts.token(secret.strip()) if scheme.lower() == "bearer" else None
        if token is None:
            raise ProblemError("unauthorized", 401, "the bearer token is unknown or revoked",
                               headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
        return Principal(token.name, token.name, token.role, "token")
    secret = request.cookies.get(COOKIE)
    session = accounts.session(secret) if secret else None
    if session is None:
        return None
    return Principal(session.user.login, session.user.name, session.user.role, "user", session.csrf)


def require(role: Role):
    """A dependency: the principal, when signed in with a role that allows role's work; else 401 or
    403.  A change made with a session cookie must carry the session's CSRF token."""

    async def dependency(request: Request, _bearer: Annotated[object, Depends(bearer_scheme)] = None,
                         _cookie: Annotated[object, Depends(cookie_scheme)] = None) -> Principal:
        principal = identify(request)
        if principal is None:
            raise ProblemError("unauthorized", 401, "sign in, or send an API token as Authorization: Bearer",
                               headers={"WWW-Authenticate": "Bearer"})
        if principal.kind == "user" and request.method not in SAFE_METHODS:
            sent = request.headers.get(CSRF_HEADER, "")
            if not secrets.compare_digest(sent.encode(), (principal.csrf or "").encode()):
                raise ProblemError("csrf", 403, f"a change made from the page must send its {CSRF_HEADER}")
        if not allows(principal.role, role):
            raise ProblemError("forbidden", 403, f"this needs the role {role}; {principal.name} is a {principal.role}")
        return principal

    return dependency


Reader = Annotated[Principal, Depends(require("reader"))]
Clerk = Annotated[Principal, Depends(require("clerk"))]
Administrator = Annotated[Principal, Depends(require("administrator"))]


def sign_in_location(request: Request) -> str:
    """Where a page sends someone not signed in: the sign-in page, coming back here afterwards."""
    back = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return f"/signin?next={quote(back, safe='')}"


def secure_cookies(request: Request) -> bool:
    base_url = request.app.state.settings.base_url or ""
    return base_url.startswith("https://")
