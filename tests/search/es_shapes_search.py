"""The search request shapes Elasticsearch 8 accepts, as JSON Schema: the query DSL subset the portal sends,
aggregations, highlight, sort, `_source`, the completion suggester, the search and delete_by_query bodies.
Written from elastic/elasticsearch-specification (branch 8.19); see tests/search/es_shapes.py.
"""

STR = {"type": "string"}
BOOL = {"type": "boolean"}
INT = {"type": "integer"}
NUM = {"type": "number"}
STRS = {"type": "array", "items": STR}
MSM = {"type": ["integer", "string"]}
SCALAR = {"type": ["string", "number", "boolean"]}


def obj(properties: dict, required=(), **extra) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": list(required),
        "additionalProperties": False,
        **extra,
    }


def one_field(value_schema: dict) -> dict:
    """`{"<field>": value}`: the shape of field-keyed queries (term, match_phrase)."""
    return {"type": "object", "minProperties": 1, "maxProperties": 1, "additionalProperties": value_schema}


QUERY_REF = {"$ref": "#/$defs/query"}
CLAUSES = {"oneOf": [QUERY_REF, {"type": "array", "items": QUERY_REF}]}
NAMED = {"boost": NUM, "_name": STR}

QUERY = {
    "type": "object",
    "minProperties": 1,
    "maxProperties": 1,
    "additionalProperties": False,
    "properties": {
        "match_all": obj(NAMED),
        "match_none": obj(NAMED),
        "bool": obj(
            {
                "must": CLAUSES,
                "should": CLAUSES,
                "filter": CLAUSES,
                "must_not": CLAUSES,
                "minimum_should_match": MSM,
                **NAMED,
            }
        ),
        "multi_match": obj(
            {
                "query": STR,
                "fields": {"oneOf": [STR, STRS]},
                "type": {
                    "enum": [
                        "best_fields",
                        "most_fields",
                        "cross_fields",
                        "phrase",
                        "phrase_prefix",
                        "bool_prefix",
                    ]
                },
                "operator": {"enum": ["and", "or", "AND", "OR"]},
                "minimum_should_match": MSM,
                "analyzer": STR,
                "tie_breaker": NUM,
                "slop": INT,
                "lenient": BOOL,
                "zero_terms_query": {"enum": ["all", "none"]},
                "auto_generate_synonyms_phrase_query": BOOL,
                **NAMED,
            },
            required=["query"],
        ),
        "match_phrase": one_field(
            {
                "oneOf": [
                    STR,
                    obj(
                        {
                            "query": STR,
                            "slop": INT,
                            "analyzer": STR,
                            "zero_terms_query": {"enum": ["all", "none"]},
                            **NAMED,
                        },
                        required=["query"],
                    ),
                ]
            }
        ),
        "term": one_field(
            {"oneOf": [SCALAR, obj({"value": SCALAR, "case_insensitive": BOOL, **NAMED}, required=["value"])]}
        ),
        "terms": {
            "type": "object",
            "properties": NAMED,
            "additionalProperties": {"type": "array", "items": SCALAR},
            "minProperties": 1,
        },
        "ids": obj({"values": {"oneOf": [STR, STRS]}, **NAMED}),
    },
}

AGGS_REF = {"$ref": "#/$defs/aggs"}
AGGS = {
    "type": "object",
    "additionalProperties": {
        "type": "object",
        "properties": {
            "filter": QUERY_REF,
            "terms": obj(
                {
                    "field": STR,
                    "size": INT,
                    "min_doc_count": INT,
                    "shard_size": INT,
                    "missing": SCALAR,
                    "order": {"type": ["object", "array"]},
                    "include": {"type": ["string", "array", "object"]},
                    "exclude": {"type": ["string", "array"]},
                }
            ),
            "aggs": AGGS_REF,
            "aggregations": AGGS_REF,
            "meta": {"type": "object"},
        },
        "additionalProperties": False,
        "oneOf": [{"required": ["filter"]}, {"required": ["terms"]}],
    },
}

HIGHLIGHT_FIELD = {
    "fragment_size": INT,
    "number_of_fragments": INT,
    "no_match_size": INT,
    "pre_tags": STRS,
    "post_tags": STRS,
    "require_field_match": BOOL,
    "type": {"enum": ["plain", "fvh", "unified"]},
    "fragmenter": {"enum": ["simple", "span"]},
    "order": {"enum": ["score"]},
    "matched_fields": {"oneOf": [STR, STRS]},
    "highlight_query": QUERY_REF,
}
HIGHLIGHT = obj(
    {
        **HIGHLIGHT_FIELD,
        "encoder": {"enum": ["default", "html"]},
        "tags_schema": {"enum": ["styled"]},
        "fields": {
            "oneOf": [
                {"type": "object", "additionalProperties": obj(HIGHLIGHT_FIELD)},
                {"type": "array", "items": {"type": "object", "additionalProperties": obj(HIGHLIGHT_FIELD)}},
            ]
        },
    },
    required=["fields"],
)

SORT_OPTIONS = obj(
    {
        "order": {"enum": ["asc", "desc"]},
        "missing": SCALAR,
        "mode": {"enum": ["min", "max", "sum", "avg", "median"]},
        "unmapped_type": STR,
        "numeric_type": {"enum": ["long", "double", "date", "date_nanos"]},
        "format": STR,
    }
)
SORT_ITEM = {
    "oneOf": [
        STR,
        {
            "type": "object",
            "minProperties": 1,
            "maxProperties": 1,
            "additionalProperties": {"oneOf": [{"enum": ["asc", "desc"]}, SORT_OPTIONS]},
        },
    ]
}
SOURCE = {
    "oneOf": [
        BOOL,
        STR,
        STRS,
        obj({"includes": {"oneOf": [STR, STRS]}, "excludes": {"oneOf": [STR, STRS]}}),
    ]
}
COMPLETION = obj(
    {
        "field": STR,
        "size": INT,
        "skip_duplicates": BOOL,
        "analyzer": STR,
        "fuzzy": {"type": "object"},
        "contexts": {"type": "object"},
        "regex": {"type": "object"},
    },
    required=["field"],
)
SUGGESTER = {
    "type": "object",
    "properties": {"text": STR},
    "additionalProperties": obj(
        {"prefix": STR, "text": STR, "regex": STR, "completion": COMPLETION}, required=["completion"]
    ),
}

SEARCH_BODY = obj(
    {
        "query": QUERY_REF,
        "post_filter": QUERY_REF,
        "aggs": AGGS_REF,
        "aggregations": AGGS_REF,
        "highlight": HIGHLIGHT,
        "sort": {"oneOf": [SORT_ITEM, {"type": "array", "items": SORT_ITEM}]},
        "_source": SOURCE,
        "track_total_hits": {"type": ["boolean", "integer"]},
        "from": {"type": "integer", "minimum": 0},
        "size": {"type": "integer", "minimum": 0},
        "suggest": SUGGESTER,
        "seq_no_primary_term": BOOL,
        "min_score": NUM,
        "timeout": STR,
        "terminate_after": INT,
        "track_scores": BOOL,
        "version": BOOL,
        "explain": BOOL,
        "search_after": {"type": "array"},
    }
)

DELETE_BY_QUERY_BODY = obj({"max_docs": INT, "query": QUERY_REF, "slice": {"type": "object"}})
