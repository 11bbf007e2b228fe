"""jieba's dictionary as a memory-mapped trie: the same segmentation in about 3 MB instead of about 60 MB.

jieba keeps its prefix dictionary as a Python dict of about 584,000 words and prefixes, which costs each
process that searches or indexes about 60 MB of private memory (issue 14: a web worker must stay within
150 MB RSS after pages and 120 MB PSS after searches). Here the dictionary's words, with the metrology user
dictionary and the synonyms added exactly as `search.segmentation` adds them, are written once into a
MARISA trie and an array of frequencies. Every process then maps the trie file read-only (its pages are the
page cache's, shared by all workers) and reads the frequencies (about 1.4 MB).

`CompactTokenizer` is a `jieba.Tokenizer` whose FREQ answers from the trie and whose DAG comes from the
trie's prefix search; jieba's own code does the rest (the route, HMM for unknown words, search and full
modes). tests/search/test_compact_dictionary.py checks that it cuts exactly as jieba does.

The files are built by a separate process (`python -m search.segmentation PATH`), so the process that
asks for them never holds jieba's big dict; they are named by a digest of their inputs, so a changed user
dictionary, synonym file or jieba release builds new ones.
"""

import array
import hashlib
import os
import subprocess
import sys
import tempfile
import threading
from math import log
from pathlib import Path

import jieba
import marisa_trie

FORMAT = "1"  # bump when the files' layout changes
GRAPH_MEMO_SIZE = 512  # blocks of text whose DAG a thread keeps (a long text's blocks, for its second cut)


def inputs_digest(inputs: list[Path]) -> str:
    digest = hashlib.sha256(FORMAT.encode())
    digest.update(jieba.__version__.encode())
    with jieba.get_dict_file() as dictionary:
        digest.update(dictionary.read())
    for path in inputs:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    return Path(
        os.environ.get("PORTAL_SEGMENTATION_CACHE") or Path(tempfile.gettempdir()) / "portal-segmentation"
    )


def build(target: Path, full: jieba.Tokenizer) -> None:
    """Write `<target>.trie`, `.freq` and `.meta` from a full jieba tokenizer (run in its own process)."""
    words = [word for word, freq in full.FREQ.items() if freq]
    trie = marisa_trie.Trie(words)
    freqs = array.array("I", bytes(4 * len(trie)))
    for word in words:
        freqs[trie[word]] = full.FREQ[word]
    longest = max(len(word) for word in words)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}")
    trie.save(f"{partial}.trie")
    with open(f"{partial}.freq", "wb") as file:
        freqs.tofile(file)
    Path(f"{partial}.meta").write_text(f"{full.total} {longest} {len(trie)}\n")
    for suffix in (".trie", ".freq", ".meta"):  # .meta last: its presence says the set is complete
        os.replace(f"{partial}{suffix}", f"{target}{suffix}")


def ensure(inputs: list[Path], builder: str) -> Path:
    """The path stem of the files for these inputs; if they are missing, `python -m <builder> <stem>` builds
    them in a child process (which calls build() with its full tokenizer)."""
    target = cache_dir() / f"jieba-{inputs_digest(inputs)}"
    if not Path(f"{target}.meta").exists():
        project = str(Path(__file__).resolve().parent.parent)
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [project, os.environ.get("PYTHONPATH")])),
        }
        subprocess.run([sys.executable, "-m", builder, str(target)], check=True, env=env)
    return target


class Frequencies:
    """The read-only mapping jieba asks of its FREQ: word → frequency; a word not in it has none."""

    __slots__ = ("_trie", "_freqs")

    def __init__(self, trie: marisa_trie.Trie, freqs: array.array):
        self._trie, self._freqs = trie, freqs

    def get(self, word, default=None):
        key = self._trie.get(word)
        return default if key is None else self._freqs[key]

    def __contains__(self, word) -> bool:
        return word in self._trie

    def __getitem__(self, word):
        return self._freqs[self._trie[word]]

    def __len__(self) -> int:
        return len(self._trie)


class CompactTokenizer(jieba.Tokenizer):
    """A jieba tokenizer over the files `ensure()` returns. It cannot learn words (add_word) at run time."""

    def __init__(self, stem: Path):
        super().__init__()
        total, longest, count = (int(n) for n in Path(f"{stem}.meta").read_text().split())
        trie = marisa_trie.Trie()
        trie.mmap(f"{stem}.trie")
        freqs = array.array("I")
        with open(f"{stem}.freq", "rb") as file:
            freqs.fromfile(file, count)
        self._prefixes = trie.iter_prefixes_with_ids
        self._longest, self._freqs = longest, freqs
        self.FREQ, self.total = Frequencies(trie, freqs), total
        self._logtotal = log(total)
        self._local = threading.local()
        self.initialized = True

    def initialize(self, dictionary=None):
        if dictionary:
            raise ValueError("CompactTokenizer takes its dictionary from its files")

    def add_word(self, word, freq=None, tag=None):
        raise TypeError("CompactTokenizer is read-only: add words to search/data/userdict.txt")

    def get_DAG(self, sentence):  # jieba's name
        """For each position, the end of every dictionary word that starts there (or the position itself)."""
        return self._graph(sentence)[0]

    def calc(self, sentence, DAG, route):  # jieba's name and arguments
        """jieba's most probable route, from the log frequencies read with the DAG (the same arithmetic)."""
        dag, logs = self._graph(sentence)
        if DAG is not dag:
            return super().calc(sentence, DAG, route)
        n = len(sentence)
        route[n] = (0, 0)
        logtotal = self._logtotal
        for idx in range(n - 1, -1, -1):
            route[idx] = max(
                (weight - logtotal + route[end + 1][0], end)
                for end, weight in zip(dag[idx], logs[idx], strict=True)
            )
        return None

    def _graph(self, sentence) -> tuple[dict, dict]:
        """The DAG of `sentence` and the log frequency of each of its words, found once per block: the
        route and the full mode of the same text (segment_for_index cuts it twice) reuse them."""
        memo = getattr(self._local, "graphs", None)
        if memo is None or len(memo) > GRAPH_MEMO_SIZE:
            memo = self._local.graphs = {}
        found = memo.get(sentence)
        if found is None:
            dag, logs = {}, {}
            prefixes, longest, freqs = self._prefixes, self._longest, self._freqs
            for k in range(len(sentence)):
                ends, weights = [], []
                # marisa yields the prefixes shortest first: the ends come sorted, as jieba's are.
                for word, key in prefixes(sentence[k : k + longest]):
                    ends.append(k + len(word) - 1)
                    weights.append(log(freqs[key] or 1))
                if not ends:  # no word starts here: the character alone, frequency 1 (log 0)
                    ends, weights = [k], [0.0]
                dag[k], logs[k] = ends, weights
            found = memo[sentence] = (dag, logs)
        return found
