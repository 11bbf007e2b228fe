from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "services.supervision"
    label = "supervision"
    verbose_name = "监督管理"

    def ready(self):
        from services.supervision import reminders

        if not reminders.register():
            # No reminder registry in the notifications service: schedule our own November task.
            from portal.celery import app
            from services.supervision.tasks import BEAT_SCHEDULE

            app.conf.beat_schedule = {**(app.conf.beat_schedule or {}), **BEAT_SCHEDULE}
