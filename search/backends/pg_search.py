"""The database fallback's search on PostgreSQL in at most three statements, whatever the number of documents.

One matched set serves the count and all six facet counts: a MATERIALIZED CTE holds the facet columns of
the entries that match (the GIN index finds them), with one flag per filtered facet, and one statement
counts the total (every filter) and each facet (every filter but its own: facets stay disjunctive) from it.
When no entry has every word, the same statement runs once more with any word enough. The hits come from
a third statement that scores only the page it returns: ORDER BY score with LIMIT, the tsquery built once
(not once per row), `ts_rank` and the phrase boost as before (docs/decisions/0135), and a boost for an entry
whose title alone matches the query (docs/decisions/0145).

Every value reaches PostgreSQL as a parameter; the query words only through `plainto_tsquery`, so no
tsquery or LIKE syntax in the input can take effect.
"""

from django.db import connection

from search.constants import FACETS, MAX_FACET_VALUES, Sort
from search.segmentation import QueryTerm

TABLE = "search_searchentry"
MATCH = "search_searchmatch"
FACET_VALUES = "search_facetvalue"
# The relevance sort scores at most this many matches, the newest (0: every match).
RANK_CANDIDATES = 1000
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


def has_lexeme(word: str) -> bool:
    """Whether PostgreSQL's parser makes a lexeme of `word` (a letter or a digit): a word without one is
    dropped, as plainto_tsquery drops it."""
    return any(char.isalnum() for char in word)


def hashes_sql(words: list[str]) -> tuple[str, list]:
    """The lexeme hashes of `words`, by the function the match table's trigger uses (a constant: the
    planner folds it and sees the array)."""
    return "search_term_hashes(to_tsvector('simple'::regconfig, %s))", [" ".join(words)]


def terms_sql(terms: list[QueryTerm], operator: str) -> tuple[str, list]:
    """The match over `search_searchmatch m`: an alternative matches a row holding every lexeme of its
    words (@>), a term matches when one alternative does, and every term (AND) or any term (OR) must."""
    joiner = " AND " if operator == "AND" else " OR "
    groups, params = [], []
    for term in terms:
        alternatives = []
        for alt in term.alternatives:
            words = [word for word in alt if has_lexeme(word)]
            if words:
                sql, alt_params = hashes_sql(words)
                alternatives.append(f"m.terms @> {sql}")
                params.extend(alt_params)
        if alternatives:
            groups.append("(" + " OR ".join(alternatives) + ")")
    if not groups:
        return "FALSE", []  # nothing to match, as an empty tsquery matches nothing
    return joiner.join(groups), params


def _filter_sql(facet: str, values) -> tuple[str, list]:
    if facet == "year":
        return "m.year = ANY(%s)", [[int(v) for v in values]]
    return (
        f"m.{facet} IN (SELECT id FROM {FACET_VALUES} WHERE facet = '{facet}' AND value = ANY(%s))",
        [list(values)],
    )


class MatchedSet:
    """The entries that match a query's words and filters, as SQL over the match table `m`."""

    def __init__(self, terms: list[QueryTerm], operator: str, filters: dict):
        self.terms = terms
        self.filters = {facet: values for facet, values in filters.items() if facet in FACETS and values}
        if terms:
            self.match_sql, self.match_params = terms_sql(terms, operator)
            # ts_rank scores the page on the entries' weighted tsvector: the query as a tsquery, built
            # once in a one-row subquery (OFFSET 0 keeps it one).
            expression, self.query_params = tsquery_sql(terms, operator)
            self.tsquery_from = f", (SELECT {expression} AS q OFFSET 0) tsq"
        else:
            self.match_sql, self.match_params = "TRUE", []
            self.query_params, self.tsquery_from = [], ""

    def where(self, skip: str | None = None) -> tuple[str, list]:
        clauses, params = [self.match_sql], list(self.match_params)
        for facet, values in self.filters.items():
            if facet != skip:
                sql, values_params = _filter_sql(facet, values)
                clauses.append(sql)
                params.extend(values_params)
        return " AND ".join(clauses), params

    def counts(self, with_facets: bool) -> tuple[int, dict[str, list[tuple[str, int]]]]:
        """The total and, when asked, each facet's (value, count) pairs, from one statement."""
        if not with_facets:
            where, params = self.where()
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT count(*) FROM {MATCH} m WHERE {where}", params)
                return cursor.fetchone()[0], {}
        flags, flag_params = [], []
        for facet, values in self.filters.items():
            sql, values_params = _filter_sql(facet, values)
            flags.append(f"({sql}) AS f_{facet}")
            flag_params.extend(values_params)
        columns = ", ".join([*(f"m.{facet}" for facet in FACETS), *flags])
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
            f"WITH matched AS (SELECT * FROM (SELECT {columns} FROM {MATCH} m WHERE {self.match_sql}) s "
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
            cursor.execute(sql, flag_params + self.match_params)
            for facet, value, n in cursor.fetchall():
                if facet:
                    facets[facet].append((value, n))
                else:
                    total = n
        return total, facets

    def page(
        self, sort: str, phrase: str, offset: int, limit: int, boosts: tuple[float, float]
    ) -> list[dict]:
        """One page of hits with their scores. The match table gives the candidates (the page asked for in
        date order, or the newest RANK_CANDIDATES for the relevance sort); only they are read and scored."""
        where, params = self.where()
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
        sql = (
            f"WITH candidates AS MATERIALIZED (SELECT m.entry_id FROM {MATCH} m WHERE {where} "
            f"ORDER BY {candidates_order} {limit_sql}) "
            f"SELECT {columns}, {score} AS score FROM {TABLE} e{self.tsquery_from} "
            f"WHERE e.id IN (SELECT entry_id FROM candidates) ORDER BY {order} LIMIT %s OFFSET %s"
        )
        params = [*params, *([bound] if bound is not None else []), *select_params, *self.query_params]
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit, offset])
            names = [*HIT_COLUMNS, "score"]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
