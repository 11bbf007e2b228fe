from django.urls import path

from services.ratings import views

app_name = "ratings"
urlpatterns = [
    path("service-hall/ratings/<int:pk>/", views.rate, name="rate"),
    path("service-hall/ratings/follow-ups/<int:pk>/additional/", views.additional, name="additional"),
    path("commission/ratings/", views.queue, name="queue"),
    path("commission/ratings/statistics/", views.statistics_page, name="statistics"),
    path("commission/ratings/statistics.<str:file_format>", views.export, name="export"),
    path("commission/ratings/<int:pk>/", views.case_detail, name="case"),
    path("commission/ratings/<int:pk>/<slug:step>/", views.follow_up, name="follow_up"),
]
