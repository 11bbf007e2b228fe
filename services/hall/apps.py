from django.apps import AppConfig


class HallConfig(AppConfig):
    name = "services.hall"
    label = "hall"
    verbose_name = "服务大厅入口与办件查询"
