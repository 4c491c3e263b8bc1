"""``purchase notifications ...``: the SMS dispatcher as its own process, for scale-out."""

import asyncio
import signal

import click

from entrypoints.container import Container, build_container
from entrypoints.logging import configure_logging


@click.group()
def notifications() -> None:
    """The SMS each order owes its customer."""


@notifications.command()
@click.option("--once", is_flag=True, help="Send everything due now, then exit.")
def dispatch(once: bool) -> None:
    """Send due SMS until stopped (SIGTERM or Ctrl-C finish the message in flight first)."""
    container = build_container()
    configure_logging(
        container.config.log_level() or "INFO", container.config.log_format() or "auto"
    )
    if once:
        claimed = asyncio.run(_drain(container))
        click.echo(f"{claimed} notifications attempted")
    else:
        asyncio.run(_run_until_stopped(container))


async def _drain(container: Container) -> int:
    # Unlike the long-running loop, a failed round ends the command with an error, so a
    # scheduler running --once sees it.
    dispatch = container.dispatch_notifications()
    total = 0
    while claimed := (await dispatch()).claimed:
        total += claimed
    return total


async def _run_until_stopped(container: Container) -> None:
    dispatcher = container.dispatcher()
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signal_number, stopping.set)
    dispatcher.start()
    await stopping.wait()
    await dispatcher.stop()
