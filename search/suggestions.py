"""Help when nothing matched: common search terms, and "did you mean" for common misspellings."""

from functools import cache

from search.segmentation import DATA_DIR, words


def _lines(name: str) -> list[str]:
    lines = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            lines.append(line)
    return lines


@cache
def common_terms() -> tuple[str, ...]:
    return tuple(_lines("common_terms.txt"))


@cache
def misspellings() -> tuple[tuple[str, str], ...]:
    pairs = []
    for line in _lines("misspellings.txt"):
        wrong, _, right = line.partition("=>")
        if wrong.strip() and right.strip():
            pairs.append((wrong.strip(), right.strip()))
    # longest first, so 校准证收 is corrected before a shorter pattern could touch it
    return tuple(sorted(pairs, key=lambda p: len(p[0]), reverse=True))


def did_you_mean(text: str) -> str:
    """The query with known misspellings corrected, or "" when there is nothing to correct."""
    corrected = text
    for _ in range(3):  # one correction can complete another (较准证收 -> 校准证收 -> 校准证书)
        before = corrected
        for wrong, right in misspellings():
            if wrong in corrected:
                corrected = corrected.replace(wrong, right)
        if corrected == before:
            break
    return corrected if corrected != text else ""


def related_terms(text: str, limit: int = 6) -> list[str]:
    """Common terms that share a word with the query (or the first few when none does)."""
    query_words = set(words(text))
    scored = []
    for term in common_terms():
        overlap = len(query_words & set(words(term)))
        if overlap:
            scored.append((-overlap, term))
    chosen = [term for _, term in sorted(scored)][:limit]
    return chosen or list(common_terms()[:limit])


def completions(prefix: str, limit: int) -> list[str]:
    return [term for term in common_terms() if term.startswith(prefix)][:limit]
