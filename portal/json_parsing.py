"""The API's JSON parser: DRF's, with bounds on size and nesting, so that a hostile body is a 400 with a
Chinese message rather than a RecursionError (a 500) or a request that holds a worker."""

import io
import re

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 32
STRINGS = re.compile(rb'"(?:\\.|[^"\\])*"', re.DOTALL)
BRACKETS = re.compile(rb"[\[\]{}]")


def nesting_depth(raw: bytes) -> int:
    """The deepest nesting of arrays and objects in a JSON text, brackets inside strings not counted."""
    depth = deepest = 0
    for bracket in BRACKETS.finditer(STRINGS.sub(b"", raw)):
        depth += 1 if bracket[0] in b"[{" else -1
        deepest = max(deepest, depth)
    return deepest


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise ParseError(f"请求内容过大（JSON 不能超过 {limit // 1024} KB）。")
        if nesting_depth(raw) > MAX_DEPTH:
            raise ParseError(f"JSON 嵌套层级过深（最多 {MAX_DEPTH} 层）。")
        return super().parse(io.BytesIO(raw), media_type, parser_context)
