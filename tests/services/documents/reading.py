"""Reading an official document's PDF back as text, and the dates written in it."""

import io
import re
from datetime import date

from pypdf import PdfReader

DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def text_of(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace("\n", "")


def dates_in(text: str) -> list[date]:
    return [date(int(y), int(m), int(d)) for y, m, d in DATE.findall(text)]


def date_before(text: str, day: date, after: str) -> bool:
    """The text says "<date>前<after>" with the date written in the portal's one style."""
    return f"{day.year}年{day.month}月{day.day}日前{after}" in text
