from django.apps import AppConfig


class AcceptanceConfig(AppConfig):
    name = "services.acceptance"
    label = "acceptance"
    verbose_name = "验收"

    def ready(self):
        try:
            from services.notifications import reminders
        except ImportError:  # the registry is not on this branch yet
            return
        from services.acceptance.reminders import rectification_due

        reminders.register_source("acceptance-rectification", rectification_due)
