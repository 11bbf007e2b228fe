"""Elasticsearch documents, one index per searchable kind (R-44), and their analysis settings.

Text is indexed and searched with analyzers built from one chain, so a word is reduced to the same terms
at both ends: the Chinese tokenizer of `ELASTICSEARCH_ANALYZER` (`smartcn_tokenizer` of the analysis-smartcn
plugin in the shipped docker-compose image), then `lowercase`, `porter_stem` (Latin words: "calibration" is
"calibr" in the index and in the query) and the plugin's `smartcn_stop` (punctuation, so a query's
punctuation never becomes a term). The search analyzer adds the metrology synonyms of `data/synonyms.txt`
as a `synonym_graph` filter (graph filters belong at search time only; the rules are parsed by the filters
before it, so they are stemmed alike). Facet fields are keywords; `suggest` is a completion field for the
search box.

Each document's index name is an alias `<PORTAL_ENV>-<kind>`; a rebuild writes a new timestamped index
through the write alias `<alias>-next` and swaps the alias (see `search.backends.es_rebuild`).
"""

from django.conf import settings
from elasticsearch.dsl import (
    Completion,
    Date,
    Document,
    Integer,
    Keyword,
    Text,
    analyzer,
    token_filter,
)

from search.constants import Kind
from search.segmentation import synonym_lines

INDEX_ANALYZER = "portal_index"
SEARCH_ANALYZER = "portal_search"

# The tokenizer and the filters after it, per Chinese analyzer plugin: the chain of the plugin's own
# analyzer, with lowercase before the stemmer (porter_stem needs lower-case input).
CHAINS: dict[str, tuple[str, tuple[str, ...]]] = {
    "smartcn": ("smartcn_tokenizer", ("lowercase", "porter_stem", "smartcn_stop")),
    "ik_max_word": ("ik_max_word", ("lowercase", "porter_stem")),
    "ik_smart": ("ik_smart", ("lowercase", "porter_stem")),
    "standard": ("standard", ("lowercase", "porter_stem")),
}


def chain() -> tuple[str, tuple[str, ...]]:
    return CHAINS.get(settings.ELASTICSEARCH_ANALYZER, CHAINS["standard"])


def index_analyzer():
    tokenizer, filters = chain()
    return analyzer(INDEX_ANALYZER, tokenizer=tokenizer, filter=list(filters))


def search_analyzer():
    tokenizer, filters = chain()
    synonyms = token_filter("portal_synonyms", type="synonym_graph", synonyms=synonym_lines(), lenient=True)
    return analyzer(SEARCH_ANALYZER, tokenizer=tokenizer, filter=[*filters, synonyms])


def alias_name(kind: str) -> str:
    return f"{settings.PORTAL_ENV}-{kind}"


def _text(**kwargs):
    return Text(analyzer=index_analyzer(), search_analyzer=search_analyzer(), **kwargs)


class PortalDocument(Document):
    """The fields every searchable kind shares: text, facets, date, completion."""

    kind = Keyword()
    page_id = Integer()
    url = Keyword(index=False)
    # `title` is shown and highlighted; `index_title` is what ranks as the title, as on the database
    # backend (a measure article ranks on 第十三条, not on the measure's name that every article shares).
    title = _text(fields={"raw": Keyword(ignore_above=256)})
    index_title = _text()
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
        doc.index_title = record.index_title or record.title
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
