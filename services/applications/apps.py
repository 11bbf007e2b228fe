from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "services.applications"
    label = "applications"
    verbose_name = "筹建申请"
