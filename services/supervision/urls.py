"""Supervision URLs: one include in portal/urls.py (before Wagtail's catch-all)."""

from django.urls import path

from services.supervision import views
from services.supervision.kinds import KINDS

app_name = "supervision"
urlpatterns = [
    # the commission (R-33 … R-35)
    path("commission/", views.commission_dashboard, name="commission_dashboard"),
    path("commission/supervision/centres/<int:pk>/revoke/", views.revoke, name="revoke"),
    # the district bureau's tenant view
    path("bureau/supervision/", views.bureau_dashboard, name="bureau_dashboard"),
    # the objects, for whoever may see them
    path("supervision/centres/<int:pk>/", views.centre_detail, name="centre"),
    path("supervision/export/<slug:table>.<str:file_format>", views.export, name="export"),
    # every declared record kind: its list, its detail, each way to create one and each step on one
    *(
        route
        for kind in KINDS
        for route in (
            path(f"supervision/{kind.segment}/", views.object_list, {"kind": kind.key}, name=kind.key),
            path(
                f"supervision/{kind.segment}/<int:pk>/",
                views.object_detail,
                {"kind": kind.key},
                name=kind.name,
            ),
            *(
                path(c.path, views.object_new, {"creation": c.url_name}, name=c.url_name)
                for c in kind.creations
            ),
            *(
                path(
                    f"supervision/{kind.segment}/<int:pk>/{s.segment}/",
                    views.object_step,
                    {"step": s.url_name},
                    name=s.url_name,
                )
                for s in kind.steps
            ),
        )
    ),
]
