from django.apps import AppConfig


class RatingsConfig(AppConfig):
    name = "services.ratings"
    label = "ratings"
    verbose_name = "好差评"

    def ready(self):
        from services.notifications.reminders import register_source
        from services.ratings import queue, reminders, triggers

        triggers.connect()
        queue.register()  # RATINGS_FOLLOW_UP: the 差评 queue of the 委工作台 (services.workspaces.queues)
        register_source("rating-invitation", reminders.invitation_due)
        register_source("rating-follow-up", reminders.follow_up_due)
