"""Elasticsearch documents, one index per searchable kind (R-44), and their analysis settings.

Text is indexed with the Chinese analyzer named by `ELASTICSEARCH_ANALYZER` (`smartcn` in the shipped
docker-compose image; the server needs the plugin) and searched with a custom analyzer over the same
tokenizer plus the metrology synonyms of `data/synonyms.txt` as a `synonym_graph` filter (graph filters
belong at search time only). Facet fields are keywords; `suggest` is a completion field for the search
box. Each document's index name is an alias `<PORTAL_ENV>-<kind>`; a rebuild writes a new timestamped
index and swaps the alias (see `search.backends.elasticsearch`).
"""

from django.conf import settings
from elasticsearch.dsl import Completion, Date, Document, Integer, Keyword, Text, analyzer, token_filter

from search.constants import Kind
from search.segmentation import synonym_lines

# The tokenizer behind each Chinese analyzer plugin, for the custom search analyzer.
TOKENIZERS = {
    "smartcn": "smartcn_tokenizer",
    "ik_max_word": "ik_max_word",
    "ik_smart": "ik_smart",
    "standard": "standard",
}


def index_analyzer_name() -> str:
    return settings.ELASTICSEARCH_ANALYZER


def search_analyzer():
    return analyzer(
        "portal_search",
        tokenizer=TOKENIZERS.get(index_analyzer_name(), "standard"),
        filter=[
            "lowercase",
            token_filter("portal_synonyms", type="synonym_graph", synonyms=synonym_lines(), lenient=True),
        ],
    )


def alias_name(kind: str) -> str:
    return f"{settings.PORTAL_ENV}-{kind}"


def _text(**kwargs):
    return Text(analyzer=index_analyzer_name(), search_analyzer=search_analyzer(), **kwargs)


class PortalDocument(Document):
    """The fields every searchable kind shares: text, facets, date, completion."""

    kind = Keyword()
    page_id = Integer()
    url = Keyword(index=False)
    title = _text(fields={"raw": Keyword(ignore_above=256)})
    body = _text()
    type = Keyword()
    key_field = Keyword()
    district = Keyword()
    centre = Keyword()
    year = Integer()
    date = Date()
    suggest = Completion(analyzer="simple", preserve_separators=False)

    @classmethod
    def from_record(cls, record) -> "PortalDocument":
        doc = cls(meta={"id": record.doc_id})
        for name in ("kind", "page_id", "url", "title", "body", "type", "key_field", "district", "centre"):
            setattr(doc, name, getattr(record, name))
        doc.year = record.year
        doc.date = record.date
        doc.suggest = {"input": record.suggest or [record.title]}
        return doc


INDEX_SETTINGS = {"number_of_shards": 1, "number_of_replicas": 0, "max_result_window": 10_000}


class AchievementDocument(PortalDocument):
    class Index:
        name = alias_name(Kind.ACHIEVEMENT)
        settings = INDEX_SETTINGS


class KnowledgeArticleDocument(PortalDocument):
    class Index:
        name = alias_name(Kind.KNOWLEDGE)
        settings = INDEX_SETTINGS


class CentreProfileDocument(PortalDocument):
    class Index:
        name = alias_name(Kind.CENTRE)
        settings = INDEX_SETTINGS


class MeasureArticleDocument(PortalDocument):
    class Index:
        name = alias_name(Kind.MEASURE)
        settings = INDEX_SETTINGS


DOCUMENTS: dict[str, type[PortalDocument]] = {
    Kind.ACHIEVEMENT: AchievementDocument,
    Kind.KNOWLEDGE: KnowledgeArticleDocument,
    Kind.CENTRE: CentreProfileDocument,
    Kind.MEASURE: MeasureArticleDocument,
}
