"""The built-in OpenID provider's HTTP side (docs/identity.md)."""

from litestar import Router

from entrypoints.http.identity.admin import clients_page, register_client
from entrypoints.http.identity.browser import (
    authorize,
    decide,
    login,
    login_form,
    logout,
    signed_in,
)
from entrypoints.http.identity.oauth import discovery, jwks, revoke, token, userinfo

identity_router = Router(
    path="/",
    route_handlers=[
        discovery,
        jwks,
        token,
        revoke,
        userinfo,
        authorize,
        decide,
        login_form,
        login,
        signed_in,
        logout,
        clients_page,
        register_client,
    ],
    tags=["identity"],
    security=[],
)
