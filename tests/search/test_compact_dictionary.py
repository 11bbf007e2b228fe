"""The compact dictionary cuts exactly as jieba's own tokenizer does (R-44: search finds what it found before).

The corpus is the measures as the portal publishes them and the demo content's texts: every sentence is cut
in precise mode (with and without HMM), search mode and full mode by both tokenizers, and the cuts must be
the same, token for token.
"""

import json
import re
from pathlib import Path

import pytest

from search import compact_dictionary, segmentation

ROOT = Path(__file__).resolve().parents[2]


def corpus() -> list[str]:
    texts = [
        (ROOT / "cms_pages/data/measures-jin-shichangjianguan-ji-2025-14.txt").read_text(encoding="utf-8")
    ]
    for path in sorted((ROOT / "cms_pages/data/demo").glob("*.json")):
        texts.append(json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False))
    texts.append((ROOT / "search/data/userdict.txt").read_text(encoding="utf-8"))
    sentences = [s for text in texts for s in re.split(r"[。\n；！？]", text) if s.strip()]
    assert len(sentences) > 300  # the corpus is real text, not a handful of lines
    return sentences


@pytest.fixture(scope="module")
def tokenizers(tmp_path_factory, monkeypatch_module):
    monkeypatch_module.setenv("PORTAL_SEGMENTATION_CACHE", str(tmp_path_factory.mktemp("segmentation")))
    stem = compact_dictionary.ensure(
        [segmentation.USER_DICT_FILE, segmentation.SYNONYMS_FILE], builder="search.segmentation"
    )
    return segmentation.full_tokenizer(), compact_dictionary.CompactTokenizer(stem)


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.mark.parametrize(
    "mode",
    [
        pytest.param(lambda t, s: list(t.cut(s)), id="precise"),
        pytest.param(lambda t, s: list(t.cut(s, HMM=False)), id="precise-no-hmm"),
        pytest.param(lambda t, s: list(t.cut_for_search(s)), id="search"),
        pytest.param(lambda t, s: list(t.cut(s, cut_all=True)), id="full"),
    ],
)
def test_every_mode_cuts_as_jieba_does(tokenizers, mode):
    """R-44: the same words in the same order for every sentence of the corpus."""
    full, compact = tokenizers
    different = [s for s in corpus() if mode(full, s) != mode(compact, s)]
    assert different == []


def test_the_user_dictionary_and_synonyms_are_in_it(tokenizers):
    """R-44: metrology terms stay whole (碳计量, 校准证书) as with the user dictionary loaded into jieba."""
    full, compact = tokenizers
    for word in ("碳计量", "校准证书"):
        assert compact.FREQ.get(word) == full.FREQ.get(word) and word in list(compact.cut(f"出具{word}"))
    assert compact.total == full.total


def test_files_are_rebuilt_when_an_input_changes(tmp_path, monkeypatch):
    """A changed user dictionary names other files, so a stale dictionary is never used."""
    monkeypatch.setenv("PORTAL_SEGMENTATION_CACHE", str(tmp_path))
    user_dict = tmp_path / "userdict.txt"
    user_dict.write_text(segmentation.USER_DICT_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    first = compact_dictionary.inputs_digest([user_dict, segmentation.SYNONYMS_FILE])
    user_dict.write_text(user_dict.read_text(encoding="utf-8") + "计量数据沙箱 20000\n", encoding="utf-8")
    assert compact_dictionary.inputs_digest([user_dict, segmentation.SYNONYMS_FILE]) != first


def test_it_cannot_learn_words_at_run_time(tokenizers):
    """Words come from search/data/userdict.txt only: a run-time add_word would be lost by the next process."""
    with pytest.raises(TypeError):
        tokenizers[1].add_word("临时词")
