from django.apps import AppConfig


class CentresConfig(AppConfig):
    name = "services.centres"
    label = "centres"
    verbose_name = "计量数据中心"

    def ready(self):
        from services.casework.wording import register_machine
        from services.centres.transitions import CENTRE_MACHINE

        register_machine("centres.centre", CENTRE_MACHINE)
