"""Fixtures shared by the construction and acceptance tests: a centre under construction and uploads."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def centre(people):
    """A centre of people.applicant's unit (滨海新区), constructing until 2027-05-31."""
    from tests.factories.centres import CentreFactory

    return CentreFactory(organisation=people.applicant.membership.organisation)


@pytest.fixture
def pdf_upload():
    def make(name="情况说明.pdf"):
        return SimpleUploadedFile(name, PDF, content_type="application/pdf")

    return make


@pytest.fixture
def exe_upload():
    return SimpleUploadedFile("报告.pdf", b"MZ\x90\x00\x03" + b"\x00" * 64)
