"""Snippets with the matched words marked, for the database backend (Elasticsearch highlights itself).

The output is safe HTML: the text is escaped first, then <mark> is put around the matched words.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.constants import SNIPPET_LENGTH


def _pattern(words) -> re.Pattern | None:
    words = sorted({w for w in words if w and w.strip()}, key=len, reverse=True)
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


def _mark(text: str, pattern: re.Pattern | None) -> SafeString:
    if pattern is None:
        return mark_safe(escape(text))
    parts = []
    last = 0
    for match in pattern.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))


def highlight_title(title: str, words) -> SafeString:
    return _mark(title, _pattern(words))


def snippet(body: str, words, length: int = SNIPPET_LENGTH) -> SafeString:
    """The window of `body` (about `length` characters) with the most matched words, marked."""
    body = " ".join((body or "").split())
    pattern = _pattern(words)
    if len(body) <= length or pattern is None:
        text = body[:length]
        return _mark(text + ("…" if len(body) > length else ""), pattern)
    starts = [m.start() for m in pattern.finditer(body)]
    if not starts:
        return _mark(body[:length] + "…", pattern)
    best_start, best_count = starts[0], 0
    for i, start in enumerate(starts):
        count = sum(1 for s in starts[i:] if s < start + length)
        if count > best_count:
            best_start, best_count = start, count
    begin = max(0, min(best_start - length // 4, len(body) - length))
    end = begin + length
    text = ("…" if begin > 0 else "") + body[begin:end] + ("…" if end < len(body) else "")
    return _mark(text, pattern)
