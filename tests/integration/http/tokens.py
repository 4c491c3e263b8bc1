"""Access tokens for the HTTP tests, signed with a key generated for the session."""

from datetime import UTC, datetime, timedelta

from adapters.identity.keys import generate_signing_key
from adapters.identity.tokens import AccessTokenGrant, sign_access_token

# The server reads the public half of the session's key from this variable.
PUBLIC_KEY_VARIABLE = "PURCHASE_TEST_SIGNING_JWK"
ISSUER = "http://issuer.test"
AUDIENCE = "purchase-api"
RESOURCES = ("customers", "items", "orders")
ALL_SCOPES = [f"{resource}:{access}" for resource in RESOURCES for access in ("read", "write")]
SCOPES = {
    "staff": ALL_SCOPES,
    "other-staff": ALL_SCOPES,
    "reader": [f"{resource}:read" for resource in RESOURCES],
}
SIGNING_KEY = generate_signing_key(datetime.now(UTC))


def mint(caller: str, *, issued_at: datetime | None = None, hours: float = 1) -> str:
    """A token for ``caller`` (a key of ``SCOPES``), valid for ``hours`` from ``issued_at``."""
    grant = AccessTokenGrant(subject=caller, client_id="http-tests", scopes=SCOPES[caller])
    return sign_access_token(
        grant,
        key=SIGNING_KEY,
        issuer=ISSUER,
        audience=AUDIENCE,
        issued_at=issued_at or datetime.now(UTC),
        lifetime=timedelta(hours=hours),
    )
