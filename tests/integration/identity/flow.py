"""A user agent and a client for driving the provider in tests, one OAuth step per helper."""

import base64
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

PASSWORD = "correct horse battery staple"  # noqa: S105 - a test user's password
WRONG_PASSWORD = "guess guess guess"  # noqa: S105 - a deliberately wrong guess
REDIRECT_URI = "http://client.test/callback"


@dataclass(frozen=True)
class RegisteredApp:
    client_id: str
    client_secret: str | None


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    return verifier, challenge.rstrip(b"=").decode()


def authorization_params(client_id: str, challenge: str | None, **overrides: str) -> dict[str, str]:
    params = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": REDIRECT_URI,
        "scope": "openid profile email customers:read orders:read",
        "state": "state-123",
        "nonce": "nonce-456",
    }
    if challenge is not None:
        params |= {"code_challenge": challenge, "code_challenge_method": "S256"}
    params.update(overrides)
    return {name: value for name, value in params.items() if value != ""}


def query_of(location: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlsplit(location).query).items()}


async def sign_in(
    browser: httpx.AsyncClient, username: str, password: str = PASSWORD, next_page: str = ""
) -> httpx.Response:
    await browser.get("/oauth/login")
    form = {
        "username": username,
        "password": password,
        "csrf_token": browser.cookies.get("purchase_csrf", ""),
        "next": next_page,
    }
    return await browser.post("/oauth/login", data=form)


async def decide(
    browser: httpx.AsyncClient, params: dict[str, str], decision: str = "approve"
) -> httpx.Response:
    """Open the consent page for ``params`` and press one of its buttons."""
    consent = await browser.get("/oauth/authorize", params=params)
    assert consent.status_code == 200, consent.text
    form = {"csrf_token": browser.cookies.get("purchase_csrf", ""), "decision": decision}
    return await browser.post(str(consent.url), data=form)


async def authorization_code(
    browser: httpx.AsyncClient, client_id: str, challenge: str, **overrides: str
) -> str:
    answer = await decide(browser, authorization_params(client_id, challenge, **overrides))
    assert answer.status_code == 302, answer.text
    return query_of(answer.headers["location"])["code"]


async def exchange(
    http: httpx.AsyncClient, app: RegisteredApp, code: str, verifier: str | None, **extra: str
) -> httpx.Response:
    form = {"grant_type": "code", "code": code, "redirect_uri": REDIRECT_URI}
    form["grant_type"] = "authorization_code"
    if verifier is not None:
        form["code_verifier"] = verifier
    form.update(extra)
    return await http.post("/oauth/token", data=form, auth=_auth(app))


async def refresh(
    http: httpx.AsyncClient, app: RegisteredApp, refresh_token: str, **extra: str
) -> httpx.Response:
    form = {"grant_type": "refresh_token", "refresh_token": refresh_token, **extra}
    return await http.post("/oauth/token", data=form, auth=_auth(app))


def _auth(app: RegisteredApp) -> Any:
    if app.client_secret is None:
        return None
    return httpx.BasicAuth(app.client_id, app.client_secret)
