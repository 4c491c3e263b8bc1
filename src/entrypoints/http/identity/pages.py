"""Server-rendered pages of the provider: templates, CSRF, cookies and safe redirects.

CSRF uses the double-submit pattern: a random token in an HttpOnly, SameSite=Lax cookie
and the same token in a hidden form field; a POST whose two copies differ is refused.
"""

import hmac
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from litestar import Request, Response
from litestar.datastructures import Cookie
from litestar.enums import MediaType
from litestar.status_codes import HTTP_303_SEE_OTHER

from adapters.identity.provider import OpenIdProvider
from adapters.identity.turn import ProviderAnswer, ProviderRequest

CSRF_COOKIE = "purchase_csrf"
CSRF_FIELD = "csrf_token"
SESSION_COOKIE = "purchase_session"
# Where a login may send the browser next: our own pages only, never another site.
SAFE_NEXT_PREFIXES = ("/oauth/authorize?", "/oauth/admin/clients")
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}

_templates = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True),
    auto_reload=False,
)

AnyRequest = Request[Any, Any, Any]


def provider_of(request: AnyRequest) -> OpenIdProvider:
    provider: OpenIdProvider = request.app.state.container.identity_provider()
    return provider


def secure_cookies(request: AnyRequest) -> bool:
    return provider_of(request).policy.issuer.startswith("https://")


def csrf_token(request: AnyRequest) -> str:
    return request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)


def csrf_ok(request: AnyRequest, form: dict[str, str]) -> bool:
    cookie = request.cookies.get(CSRF_COOKIE, "")
    field = form.get(CSRF_FIELD, "")
    return bool(cookie) and hmac.compare_digest(cookie.encode(), field.encode())


def page(request: AnyRequest, template: str, status: int = 200, **context: Any) -> Response[str]:
    """A rendered page that also (re)sets the CSRF cookie its forms carry."""
    token = csrf_token(request)
    html = _templates.get_template(template).render(csrf_token=token, **context)
    return Response(
        html,
        status_code=status,
        media_type=MediaType.HTML,
        headers={**NO_STORE, "X-Frame-Options": "DENY", "Content-Security-Policy": _CSP},
        cookies=[_cookie(CSRF_COOKIE, token, secure=secure_cookies(request), path="/")],
    )


_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:"


def see_other(location: str, cookies: list[Cookie] | None = None) -> Response[str]:
    return Response(
        "", status_code=HTTP_303_SEE_OTHER, headers={"Location": location}, cookies=cookies or []
    )


def session_cookie(request: AnyRequest, session: str | None) -> Cookie:
    """The session cookie, or its deletion when ``session`` is None."""
    secure = secure_cookies(request)
    if session is None:
        return _cookie(SESSION_COOKIE, "", secure=secure, path="/", max_age=0)
    return _cookie(SESSION_COOKIE, session, secure=secure, path="/")


def _cookie(
    name: str, value: str, *, secure: bool, path: str, max_age: int | None = None
) -> Cookie:
    return Cookie(
        key=name,
        value=value,
        path=path,
        httponly=True,
        samesite="lax",
        secure=secure,
        max_age=max_age,
    )


def safe_next(target: str | None) -> str | None:
    """``target`` if it is one of our own pages, else None (no open redirects)."""
    if not target or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target if target.startswith(SAFE_NEXT_PREFIXES) else None


def provider_request(
    request: AnyRequest, form: dict[str, str] | None = None, *, with_query: bool = True
) -> ProviderRequest:
    headers = {}
    authorization = request.headers.get("authorization")
    if authorization:
        headers["Authorization"] = authorization
    return ProviderRequest(
        method=request.method,
        path=request.url.path,
        query=tuple(request.query_params.multi_items()) if with_query else (),
        form=tuple((form or {}).items()),
        headers=headers,
    )


async def form_of(request: AnyRequest) -> dict[str, str]:
    """The urlencoded or multipart form, first value of each field."""
    submitted = await request.form()
    return {name: value for name, value in submitted.items() if isinstance(value, str)}


def answer(reply: ProviderAnswer) -> Response[Any]:
    headers = dict(reply.headers)
    if isinstance(reply.body, dict):
        headers.pop("Content-Type", None)
        return Response(reply.body, status_code=reply.status, headers=headers)
    return Response(reply.body or "", status_code=reply.status, headers=headers)


def full_path(request: AnyRequest) -> str:
    query = request.url.query
    return f"{request.url.path}?{query}" if query else request.url.path
