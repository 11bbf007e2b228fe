"""The database fallback's search on PostgreSQL in at most four statements, whatever the number of documents.

The match table (`search_searchmatch`, migration 0003, docs/decisions/0146) holds one narrow row per entry:
the 64-bit hashes of its lexemes under a GIN index, its facet values as codes, its year and date. A first
statement hashes the query's words with the function the table's trigger uses; the terms then match through
the hashes as literal arrays, answered by the GIN index. One statement counts the total (every filter) and
each facet (every filter but its own: facets stay disjunctive) over the matched rows; when no entry has every
word, it runs once more with any word enough. The page comes from the last statement: its candidates from
the match table (the page in date order, or the newest RANK_CANDIDATES for the relevance sort), scored on
the entries with `ts_rank` over the weighted tsvector, the phrase boost (docs/decisions/0135) and a boost
for an entry whose title alone matches the query (docs/decisions/0145).

Every value reaches PostgreSQL as a parameter, the query words only through `to_tsvector` and
`plainto_tsquery`, so no tsquery or LIKE syntax in the input can take effect.
"""

from itertools import product

from django.db import connection

from search.constants import FACETS, MAX_FACET_VALUES, Sort
from search.segmentation import QueryTerm

TABLE = "search_searchentry"
MATCH = "search_searchmatch"
FACET_VALUES = "search_facetvalue"
# The relevance sort scores at most this many matches, the newest (0: every match).
RANK_CANDIDATES = 500
# A matched set this small is read whole and sorted by date; a larger one is walked along the date index.
SMALL_SET = 8000
MAX_CLAUSES = 64  # clauses a query's terms may distribute into before the OR form is used instead
# Added to the score of an entry whose title alone matches the query (every word, or with the any-word
# retry any word): above the body phrase boost, below the title phrase boost (search.backends.database).
TITLE_MATCH_BOOST = 1.0
HIT_COLUMNS = (
    "doc_id",
    "kind",
    "title",
    "url",
    "body",
    "type",
    "key_field",
    "district",
    "centre",
    "year",
    "date",
)


def like_pattern(text: str) -> str:
    """`%text%` for LIKE, with LIKE's own wildcards in `text` escaped (as Django's icontains does)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def tsquery_sql(terms: list[QueryTerm], operator: str) -> tuple[str, list]:
    """Every word of a term (or of one of its alternatives), any alternative of a term, and every term
    (AND) or any term (OR), as plainto_tsquery pieces: the input is never parsed as tsquery syntax."""
    joiner = " && " if operator == "AND" else " || "
    groups, params = [], []
    for term in terms:
        alternatives = []
        for alt in term.alternatives:
            alternatives.append(
                "(" + " && ".join(["plainto_tsquery('simple'::regconfig, %s)"] * len(alt)) + ")"
            )
            params.extend(alt)
        groups.append("(" + " || ".join(alternatives) + ")")
    return joiner.join(groups), params


def word_hashes(terms: list[QueryTerm]) -> dict[str, tuple[int, ...]]:
    """Each word of the query's alternatives → the hashes of its lexemes, by the function the match table's
    trigger uses (one statement). A word PostgreSQL's parser makes no lexeme of maps to ()."""
    words = sorted({word for term in terms for alt in term.alternatives for word in alt})
    if not words:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w, search_term_hashes(to_tsvector('simple'::regconfig, w)) FROM unnest(%s::text[]) AS w",
            [words],
        )
        return {word: tuple(hashes) for word, hashes in cursor.fetchall()}


def alternatives_of(term: QueryTerm, hashes: dict[str, tuple[int, ...]]) -> list[frozenset[int]]:
    """The term's alternatives as sets of lexeme hashes (all of a set must be present). A word without a
    lexeme drops out of its alternative, and an alternative left empty drops out of the term, as
    plainto_tsquery's empty pieces drop out of the tsquery."""
    found = []
    for alt in term.alternatives:
        lexemes = frozenset(h for word in alt for h in hashes.get(word, ()))
        if lexemes and lexemes not in found:
            found.append(lexemes)
    return found


