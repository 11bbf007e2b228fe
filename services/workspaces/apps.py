from django.apps import AppConfig


class WorkspacesConfig(AppConfig):
    name = "services.workspaces"
    label = "workspaces"
    verbose_name = "工作台"
