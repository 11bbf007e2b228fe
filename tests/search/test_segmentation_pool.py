"""A large rebuild segments in a child process (search.segmentation_pool): the same words, in the same order,
as segmenting in the writing process (R-44: what is indexed is what the search finds)."""

import multiprocessing

import pytest

from benchmarks.bench_search import generate
from search import segmentation_pool
from search.segmentation import segment_for_index


def test_the_child_segments_exactly_as_this_process(monkeypatch):
    monkeypatch.setattr(segmentation_pool, "PARALLEL_FROM", 100)
    monkeypatch.setattr(segmentation_pool, "CHUNK", 37)  # chunks that do not divide the records
    records = list(generate(600, page_id=1))
    if not segmentation_pool.can_use_child(len(records)):
        pytest.skip("one core, or a daemonic process: the rebuild segments in its own process")
    children = []
    got = []
    for item in segmentation_pool.segmented(iter(records), len(records)):
        children.extend(multiprocessing.active_children())
        got.append(item)
    assert children  # a child did the segmenting
    assert [record for record, _, _ in got] == records
    expected = [(segment_for_index(r.title), segment_for_index(r.body)) for r in records]
    assert [(title, body) for _, title, body in got] == expected
    assert not multiprocessing.active_children()  # the pool is gone once the records are


def test_a_small_write_segments_in_this_process():
    records = list(generate(5, page_id=1))
    assert not segmentation_pool.can_use_child(len(records))
    got = list(segmentation_pool.segmented(records, len(records)))
    assert [(r, t, b) for r, t, b in got] == [
        (r, segment_for_index(r.title), segment_for_index(r.body)) for r in records
    ]
