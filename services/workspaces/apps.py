from django.apps import AppConfig


class WorkspacesConfig(AppConfig):
    name = "services.workspaces"
    label = "workspaces"
    verbose_name = "工作台"

    def ready(self):
        # What the lower services' pages show of the workspace (they import nothing above them).
        from services.applications import panel_candidates
        from services.supervision import dashboard
        from services.workspaces import candidates, ratings_queue
        from services.workspaces.views import queue_summaries

        panel_candidates.provide(candidates)
        dashboard.provide_queue_summaries(queue_summaries)
        ratings_queue.register()  # RATINGS_FOLLOW_UP: the 差评 queue of the 委工作台
