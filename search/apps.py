from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "检索"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms_pages import search_fields
        from search import signals
        from search.text import index_text

        signals.connect()
        search_fields.provide(index_text)
