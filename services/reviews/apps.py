from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "services.reviews"
    label = "reviews"
    verbose_name = "专家评审"
