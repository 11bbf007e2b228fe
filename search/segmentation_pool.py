"""Segmenting the texts of a large rebuild in a child process, beside the process that writes them.

jieba is pure Python and takes most of a rebuild's time; on a machine with more than one core a child
process segments the next chunks while this one writes the last to the database (which spends its own
core on the tsvector trigger and the GIN index). Small writes, one-core machines and daemonic processes
(a Celery prefork child may not start children) segment in the calling process, with the same result.
"""

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

from search.records import IndexRecord
from search.segmentation import segment_for_index

PARALLEL_FROM = 2_000  # records: below this, segmenting in this process is faster than starting a child
CHUNK = 250  # records per message to the child
WINDOW = 4  # chunks in flight: bounds the memory held, keeps the child busy


def _segment_texts(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(title words, body words) for each (title, body): in the child, or here for a small write."""
    return [(segment_for_index(title), segment_for_index(body)) for title, body in texts]


def _texts(records: list[IndexRecord]) -> list[tuple[str, str]]:
    """What the index segments of each record: the ranking title and the body."""
    return [(record.index_title or record.title, record.body) for record in records]


def can_use_child(total: int) -> bool:
    return (
        total >= PARALLEL_FROM and (os.cpu_count() or 1) > 1 and not multiprocessing.current_process().daemon
    )


def segmented(records: Iterable[IndexRecord], total: int) -> Iterator[tuple[IndexRecord, str, str]]:
    """Each record with its title's and its body's words (`segment_for_index`), in the records' order."""
    if not can_use_child(total):
        for record in records:
            [(title, body)] = _segment_texts(_texts([record]))
            yield record, title, body
        return
    iterator = iter(records)
    chunks = iter(lambda: list(islice(iterator, CHUNK)), [])
    with multiprocessing.get_context("spawn").Pool(processes=1) as pool:
        pending: deque = deque()
        for chunk in chunks:
            pending.append((chunk, pool.apply_async(_segment_texts, (_texts(chunk),))))
            if len(pending) >= WINDOW:
                yield from _ready(*pending.popleft())
        while pending:
            yield from _ready(*pending.popleft())


def _ready(chunk: list[IndexRecord], result) -> Iterator[tuple[IndexRecord, str, str]]:
    for record, (title, body) in zip(chunk, result.get(), strict=True):
        yield record, title, body
