import pytest

from tests.personas import build_world

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


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
