"""The real app for live-socket tests; prints a line once built, so the test knows to go on."""

import sys

from litestar import Litestar

from entrypoints.http.app import create_app
from tests.integration.identity.live import READY
from tests.integration.processes import exit_with_parent


def create_live_app() -> Litestar:
    exit_with_parent()
    app = create_app()
    sys.stdout.write(READY + "\n")
    sys.stdout.flush()
    return app
