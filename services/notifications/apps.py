from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "services.notifications"
    label = "notifications"
    verbose_name = "消息通知"

    def ready(self):
        from services.notifications import reminders, sources

        reminders.register_source("centre-acceptance-apply", sources.acceptance_apply_due)
        reminders.register_source("centre-annual-report", sources.annual_report_due)
