import asyncio
import fcntl
import os
from pathlib import Path

import pytest

from adapters.sql.errors import DatabaseError
from adapters.sql.writer_turn import WriterTurn

# Guards against a hang if a turn is never handed over; no test asserts on time.
NEVER = 30


async def test_a_second_writer_gets_its_turn_when_the_first_gives_it_back(
    tmp_path: Path,
) -> None:
    database = str(tmp_path / "purchase.db")
    first, second = WriterTurn(database), WriterTurn(database)
    await first.take()
    waiting = asyncio.ensure_future(second.take())
    await asyncio.sleep(0)
    waited_while_held = not waiting.done()

    first.give_back()
    async with asyncio.timeout(NEVER):
        await waiting

    second.give_back()
    first.close()
    second.close()
    assert waited_while_held


async def test_a_cancelled_wait_hands_the_turn_straight_back(tmp_path: Path) -> None:
    database = str(tmp_path / "purchase.db")
    first, second = WriterTurn(database), WriterTurn(database)
    await first.take()
    waiting = asyncio.ensure_future(second.take())
    await asyncio.sleep(0)
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting

    first.give_back()
    async with asyncio.timeout(NEVER):
        await first.take()

    held = _held_by_another(database)
    first.give_back()
    first.close()
    second.close()
    assert held


async def test_an_in_memory_database_needs_no_turn_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    turn = WriterTurn(":memory:")

    await turn.take()

    turn.give_back()
    turn.close()
    assert _files_in(tmp_path) == []


async def test_reports_a_turn_file_it_cannot_create(tmp_path: Path) -> None:
    turn = WriterTurn(str(tmp_path / "missing-directory" / "purchase.db"))

    with pytest.raises(DatabaseError):
        await turn.take()


def _files_in(directory: Path) -> list[Path]:
    return list(directory.iterdir())


def _held_by_another(database: str) -> bool:
    descriptor = os.open(f"{database}-writer", os.O_RDWR)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(descriptor)
    return False
