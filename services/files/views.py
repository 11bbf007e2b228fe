"""Downloading a case file: only for users who may see the case it belongs to."""

from django.http import FileResponse, Http404

from accounts import audit
from accounts.constants import AuditAction, AuditOutcome
from services.files.models import CaseFile
from services.files.permissions import can_download


def download(request, public_id):
    case_file = CaseFile.objects.select_related("content_type").filter(public_id=public_id).first()
    # The same answer for "no such file" and "not yours": nothing leaks about other people's cases.
    if case_file is None or not can_download(request.user, case_file):
        if case_file is not None and request.user.is_authenticated:
            audit.record(request, AuditAction.FILE_DOWNLOADED, obj=case_file, outcome=AuditOutcome.DENIED)
        raise Http404("文件不存在或您无权查看。")
    audit.record(request, AuditAction.FILE_DOWNLOADED, obj=case_file, filename=case_file.original_name)
    response = FileResponse(
        case_file.content.open("rb"),
        as_attachment=True,
        filename=case_file.original_name,
        content_type=case_file.mime_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
