"""Who may use the service: `formgen users add|list|disable` (people, who sign in to the page) and
`formgen tokens create|list|revoke` (other systems, which send a bearer token)."""

from __future__ import annotations

import sys

import click

from ..register.accounts import ROLES
from .register import _by_option, _database_options, _open


@click.group()
def users() -> None:
    """Accounts of the people who sign in to the service's page."""


@users.command("add")
@click.argument("login")
@click.option("--role", type=click.Choice(ROLES), default="clerk", show_default=True,
              help="reader: reads the register; clerk: also issues; administrator: also voids and manages accounts.")
@click.option("--name", default="", help="The name the page shows (default: the login).")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin instead of asking.")
@_by_option
@_database_options
def add_user(login: str, role: str, name: str, password_stdin: bool, by: str, database_url: str | None,
             data_dir: str | None) -> None:
    """Add an account LOGIN; its password is asked for (twice) unless --password-stdin."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("password", hide_input=True, confirmation_prompt=True)
    with _open(database_url, data_dir) as register:
        user = register.accounts.add_user(login, password, role=role, name=name, by=by)
    click.echo(f"account {user.login} ({user.role}) added", err=True)


@users.command("list")
@_database_options
def list_users(database_url: str | None, data_dir: str | None) -> None:
    """List the accounts: login, role, name, and when disabled."""
    with _open(database_url, data_dir) as register:
        found = register.accounts.users()
    for user in found:
        click.echo(f"{user.login:<20} {user.role:<14} {user.name:<30} "
                   + (f"disabled {user.disabled_at}" if user.disabled_at else "active"))
    click.echo(f"{len(found)} accounts", err=True)


@users.command("disable")
@click.argument("login")
@_by_option
@_database_options
def disable_user(login: str, by: str, database_url: str | None, data_dir: str | None) -> None:
    """Disable the account LOGIN: it can no longer sign in, and its sessions end."""
    with _open(database_url, data_dir) as register:
        register.accounts.disable_user(login, by=by)
    click.echo(f"account {login} disabled", err=True)


@click.group()
def tokens() -> None:
    """API tokens of other systems (sent as `Authorization: Bearer <token>`)."""


@tokens.command("create")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), default="clerk", show_default=True)
@_by_option
@_database_options
def create_token(name: str, role: str, by: str, database_url: str | None, data_dir: str | None) -> None:
    """Create a token for the system NAME and print it (once: only its hash is kept).  NAME is
    what the register records as who issued."""
    with _open(database_url, data_dir) as register:
        _, secret = register.accounts.create_token(name, role=role, by=by)
    click.echo(secret)


@tokens.command("list")
@_database_options
def list_tokens(database_url: str | None, data_dir: str | None) -> None:
    """List the tokens: name, role, created, and when revoked."""
    with _open(database_url, data_dir) as register:
        found = register.accounts.tokens()
    for token in found:
        click.echo(f"{token.name:<24} {token.role:<14} {token.created_at}  "
                   + (f"revoked {token.revoked_at}" if token.revoked_at else "active"))


@tokens.command("revoke")
@click.argument("name")
@_by_option
@_database_options
def revoke_token(name: str, by: str, database_url: str | None, data_dir: str | None) -> None:
    """Revoke the token NAME: the system can no longer use it."""
    with _open(database_url, data_dir) as register:
        register.accounts.revoke_token(name, by=by)
    click.echo(f"token {name} revoked", err=True)
