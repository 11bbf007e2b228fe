from django.apps import AppConfig


class ConstructionConfig(AppConfig):
    name = "services.construction"
    label = "construction"
    verbose_name = "筹建"
