"""The provider's machine endpoints: discovery, keys, token, userinfo, revocation."""

from typing import Any

from litestar import Request, Response, get, post, route

from adapters.identity.server import SCOPES
from domain.errors import InvalidTokenError
from entrypoints.http.identity.pages import answer, form_of, provider_of, provider_request

AUTHORIZE_PATH = "/oauth/authorize"
TOKEN_PATH = "/oauth/token"  # noqa: S105 - a path, not a secret
USERINFO_PATH = "/oauth/userinfo"
REVOKE_PATH = "/oauth/revoke"
LOGOUT_PATH = "/oauth/logout"
JWKS_PATH = "/.well-known/jwks.json"
CLIENT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]


@get("/.well-known/openid-configuration")
async def discovery(request: Request[Any, Any, Any]) -> dict[str, Any]:
    """OpenID Provider metadata (OpenID Connect Discovery 1.0, RFC 8414)."""
    issuer = provider_of(request).policy.issuer
    return {
        "issuer": issuer,
        "authorization_endpoint": issuer + AUTHORIZE_PATH,
        "token_endpoint": issuer + TOKEN_PATH,
        "userinfo_endpoint": issuer + USERINFO_PATH,
        "jwks_uri": issuer + JWKS_PATH,
        "revocation_endpoint": issuer + REVOKE_PATH,
        "end_session_endpoint": issuer + LOGOUT_PATH,
        "scopes_supported": list(SCOPES),
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code", "refresh_token", "client_credentials"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256", "ES256"],
        "token_endpoint_auth_methods_supported": CLIENT_AUTH_METHODS,
        "revocation_endpoint_auth_methods_supported": CLIENT_AUTH_METHODS,
        "code_challenge_methods_supported": ["S256"],
        "claims_supported": [
            "sub",
            "iss",
            "aud",
            "exp",
            "iat",
            "auth_time",
            "nonce",
            "azp",
            "name",
            "preferred_username",
            "email",
        ],
        "authorization_response_iss_parameter_supported": True,
    }


@get(JWKS_PATH)
async def jwks(request: Request[Any, Any, Any]) -> dict[str, Any]:
    """The public keys that sign ID and access tokens, including recently rotated ones."""
    return await provider_of(request).jwks()


@post(TOKEN_PATH, status_code=200)
async def token(request: Request[Any, Any, Any]) -> Response[Any]:
    """Exchange a code, a refresh token or client credentials for tokens (RFC 6749 §3.2)."""
    form = await form_of(request)
    return answer(await provider_of(request).token(provider_request(request, form)))


@post(REVOKE_PATH, status_code=200)
async def revoke(request: Request[Any, Any, Any]) -> Response[Any]:
    """Revoke a refresh token and every token rotated from the same grant (RFC 7009)."""
    form = await form_of(request)
    return answer(await provider_of(request).revoke(provider_request(request, form)))


@route(USERINFO_PATH, http_method=["GET", "POST"], status_code=200)
async def userinfo(request: Request[Any, Any, Any]) -> dict[str, Any]:
    """Claims about the signed-in user, as the access token's scopes allow (OIDC Core §5.3)."""
    kind, _, value = (request.headers.get("authorization") or "").partition(" ")
    if kind.lower() != "bearer" or not value.strip():
        raise InvalidTokenError("userinfo needs a bearer access token")
    return await provider_of(request).userinfo(value.strip())
