from django.urls import path

from services.hall.flow import views

BASE = "service-hall/services/<slug:flow>/<int:subject>/"

urlpatterns = [
    path(BASE, views.begin, name="flow"),
    path(BASE + "check/", views.check, name="flow_check"),
    path(BASE + "files/<uuid:public_id>/remove/", views.remove_file, name="flow_remove_file"),
    path(BASE + "<slug:section>/", views.section, name="flow_section"),
    path("service-hall/submitted/<int:pk>/", views.confirmation, name="flow_confirmation"),
]
