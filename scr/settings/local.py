"""The embedded default: SQLite, Celery on the filesystem transport, email to the console.

DEBUG is off, as in production, so a missing page or a fault shows the product's GOV.UK pages and
not Django's technical ones, which list every address pattern, the code and the settings. WhiteNoise
serves the static files straight from their folders (WHITENOISE_USE_FINDERS, in base), so `make run`
needs no collectstatic. DEBUG=true in the environment turns it on for development."""

from .base import *  # noqa: F403
from .env import env_bool

DEBUG = env_bool("DEBUG", False)
