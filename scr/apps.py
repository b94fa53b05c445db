from django.apps import AppConfig


class ScrConfig(AppConfig):
    name = "scr"
    verbose_name = "Serious case reviews"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from scr import ending, registry, tracker  # noqa: F401  (the core's own parts come first)

        registry.autodiscover()
