from django.urls import path

from services.applications.views import commission as views

app_name = "commission_applications"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/actions/<slug:action>/", views.act, name="act"),
    path("<int:pk>/panel/members/", views.add_member, name="add_member"),
    path("<int:pk>/documents/<slug:kind>.pdf", views.document, name="document"),
]
