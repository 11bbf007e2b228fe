"""The parts of a supervision record kind's declaration (services.supervision.kinds): the ways to create
one, the steps taken on one, its export's columns, and the kind itself."""

from collections.abc import Callable
from dataclasses import dataclass, field

from services.files.models import CaseFile
from services.supervision.querysets import centres_visible_to


@dataclass(frozen=True)
class Creation:
    """One way to create a record of a kind: a page (path, form) and, when api_input is set, the API."""

    path: str
    url_name: str
    title: str
    rule: str
    form: type
    action: type
    fields: tuple[str, ...]
    gate: Callable
    centres: Callable = centres_visible_to
    with_files: bool = True
    as_lists: tuple[str, ...] = ()
    api_input: type | None = None
    api_route: str = ""  # "" creates by POST on the kind's collection; else the name of a list route

    def action_input(self, data: dict) -> dict:
        return {k: list(data[k] or []) if k in self.as_lists else data[k] for k in self.fields}


@dataclass(frozen=True)
class Step:
    """An action taken on one record of a kind: its page (under the record's URL) and its API route."""

    segment: str  # the page: supervision/<kind segment>/<pk>/<segment>/
    url_name: str
    title: str  # the page title, followed by the record
    rule: str
    form: type
    action: type
    subject: str  # the name under which the action receives the record
    fields: tuple[str, ...]
    api_input: type
    api_route: str  # the API: /api/v1/supervision/<kind segment>/<pk>/<api_route>/
    api_output: type
    success: str  # the page shown after it: the URL name of the record (or of what the action made)
    success_is_record: bool = False  # True: the record's page; False: the page of what the action returns
    with_files: bool = False
    api_status: int = 201

    def action_input(self, record, data: dict) -> dict:
        return {self.subject: record, **{k: data[k] for k in self.fields}}


def with_files(user, obj) -> dict:
    """What a detail page shows besides the record, by default: its files."""
    return {"files": CaseFile.for_object(obj)}


@dataclass(frozen=True)
class Export:
    """A kind's export table: the centre's name and district, then these columns. A column's value is the
    record's attribute of that name (called when it is a method, as get_status_display), or a function of
    the record and today."""

    columns: tuple[tuple[str, str | Callable], ...]
    related: tuple[str, ...] = ()  # what the rows read besides the centre and its district

    def headers(self) -> list[str]:
        return ["中心名称", "所在区", *(header for header, _ in self.columns)]

    def row(self, record, today) -> list:
        return [
            record.centre.name,
            record.centre.district.name,
            *(_cell(record, v, today) for _, v in self.columns),
        ]


def _cell(record, value, today):
    if callable(value):
        return value(record, today)
    found = getattr(record, value)
    return found() if callable(found) else found


@dataclass(frozen=True)
class RecordKind:
    key: str  # the list's URL name and the export table's key
    name: str  # the detail's URL name
    segment: str  # the URL and API path segment
    model: type
    title: str
    serializer: type
    display: Callable = with_files
    creations: tuple[Creation, ...] = field(default=())
    steps: tuple[Step, ...] = field(default=())
    export: Export | None = None

    @property
    def template(self) -> str:
        return f"supervision/{self.name}_detail.html"

    def export_rows(self, user, today) -> tuple[list[str], list[list]]:
        """The export's headers and rows: the records this user may see (visible_to), R-32."""
        records = self.model.objects.visible_to(user).select_related(
            "centre", "centre__district", *self.export.related
        )
        return self.export.headers(), [self.export.row(record, today) for record in records]
