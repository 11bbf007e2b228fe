"""The request shapes Elasticsearch 8 accepts, for the requests this project sends, as JSON Schema.

Written from the Elasticsearch API specification (elastic/elasticsearch-specification, branch 8.19: the
`Request` interfaces of bulk, search, delete_by_query, indices.create/delete/exists/refresh/get_alias,
indices.update_aliases and the query DSL, aggregation, highlight, sort, suggester, mapping and analysis
types). Only the members the specification defines are allowed (`additionalProperties: false`), so a
misspelt or invented key fails; the subset of the query DSL is the one the portal uses, and a query type
outside it fails too (add it here, from the specification, when the backend starts sending it).

`problems(request)` returns what is wrong with one recorded request: an unknown endpoint, a query
parameter the endpoint does not define or of the wrong type, or a body that does not validate.
"""

import re

from jsonschema import Draft202012Validator

from tests.search.es_shapes_search import (
    AGGS,
    BOOL,
    DELETE_BY_QUERY_BODY,
    INT,
    NUM,
    QUERY,
    QUERY_REF,
    SEARCH_BODY,
    STR,
    STRS,
    obj,
)

# --- mappings and analysis -------------------------------------------------------------------------

PROPERTY_REF = {"$ref": "#/$defs/property"}
FIELD_COMMON = {
    "type": STR,
    "meta": {"type": "object"},
    "fields": {"type": "object", "additionalProperties": PROPERTY_REF},
}
PROPERTY = {
    "type": "object",
    "required": ["type"],
    "oneOf": [
        obj(
            {
                **FIELD_COMMON,
                "type": {"const": "text"},
                "analyzer": STR,
                "search_analyzer": STR,
                "search_quote_analyzer": STR,
                "index": BOOL,
                "index_options": {"enum": ["docs", "freqs", "positions", "offsets"]},
                "norms": BOOL,
                "store": BOOL,
                "term_vector": STR,
                "position_increment_gap": INT,
                "fielddata": BOOL,
                "copy_to": {"oneOf": [STR, STRS]},
            }
        ),
        obj(
            {
                **FIELD_COMMON,
                "type": {"const": "keyword"},
                "ignore_above": INT,
                "index": BOOL,
                "doc_values": BOOL,
                "normalizer": STR,
                "null_value": STR,
                "store": BOOL,
                "copy_to": {"oneOf": [STR, STRS]},
            }
        ),
        obj(
            {
                **FIELD_COMMON,
                "type": {"enum": ["integer", "long", "short", "byte", "float", "double"]},
                "index": BOOL,
                "doc_values": BOOL,
                "null_value": NUM,
                "store": BOOL,
                "coerce": BOOL,
                "ignore_malformed": BOOL,
            }
        ),
        obj({**FIELD_COMMON, "type": {"const": "date"}, "format": STR, "index": BOOL, "doc_values": BOOL}),
        obj(
            {
                **FIELD_COMMON,
                "type": {"const": "completion"},
                "analyzer": STR,
                "search_analyzer": STR,
                "preserve_separators": BOOL,
                "preserve_position_increments": BOOL,
                "max_input_length": INT,
                "contexts": {"type": "array"},
            }
        ),
    ],
}
MAPPINGS = obj(
    {
        "properties": {"type": "object", "additionalProperties": PROPERTY_REF},
        "dynamic": {"oneOf": [BOOL, {"enum": ["true", "false", "strict", "runtime"]}]},
        "_source": {"type": "object"},
        "_meta": {"type": "object"},
    }
)
ANALYZER = obj(
    {
        "type": {"const": "custom"},
        "tokenizer": STR,
        "filter": STRS,
        "char_filter": STRS,
        "position_increment_gap": INT,
        "position_offset_gap": INT,
    },
    required=["type", "tokenizer"],
)
TOKEN_FILTER = {
    "oneOf": [
        obj(
            {
                "type": {"const": "synonym_graph"},
                "synonyms": STRS,
                "synonyms_path": STR,
                "synonyms_set": STR,
                "lenient": BOOL,
                "expand": BOOL,
                "format": {"enum": ["solr", "wordnet"]},
                "updateable": BOOL,
                "tokenizer": STR,
                "version": STR,
            },
            required=["type"],
        ),
    ]
}
SETTINGS = obj(
    {
        "number_of_shards": {"type": ["integer", "string"]},
        "number_of_replicas": {"type": ["integer", "string"]},
        "max_result_window": INT,
        "refresh_interval": STR,
        "analysis": obj(
            {
                "analyzer": {"type": "object", "additionalProperties": ANALYZER},
                "filter": {"type": "object", "additionalProperties": TOKEN_FILTER},
                "tokenizer": {"type": "object"},
                "char_filter": {"type": "object"},
                "normalizer": {"type": "object"},
            }
        ),
    }
)
ALIAS = obj(
    {
        "filter": QUERY_REF,
        "index_routing": STR,
        "is_hidden": BOOL,
        "is_write_index": BOOL,
        "routing": STR,
        "search_routing": STR,
    }
)
CREATE_BODY = obj(
    {"aliases": {"type": "object", "additionalProperties": ALIAS}, "mappings": MAPPINGS, "settings": SETTINGS}
)

