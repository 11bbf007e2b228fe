from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "services.supervision"
    label = "supervision"
    verbose_name = "监督管理"

    def ready(self):
        from services.supervision import reminders

        reminders.register()  # the November reminder, through the notifications registry
