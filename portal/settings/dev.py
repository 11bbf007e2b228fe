"""The embedded default used by `make run`: SQLite, eager Celery, database search, console e-mail."""

from portal.settings.base import *  # noqa: F403
from portal.settings.env import env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
