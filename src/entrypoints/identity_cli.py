"""``purchase users``, ``purchase clients`` and ``purchase keys``: the identity provider's admin.

Scripts call these exact forms, so their options and JSON output are a contract.
"""

import asyncio
import json
import secrets
import sys
from collections.abc import Awaitable, Callable
from typing import TypeVar

import click

from adapters.identity.accounts import (
    DEFAULT_GRANT_TYPES,
    GRANT_TYPES,
    ClientRegistration,
    IdentityAdmin,
    RegisteredClient,
    RegistrationError,
)
from adapters.identity.keys import generate_signing_key
from adapters.identity.server import SCOPES
from adapters.sql.migrate import upgrade_new_sqlite_database
from entrypoints.container import Container, build_container
from entrypoints.settings import Settings

T = TypeVar("T")
DEMO_ADMIN = "admin"


def _run(work: Callable[[Container], Awaitable[T]]) -> T:
    async def main() -> T:
        settings = Settings.load()
        if settings.storage == "sql":
            await upgrade_new_sqlite_database(settings.database_url)
        container = build_container(settings)
        try:
            return await work(container)
        except RegistrationError as error:
            raise click.ClickException(str(error)) from error
        finally:
            await container.identity_database().dispose()

    return asyncio.run(main())


@click.group()
def users() -> None:
    """People who sign in to the built-in OpenID provider."""


@users.command("create")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, required=True, help="Read the password from stdin.")
@click.option("--admin", is_flag=True, help="May register client applications.")
@click.option("--email", default=None, help="Shared with clients granted the email scope.")
def create_user(username: str, password_stdin: bool, admin: bool, email: str | None) -> None:
    """Create a user; the password comes on stdin so it stays out of shell history."""
    password = sys.stdin.readline().rstrip("\r\n")
    user_id = _run(
        lambda c: c.identity_admin().create_user(username, password, email=email, is_admin=admin)
    )
    click.echo(f"created user {username} ({user_id})")


@click.group()
def clients() -> None:
    """Applications allowed to ask for tokens."""


@clients.command("register")
@click.option("--name", required=True, help="Shown to users on the consent page.")
@click.option("--redirect-uri", "redirect_uris", multiple=True, help="Exact URI; repeatable.")
@click.option("--public", is_flag=True, help="No secret: a browser or mobile app.")
@click.option(
    "--grant-type",
    "grant_types",
    multiple=True,
    type=click.Choice(GRANT_TYPES),
    help=f"Repeatable; default: {' '.join(DEFAULT_GRANT_TYPES)}.",
)
@click.option("--scope", default=" ".join(SCOPES), show_default=True, help="Space separated.")
@click.option("--json", "as_json", is_flag=True, help="Print {client_id, client_secret}.")
def register_client(
    name: str,
    redirect_uris: tuple[str, ...],
    public: bool,
    grant_types: tuple[str, ...],
    scope: str,
    as_json: bool,
) -> None:
    """Register a client application and print its credentials (the secret only now)."""
    registration = ClientRegistration(
        name=name,
        redirect_uris=redirect_uris,
        public=public,
        grant_types=grant_types or DEFAULT_GRANT_TYPES,
        scopes=scope.split(),
    )
    registered = _run(lambda c: c.identity_admin().register_client(registration))
    if as_json:
        click.echo(json.dumps(_credentials(registered)))
    else:
        click.echo(f"client_id: {registered.client_id}")
        click.echo(f"client_secret: {registered.client_secret or '(none: public client)'}")


@click.group()
def keys() -> None:
    """The keys that sign ID and access tokens."""


@keys.command("rotate")
def rotate_keys() -> None:
    """Sign with a new key from now on; the old one stays published for the overlap window."""
    settings = Settings.load()

    async def rotate(container: Container) -> str:
        now = container.clock().now()
        key = generate_signing_key(now, settings.signing_key_algorithm)
        await container.signing_keys().rotate(key, now)
        return key.kid

    kid = _run(rotate)
    click.echo(f"signing with key {kid}; the previous key stays published for verification")


def _credentials(registered: RegisteredClient) -> dict[str, str | None]:
    return {"client_id": registered.client_id, "client_secret": registered.client_secret}


async def create_demo_identity(container: Container) -> str | None:
    """On the first start (no users yet): a demo admin and a demo client, described for a human."""
    admin: IdentityAdmin = container.identity_admin()
    if await admin.has_users():
        return None
    issuer = container.config.issuer().rstrip("/")
    password = _demo_password()
    await admin.create_user(DEMO_ADMIN, password, is_admin=True)
    demo = await admin.register_client(
        ClientRegistration(
            name="Demo client",
            redirect_uris=[f"{issuer}/oauth/signed-in"],
            grant_types=GRANT_TYPES,
        )
    )
    return "\n".join(
        [
            "First start: created a demo admin and a demo client (shown once, change them).",
            f"  admin user:    {DEMO_ADMIN} / {password}   (sign in at {issuer}/oauth/login)",
            f"  client_id:     {demo.client_id}",
            f"  client_secret: {demo.client_secret}",
            f"  redirect_uri:  {issuer}/oauth/signed-in",
        ]
    )


def _demo_password() -> str:
    return secrets.token_urlsafe(12)


def announce_demo_identity(settings: Settings) -> None:
    """Create and print the demo admin and client when a SQLite database has no users yet.

    Only the embedded default (SQLite): a PostgreSQL deployment gets its users from
    ``purchase users create``, never a demo admin.
    """
    if not settings.demo_identity or not settings.database_url.startswith("sqlite"):
        return
    message = _run(create_demo_identity)
    if message:
        click.echo(message)
