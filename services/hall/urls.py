from django.urls import path

from services.hall import views
from services.hall.flow.urls import urlpatterns as flow_urlpatterns

app_name = "hall"
urlpatterns = [
    path("service-hall/start/<slug:service>/", views.start, name="start"),
    path("service-hall/progress/", views.progress_query, name="progress"),
    *flow_urlpatterns,  # every applicant service's flow (services.hall.flow)
]
