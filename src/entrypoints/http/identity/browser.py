"""The pages a person sees: login, consent, logout. Plain HTML forms, no JavaScript."""

from typing import Annotated, Any
from urllib.parse import urlencode

from litestar import Request, Response, get, post, route
from litestar.params import QueryParameter

from adapters.identity.provider import (
    AuthorizationRefused,
    ConsentNeeded,
    LoginNeeded,
    Review,
    SignInRefusedError,
    SignInThrottledError,
)
from adapters.identity.turn import ProviderAnswer
from entrypoints.http.identity.oauth import AUTHORIZE_PATH, LOGOUT_PATH
from entrypoints.http.identity.pages import (
    SESSION_COOKIE,
    AnyRequest,
    answer,
    csrf_ok,
    form_of,
    full_path,
    page,
    provider_of,
    provider_request,
    safe_next,
    see_other,
    session_cookie,
)

LOGIN_PATH = "/oauth/login"
SCOPE_TEXT = {
    "openid": "confirm who you are",
    "profile": "see your username",
    "email": "see your email address",
    "customers:read": "read customers",
    "customers:write": "create, change and delete customers",
    "items:read": "read the catalogue",
    "items:write": "change the catalogue",
    "orders:read": "read orders",
    "orders:write": "place, change and cancel orders",
}


@get(AUTHORIZE_PATH, include_in_schema=False)
async def authorize(request: Request[Any, Any, Any]) -> Response[Any]:
    session = request.cookies.get(SESSION_COOKIE)
    review = await provider_of(request).review_authorization(provider_request(request), session)
    return _show(request, review)


@post(AUTHORIZE_PATH, include_in_schema=False, status_code=200)
async def decide(request: Request[Any, Any, Any]) -> Response[Any]:
    form = await form_of(request)
    if not csrf_ok(request, form):
        return _forbidden(request)
    review = await provider_of(request).decide_authorization(
        provider_request(request),
        request.cookies.get(SESSION_COOKIE),
        approved=form.get("decision") == "approve",
    )
    return _show(request, review)


@get(LOGIN_PATH, include_in_schema=False)
async def login_form(
    request: Request[Any, Any, Any],
    target: Annotated[str | None, QueryParameter(name="next")] = None,
) -> Response[str]:
    return page(request, "login.html", next=safe_next(target) or "", error=None)


@post(LOGIN_PATH, include_in_schema=False, status_code=200)
async def login(request: Request[Any, Any, Any]) -> Response[Any]:
    form = await form_of(request)
    target = safe_next(form.get("next"))
    if not csrf_ok(request, form):
        return _forbidden(request)
    address = request.client.host if request.client else "unknown"
    try:
        session = await provider_of(request).sign_in(
            form.get("username", ""), form.get("password", ""), address
        )
    except SignInThrottledError:
        error = "Too many failed attempts. Wait a few minutes, then try again."
        return page(request, "login.html", status=429, next=target or "", error=error)
    except SignInRefusedError:
        error = "Wrong username or password."
        return page(request, "login.html", status=401, next=target or "", error=error)
    return see_other(target or "/oauth/signed-in", [session_cookie(request, session)])


@get("/oauth/signed-in", include_in_schema=False)
async def signed_in(request: Request[Any, Any, Any]) -> Response[str]:
    user = await provider_of(request).signed_in_user(request.cookies.get(SESSION_COOKIE))
    text = f"You are signed in as {user.username}." if user else "You are not signed in."
    # The demo client's redirect URI: show the code so a person can paste it into a client.
    code = request.query_params.get("code")
    return page(request, "message.html", title="Purchase", text=text, code=code)


@route(LOGOUT_PATH, http_method=["GET", "POST"], include_in_schema=False, status_code=200)
async def logout(request: Request[Any, Any, Any]) -> Response[Any]:
    """RP-initiated logout: with an ``id_token_hint`` at once, otherwise after confirming."""
    form = await form_of(request) if request.method == "POST" else {}
    if request.method == "POST" and not csrf_ok(request, form):
        return _forbidden(request)
    if request.method == "GET" and "id_token_hint" not in request.query_params:
        return page(request, "logout.html", action=full_path(request))
    session = request.cookies.get(SESSION_COOKIE)
    result = await provider_of(request).end_session(provider_request(request), session)
    if isinstance(result, AuthorizationRefused):
        return _refused(request, result)
    response = answer(result) if result else _signed_out(request)
    response.set_cookie(session_cookie(request, None))
    return response


def _show(request: AnyRequest, review: Review) -> Response[Any]:
    if isinstance(review, ProviderAnswer):
        return answer(review)
    if isinstance(review, LoginNeeded):
        return see_other(f"{LOGIN_PATH}?{urlencode({'next': full_path(request)})}")
    if isinstance(review, AuthorizationRefused):
        return _refused(request, review)
    return _consent(request, review)


def _consent(request: AnyRequest, review: ConsentNeeded) -> Response[str]:
    scopes = [(scope, SCOPE_TEXT.get(scope, scope)) for scope in review.scopes]
    return page(
        request,
        "consent.html",
        client_name=review.client_name,
        username=review.username,
        scopes=scopes,
        action=full_path(request),
    )


def _refused(request: AnyRequest, refusal: AuthorizationRefused) -> Response[str]:
    return page(
        request,
        "message.html",
        status=400,
        title="This request cannot be completed",
        text=f"{refusal.error}: {refusal.description}",
    )


def _forbidden(request: AnyRequest) -> Response[str]:
    text = "The form expired or did not come from this site. Go back, reload and try again."
    return page(request, "message.html", status=403, title="Request refused", text=text)


def _signed_out(request: AnyRequest) -> Response[str]:
    return page(request, "message.html", title="Signed out", text="You are signed out.")
