"""The one way the portal writes a date in Chinese: "2028年2月29日" (no zero padding), in pages, PDFs,
e-mails and messages. Templates use the `cn_date` filter (a built-in, no `{% load %}` needed); Python code
calls `cn_date()`. A datetime is shown in Beijing time (R-42) with the time of day when asked."""

from datetime import date, datetime

from services.deadlines.clock import BEIJING


def cn_date(value: date | datetime | None, with_time: bool = False) -> str:
    """ "2028年2月29日"; with_time: "2028年2月29日 09:05" (a datetime, in Beijing time). None gives ""."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        moment = value.astimezone(BEIJING) if value.tzinfo is not None else value
        text = f"{moment.year}年{moment.month}月{moment.day}日"
        return f"{text} {moment:%H:%M}" if with_time else text
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    raise TypeError(f"cn_date() needs a date, not {type(value).__name__}.")
