from django.apps import AppConfig


class CmsPagesConfig(AppConfig):
    name = "cms_pages"
    verbose_name = "网站内容"

    def ready(self):
        from cms_pages import signals

        signals.connect()
