"""The app's lifespan, run in process: what it holds open while serving, it closes when it stops."""

from pathlib import Path

from litestar.testing import AsyncTestClient

from adapters.sql.migrate import upgrade_database
from entrypoints.container import build_container
from entrypoints.http.app import create_app
from entrypoints.settings import Settings
from tests.conftest import skip_or_fail

OPEN_FILES = Path("/proc/self/fd")


def files_open_under(folder: Path) -> list[str]:
    """The files under ``folder`` this process holds open: a pooled SQLite connection is one."""
    if not OPEN_FILES.is_dir():
        skip_or_fail("needs /proc/self/fd (Linux) to see which files are open")
    targets: list[Path] = []
    for descriptor in OPEN_FILES.iterdir():
        try:
            targets.append(descriptor.readlink())
        except FileNotFoundError:  # the descriptor used to list the folder, closed since
            continue
    return sorted(str(target) for target in targets if target.is_relative_to(folder))


async def test_closes_both_database_engines_when_the_app_stops(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'purchase.db'}"
    await upgrade_database(database_url)
    settings = Settings(database_url=database_url, sms_backend="recording")
    app = create_app(build_container(settings))

    async with AsyncTestClient(app) as client:
        ready = await client.get("/health/ready")
        keys = await client.get("/.well-known/jwks.json")
        open_while_serving = files_open_under(tmp_path)
    open_after_stop = files_open_under(tmp_path)

    assert (ready.status_code, keys.status_code) == (200, 200)
    assert open_while_serving
    assert open_after_stop == []


async def test_stops_without_a_fault_on_memory_storage() -> None:
    app = create_app(build_container(Settings(database_url="memory://", sms_backend="recording")))

    async with AsyncTestClient(app) as client:
        keys = await client.get("/.well-known/jwks.json")

    assert keys.status_code == 200
