"""/api/v1/experts/: the expert registry for the commission (list, detail, register). The same form and the
same SaveExpert as the workspace pages; everyone else sees an empty registry."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from accounts import roles
from services.reference.validators import (
    validate_credit_code,
    validate_email,
    validate_no_format_characters,
    validate_phone,
)
from services.workspaces import experts as registry
from services.workspaces.candidates import workloads
from services.workspaces.forms import ExpertForm


class ExpertSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    username = serializers.CharField()
    full_name = serializers.CharField()
    email = serializers.EmailField()
    phone = serializers.CharField()
    title = serializers.CharField(source="expert.title")
    employer_name = serializers.CharField(source="expert.employer_name")
    employer_credit_code = serializers.CharField(source="expert.employer_credit_code")
    key_fields = serializers.SerializerMethodField()
    key_fields_display = serializers.SerializerMethodField(help_text="专业领域（中文）")
    is_available = serializers.BooleanField(source="expert.is_available")
    workload = serializers.SerializerMethodField(help_text="当前任务数")

    def get_key_fields(self, user) -> list[str]:
        return [f.code for f in user.expert.key_fields.all()]

    def get_key_fields_display(self, user) -> list[str]:
        return [f.name for f in user.expert.key_fields.all()]

    def get_workload(self, user) -> int:
        return workloads([user.pk]).get(user.pk, 0)


class ExpertInputSerializer(serializers.Serializer):
    """The registry's input as the schema publishes it; ExpertForm parses it, with the same validators."""

    full_name = serializers.CharField(max_length=50, validators=[validate_no_format_characters])
    username = serializers.RegexField(ExpertForm.base_fields["username"].regex)
    email = serializers.CharField(max_length=254, validators=[validate_email])
    phone = serializers.CharField(
        required=False, allow_blank=True, max_length=20, validators=[validate_phone]
    )
    title = serializers.CharField(max_length=50, validators=[validate_no_format_characters])
    employer_name = serializers.CharField(max_length=100, validators=[validate_no_format_characters])
    employer_credit_code = serializers.CharField(max_length=18, validators=[validate_credit_code])
    key_fields = serializers.ListField(child=serializers.CharField(max_length=40), help_text="重点领域代码")
    is_available = serializers.BooleanField(default=True)


class ExpertViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ExpertSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        if not roles.is_commission(self.request.user):
            return registry.registry().none()
        return registry.registry(self.request.query_params)

    @extend_schema(request=ExpertInputSerializer, responses={201: ExpertSerializer})
    def create(self, request, *args, **kwargs):
        """Register an expert; an invitation to set a password and enrol TOTP goes to their e-mail (R-43).
        Refusals and the action's own validation are answered by services.casework.api_errors."""
        registry.SaveExpert().check(request.user)  # 403 before the input is read
        from services.reference.models import KeyField

        data = request.data.copy() if hasattr(request.data, "copy") else dict(request.data)
        codes = data.get("key_fields") or []
        data["key_fields"] = list(KeyField.objects.filter(code__in=codes).values_list("pk", flat=True))
        if len(data["key_fields"]) != len(set(codes)):
            raise ValidationError({"key_fields": ["所选专业领域不存在。"]})
        form = ExpertForm(_as_form_data(data))
        if not form.is_valid():
            raise ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
        expert = registry.SaveExpert(form.cleaned_data).execute(request.user)
        return Response(ExpertSerializer(expert).data, status=status.HTTP_201_CREATED)


def _as_form_data(data):
    from django.http import QueryDict

    form_data = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, list):
            form_data.setlist(key, [str(v) for v in value])
        elif isinstance(value, bool):
            if value:
                form_data[key] = "on"
        else:
            form_data[key] = str(value)
    return form_data
