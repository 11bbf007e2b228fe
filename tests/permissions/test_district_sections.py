"""Tenants in the CMS: a bureau editor edits only their district's section and uses only its collection."""

import pytest
from wagtail.documents.permissions import permission_policy as document_policy
from wagtail.images.permissions import permission_policy as image_policy

from tests.permissions.world import build_world

pytestmark = pytest.mark.django_db


def test_bureau_editor_edits_own_section_not_another_districts():
    world = build_world()
    home, other = world.objects["section_home"], world.objects["section_other"]
    editor = world.actors["bureau_editor"]
    assert home.permissions_for_user(editor).can_edit()
    assert home.permissions_for_user(editor).can_publish()
    assert home.permissions_for_user(editor).can_add_subpage()
    assert not other.permissions_for_user(editor).can_edit()
    assert not other.permissions_for_user(editor).can_add_subpage()
    other_editor = world.actors["bureau_editor_other_district"]
    assert other.permissions_for_user(other_editor).can_edit()
    assert not home.permissions_for_user(other_editor).can_edit()


@pytest.mark.parametrize("policy", [document_policy, image_policy], ids=["documents", "images"])
def test_bureau_editor_uses_only_own_collection(policy):
    world = build_world()
    home, other = world.districts["home"], world.districts["other"]
    collections = {
        c.name for c in policy.collections_user_has_permission_for(world.actors["bureau_editor"], "add")
    }
    assert collections == {f"区局-{home.name}"}
    assert f"区局-{other.name}" not in collections
    site_wide = {
        c.name for c in policy.collections_user_has_permission_for(world.actors["cms_editor"], "add")
    }
    assert {f"区局-{home.name}", f"区局-{other.name}"} <= site_wide
