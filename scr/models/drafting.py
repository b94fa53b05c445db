from django.conf import settings
from django.db import models


class DraftSection(models.Model):
    """A section of a long document written over weeks (an agency report, the overview report).
    ``revision`` counts saves: a save names the revision it was typed over, and is refused if
    someone saved in between (``scr.drafting.save_section``)."""

    key = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField()
    text = models.TextField(blank=True)
    revision = models.PositiveIntegerField(default=0)
    saved_at = models.DateTimeField(null=True, blank=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title
