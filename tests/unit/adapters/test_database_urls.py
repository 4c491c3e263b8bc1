import pytest

from adapters.sql.database import engine_url


@pytest.mark.parametrize(
    ("given", "driver", "database"),
    [
        pytest.param("sqlite:///purchase.db", "sqlite+pysqlite", "purchase.db", id="sqlite"),
        pytest.param("sqlite+aiosqlite:////srv/p.db", "sqlite+pysqlite", "/srv/p.db", id="aio"),
        pytest.param("postgresql://shop@db:5432/orders", "postgresql+asyncpg", "orders", id="pg"),
        pytest.param("postgres://shop@db/orders", "postgresql+asyncpg", "orders", id="short"),
        pytest.param(
            "postgresql+asyncpg://shop@db/orders", "postgresql+asyncpg", "orders", id="qualified"
        ),
    ],
)
def test_picks_the_driver_for_a_database_url(given: str, driver: str, database: str) -> None:
    url = engine_url(given)

    assert (url.drivername, url.database) == (driver, database)


@pytest.mark.parametrize(
    "given",
    [
        pytest.param("mysql://shop@db/orders", id="other-database"),
        pytest.param("postgresql+psycopg2://shop@db/orders", id="other-driver"),
    ],
)
def test_refuses_a_database_url_it_has_no_driver_for(given: str) -> None:
    with pytest.raises(ValueError, match="sqlite:///PATH"):
        engine_url(given)
