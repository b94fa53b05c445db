"""The embedded default: SQLite, Celery on the filesystem transport, email to the console."""

from .base import *  # noqa: F403
from .env import env_bool

DEBUG = env_bool("DEBUG", True)
