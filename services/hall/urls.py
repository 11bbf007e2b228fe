from django.urls import path

from services.hall import views

app_name = "hall"
urlpatterns = [
    path("service-hall/start/<slug:service>/", views.start, name="start"),
    path("service-hall/progress/", views.progress_query, name="progress"),
]
