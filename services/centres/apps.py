from django.apps import AppConfig


class CentresConfig(AppConfig):
    name = "services.centres"
    label = "centres"
    verbose_name = "计量数据中心"
