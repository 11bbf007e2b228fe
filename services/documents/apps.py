from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "services.documents"
    label = "official_documents"
    verbose_name = "公文生成"
