import asyncio
import json
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from adapters.identity.database import open_identity_database
from adapters.identity.key_store import SqlSigningKeyStore
from adapters.identity.keys import KeyRing
from adapters.identity.tables import users
from entrypoints.cli import main
from entrypoints.container import build_container
from entrypoints.identity_cli import create_demo_identity
from entrypoints.settings import Settings
from tests.integration.identity.flow import PASSWORD


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'purchase.db'}"


def _invoke(database_url: str, *args: str, stdin: str = "") -> str:
    result = CliRunner().invoke(
        main, list(args), input=stdin, env={"PURCHASE_DATABASE_URL": database_url}
    )
    assert result.exit_code == 0, result.output
    return result.output


def _password_hashes(database_url: str) -> list[str]:
    async def read() -> list[str]:
        database = open_identity_database(database_url)
        try:
            return await database.run(
                lambda c: list(c.execute(select(users.c.password_hash)).scalars())
            )
        finally:
            await database.dispose()

    return asyncio.run(read())


def test_creates_a_user_from_a_password_on_stdin(database_url: str) -> None:
    output = _invoke(
        database_url,
        "users", "create", "amina", "--password-stdin", "--admin", "--email", "a@example.test",
        stdin=PASSWORD + "\n",
    )  # fmt: skip

    assert "created user amina" in output
    [stored] = _password_hashes(database_url)
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_registers_a_confidential_client_and_prints_its_credentials_as_json(
    database_url: str,
) -> None:
    output = _invoke(
        database_url,
        "clients", "register", "--name", "Back office",
        "--redirect-uri", "https://shop.example/cb", "--redirect-uri", "https://shop.example/cb2",
        "--grant-type", "authorization_code", "--grant-type", "refresh_token",
        "--scope", "openid customers:read", "--json",
    )  # fmt: skip

    credentials = json.loads(output)
    assert set(credentials) == {"client_id", "client_secret"}
    assert credentials["client_secret"]


def test_registers_a_public_client_with_a_null_secret(database_url: str) -> None:
    output = _invoke(
        database_url,
        "clients", "register", "--name", "App", "--redirect-uri", "http://127.0.0.1:9/cb",
        "--public", "--json",
    )  # fmt: skip

    assert json.loads(output)["client_secret"] is None


def test_refuses_client_credentials_for_a_public_client(database_url: str) -> None:
    result = CliRunner().invoke(
        main,
        ["clients", "register", "--name", "M", "--public", "--grant-type", "client_credentials"],
        env={"PURCHASE_DATABASE_URL": database_url},
    )

    assert result.exit_code != 0
    assert "public client cannot use client_credentials" in result.output


def test_rotating_keys_signs_with_a_new_one_and_keeps_the_old_published(
    database_url: str,
) -> None:
    first = _invoke(database_url, "keys", "rotate").split()[3].rstrip(";")
    second = _invoke(database_url, "keys", "rotate").split()[3].rstrip(";")

    ring = asyncio.run(_ring(database_url))
    assert ring.active is not None
    assert ring.active.kid == second
    published = {key.kid for key in ring.published(ring.active.created_at)}
    assert published == {first, second}


async def _ring(database_url: str) -> KeyRing:
    database = open_identity_database(database_url)
    try:
        overlap = timedelta(hours=1)
        return KeyRing(await SqlSigningKeyStore(database, overlap).load(), overlap)
    finally:
        await database.dispose()


async def test_creates_the_demo_admin_and_client_once() -> None:
    container = build_container(Settings(database_url="memory://"))

    first = await create_demo_identity(container)
    second = await create_demo_identity(container)

    assert first is not None
    assert "admin user:" in first
    assert "client_secret:" in first
    assert second is None
    await container.identity_database().dispose()
