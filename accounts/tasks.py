"""Celery tasks of the accounts app: thin wrappers that call a service function."""

from celery import shared_task

from accounts import audit_checkpoint


@shared_task(name="accounts.tasks.write_audit_checkpoint")
def write_audit_checkpoint() -> dict:
    """Celery beat: write the audit chain's head out of the database (R-43)."""
    return audit_checkpoint.write(reason="scheduled").fields()
