import re

from tests.integration.identity.conftest import Provider
from tests.integration.identity.flow import sign_in

FORM = {
    "name": "Till app",
    "redirect_uris": "https://till.example/callback",
    "client_type": "confidential",
    "grant_types": ["authorization_code", "refresh_token"],
    "scopes": ["openid", "orders:write"],
}


async def test_sends_a_visitor_to_login_before_the_admin_page(provider: Provider) -> None:
    response = await provider.http.get("/oauth/admin/clients")

    assert response.status_code == 303
    assert response.headers["location"] == "/oauth/login?next=%2Foauth%2Fadmin%2Fclients"


async def test_keeps_a_signed_in_non_admin_out(provider: Provider) -> None:
    await sign_in(provider.http, "baraka")

    response = await provider.http.get("/oauth/admin/clients")

    assert response.status_code == 303


async def test_lets_an_admin_register_a_client_and_shows_its_secret_once(
    provider: Provider,
) -> None:
    await sign_in(provider.http, "amina")
    await provider.http.get("/oauth/admin/clients")
    form = {**FORM, "csrf_token": provider.http.cookies["purchase_csrf"]}

    response = await provider.http.post("/oauth/admin/clients", data=form)

    assert response.status_code == 201
    client_id = re.search(r'id="client-id">([^<]+)<', response.text)
    secret = re.search(r'id="client-secret">([^<]+)<', response.text)
    assert client_id
    assert secret
    listing = await provider.http.get("/oauth/admin/clients")
    assert client_id.group(1) in listing.text
    assert secret.group(1) not in listing.text


async def test_refuses_a_registration_post_without_the_csrf_token(provider: Provider) -> None:
    await sign_in(provider.http, "amina")

    response = await provider.http.post("/oauth/admin/clients", data=FORM)

    assert response.status_code == 403


async def test_shows_why_a_registration_was_refused(provider: Provider) -> None:
    await sign_in(provider.http, "amina")
    await provider.http.get("/oauth/admin/clients")
    form = {
        **FORM,
        "redirect_uris": "javascript:alert(1)",
        "csrf_token": provider.http.cookies["purchase_csrf"],
    }

    response = await provider.http.post("/oauth/admin/clients", data=form)

    assert response.status_code == 400
    assert "is not an absolute http(s) URL" in response.text
