from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "services.deadlines"
    label = "deadlines"
    verbose_name = "期限"
