"""The administrator's page to register client applications (the original's /o/applications)."""

from typing import Any
from urllib.parse import urlencode

from litestar import Request, Response, get, post

from adapters.identity.accounts import (
    GRANT_TYPES,
    ClientRegistration,
    IdentityAdmin,
    RegistrationError,
)
from adapters.identity.models import IdentityUser
from adapters.identity.server import SCOPES
from entrypoints.http.identity.pages import (
    SESSION_COOKIE,
    AnyRequest,
    csrf_ok,
    page,
    provider_of,
    see_other,
)

CLIENTS_PATH = "/oauth/admin/clients"


@get(CLIENTS_PATH, include_in_schema=False)
async def clients_page(request: Request[Any, Any, Any]) -> Response[str]:
    admin = await _admin(request)
    if admin is None:
        return _login_first(request)
    return await _render(request, registered=None, error=None)


@post(CLIENTS_PATH, include_in_schema=False, status_code=200)
async def register_client(request: Request[Any, Any, Any]) -> Response[str]:
    submitted = await request.form()
    if not csrf_ok(request, {"csrf_token": str(submitted.get("csrf_token", ""))}):
        return page(
            request,
            "message.html",
            status=403,
            title="Request refused",
            text="The form expired or did not come from this site.",
        )
    if await _admin(request) is None:
        return _login_first(request)
    registration = ClientRegistration(
        name=str(submitted.get("name", "")),
        redirect_uris=str(submitted.get("redirect_uris", "")).split(),
        public=submitted.get("client_type") == "public",
        grant_types=[str(grant) for grant in submitted.getall("grant_types", [])],
        scopes=[str(scope) for scope in submitted.getall("scopes", [])],
    )
    try:
        registered = await _accounts(request).register_client(registration)
    except RegistrationError as error:
        return await _render(request, registered=None, error=str(error), status=400)
    return await _render(request, registered=registered, error=None, status=201)


async def _render(
    request: AnyRequest, *, registered: Any, error: str | None, status: int = 200
) -> Response[str]:
    return page(
        request,
        "clients.html",
        status=status,
        clients=await _accounts(request).clients(),
        registered=registered,
        error=error,
        grant_types=GRANT_TYPES,
        scopes=SCOPES,
    )


async def _admin(request: AnyRequest) -> IdentityUser | None:
    user = await provider_of(request).signed_in_user(request.cookies.get(SESSION_COOKIE))
    return user if user is not None and user.is_admin else None


def _login_first(request: AnyRequest) -> Response[str]:
    return see_other(f"/oauth/login?{urlencode({'next': CLIENTS_PATH})}")


def _accounts(request: AnyRequest) -> IdentityAdmin:
    accounts: IdentityAdmin = request.app.state.container.identity_admin()
    return accounts
