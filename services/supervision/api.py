"""/api/v1/supervision/: every supervision action, over the same actions and visible_to() as the pages."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from services.casework.lookup import path_object
from services.deadlines import clock
from services.supervision import actions, dashboard, kinds
from services.supervision.querysets import centres_visible_to
from services.supervision.serializers import (
    CentreSupervisionSerializer,
    RevocationInput,
    RevocationSerializer,
)


def run(request, input_class, action_class, output_class, extra=None, status_code=status.HTTP_201_CREATED):
    """Parse, run the action, answer 201 with the object. Refusals (403, or 400 naming the status) and
    validation messages (400 keyed by field) are answered by the one handler, services.casework.api_errors."""
    parsed = input_class(data=request.data, context={"request": request})
    parsed.is_valid(raise_exception=True)
    data = dict(parsed.validated_data)
    if "files" in request.FILES:
        data["files"] = request.FILES.getlist("files")
    files = data.pop("files", [])
    result = action_class(request.user, files=files, **data, **(extra or {})).execute()
    return Response(output_class(result, context={"request": request}).data, status=status_code)


class Base(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated]
    model = None

    def get_queryset(self):
        return self.model.objects.visible_to(self.request.user).select_related("centre")


def declared(kind) -> type:
    """The viewset of a declared record kind (services.supervision.kinds): list and detail from its model's
    visible_to, each creation with an API input as POST (on the collection, or on its own list route), each
    step on a record as POST on the record's route."""
    attrs = {"model": kind.model, "serializer_class": kind.serializer, "__module__": __name__}
    for creation in kind.creations:
        if creation.api_input is None:
            continue

        def create(self, request, creation=creation):
            return run(request, creation.api_input, creation.action, kind.serializer)

        if creation.api_route:
            create.__name__ = creation.api_route
            create = action(detail=False, methods=["post"])(create)
        # after action(): action() replaces the function's kwargs, where extend_schema keeps the schema
        create = extend_schema(request=creation.api_input, responses=kind.serializer)(create)
        attrs[creation.api_route or "create"] = create
    for step in kind.steps:

        def take(self, request, pk=None, step=step):
            record = self.get_object()
            return run(
                request, step.api_input, step.action, step.api_output, {step.subject: record}, step.api_status
            )

        take.__name__ = step.api_route.replace("-", "_")
        take = action(detail=True, methods=["post"], url_path=step.api_route)(take)
        attrs[take.__name__] = extend_schema(request=step.api_input, responses=step.api_output)(take)
    return type(f"Declared{kind.model.__name__}ViewSet", (Base,), attrs)


@extend_schema(tags=["监督管理"])
class CentreViewSet(viewsets.GenericViewSet):
    """Centres under supervision, with next deadline and overdue items (R-30 … R-34); revoke (R-35)."""

    permission_classes = [IsAuthenticated]
    serializer_class = CentreSupervisionSerializer

    def get_queryset(self):
        return centres_visible_to(self.request.user).order_by("name")

    def list(self, request):
        rows = dashboard.centre_rows(self.get_queryset(), clock.beijing_today())
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        centre = path_object(self, self.get_queryset())
        return Response(self.get_serializer(dashboard.centre_row(centre, clock.beijing_today())).data)

    @extend_schema(request=RevocationInput, responses=RevocationSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        centre = path_object(self, self.get_queryset())
        return run(request, RevocationInput, actions.Revoke, RevocationSerializer, {"centre": centre})


@extend_schema(tags=["监督管理"])
class AnnualReportViewSet(declared(kinds.BY_KEY["annual_reports"])):
    """R-30: annual work summaries. POST (the centre's unit) submits one; outside November it is late."""


@extend_schema(tags=["监督管理"])
class ChangeReportViewSet(declared(kinds.BY_KEY["change_reports"])):
    """R-31: major change reports."""


@extend_schema(tags=["监督管理"])
class InspectionViewSet(declared(kinds.BY_KEY["inspections"])):
    """R-32 daily inspections (POST, the district bureau); R-33 unannounced inspections (commission, experts)."""


@extend_schema(tags=["监督管理"])
class RectificationViewSet(declared(kinds.BY_KEY["rectifications"])):
    """Rectification requests and their follow-up records (R-32 … R-34)."""


@extend_schema(tags=["监督管理"])
class ReexaminationViewSet(declared(kinds.BY_KEY["reexaminations"])):
    """R-34: five-yearly re-examinations, scheduled (POST) and decided by the commission."""
