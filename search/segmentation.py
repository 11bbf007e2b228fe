"""Chinese word segmentation for search (R-44: published outcomes and the knowledge base are searchable).

Chinese has no spaces between words, so every database search goes through jieba: indexed text is stored
segmented (`segment_for_index`: every word plus the shorter words inside it, space separated), and queries
are split the same way (`query_terms`) and widened with the metrology synonyms of `data/synonyms.txt`, the
same file the Elasticsearch search analyzer uses. A user dictionary of metrology terms (`data/userdict.txt`)
keeps terms such as 碳计量 or 校准证书 whole.
"""

import re
import sys
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
SYNONYMS_FILE = DATA_DIR / "synonyms.txt"
USER_DICT_FILE = DATA_DIR / "userdict.txt"

# Words that carry no meaning for search: particles, conjunctions, and the most common function words.
STOPWORDS = frozenset(
    "的 了 和 与 及 或 等 在 是 对 为 以 于 中 把 被 将 由 从 向 并 其 之 而 也 都 就 个 有 这 那 哪 "
    "如何 怎么 怎样 什么 哪些 关于 以及 进行 相关 有关 我 我们 你 请问 吗 呢 啊".split()
)
_TOKEN_CHARS = re.compile(r"[\w]", re.UNICODE)
_lock = threading.Lock()


def full_tokenizer():
    """jieba's own tokenizer with the metrology user dictionary and the synonyms (about 60 MB, ~1 s).

    Only the build of the compact dictionary (search.compact_dictionary) and its tests hold one."""
    import jieba

    with _lock:
        tokenizer = jieba.Tokenizer()
        tokenizer.load_userdict(str(USER_DICT_FILE))
        for group in synonym_groups():
            for word in group:
                if len(word) > 1 and not word.isascii():
                    tokenizer.add_word(word, freq=20000)
        tokenizer.initialize()
        return tokenizer


@cache
def _tokenizer():
    """The tokenizer searches and indexing use: the same dictionary as `full_tokenizer()`, as a memory-mapped
    trie (search.compact_dictionary, about 3 MB, its pages shared by every process of the machine).

    It is loaded here, not at import: only a process that searches or indexes loads it (a web worker that
    serves pages never does; gunicorn's master can load it once for its workers: portal.gunicorn_conf)."""
    from search import compact_dictionary

    stem = compact_dictionary.ensure([USER_DICT_FILE, SYNONYMS_FILE], builder="search.segmentation")
    return compact_dictionary.CompactTokenizer(stem)


def _is_word(token: str) -> bool:
    token = token.strip()
    return bool(token) and bool(_TOKEN_CHARS.search(token)) and token not in STOPWORDS


def words(text: str) -> list[str]:
    """The words of `text` in jieba's precise mode, without punctuation and stopwords, lower-cased."""
    return [t.strip().lower() for t in _tokenizer().cut(text or "") if _is_word(t)]


def segment_for_index(text: str) -> str:
    """`text` as space-separated words for a full-text index.

    The words of search mode (each word and the shorter words inside it), followed by every other
    dictionary word that occurs in the text (full mode). Segmentation is ambiguous — 碳计量数据 splits as
    碳|计量数据 — so a query word such as 碳计量 must be indexed even where the precise split chose
    otherwise."""
    tokenizer = _tokenizer()
    tokens = [t.strip().lower() for t in tokenizer.cut_for_search(text or "") if _is_word(t)]
    seen = set(tokens)
    for token in tokenizer.cut(text or "", cut_all=True):
        token = token.strip().lower()
        if token not in seen and len(token) > 1 and _is_word(token):
            tokens.append(token)
            seen.add(token)
    return " ".join(tokens)


@cache
def synonym_groups() -> tuple[frozenset[str], ...]:
    """The groups of equivalent terms in `data/synonyms.txt` (Solr format: `a, b, c` per line)."""
    groups = []
    for line in SYNONYMS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        terms = frozenset(t.strip().lower() for t in line.split(",") if t.strip())
        if len(terms) > 1:
            groups.append(terms)
    return tuple(groups)


def synonym_lines() -> list[str]:
    """The synonym rules as Elasticsearch's synonym_graph filter takes them."""
    return [", ".join(sorted(group)) for group in synonym_groups()]


def synonyms_of(word: str) -> frozenset[str]:
    """`word` and every term that shares a synonym group with it."""
    result = {word}
    for group in synonym_groups():
        if word in group:
            result |= group
    return frozenset(result)


@dataclass(frozen=True)
class QueryTerm:
    """One word of a query and the alternatives that match it: the word itself and its synonyms.

    A multi-word synonym (e.g. 碳排放计量) is kept as its words, so that it matches segmented text."""

    word: str
    alternatives: tuple[tuple[str, ...], ...]

    def index_words(self) -> set[str]:
        return {w for alt in self.alternatives for w in alt}


def _parts(word: str) -> tuple[str, ...]:
    """The two-character dictionary words inside a longer Chinese word (数据共享 -> 数据, 共享).

    The index holds them too (`cut_for_search`), so a document that segmented the same characters
    differently (计量数据|共享清单) still matches when it contains all of them."""
    if len(word) < 4 or word.isascii():
        return ()
    return tuple(p for p in _tokenizer().cut_for_search(word, HMM=False) if len(p) == 2 and p != word)


def query_terms(query: str, expand: bool = True) -> list[QueryTerm]:
    """The query split into words (precise mode), each with its synonyms as segmented alternatives."""
    terms: list[QueryTerm] = []
    seen = set()
    for word in words(query):
        if word in seen:
            continue
        seen.add(word)
        alternatives = [(word,)]
        parts = _parts(word)
        if len(parts) > 1:
            alternatives.append(parts)
        if expand:
            for synonym in sorted(synonyms_of(word) - {word}):
                parts = tuple(words(synonym)) or (synonym,)
                if parts not in alternatives:
                    alternatives.append(parts)
        terms.append(QueryTerm(word=word, alternatives=tuple(alternatives)))
    return terms


if __name__ == "__main__":  # the child process of compact_dictionary.ensure(): builds the files for `stem`
    from search import compact_dictionary

    compact_dictionary.build(Path(sys.argv[1]), full_tokenizer())
