from django.apps import AppConfig


class FilesConfig(AppConfig):
    name = "services.files"
    label = "files"
    verbose_name = "办件材料"
