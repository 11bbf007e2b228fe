"""Deadline reminders (R-42, R-30): a registry of sources and a daily scan.

Each service registers a source, `register_source(name, due)`, where `due(today)` returns the deadlines it
knows of as `Due` items. The scan (Celery beat, daily) reminds each recipient when the days left reach one of
the offsets (setting REMINDER_OFFSETS_DAYS, e.g. [90, 30, 7, 1], or the Due's own offsets) and once when the
deadline is overdue (the day after it: a deadline day lasts all day, R-42).

Each offset owns a window, from that many days before down to just above the next smaller offset; the
reminder is sent on the first scan in its window, normally its first day. So a scan that did not run one day
(beat down) catches up the next day, and a deadline first seen 85 days ahead still gets its "90 days" reminder
(saying 85). The event key is (source, due key, deadline, offset), so rerunning the scan the same day, or
any later day in the window, sends nothing new; a moved deadline (an extension) is reminded afresh.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import transaction

from services.deadlines import clock, rules
from services.notifications.service import Event, deliveries_batched, notify_many

logger = logging.getLogger(__name__)

OVERDUE = "overdue"


@dataclass(frozen=True)
class Due:
    key: str  # stable per deadline holder, e.g. "centre:12:acceptance-apply"
    recipients: list
    kind: str
    deadline: date
    context: dict = field(default_factory=dict)
    link: str = ""
    target: object | None = None
    offsets: tuple[int, ...] | None = None  # None: settings.REMINDER_OFFSETS_DAYS
    overdue: bool = True  # remind once on the day after the deadline


Source = Callable[[date], list[Due]]
_sources: dict[str, Source] = {}


def register_source(name: str, due: Source) -> None:
    """Register (or replace) a reminder source. Call it from your AppConfig.ready()."""
    _sources[name] = due


def unregister_source(name: str) -> None:
    _sources.pop(name, None)


def sources() -> dict[str, Source]:
    return dict(_sources)


def offset_due(deadline: date, today: date, offsets, *, overdue: bool = True, overdue_catch_up: int = 7):
    """Pure: which reminder (an offset in days, or OVERDUE) is due today, or None.

    Offset d is due while d >= days_left > the next smaller offset; the smallest offset's window runs to
    the deadline day itself (days_left 0). OVERDUE is due from the day after the deadline for
    `overdue_catch_up` days, so an old deadline seen for the first time does not set off an overdue notice.
    """
    left = rules.days_left(deadline, today)
    if rules.is_overdue(deadline, today):
        if overdue and -left <= overdue_catch_up:
            return OVERDUE
        return None
    ordered = sorted(set(offsets), reverse=True)
    for index, offset in enumerate(ordered):
        lower = ordered[index + 1] if index + 1 < len(ordered) else -1
        if offset >= left > lower:
            return offset
    return None


def event_key(source: str, due: Due, which) -> str:
    label = OVERDUE if which == OVERDUE else f"d{which}"
    return f"reminder:{source}:{due.key}:{due.deadline.isoformat()}:{label}"


def due_events(today: date) -> list[Event]:
    """Every reminder due `today`, from every registered source (a failing source is logged and skipped)."""
    default_offsets = tuple(settings.REMINDER_OFFSETS_DAYS)
    catch_up = settings.REMINDER_OVERDUE_CATCH_UP_DAYS
    events = []
    for name, source in sources().items():
        try:
            items = source(today)
        except Exception:
            logger.exception("reminder source %s failed; the others go on", name)
            continue
        for due in items:
            which = offset_due(
                due.deadline,
                today,
                due.offsets or default_offsets,
                overdue=due.overdue,
                overdue_catch_up=catch_up,
            )
            if which is None:
                continue
            context = {
                **due.context,
                "deadline": due.deadline,
                "days_left": rules.days_left(due.deadline, today),
                "overdue": which == OVERDUE,
                "today": today,
            }
            events.append(
                Event(
                    kind=due.kind,
                    recipients=list(due.recipients),
                    event_key=event_key(name, due, which),
                    context=context,
                    target=due.target,
                    link=due.link,
                )
            )
    return events


def _write_batch(batch: list[Event]) -> int:
    """One transaction for the batch; its rows go to the broker after COMMIT, many ids per task."""
    with transaction.atomic(), deliveries_batched():
        return len(notify_many(batch))


def scan(today: date | None = None) -> int:
    """Run every source for `today` (Beijing date) and write the reminders due. Returns rows written or found.

    The reminders are written in batches of NOTIFICATIONS_SCAN_BATCH_SIZE, each in one transaction. A batch
    that fails is written again one reminder at a time, so one bad reminder costs only itself."""
    today = today or clock.beijing_today()
    events = due_events(today)
    size = settings.NOTIFICATIONS_SCAN_BATCH_SIZE
    total = 0
    for start in range(0, len(events), size):
        batch = events[start : start + size]
        try:
            total += _write_batch(batch)
        except Exception:
            logger.exception("reminder batch of %d failed; writing it one by one", len(batch))
            for event in batch:
                try:
                    total += _write_batch([event])
                except Exception:
                    logger.exception("reminder %s could not be written", event.event_key)
    return total
