"""R-23: the daily check for lapsed construction periods. Thin: the action does the work."""

from celery import shared_task

from services.deadlines.clock import beijing_today


@shared_task(name="services.construction.tasks.flag_lapsed_centres")
def flag_lapsed_centres() -> int:
    from services.construction.actions import flag_lapses

    return len(flag_lapses(beijing_today()))
