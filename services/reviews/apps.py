from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "services.reviews"
    label = "reviews"
    verbose_name = "专家评审"

    def ready(self):
        from services.applications import review_stage
        from services.reviews import stage

        review_stage.provide(stage)
