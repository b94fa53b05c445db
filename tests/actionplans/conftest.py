import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded evidence goes to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