def term_sets(terms: list[QueryTerm], hashes) -> list[list[frozenset[int]]]:
    """Each term's alternatives (alternatives_of), leaving out the terms that drop out altogether."""
    return [alternatives for alternatives in (alternatives_of(t, hashes) for t in terms) if alternatives]


def all_terms_clauses(terms: list[list[frozenset[int]]]) -> list[frozenset[int]] | None:
    """Every term (AND; each given by term_sets) as clauses "any of these hashes", all of which must hold:
    each term's OR of ANDs distributed into an AND of ORs ((x ∧ y) ∨ z = (x ∨ z) ∧ (y ∨ z)). All clauses
    then go into one GIN index scan, with no OR for the planner to turn into a filter over the heap. None
    when distributing would give more than MAX_CLAUSES clauses."""
    clauses: list[frozenset[int]] = []
    for alternatives in terms:
        size = 1
        for lexemes in alternatives:
            size *= len(lexemes)
        if size > MAX_CLAUSES:
            return None
        clauses.extend(frozenset(choice) for choice in product(*(sorted(a) for a in alternatives)))
    # A clause that holds another is implied by it.
    unique = sorted(set(clauses), key=len)
    return [c for i, c in enumerate(unique) if not any(other < c for other in unique[:i])]


def terms_sql(terms: list[QueryTerm], operator: str, hashes) -> tuple[str, list]:
    """The match over `search_searchmatch m`: SQL with a `{}` for each array of hashes, and the arrays."""
    sets = term_sets(terms, hashes)
    if not sets:
        return "FALSE", []  # no word with a lexeme: an empty tsquery matches nothing
    # One term: its alternatives as a BitmapOr of index scans. Several: distributed clauses in one scan, so
    # that the planner cannot match the rarest term alone and filter the others row by row on the heap.
    clauses = all_terms_clauses(sets) if operator == "AND" and len(sets) > 1 else None
    if clauses is not None:
        return " AND ".join(["m.terms && {}"] * len(clauses)), [sorted(c) for c in clauses]
    groups = ["(" + " OR ".join(["m.terms @> {}"] * len(alternatives)) + ")" for alternatives in sets]
    arrays = [sorted(a) for alternatives in sets for a in alternatives]
    return (" AND " if operator == "AND" else " OR ").join(groups), arrays


def _filter_sql(facet: str, values) -> tuple[str, list]:
    if facet == "year":
        return "m.year = ANY(%s)", [[int(v) for v in values]]
    return (
        f"m.{facet} IN (SELECT id FROM {FACET_VALUES} WHERE facet = '{facet}' AND value = ANY(%s))",
        [list(values)],
    )


