"""Who may use the register through the service: people's accounts (signing in with a password,
sessions) and other systems' API tokens, each with a role.

Passwords are kept as argon2id hashes (argon2-cffi); a session's or a token's
secret is given out once and kept only as its SHA-256, so that a copy of the
database opens nothing.  Adding or disabling an account and creating or
revoking a token are events of the register's trail.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..errors import FormgenError
from . import db, trail
from .models import api_tokens, sessions, users
from .register import _code, _now

Role = Literal["reader", "clerk", "administrator"]
ROLES: tuple[Role, ...] = ("reader", "clerk", "administrator")
"""Each role may do what the ones before it may: read the register; issue; void and manage accounts."""

SESSION_SECONDS = 12 * 3600
"""A session ends this long after signing in: a working day."""
REMEMBER_SECONDS = 5.0
"""How long a process trusts a session or token it has looked up: a sign-out, a disabled account or a
revoked token takes effect at once in the process that did it, and within this time in every other."""
MIN_PASSWORD = 10
TOKEN_PREFIX = "fgt_"


def allows(role: str, needed: Role) -> bool:
    """Whether role may do what needed may."""
    return role in ROLES and ROLES.index(role) >= ROLES.index(needed)  # type: ignore[arg-type]


@dataclass(frozen=True)
class User:
    id: int
    login: str
    name: str
    role: Role
    created_at: str
    disabled_at: str | None

    @property
    def active(self) -> bool:
        return self.disabled_at is None


@dataclass(frozen=True)
class Session:
    """A signed-in session: its secret (the cookie's value, shown once), its CSRF token, its user."""

    secret: str
    csrf: str
    user: User
    expires_at: int


@dataclass(frozen=True)
class Token:
    id: int
    name: str
    role: Role
    created_at: str
    created_by: str
    revoked_at: str | None


def _role(role: str) -> Role:
    if role not in ROLES:
        raise FormgenError(f"unknown role {role!r}: {', '.join(ROLES)}")
    return role  # type: ignore[return-value]


def _user(row) -> User:
    return User(row.id, row.login, row.name, row.role, row.created_at, row.disabled_at)


def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


class Accounts:
    """The accounts and tokens of a register's database (Register.accounts)."""

    def __init__(self, engine: Engine):
        self._engine = engine
        self._remembered: dict[str, tuple[float, Session | Token]] = {}
        """SHA-256 of a secret → (when looked up, what it opened): a request costs no query."""

    def _recall(self, key: str) -> Session | Token | None:
        found = self._remembered.get(key)
        if found is None or time.monotonic() - found[0] > REMEMBER_SECONDS:
            return None
        if isinstance(found[1], Session) and found[1].expires_at < time.time():
            return None
        return found[1]

    def _remember(self, key: str, value: Session | Token) -> None:
        if len(self._remembered) > 10_000:
            self._remembered.clear()
        self._remembered[key] = (time.monotonic(), value)

    def _forget(self) -> None:
        self._remembered.clear()

    # ------------------------------------------------------------------ people

    def add_user(self, login: str, password: str, *, role: str, by: str, name: str = "") -> User:
        """A new account; the login is also the name the register records as who issued."""
        login = _code("login", login, required=True)
        if any(c.isspace() for c in login):
            raise FormgenError(f"login {login!r}: no spaces")
        if len(password) < MIN_PASSWORD:
            raise FormgenError(f"the password must have at least {MIN_PASSWORD} characters")
        row = {"login": login, "name": _code("name", name) or login, "role": _role(role),
               "password_hash": _hasher().hash(password), "created_at": _now(),
               "created_by": _code("by", by, required=True), "disabled_at": None}
        try:
            with db.writing(self._engine) as connection:
                user_id = connection.execute(insert(users), row).inserted_primary_key[0]
                trail.append(connection, "user-add", row["created_by"], row["created_at"],
                             {"login": login, "role": role})
        except IntegrityError:
            raise FormgenError(f"there is already an account {login!r}") from None
        return User(user_id, login, row["name"], row["role"], row["created_at"], None)

    def users(self) -> list[User]:
        with db.reading(self._engine) as connection:
            return [_user(row) for row in connection.execute(select(users).order_by(users.c.login))]

    def disable_user(self, login: str, *, by: str) -> User:
        """The account can no longer sign in, and its open sessions end."""
        at, by = _now(), _code("by", by, required=True)
        self._forget()
        with db.writing(self._engine) as connection:
            row = connection.execute(select(users).where(users.c.login == login)).first()
            if row is None:
                raise FormgenError(f"no account {login!r}")
            if row.disabled_at is None:
                connection.execute(update(users).where(users.c.id == row.id).values(disabled_at=at))
                connection.execute(delete(sessions).where(sessions.c.user_id == row.id))
                trail.append(connection, "user-disable", by, at, {"login": login})
            return _user(connection.execute(select(users).where(users.c.id == row.id)).one())

    def sign_in(self, login: str, password: str) -> Session | None:
        """A new session when the password is the account's (and the account is active), else None;
        as slow for an unknown login as for a wrong password."""
        from argon2.exceptions import InvalidHashError, VerificationError

        with db.reading(self._engine) as connection:
            row = connection.execute(select(users).where(users.c.login == login)).first()
        try:
            _hasher().verify(row.password_hash if row else _UNKNOWN_HASH(), password)
        except (VerificationError, InvalidHashError):
            return None
        if row is None or row.disabled_at is not None:
            return None
        secret, csrf, now = secrets.token_urlsafe(32), secrets.token_urlsafe(32), int(time.time())
        with db.writing(self._engine) as connection:
            connection.execute(delete(sessions).where(sessions.c.expires_at < now))
            connection.execute(insert(sessions), {"id": trail.sha256(secret), "user_id": row.id, "csrf": csrf,
                                                  "created_at": now, "expires_at": now + SESSION_SECONDS})
        return Session(secret, csrf, _user(row), now + SESSION_SECONDS)

    def session(self, secret: str) -> Session | None:
        """The session a cookie's secret opens, if it is current and its account active."""
        key = "session:" + trail.sha256(secret)
        known = self._recall(key)
        if isinstance(known, Session):
            return known
        with db.reading(self._engine) as connection:
            row = connection.execute(select(sessions.c.csrf, sessions.c.expires_at, users).join(users).where(
                sessions.c.id == key.removeprefix("session:"))).first()
        if row is None or row.expires_at < time.time() or row.disabled_at is not None:
            return None
        session = Session(secret, row.csrf, _user(row), row.expires_at)
        self._remember(key, session)
        return session

    def sign_out(self, secret: str) -> None:
        self._forget()
        with db.writing(self._engine) as connection:
            connection.execute(delete(sessions).where(sessions.c.id == trail.sha256(secret)))

    # ------------------------------------------------------------------ systems

    def create_token(self, name: str, *, role: str, by: str) -> tuple[Token, str]:
        """A new token for another system; the secret returned is shown once and kept only hashed."""
        name = _code("name", name, required=True)
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = Token(0, name, _role(role), _now(), _code("by", by, required=True), None)
        try:
            with db.writing(self._engine) as connection:
                token_id = connection.execute(insert(api_tokens), {
                    "name": name, "role": role, "sha256": trail.sha256(secret), "created_at": token.created_at,
                    "created_by": token.created_by, "revoked_at": None}).inserted_primary_key[0]
                trail.append(connection, "token-create", token.created_by, token.created_at,
                             {"name": name, "role": role})
        except IntegrityError:
            raise FormgenError(f"there is already a token named {name!r}; revoke it or choose another name") from None
        return Token(token_id, name, token.role, token.created_at, token.created_by, None), secret

    def tokens(self) -> list[Token]:
        with db.reading(self._engine) as connection:
            return [Token(r.id, r.name, r.role, r.created_at, r.created_by, r.revoked_at)
                    for r in connection.execute(select(api_tokens).order_by(api_tokens.c.name))]

    def revoke_token(self, name: str, *, by: str) -> None:
        at, by = _now(), _code("by", by, required=True)
        self._forget()
        with db.writing(self._engine) as connection:
            row = connection.execute(select(api_tokens).where(api_tokens.c.name == name)).first()
            if row is None:
                raise FormgenError(f"no token named {name!r}")
            if row.revoked_at is None:
                connection.execute(update(api_tokens).where(api_tokens.c.id == row.id).values(revoked_at=at))
                trail.append(connection, "token-revoke", by, at, {"name": name})

    def token(self, secret: str) -> Token | None:
        """The token a bearer's secret is, if it is not revoked."""
        if not secret.startswith(TOKEN_PREFIX):
            return None
        digest = trail.sha256(secret)
        known = self._recall("token:" + digest)
        if isinstance(known, Token):
            return known
        with db.reading(self._engine) as connection:
            row = connection.execute(select(api_tokens).where(api_tokens.c.sha256 == digest)).first()
        if row is None or row.revoked_at is not None:
            return None
        token = Token(row.id, row.name, row.role, row.created_at, row.created_by, row.revoked_at)
        self._remember("token:" + digest, token)
        return token


class _UnknownHash:
    """A hash of a random password, made once: checking against it costs what a real check costs."""

    value: str | None = None

    def __call__(self) -> str:
        if self.value is None:
            self.value = _hasher().hash(secrets.token_urlsafe(16))
        return self.value


_UNKNOWN_HASH = _UnknownHash()
