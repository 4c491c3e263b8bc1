"""Run the API under granian.

Granian rather than uvicorn: it is already a dependency, its HTTP parsing and worker
supervision are in Rust, so each Python worker spends its time on the application, and
it spawns and watches several worker processes itself, with no gunicorn in front.
"""

import asyncio
import logging

import click
from granian import Granian
from granian.constants import Interfaces

from adapters.sql.errors import OutdatedSchemaError
from adapters.sql.migrate import check_schema, upgrade_new_sqlite_database
from entrypoints.identity_cli import announce_demo_identity
from entrypoints.logging import configure_logging
from entrypoints.settings import Settings

logger = logging.getLogger(__name__)

APP_FACTORY = "entrypoints.http.app:create_app"


def serve(*, host: str, port: int, workers: int, target: str = APP_FACTORY) -> None:
    """Serve ``target`` (an app factory) until interrupted; each worker builds its own app."""
    settings = Settings.load()
    configure_logging(settings.log_level, settings.log_format)
    if settings.storage == "sql":
        asyncio.run(prepare_database(settings.database_url))
    announce_demo_identity(settings)
    Granian(
        target,
        factory=True,
        address=host,
        port=port,
        workers=workers,
        interface=Interfaces.ASGI,
        log_access=False,
    ).serve()


async def prepare_database(database_url: str) -> None:
    """Create a new SQLite file's schema; refuse to serve on an outdated one."""
    if await upgrade_new_sqlite_database(database_url):
        logger.info("database_created")
    try:
        await check_schema(database_url)
    except OutdatedSchemaError as error:
        raise click.ClickException(str(error)) from error
