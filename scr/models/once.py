from django.conf import settings
from django.db import models


class Submission(models.Model):
    """A form submitted once: each page a signed-in person opens carries a fresh token in every
    form it posts; the first post with a token claims it (the unique key is the claim) and
    records where it led, so a second click, or the same form sent twice at once, is shown that
    result instead of being done again. See ``scr.once``."""

    token = models.UUIDField(unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=500)
    location = models.CharField(max_length=500, blank=True)
    finished = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.path} ({self.token})"
