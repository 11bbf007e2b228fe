"""Workspace URLs: one include in portal/urls.py (before Wagtail's catch-all)."""

from django.urls import path

from services.workspaces import views, views_experts

app_name = "workspaces"
urlpatterns = [
    path("commission/workspace/", views.commission_workspace, name="commission"),
    path("commission/workspace/queues/<slug:key>/", views.commission_queue, name="commission_queue"),
    path("commission/workspace/experts/", views_experts.expert_list, name="experts"),
    path("commission/workspace/experts/new/", views_experts.expert_new, name="expert_new"),
    path("commission/workspace/experts/<int:pk>/", views_experts.expert_edit, name="expert_edit"),
    path("bureau/workspace/", views.bureau_home, name="bureau_home"),
    path("bureau/<slug:code>/workspace/", views.bureau_workspace, name="bureau"),
    path("bureau/<slug:code>/workspace/queues/<slug:key>/", views.bureau_queue, name="bureau_queue"),
]
