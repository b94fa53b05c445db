from django.apps import AppConfig


class ScrConfig(AppConfig):
    name = "scr"
    verbose_name = "Serious case reviews"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from scr import (  # noqa: F401  (core parts first)
            alternative,
            ending,
            lifecycle_stages,
            registry,
            tracker,
        )

        registry.autodiscover()
