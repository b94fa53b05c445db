from django.conf import settings
from django.db import models


class AccessAction(models.TextChoices):
    VIEW = "view", "Viewed"
    DOWNLOAD = "download", "Downloaded"
    EXPORT = "export", "Exported"
    SHARE = "share", "Shared"
    REFUSED = "refused", "Refused"


class AccessLog(models.Model):
    """Append-only: one row for every view, download, export and share of a document and every
    refused access. Rows are never changed or deleted."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    board = models.ForeignKey("scr.Board", on_delete=models.PROTECT, null=True, related_name="+")
    review = models.ForeignKey("scr.Review", on_delete=models.PROTECT, null=True, related_name="+")
    action = models.CharField(max_length=20, choices=AccessAction.choices)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=60, blank=True)
    description = models.CharField(max_length=300, blank=True)
    path = models.CharField(max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(null=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["review", "-at"]), models.Index(fields=["board", "-at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_type} {self.object_id} by {self.user_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("The access log is append-only.")
