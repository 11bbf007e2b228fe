"""The Celery application. Settings come from Django settings with the CELERY_ prefix."""

import os

from celery import Celery
from celery.signals import task_postrun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_postrun.connect
def close_unusable_or_obsolete_connections(task=None, **kwargs):
    """After a task in a worker, as Django does after a request: keep the database connection unless it is
    broken or older than CONN_MAX_AGE. (CELERY_DB_REUSE_MAX stops Celery's fix-up closing it every time.)"""
    if task is not None and getattr(task.request, "is_eager", False):
        return  # inline in a request or a test: the caller's connection and transaction
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.close_if_unusable_or_obsolete()