TARGET = {"index": STR, "indices": {"oneOf": [STR, STRS]}, "must_exist": BOOL}
ALIAS_ACTION = {
    "type": "object",
    "minProperties": 1,
    "maxProperties": 1,
    "additionalProperties": False,
    "properties": {
        "add": obj(
            {
                **TARGET,
                "alias": STR,
                "aliases": {"oneOf": [STR, STRS]},
                "filter": QUERY_REF,
                "index_routing": STR,
                "is_hidden": BOOL,
                "is_write_index": BOOL,
                "routing": STR,
                "search_routing": STR,
            }
        ),
        "remove": obj({**TARGET, "alias": STR, "aliases": {"oneOf": [STR, STRS]}}),
        "remove_index": obj(TARGET),
    },
}
ALIASES_BODY = obj({"actions": {"type": "array", "items": ALIAS_ACTION}}, required=["actions"])

WRITE_META = {
    "_id": STR,
    "_index": STR,
    "routing": STR,
    "if_primary_term": INT,
    "if_seq_no": INT,
    "version": INT,
    "version_type": {"enum": ["internal", "external", "external_gte", "force"]},
}
BULK_ACTION = {
    "type": "object",
    "minProperties": 1,
    "maxProperties": 1,
    "additionalProperties": False,
    "properties": {
        "index": obj(
            {**WRITE_META, "dynamic_templates": {"type": "object"}, "pipeline": STR, "require_alias": BOOL}
        ),
        "create": obj(
            {**WRITE_META, "dynamic_templates": {"type": "object"}, "pipeline": STR, "require_alias": BOOL}
        ),
        "delete": obj(WRITE_META),
    },
}

DEFS = {"query": QUERY, "aggs": AGGS, "property": PROPERTY}


def validator(schema: dict) -> Draft202012Validator:
    return Draft202012Validator({**schema, "$defs": DEFS})


# --- endpoints and their query parameters ----------------------------------------------------------

COMMON = {"error_trace": "bool", "filter_path": "str", "human": "bool", "pretty": "bool"}
INDEX_OPTIONS = {"allow_no_indices": "bool", "expand_wildcards": "str", "ignore_unavailable": "bool"}
NAME = r"[^/_][^/]*"

