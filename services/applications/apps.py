from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "services.applications"
    label = "applications"
    verbose_name = "筹建申请"

    def ready(self):
        from services.applications.transitions import APPLICATION_MACHINE
        from services.casework.wording import register_machine

        register_machine("applications.application", APPLICATION_MACHINE)
