from django.apps import AppConfig


class AcceptanceConfig(AppConfig):
    name = "services.acceptance"
    label = "acceptance"
    verbose_name = "验收"
