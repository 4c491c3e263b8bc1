"""The Litestar application, built around the dependency-injector container."""

from collections.abc import Sequence
from typing import Any

from litestar import Litestar, Request
from litestar.config.app import AppConfig
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import ScalarRenderPlugin, SwaggerRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme
from litestar.types import ControllerRouterHandler

from entrypoints.container import Container, build_container
from entrypoints.http.callbacks import CallbackController
from entrypoints.http.customers import CustomerController
from entrypoints.http.errors import UnsupportedMediaTypeError, handle_exception
from entrypoints.http.health import live, ready
from entrypoints.http.identity import identity_router
from entrypoints.http.items import ItemController
from entrypoints.http.middleware import RequestLogMiddleware
from entrypoints.http.notifications import NotificationController, in_process_dispatcher
from entrypoints.http.orders import OrderController
from entrypoints.logging import configure_logging, flush_logs

MAX_BODY_BYTES = 1024 * 1024

# One line per resource; other features add theirs here.
ROUTES: list[ControllerRouterHandler] = [
    CustomerController,
    ItemController,
    OrderController,
    NotificationController,
    CallbackController,
    identity_router,
    live,
    ready,
]


def create_app(
    container: Container | None = None, extra_routes: Sequence[ControllerRouterHandler] = ()
) -> Litestar:
    """The API over ``container`` (by default, one configured from the environment)."""
    container = container or build_container()
    configure_logging(
        container.config.log_level() or "INFO", container.config.log_format() or "auto"
    )
    app = Litestar(
        route_handlers=[*ROUTES, *extra_routes],
        # Shutdown hooks run in the order these add them: the dispatcher stops before the
        # databases close, and the logs are flushed last.
        on_app_init=[
            _keep_container(container),
            in_process_dispatcher(container),
            _close_on_shutdown(container),
        ],
        before_request=require_json_body,
        exception_handlers={Exception: handle_exception},
        request_max_body_size=MAX_BODY_BYTES,
        openapi_config=_openapi(),
        logging_config=None,
    )
    # Around the whole app, not per route (Litestar's `middleware=`), so a request for a
    # path with no route (404, 405) gets a request id and its log line too.
    app.asgi_handler = RequestLogMiddleware(app.asgi_handler)
    return app


def _keep_container(container: Container) -> Any:
    def on_init(config: AppConfig) -> AppConfig:
        config.state.update(container=container, token_verifier=container.token_verifier())
        return config

    return on_init


async def close_databases(container: Container) -> None:
    """Close the connection pools of the container's SQL and identity databases."""
    # With memory:// storage there is no SQL engine: its provider would refuse the URL.
    if container.config.storage() == "sql":
        await container.database().dispose()
    await container.identity_database().dispose()


def _close_on_shutdown(container: Container) -> Any:
    async def close() -> None:
        await close_databases(container)

    def on_init(config: AppConfig) -> AppConfig:
        config.on_shutdown.extend([close, flush_logs])
        return config

    return on_init


async def require_json_body(request: Request[Any, Any, Any]) -> None:
    """Refuse a body that is not JSON (415) before Litestar tries to decode it."""
    if "data" not in request.route_handler.parsed_fn_signature.parameters:
        return
    media_type = request.content_type[0]
    if media_type != "application/json" and not media_type.endswith("+json"):
        raise UnsupportedMediaTypeError("send the body as application/json")


def _openapi() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="Purchase",
        version="1.0.0",
        description="Customers, items and orders, with an SMS to the customer on every order.",
        path="/schema",
        render_plugins=[ScalarRenderPlugin(), SwaggerRenderPlugin(path="/swagger")],
        components=Components(
            security_schemes={
                "bearer": SecurityScheme(type="http", scheme="bearer", bearer_format="JWT")
            }
        ),
        security=[{"bearer": []}],
    )
