from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "账户与权限"

    def ready(self):
        from accounts import api_schema, signals  # noqa: F401 (api_schema registers an OpenAPI extension)

        signals.connect_axes()