class MatchedSet:
    """The entries that match a query's words and filters, as SQL over the match table `m`."""

    def __init__(self, terms: list[QueryTerm], operator: str, filters: dict, hashes: dict):
        """`hashes`: word_hashes(terms), found once for the search (the any-word retry uses them again)."""
        self.terms = terms
        self.filters = {facet: values for facet, values in filters.items() if facet in FACETS and values}
        if terms:
            self.template, self.arrays = terms_sql(terms, operator, hashes)
            # ts_rank scores the page on the entries' weighted tsvector: the query as a tsquery, built
            # once in a one-row subquery (OFFSET 0 keeps it one).
            expression, self.query_params = tsquery_sql(terms, operator)
            self.tsquery_from = f", (SELECT {expression} AS q OFFSET 0) tsq"
        else:
            self.template, self.arrays = "TRUE", []
            self.query_params, self.tsquery_from = [], ""

    def match(self, hidden: bool) -> tuple[str, str, list]:
        """(what to add to FROM, the match condition, their parameters in that order).

        Hidden, the arrays sit in a one-row `OFFSET 0` subquery: the planner, not seeing them, estimates a
        few matches and reads them through the GIN index, which a count over every match wants (a
        sequential scan would test every row's array). Seen, it estimates the match: the page of a large
        matched set then walks the date index and stops after the candidates it needs."""
        if not self.arrays:
            return "", self.template, []
        if hidden:
            columns = ", ".join(f"%s::bigint[] AS h{i}" for i in range(len(self.arrays)))
            refs = [f"q.h{i}" for i in range(len(self.arrays))]
            return f", (SELECT {columns} OFFSET 0) q", self.template.format(*refs), list(self.arrays)
        return "", self.template.format(*["%s::bigint[]"] * len(self.arrays)), list(self.arrays)

    def where(self, hidden: bool, skip: str | None = None) -> tuple[str, str, list]:
        """(what to add to FROM, the match and every filter but `skip`, their parameters in order)."""
        from_sql, match_sql, params = self.match(hidden)
        clauses = [match_sql]
        for facet, values in self.filters.items():
            if facet != skip:
                sql, values_params = _filter_sql(facet, values)
                clauses.append(sql)
                params.extend(values_params)
        return from_sql, " AND ".join(clauses), params

    def counts(self, with_facets: bool) -> tuple[int, dict[str, list[tuple[str, int]]]]:
        """The total and, when asked, each facet's (value, count) pairs, from one statement."""
        if not with_facets:
            from_sql, where, params = self.where(hidden=True)
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT count(*) FROM {MATCH} m{from_sql} WHERE {where}", params)
                return cursor.fetchone()[0], {}
        flags, flag_params = [], []
        for facet, values in self.filters.items():
            sql, values_params = _filter_sql(facet, values)
            flags.append(f"({sql}) AS f_{facet}")
            flag_params.extend(values_params)
        columns = ", ".join([*(f"m.{facet}" for facet in FACETS), *flags])
        from_sql, match_sql, match_params = self.match(hidden=True)
        # Only rows that pass every filter but at most one can count anywhere.
        near = " + ".join(f"(NOT f_{facet})::int" for facet in self.filters) or "0"

        def passes(skip: str | None) -> str:
            return " AND ".join(f"f_{facet}" for facet in self.filters if facet != skip) or "TRUE"

        # One pass over the matched set: a grouping set per facet and () for the total; each facet counts
        # the rows that pass every filter but its own, and keeps its MAX_FACET_VALUES largest values.
        # The coded facets are named from search_facetvalue once counted.
        which = " ".join(f"WHEN GROUPING({facet}) = 0 THEN '{facet}'" for facet in FACETS)
        code = "COALESCE(" + ", ".join(FACETS) + ")"
        counted = " ".join(
            f"WHEN GROUPING({facet}) = 0 THEN count(*) FILTER (WHERE {passes(facet)})" for facet in FACETS
        )
        sets = ", ".join(f"({facet})" for facet in FACETS)
        sql = (
            f"WITH matched AS (SELECT * FROM (SELECT {columns} FROM {MATCH} m{from_sql} WHERE {match_sql}) s "
            f"WHERE {near} <= 1), "
            f"g AS (SELECT CASE {which} ELSE '' END AS facet, {code} AS code, "
            f"CASE {counted} ELSE count(*) FILTER (WHERE {passes(None)}) END AS n "
            f"FROM matched GROUP BY GROUPING SETS ({sets}, ())), "
            f"named AS (SELECT g.facet, CASE WHEN g.facet = 'year' THEN g.code::text ELSE v.value END AS value, "
            f"CASE WHEN g.facet = 'year' THEN g.code END AS year, g.n FROM g "
            f"LEFT JOIN {FACET_VALUES} v ON g.facet NOT IN ('', 'year') AND v.id = g.code), "
            f"r AS (SELECT facet, value, n, row_number() OVER "
            f"(PARTITION BY facet ORDER BY n DESC, year, value) AS place "
            f"FROM named WHERE facet = '' OR (n > 0 AND value IS NOT NULL AND value <> '')) "
            f"SELECT facet, value, n FROM r WHERE place <= {MAX_FACET_VALUES}"
        )
        total, facets = 0, {facet: [] for facet in FACETS}
        with connection.cursor() as cursor:
            cursor.execute(sql, flag_params + match_params)
            for facet, value, n in cursor.fetchall():
                if facet:
                    facets[facet].append((value, n))
                else:
                    total = n
        return total, facets

    def page(
        self, sort: str, phrase: str, offset: int, limit: int, boosts: tuple[float, float], total: int
    ) -> list[dict]:
        """One page of hits with their scores. The match table gives the candidates (the page asked for in
        date order, or the newest RANK_CANDIDATES for the relevance sort); only they are read and scored."""
        small = total <= SMALL_SET
        from_sql, where, params = self.where(hidden=small)
        select_params: list = []
        if self.terms:
            # The title's own lexemes (weight A) holding every query word: ts_rank cannot tell it, since it
            # saturates near 1 for any entry with all the words (docs/decisions/0145).
            score = (
                "ts_rank(e.search_vector, tsq.q, 1)"
                " + CASE WHEN ts_filter(e.search_vector, '{a}') @@ tsq.q THEN %s ELSE 0.0 END"
            )
            select_params = [TITLE_MATCH_BOOST]
            if len(phrase) > 1:
                score += (
                    " + CASE WHEN UPPER(e.title::text) LIKE UPPER(%s) THEN %s"
                    " WHEN UPPER(e.body::text) LIKE UPPER(%s) THEN %s ELSE 0.0 END"
                )
                pattern = like_pattern(phrase)
                select_params += [pattern, boosts[0], pattern, boosts[1]]
        else:
            score = "0.0"
        if self.terms and sort == Sort.RELEVANCE:
            candidates_order = "m.date DESC, m.entry_id DESC"
            bound = max(RANK_CANDIDATES, offset + limit) if RANK_CANDIDATES else None
            order = "score DESC, e.date DESC NULLS LAST, e.id ASC"
        elif sort == Sort.OLDEST and self.terms:
            candidates_order = "m.date ASC NULLS LAST, m.entry_id ASC"
            bound, order = offset + limit, "e.date ASC NULLS LAST, e.id ASC"
        else:
            candidates_order = "m.date DESC NULLS LAST, m.entry_id DESC"
            bound, order = offset + limit, "e.date DESC NULLS LAST, e.id DESC"
        columns = ", ".join(f"e.{c}" for c in HIT_COLUMNS)
        limit_sql = "LIMIT %s" if bound is not None else ""
        if small:
            # Read the few matches whole (the GIN index) and sort them, rather than walk the date index
            # past every row that does not match: the planner, estimating the match, cannot know this.
            candidates = (
                f"matched AS MATERIALIZED (SELECT m.entry_id, m.date FROM {MATCH} m{from_sql} WHERE {where}), "
                f"candidates AS MATERIALIZED (SELECT m.entry_id FROM matched m "
                f"ORDER BY {candidates_order} {limit_sql})"
            )
        else:
            candidates = (
                f"candidates AS MATERIALIZED (SELECT m.entry_id FROM {MATCH} m{from_sql} WHERE {where} "
                f"ORDER BY {candidates_order} {limit_sql})"
            )
        sql = (
            f"WITH {candidates} "
            f"SELECT {columns}, {score} AS score FROM {TABLE} e{self.tsquery_from} "
            f"WHERE e.id IN (SELECT entry_id FROM candidates) ORDER BY {order} LIMIT %s OFFSET %s"
        )
        params = [*params, *([bound] if bound is not None else []), *select_params, *self.query_params]
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit, offset])
            names = [*HIT_COLUMNS, "score"]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
