from django.apps import AppConfig


class ImrConfig(AppConfig):
    name = "imr"
    default_auto_field = "django.db.models.BigAutoField"
