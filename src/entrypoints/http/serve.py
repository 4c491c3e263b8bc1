"""Run the API under granian.

Granian rather than uvicorn: it is already a dependency, its HTTP parsing and worker
supervision are in Rust, so each Python worker spends its time on the application, and
it spawns and watches several worker processes itself, with no gunicorn in front.
"""

from granian import Granian
from granian.constants import Interfaces

APP_FACTORY = "entrypoints.http.app:create_app"


def serve(*, host: str, port: int, workers: int, target: str = APP_FACTORY) -> None:
    """Serve ``target`` (an app factory) until interrupted; each worker builds its own app."""
    Granian(
        target,
        factory=True,
        address=host,
        port=port,
        workers=workers,
        interface=Interfaces.ASGI,
        log_access=False,
    ).serve()
