import uuid

import pytest

from tests.personas import build_world

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture(autouse=True)
def isolated_cache(settings):
    """Each test counts (password resets, say) in a cache of its own. Not cache.clear(): the cache
    shares its Redis database with Celery's broker."""
    settings.CACHES = {
        alias: {**config, "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
        for alias, config in settings.CACHES.items()
    }


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def client_for(client, world):
    """A test client signed in as the named persona (or not at all, for "anonymous")."""

    def sign_in(persona: str):
        client.logout()
        if persona != "anonymous":
            client.force_login(world.users[persona], backend=MODEL_BACKEND)
        return client

    return sign_in
