from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "services.casework"
    label = "casework"
    verbose_name = "办件记录"
