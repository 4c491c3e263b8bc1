"""A person in real headless Chromium signs in, consents, and the client uses its tokens."""

import secrets
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import skip_or_fail
from tests.integration.identity.flow import PASSWORD, pkce_pair, query_of
from tests.integration.identity.live import LiveProvider, live_provider

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        skip_or_fail("Debian's chromium is not installed (scripts/system-deps.sh installs it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveProvider]:
    with live_provider(tmp_path_factory.mktemp("browser")) as provider:
        yield provider


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context()
    yield context.new_page()
    context.close()


def _authorization_url(live: LiveProvider, challenge: str, state: str) -> str:
    params = {
        "response_type": "code",
        "client_id": live.web_app.client_id,
        "redirect_uri": live.callback_uri,
        "scope": "openid profile email customers:read",
        "state": state,
        "nonce": secrets.token_urlsafe(8),
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    return f"{live.base_url}/oauth/authorize?{urlencode(params)}"


def _sign_in_and_approve(page: Page, live: LiveProvider, url: str) -> dict[str, str]:
    page.goto(url)
    page.fill("#username", "amina")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("text=Allow Back office?")
    page.click("button[value=approve]")
    page.wait_for_url(f"{live.callback_uri}?**")
    return query_of(page.url)


def test_signs_in_consents_and_the_client_uses_refreshes_and_revokes_its_tokens(
    page: Page, live: LiveProvider
) -> None:
    verifier, challenge = pkce_pair()
    secret = live.web_app.client_secret
    assert secret is not None
    auth = (live.web_app.client_id, secret)

    callback = _sign_in_and_approve(
        page, live, _authorization_url(live, challenge, "from-chromium")
    )
    with httpx.Client(base_url=live.base_url, timeout=10) as client:
        tokens = client.post(
            "/oauth/token",
            data={
                "grant_type": "authorization_code",
                "code": callback["code"],
                "redirect_uri": live.callback_uri,
                "code_verifier": verifier,
            },
            auth=auth,
        ).json()
        bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
        customers = client.get("/api/v1/customers", headers=bearer)
        userinfo = client.get("/oauth/userinfo", headers=bearer)
        refreshed = client.post(
            "/oauth/token",
            data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
            auth=auth,
        ).json()
        revoked = client.post(
            "/oauth/revoke", data={"token": refreshed["refresh_token"]}, auth=auth
        )
        after_revocation = client.post(
            "/oauth/token",
            data={"grant_type": "refresh_token", "refresh_token": refreshed["refresh_token"]},
            auth=auth,
        )

    assert callback["state"] == "from-chromium"
    assert callback["iss"] == live.issuer
    assert customers.status_code == 200
    assert userinfo.json()["preferred_username"] == "amina"
    assert "access_token" in refreshed
    assert revoked.status_code == 200
    assert after_revocation.json()["error"] == "invalid_grant"


def test_logout_returns_to_the_client_and_the_next_visit_asks_to_sign_in_again(
    page: Page, live: LiveProvider
) -> None:
    verifier, challenge = pkce_pair()
    secret = live.web_app.client_secret
    assert secret is not None
    callback = _sign_in_and_approve(page, live, _authorization_url(live, challenge, "one"))
    tokens = httpx.post(
        f"{live.base_url}/oauth/token",
        data={
            "grant_type": "authorization_code",
            "code": callback["code"],
            "redirect_uri": live.callback_uri,
            "code_verifier": verifier,
        },
        auth=(live.web_app.client_id, secret),
    ).json()
    logout = {
        "id_token_hint": tokens["id_token"],
        "post_logout_redirect_uri": live.callback_uri,
        "state": "bye",
    }

    page.goto(f"{live.base_url}/oauth/logout?{urlencode(logout)}")
    page.wait_for_url(f"{live.callback_uri}?**")
    returned = query_of(page.url)
    page.goto(_authorization_url(live, challenge, "two"))

    assert returned == {"state": "bye"}
    assert page.url.startswith(f"{live.base_url}/oauth/login")
    assert page.locator("#password").is_visible()


def test_the_deny_button_sends_access_denied_to_the_client(page: Page, live: LiveProvider) -> None:
    _, challenge = pkce_pair()
    page.goto(_authorization_url(live, challenge, "deny-me"))
    page.fill("#username", "amina")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")

    page.click("button[value=deny]")
    page.wait_for_url(f"{live.callback_uri}?**")

    callback = query_of(page.url)
    assert callback["error"] == "access_denied"
    assert callback["state"] == "deny-me"
