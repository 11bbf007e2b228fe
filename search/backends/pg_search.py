"""The database fallback's search on PostgreSQL in at most three statements, whatever the number of documents.

One matched set serves the count and all six facet counts: a MATERIALIZED CTE holds the facet columns of
the entries that match (the GIN index finds them), with one flag per filtered facet, and one statement
counts the total (every filter) and each facet (every filter but its own: facets stay disjunctive) from it.
When no entry has every word, the same statement runs once more with any word enough. The hits come from
a third statement that scores only the page it returns: ORDER BY score with LIMIT, the tsquery built once
(not once per row), `ts_rank` and the phrase boost as before (docs/decisions/0135).

Every value reaches PostgreSQL as a parameter; the query words only through `plainto_tsquery`, so no
tsquery or LIKE syntax in the input can take effect.
"""

from django.db import connection

from search.constants import FACETS, MAX_FACET_VALUES, Sort
from search.segmentation import QueryTerm

TABLE = "search_searchentry"
# The relevance sort scores at most this many matches, the newest (0: every match).
RANK_CANDIDATES = 1000
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


def _filter_sql(facet: str, values) -> tuple[str, list]:
    if facet == "year":
        return "e.year = ANY(%s)", [[int(v) for v in values]]
    return f"e.{facet} = ANY(%s)", [list(values)]


class MatchedSet:
    """The entries that match a query's words and filters, as SQL fragments over `search_searchentry e`."""

    def __init__(self, terms: list[QueryTerm], operator: str, filters: dict):
        self.terms = terms
        self.filters = {facet: values for facet, values in filters.items() if facet in FACETS and values}
        if terms:
            expression, self.query_params = tsquery_sql(terms, operator)
            # OFFSET 0 keeps the tsquery a one-row subquery: built once, not once per scored row, and
            # the planner, not seeing its words, takes the GIN index (a scan of the table would check
            # every row's tsvector). The candidates' statement inlines it: there the planner estimates.
            self.expression = expression
            self.from_sql = f"{TABLE} e, (SELECT {expression} AS q OFFSET 0) tsq"
            self.match_sql = "e.search_vector @@ tsq.q"
        else:
            self.query_params, self.expression = [], ""
            self.from_sql = f"{TABLE} e"
            self.match_sql = "TRUE"

    def where(self, skip: str | None = None) -> tuple[str, list]:
        clauses, params = [self.match_sql], []
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
                cursor.execute(
                    f"SELECT count(*) FROM {self.from_sql} WHERE {where}", self.query_params + params
                )
                return cursor.fetchone()[0], {}
        flags, flag_params = [], []
        for facet, values in self.filters.items():
            sql, values_params = _filter_sql(facet, values)
            flags.append(f"({sql}) AS f_{facet}")
            flag_params.extend(values_params)
        columns = ", ".join(["e.kind", "e.type", "e.key_field", "e.district", "e.centre", "e.year", *flags])
        # Only rows that pass every filter but at most one can count anywhere.
        near = " + ".join(f"(NOT f_{facet})::int" for facet in self.filters) or "0"

        def passes(skip: str | None) -> str:
            return " AND ".join(f"f_{facet}" for facet in self.filters if facet != skip) or "TRUE"

        # One pass over the matched set: a grouping set per facet and () for the total; each facet counts
        # the rows that pass every filter but its own, and keeps its MAX_FACET_VALUES largest values.
        which = " ".join(f"WHEN GROUPING({facet}) = 0 THEN '{facet}'" for facet in FACETS)
        value = "COALESCE(" + ", ".join(f"{facet}::text" for facet in FACETS) + ")"
        counted = " ".join(
            f"WHEN GROUPING({facet}) = 0 THEN count(*) FILTER (WHERE {passes(facet)})" for facet in FACETS
        )
        sets = ", ".join(f"({facet})" for facet in FACETS)
        sql = (
            f"WITH m AS (SELECT * FROM (SELECT {columns} FROM {self.from_sql} WHERE {self.match_sql}) matched "
            f"WHERE {near} <= 1), "
            f"g AS (SELECT CASE {which} ELSE '' END AS facet, {value} AS value, max(year) AS year, "
            f"CASE {counted} ELSE count(*) FILTER (WHERE {passes(None)}) END AS n "
            f"FROM m GROUP BY GROUPING SETS ({sets}, ())), "
            f"r AS (SELECT facet, value, n, row_number() OVER "
            f"(PARTITION BY facet ORDER BY n DESC, CASE WHEN facet = 'year' THEN year END, value) AS place "
            f"FROM g WHERE facet = '' OR (n > 0 AND value IS NOT NULL AND value <> '')) "
            f"SELECT facet, value, n FROM r WHERE place <= {MAX_FACET_VALUES}"
        )
        total, facets = 0, {facet: [] for facet in FACETS}
        with connection.cursor() as cursor:
            cursor.execute(sql, flag_params + self.query_params)
            for facet, value, n in cursor.fetchall():
                if facet:
                    facets[facet].append((value, n))
                else:
                    total = n
        return total, facets

    def page(
        self, sort: str, phrase: str, offset: int, limit: int, boosts: tuple[float, float]
    ) -> list[dict]:
        """One page of hits with their scores: only the rows returned are scored beyond ts_rank."""
        where, params = self.where()
        select_params: list = []
        if self.terms:
            score = "ts_rank(e.search_vector, tsq.q, 1)"
            if len(phrase) > 1:
                score += (
                    " + CASE WHEN UPPER(e.title::text) LIKE UPPER(%s) THEN %s"
                    " WHEN UPPER(e.body::text) LIKE UPPER(%s) THEN %s ELSE 0.0 END"
                )
                pattern = like_pattern(phrase)
                select_params = [pattern, boosts[0], pattern, boosts[1]]
        else:
            score = "0.0"
        if sort == Sort.NEWEST or not self.terms:
            order = "e.date DESC NULLS LAST, e.id DESC"
        elif sort == Sort.OLDEST:
            order = "e.date ASC NULLS LAST, e.id ASC"
        else:
            order = "score DESC, e.date DESC NULLS LAST, e.id ASC"
        columns = ", ".join(f"e.{c}" for c in HIT_COLUMNS)
        if self.terms and sort == Sort.RELEVANCE and RANK_CANDIDATES:
            # Score only the newest matches (enough for the page asked for): a bounded candidate set.
            bound = max(RANK_CANDIDATES, offset + limit)
            sql = (
                f"WITH candidates AS MATERIALIZED (SELECT e.id FROM {TABLE} e "
                f"WHERE {where.replace(self.match_sql, f'e.search_vector @@ ({self.expression})', 1)} "
                f"ORDER BY e.date DESC, e.id DESC LIMIT %s) "
                f"SELECT {columns}, {score} AS score FROM {self.from_sql} "
                f"WHERE e.id IN (SELECT id FROM candidates) ORDER BY {order} LIMIT %s OFFSET %s"
            )
            params = [*self.query_params, *params, bound, *select_params, *self.query_params]
        else:
            sql = (
                f"SELECT {columns}, {score} AS score FROM {self.from_sql} WHERE {where} "
                f"ORDER BY {order} LIMIT %s OFFSET %s"
            )
            params = [*select_params, *self.query_params, *params]
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit, offset])
            names = [*HIT_COLUMNS, "score"]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
