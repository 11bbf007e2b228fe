import pytest

from services.reference.models import District, KeyField

pytestmark = pytest.mark.django_db


def test_sixteen_districts_with_their_bureaus():
    """R-04: the district decides the supervising bureau; Tianjin's 16 districts exist as data."""
    assert District.objects.count() == 16
    heping = District.objects.get(code="120101")
    assert heping.name == "和平区"
    assert heping.bureau_name == "天津市和平区市场监督管理局"
    assert District.objects.get(code="120116").name == "滨海新区"


def test_key_fields_follow_article_6():
    """R-04: the key fields are the Article 6 list plus 其他."""
    names = list(KeyField.objects.values_list("name", flat=True))
    assert names[0] == "新一代信息技术"
    assert "医疗卫生" in names and names[-1] == "其他"
    assert len(names) == 15
