"""Roles as Django groups with model permissions, and per-district CMS editor groups (idempotent).

Used by ``manage.py setup_roles`` and the demo loader. Which rows each role sees is decided by the
querysets' ``visible_to(user)``; these are the model permissions (what kind of action) behind them.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from accounts.constants import Role

ACCESS_ADMIN = "wagtailadmin.access_admin"
COLLECTION_PERMISSIONS = [
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
]
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.APPLICANT: [],
    Role.COMMISSION_OFFICER: [
        "centres.view_centre",
        "centres.change_centre",
        "accounts.view_organisation",
        "accounts.view_expertprofile",
        "accounts.view_user",
    ],
    Role.COMMISSION_LEADER: [
        "centres.view_centre",
        "centres.change_centre",
        "accounts.view_organisation",
        "accounts.view_expertprofile",
        "accounts.view_user",
    ],
    Role.BUREAU_OFFICER: ["centres.view_centre", "accounts.view_organisation"],
    # Experts get object permissions on what they are assigned (accounts.permissions.grant).
    Role.EXPERT: [],
    Role.CMS_EDITOR: [ACCESS_ADMIN, *COLLECTION_PERMISSIONS],
    # The auditor reads the audit trail and nothing else (separation of duties).
    Role.AUDITOR: ["accounts.view_auditrecord"],
    Role.SYSADMIN: [
        ACCESS_ADMIN,
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_user",
        "accounts.add_organisation",
        "accounts.change_organisation",
        "accounts.view_organisation",
        "accounts.add_organisationmember",
        "accounts.change_organisationmember",
        "accounts.delete_organisationmember",
        "accounts.add_expertprofile",
        "accounts.change_expertprofile",
        "accounts.view_expertprofile",
        "auth.view_group",
        "auth.change_group",
        "centres.view_centre",
    ],
}

DISTRICT_EDITOR_GROUP = "区局网站编辑-{name}"
DISTRICT_COLLECTION = "区局-{name}"


def permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def district_editor_group_name(district) -> str:
    return DISTRICT_EDITOR_GROUP.format(name=district.name)


@transaction.atomic
def setup_roles(write=lambda message: None) -> dict[str, Group]:
    """Create every role group with exactly its model permissions, plus the CMS editors' page and
    collection permissions; then the per-district editor groups where district sections exist."""
    groups = {}
    for role, perms in ROLE_PERMISSIONS.items():
        group, created = Group.objects.get_or_create(name=str(role))
        group.permissions.set([permission(p) for p in perms])
        groups[str(role)] = group
        write(f"{'创建' if created else '更新'}角色组 {role.label}（{role}）：{len(perms)} 项模型权限")
    _site_wide_cms_permissions(groups[str(Role.CMS_EDITOR)])
    setup_district_editors(write)
    return groups


def _site_wide_cms_permissions(group: Group) -> None:
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    root_page = Page.get_first_root_node()
    if root_page is not None:
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=permission(f"wagtailcore.{codename}")
            )
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for dotted in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission(dotted)
            )


def district_section_model():
    try:
        return apps.get_model("cms_pages", "DistrictSectionPage")
    except LookupError:
        return None


def setup_district_editors(write=lambda message: None) -> dict[int, Group]:
    """Per district: a collection "区局-<区名>" and a group "区局网站编辑-<区名>" that may edit only that
    district's section page (subtree) and use only that collection (issue 3, tenants)."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

    from services.reference.models import District

    section_model = district_section_model()
    if section_model is None:
        write("尚无区局专栏页面类型（cms_pages.DistrictSectionPage），跳过区局网站编辑组。")
        return {}
    root_collection = Collection.get_first_root_node()
    result = {}
    for district in District.objects.all():
        section = section_model.objects.filter(district=district).first()
        group, _ = Group.objects.get_or_create(name=district_editor_group_name(district))
        group.permissions.set([permission(ACCESS_ADMIN), *[permission(p) for p in COLLECTION_PERMISSIONS]])
        collection_name = DISTRICT_COLLECTION.format(name=district.name)
        collection = root_collection.get_children().filter(name=collection_name).first()
        if collection is None:
            collection = root_collection.add_child(name=collection_name)
        for dotted in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission(dotted)
            )
        if section is not None:
            for codename in PAGE_PERMISSIONS:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=section, permission=permission(f"wagtailcore.{codename}")
                )
        else:
            write(f"{district.name}尚无区局专栏页面，编辑组暂无页面权限。")
        result[district.pk] = group
    write(f"区局网站编辑组：{len(result)} 个")
    return result
