"""Who may use the service, from the command line: formgen users add|list|disable and formgen tokens
create|list|revoke, on SQLite and PostgreSQL (FORMGEN_DATABASE_URL); what they create signs in and
authenticates, what they disable or revoke no longer does, and each change is an event of the trail."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from formgen import Register
from formgen.cli import main
from formgen.register import trail
from formgen.register.db import reading


@pytest.fixture
def formgen_cli(database_url, monkeypatch):
    monkeypatch.setenv("FORMGEN_DATABASE_URL", database_url)
    monkeypatch.setenv("USER", "root-admin")
    monkeypatch.setenv("LOGNAME", "root-admin")

    def run(*args: str, stdin: str | None = None):
        return CliRunner().invoke(main, list(args), input=stdin)

    return run


def test_users_are_added_listed_and_disabled(formgen_cli, database_url):
    added = formgen_cli("users", "add", "aigerim", "--role", "clerk", "--name", "Жұмабекова А.", "--password-stdin",
                        stdin="a long enough password\n")
    assert added.exit_code == 0, added.output
    assert formgen_cli("users", "add", "aigerim", "--password-stdin", stdin="another long password\n").exit_code == 2
    short = formgen_cli("users", "add", "bolat", "--password-stdin", stdin="short\n")
    assert short.exit_code == 2 and "at least 10 characters" in short.output
    assert formgen_cli("users", "add", "two words", "--password-stdin", stdin="a long enough password\n").exit_code == 2
    assert formgen_cli("users", "add", "x", "--role", "king", "--password-stdin", stdin="x" * 12).exit_code == 2
    prompted = formgen_cli("users", "add", "dana", "--role", "reader", stdin="a long enough password\n"
                                                                             "a long enough password\n")
    assert prompted.exit_code == 0, prompted.output
    listed = formgen_cli("users", "list").output
    assert "aigerim" in listed and "clerk" in listed and "Жұмабекова А." in listed and "dana" in listed
    with Register(database_url) as register:
        session = register.accounts.sign_in("aigerim", "a long enough password")
        assert session is not None and session.user.role == "clerk"
        assert register.accounts.sign_in("aigerim", "wrong password!") is None
    assert formgen_cli("users", "disable", "aigerim").exit_code == 0
    assert "disabled" in formgen_cli("users", "list").output
    assert formgen_cli("users", "disable", "nobody").exit_code == 2
    with Register(database_url) as register:
        assert register.accounts.sign_in("aigerim", "a long enough password") is None
        assert register.accounts.session(session.secret) is None
        assert register.check().ok


def test_tokens_are_created_once_listed_and_revoked(formgen_cli, database_url):
    created = formgen_cli("tokens", "create", "case-system", "--role", "clerk")
    assert created.exit_code == 0, created.output
    secret = created.output.strip().splitlines()[-1]
    assert secret.startswith("fgt_") and len(secret) > 40
    assert formgen_cli("tokens", "create", "case-system").exit_code == 2
    assert "case-system" in formgen_cli("tokens", "list").output
    with Register(database_url) as register:
        assert register.accounts.token(secret).name == "case-system"
        with reading(register.engine) as connection:  # only its hash is kept
            assert secret not in str(connection.exec_driver_sql("SELECT * FROM api_tokens").all())
    assert formgen_cli("tokens", "revoke", "case-system").exit_code == 0
    assert "revoked" in formgen_cli("tokens", "list").output
    assert formgen_cli("tokens", "revoke", "nope").exit_code == 2
    with Register(database_url) as register:
        assert register.accounts.token(secret) is None
        with reading(register.engine) as connection:
            actions = [e.action for e in trail.read(connection)]
        assert actions == ["token-create", "token-revoke"] and register.check().ok
