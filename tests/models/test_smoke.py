"""The fixture itself: both dialects open, tables exist, every test starts empty."""

from models import Creator


async def test_each_test_starts_empty(db: str) -> None:
    assert await Creator.all().count() == 0
    await Creator.create(email="a@example.com", password_hash="x")
    assert await Creator.all().count() == 1


async def test_isolation_between_tests(db: str) -> None:
    assert await Creator.all().count() == 0