ENDPOINTS = [
    # (methods, path pattern, query parameters with their types, body: schema | "ndjson" | None)
    ({"HEAD", "GET"}, r"/", {}, None),
    (
        {"PUT", "POST"},
        r"/_bulk",
        {
            "pipeline": "str",
            "refresh": ("true", "false", "wait_for"),
            "routing": "str",
            "_source": "str",
            "_source_excludes": "str",
            "_source_includes": "str",
            "timeout": "str",
            "wait_for_active_shards": "str",
            "require_alias": "bool",
        },
        "ndjson",
    ),
    (
        {"POST", "GET"},
        rf"/{NAME}/_search",
        {
            **INDEX_OPTIONS,
            "allow_partial_search_results": "bool",
            "ccs_minimize_roundtrips": "bool",
            "preference": "str",
            "request_cache": "bool",
            "routing": "str",
            "search_type": ("query_then_fetch", "dfs_query_then_fetch"),
            "typed_keys": "bool",
            "rest_total_hits_as_int": "bool",
            "timeout": "str",
        },
        SEARCH_BODY,
    ),
    (
        {"POST"},
        rf"/{NAME}/_delete_by_query",
        {
            **INDEX_OPTIONS,
            "conflicts": ("abort", "proceed"),
            "refresh": "bool",
            "routing": "str",
            "scroll_size": "int",
            "slices": "str",
            "timeout": "str",
            "wait_for_completion": "bool",
            "max_docs": "int",
        },
        DELETE_BY_QUERY_BODY,
    ),
    (
        {"PUT"},
        rf"/{NAME}",
        {"master_timeout": "str", "timeout": "str", "wait_for_active_shards": "str"},
        CREATE_BODY,
    ),
    (
        {"HEAD"},
        rf"/{NAME}",
        {**INDEX_OPTIONS, "flat_settings": "bool", "include_defaults": "bool", "local": "bool"},
        None,
    ),
    ({"DELETE"}, rf"/{NAME}", {**INDEX_OPTIONS, "master_timeout": "str", "timeout": "str"}, None),
    ({"POST", "GET"}, rf"/{NAME}/_refresh", INDEX_OPTIONS, None),
    ({"GET", "HEAD"}, rf"/_alias/{NAME}", {**INDEX_OPTIONS, "local": "bool", "master_timeout": "str"}, None),
    ({"GET", "HEAD"}, rf"/{NAME}/_alias", {**INDEX_OPTIONS, "local": "bool", "master_timeout": "str"}, None),
    ({"POST"}, r"/_aliases", {"master_timeout": "str", "timeout": "str"}, ALIASES_BODY),
]


def _param_problem(name: str, value: str, kind) -> str | None:
    if kind == "bool" and value not in ("true", "false"):
        return f"parameter {name}={value!r} is not a boolean"
    if kind == "int" and not value.lstrip("-").isdigit():
        return f"parameter {name}={value!r} is not an integer"
    if isinstance(kind, tuple) and value not in kind:
        return f"parameter {name}={value!r} is not one of {kind}"
    return None


def endpoint_of(request):
    for methods, pattern, params, body in ENDPOINTS:
        if request.method in methods and re.fullmatch(pattern, request.path):
            return params, body
    return None


def problems(request) -> list[str]:
    """What Elasticsearch 8 would not accept in one recorded request (empty when it conforms)."""
    found = endpoint_of(request)
    if found is None:
        return [f"{request.endpoint}: no such Elasticsearch 8 endpoint"]
    params, body_schema = found
    out = []
    for name, value in request.params.items():
        kind = {**COMMON, **params}.get(name)
        if kind is None:
            out.append(f"{request.endpoint}: unknown parameter {name}")
        elif problem := _param_problem(name, value, kind):
            out.append(f"{request.endpoint}: {problem}")
    if body_schema is None:
        if request.body is not None:
            out.append(f"{request.endpoint}: takes no body")
        return out
    if body_schema == "ndjson":
        return out + [f"{request.endpoint}: {p}" for p in bulk_problems(request.body or [])]
    for error in validator(body_schema).iter_errors(request.body or {}):
        out.append(f"{request.endpoint}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
    return out


def bulk_problems(lines: list) -> list[str]:
    """Each bulk line: an action (index, create, delete) followed, except for delete, by a JSON object."""
    out, position, action_validator = [], 0, validator(BULK_ACTION)
    while position < len(lines):
        action = lines[position]
        errors = list(action_validator.iter_errors(action))
        if errors:
            return out + [f"line {position}: {errors[0].message}"]
        (op,) = action
        position += 1
        if op != "delete":
            if position >= len(lines) or not isinstance(lines[position], dict):
                return out + [f"line {position}: {op} needs a document line"]
            position += 1
    return out
