from django.apps import AppConfig


class JourneysConfig(AppConfig):
    """A review driven from a fresh referral to the board chair's sign-off by the real services,
    each step on the day it happened. The demo data, the lifecycle simulation tests and the
    lifecycle benchmark are all made this way, so they look exactly as real use leaves them."""

    name = "journeys"
    verbose_name = "Journeys"
