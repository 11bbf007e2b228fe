"""/api/v1/applications/: the same actions as the service hall and the console, the same checks."""

from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from accounts.roles import role_names
from services.applications import actions, editing
from services.applications.constants import FILE_PURPOSE_ATTACHMENT, Condition, condition_purpose
from services.applications.models import Application
from services.applications.serializers import (
    ApplicationSerializer,
    ApproveSerializer,
    ConditionInputSerializer,
    DeclarationSerializer,
    FileUploadSerializer,
    PartnerSerializer,
    RejectSerializer,
    ReturnSerializer,
    StartReviewSerializer,
    TimelineStepSerializer,
    WithdrawSerializer,
)
from services.applications.transitions import APPLICATION_MACHINE
from services.applications.views.common import timeline
from services.casework.lookup import path_object
from services.files import service as files


def may_ever(user, action_name: str) -> bool:
    roles = role_names(user)
    return any(roles & edge.roles for edge in APPLICATION_MACHINE.edges if edge.action == action_name)


class ApplicationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet
):
    serializer_class = ApplicationSerializer
    permission_classes = [permissions.IsAuthenticated]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        queryset = Application.objects.visible_to(self.request.user).select_related("organisation")
        status_filter = self.request.query_params.get("status")
        if status_filter:
            queryset = queryset.filter(status=status_filter)
        return queryset.prefetch_related("key_fields", "partners", "conditions", "corrections")

    @extend_schema(request=None, responses={201: ApplicationSerializer}, summary="新建筹建申请草稿")
    def create(self, request):
        application = actions.start_application(request.user)
        return Response(ApplicationSerializer(application).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="保存申报书各部分（草稿或退回补正时）")
    def partial_update(self, request, *args, **kwargs):
        application = self.get_object()
        actions.ensure_editable(application, request.user)
        serializer = self.get_serializer(application, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            serializer.save()
        return Response(self.get_serializer(application).data)

    def update(self, request, *args, **kwargs):
        kwargs["partial"] = True
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(
        request=ConditionInputSerializer(many=True),
        responses={200: ApplicationSerializer},
        summary="申报条件声明（R-02）",
    )
    @action(detail=True, methods=["post"])
    def conditions(self, request, pk=None):
        application = self.get_object()
        serializer = ConditionInputSerializer(data=request.data, many=True)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            actions.ensure_editable(application, request.user)
            for row in serializer.validated_data:
                if row["code"] not in Condition.values:
                    raise ValidationError({"detail": f"没有申报条件“{row['code']}”。"})
                application.conditions.filter(code=row["code"]).update(
                    meets=row["meets"], explanation=row.get("explanation", "")
                )
        return Response(ApplicationSerializer(application).data)

    @extend_schema(
        request=PartnerSerializer, responses={201: PartnerSerializer}, summary="添加联合建设单位（R-03）"
    )
    @action(detail=True, methods=["post"])
    def partners(self, request, pk=None):
        from services.applications.forms import PartnerForm

        application = self.get_object()
        form = PartnerForm(request.data, application=application)
        if not form.is_valid():
            raise ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
        editing.save_section(application, request.user, "partners", form)
        return Response(PartnerSerializer(application.partners.last()).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request={"multipart/form-data": FileUploadSerializer},
        responses={201: None},
        summary="上传证明材料或附件",
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def files(self, request, pk=None):
        application = self.get_object()
        serializer = FileUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        purpose = serializer.validated_data["purpose"]
        valid = {FILE_PURPOSE_ATTACHMENT, *(condition_purpose(c) for c in Condition.values)}
        if purpose not in valid:
            raise ValidationError({"purpose": "用途无效。"})
        try:
            with transaction.atomic():
                actions.ensure_editable(application, request.user)
                stored = files.store(
                    serializer.validated_data["file"], owner=application, purpose=purpose, user=request.user
                )
        except files.FileRefused as exc:
            raise ValidationError({"file": str(exc)}) from exc
        return Response(
            {"id": str(stored.public_id), "name": stored.original_name, "url": stored.get_absolute_url()},
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(responses={200: TimelineStepSerializer(many=True)}, summary="办理进度")
    @action(detail=True, methods=["get"])
    def timeline(self, request, pk=None):
        return Response(TimelineStepSerializer(timeline(self.get_object()), many=True).data)

    @extend_schema(responses={200: {"type": "array", "items": {"type": "string"}}}, summary="尚缺内容")
    @action(detail=True, methods=["get"])
    def missing(self, request, pk=None):
        return Response(actions.missing_items(self.get_object()))

    def _act(self, request, action_class, serializer_class):
        application = path_object(self, self.get_queryset())
        if not may_ever(request.user, action_class.action):
            raise PermissionDenied("您没有权限执行此操作。")
        params = {}
        if serializer_class is not None:
            serializer = serializer_class(data=request.data)
            serializer.is_valid(raise_exception=True)
            params = serializer.validated_data
        application = action_class(application, **params).execute(request.user)
        return Response(ApplicationSerializer(application).data)

    @extend_schema(request=DeclarationSerializer, responses={200: ApplicationSerializer}, summary="提交申报")
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._act(request, actions.Submit, DeclarationSerializer)

    @extend_schema(
        request=DeclarationSerializer, responses={200: ApplicationSerializer}, summary="补正后重新提交"
    )
    @action(detail=True, methods=["post"])
    def resubmit(self, request, pk=None):
        return self._act(request, actions.Resubmit, DeclarationSerializer)

    @extend_schema(request=ReturnSerializer, responses={200: ApplicationSerializer}, summary="退回补正")
    @action(detail=True, methods=["post"], url_path="return-for-correction")
    def return_for_correction(self, request, pk=None):
        return self._act(request, actions.ReturnForCorrection, ReturnSerializer)

    @extend_schema(
        request=StartReviewSerializer, responses={200: ApplicationSerializer}, summary="组织专家评审"
    )
    @action(detail=True, methods=["post"], url_path="start-review")
    def start_review(self, request, pk=None):
        return self._act(request, actions.StartReview, StartReviewSerializer)

    @extend_schema(request=WithdrawSerializer, responses={200: ApplicationSerializer}, summary="撤回申请")
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._act(request, actions.Withdraw, WithdrawSerializer)

    @extend_schema(request=ApproveSerializer, responses={200: ApplicationSerializer}, summary="批准筹建")
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._act(request, actions.Approve, ApproveSerializer)

    @extend_schema(request=RejectSerializer, responses={200: ApplicationSerializer}, summary="不予批准")
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._act(request, actions.Reject, RejectSerializer)
