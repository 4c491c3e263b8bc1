"""A real access token for the benchmark, signed with the server's own stored key."""

from datetime import UTC, datetime, timedelta

from adapters.identity.tokens import AccessTokenGrant, sign_access_token
from entrypoints.container import build_container
from entrypoints.settings import Settings

SCOPES = [f"{r}:{a}" for r in ("customers", "items", "orders") for a in ("read", "write")]


async def mint_token(env: dict[str, str]) -> str:
    settings = Settings.load(env=env)
    container = build_container(settings)
    now = datetime.now(UTC)
    key = await container.signing_keys().ensure_active_key(now)
    grant = AccessTokenGrant(subject="bench", client_id="bench", scopes=SCOPES)
    return sign_access_token(
        grant,
        key=key,
        issuer=settings.issuer,
        audience=settings.api_audience,
        issued_at=now,
        lifetime=timedelta(hours=2),
    )
