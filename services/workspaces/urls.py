"""Workspace URLs: one include in portal/urls.py (before Wagtail's catch-all)."""

from django.urls import path

from services.workspaces import views

app_name = "workspaces"
urlpatterns = [
    path("commission/workspace/", views.commission_workspace, name="commission"),
    path("commission/workspace/queues/<slug:key>/", views.commission_queue, name="commission_queue"),
    path("bureau/workspace/", views.bureau_home, name="bureau_home"),
    path("bureau/<slug:code>/workspace/", views.bureau_workspace, name="bureau"),
    path("bureau/<slug:code>/workspace/queues/<slug:key>/", views.bureau_queue, name="bureau_queue"),
]
