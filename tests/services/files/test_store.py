import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from services.files.cleanup import purge_orphan_files
from services.files.models import CaseFile
from services.files.service import FileRefused, store
from tests.factories.accounts import OrganisationFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def test_stored_outside_web_root_under_random_name(settings):
    owner = OrganisationFactory()
    case_file = store(SimpleUploadedFile("营业执照.pdf", PDF), owner=owner, purpose="licence")
    assert case_file.original_name == "营业执照.pdf"
    assert "营业执照" not in case_file.content.name
    assert str(settings.PRIVATE_MEDIA_ROOT) in case_file.content.path
    assert str(settings.MEDIA_ROOT) not in case_file.content.path
    assert case_file.sha256 and case_file.size == len(PDF)
    assert list(CaseFile.for_object(owner, "licence")) == [case_file]


def test_refused_upload_writes_nothing():
    owner = OrganisationFactory()
    with pytest.raises(FileRefused):
        store(SimpleUploadedFile("a.pdf", b"MZ\x90\x00" + b"\x00" * 64), owner=owner)
    assert CaseFile.objects.count() == 0


def test_rolled_back_upload_leaves_no_row_and_its_bytes_are_purged():
    owner = OrganisationFactory()
    stored_names = []
    with pytest.raises(RuntimeError), transaction.atomic():
        stored_names.append(store(SimpleUploadedFile("a.pdf", PDF), owner=owner).content.name)
        raise RuntimeError("a later step failed")
    assert CaseFile.objects.count() == 0
    assert stored_names[0] in purge_orphan_files(older_than_seconds=0)
