"""The site tree: the home page, one index page per column, and a section per district bureau."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Site

from cms_pages.demo.upsert import PageSpec, upsert_page
from cms_pages.models import (
    AchievementIndexPage,
    CentreIndexPage,
    DistrictSectionPage,
    HomePage,
    KnowledgeIndexPage,
    NewsIndexPage,
    PolicyIndexPage,
    ServiceGuideIndexPage,
    SiteIdentity,
)
from services.reference.models import District

SITE_NAME = "天津市计量数据建设应用中心服务平台"

# (model, slug, title, intro): the columns of the main navigation, in menu order.
COLUMNS = [
    (PolicyIndexPage, "policies", "政策法规", "计量数据建设应用中心管理办法及相关政策文件。"),
    (
        ServiceGuideIndexPage,
        "services",
        "办事服务",
        "筹建申请、延期、验收、年度报告等事项的办事指南与在线办理入口。",
    ),
    (CentreIndexPage, "centres", "中心名录", "经市市场监管委同意成立的计量数据建设应用中心。"),
    (
        AchievementIndexPage,
        "achievements",
        "成果展示",
        "计量数据中心发布的共享数据目录、数据集、技术规范、专利、示范案例和软件。",
    ),
    (
        KnowledgeIndexPage,
        "knowledge",
        "知识库",
        "计量数据技术及应用知识库：政策解读、计量基础、数据治理与数据安全等。",
    ),
    (NewsIndexPage, "news", "工作动态", "计量数据中心建设应用的工作动态与通知公告。"),
]


def ensure_home(progress) -> HomePage:
    root = Page.get_first_root_node()
    home, created, _ = upsert_page(
        root,
        PageSpec(
            HomePage,
            "portal",
            {
                "title": SITE_NAME,
                "intro": "深化计量数据归集应用，推动计量数据创新，促进计量数据与经济社会融通发展。",
            },
        ),
    )
    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", port=80, is_default_site=True
    )
    if site.root_page_id != home.pk or site.site_name != SITE_NAME:
        site.root_page = home
        site.site_name = SITE_NAME
        site.save()
    # Wagtail's installation leaves a bare "Welcome to your new Wagtail site!" page; the portal replaces it.
    bare = ContentType.objects.get_for_model(Page)
    for page in Page.objects.filter(depth=2, content_type=bare):
        page.delete()
    progress.step("首页" + ("已创建" if created else "已存在"))
    return home


def ensure_columns(home, progress) -> dict:
    columns = {}
    for done, (model, slug, title, intro) in enumerate(COLUMNS, start=1):
        page, _, _ = upsert_page(
            home, PageSpec(model, slug, {"title": title, "intro": intro, "show_in_menus": True})
        )
        columns[model] = page
        progress.count(done, len(COLUMNS), title)
    return columns


def ensure_district_sections(home, progress) -> dict:
    sections = {}
    districts = list(District.objects.all())
    for done, district in enumerate(districts, start=1):
        existing = DistrictSectionPage.objects.filter(district=district).first()
        slug = existing.slug if existing else f"district-{district.code}"
        parent = existing.get_parent() if existing else home
        page, _, _ = upsert_page(
            parent,
            PageSpec(
                DistrictSectionPage,
                slug,
                {
                    "title": f"{district.name}专栏",
                    "district": district,
                    "intro": f"{district.bureau_name}发布的工作动态，以及本区计量数据建设应用中心的信息。",
                },
            ),
        )
        sections[district.code] = page
        progress.count(done, len(districts), f"区局专栏 {district.name}")
    return sections


def ensure_site_identity(home, progress) -> SiteIdentity:
    """Footer facts of the demo site. The placeholders are marked 演示 so nobody mistakes them for real ones."""
    site = Site.objects.get(root_page=home)
    identity = SiteIdentity.for_site(site)
    demo_values = {
        "site_name": SITE_NAME,
        "sponsor": "天津市市场监督管理委员会",
        "organiser": "天津市市场监督管理委员会计量处（演示）",
        "contact_address": "天津市河西区（演示地址）",
        "contact_phone": "022-00000000（演示号码）",
        "contact_email": "metrology-data@example.cn",
        "site_id_code": "1200000000",
        "icp_number": "津ICP备00000000号（演示）",
        "police_record_number": "津公网安备12000000000000号（演示）",
        "demo_notice": True,
    }
    # Once an administrator has entered the real 网站标识码, the loader leaves the settings alone.
    if identity.site_id_code and identity.site_id_code != demo_values["site_id_code"]:
        progress.step("网站标识已由管理员设置，保持不变")
        return identity
    changed = [name for name, value in demo_values.items() if getattr(identity, name) != value]
    for name in changed:
        setattr(identity, name, demo_values[name])
    if changed:
        identity.save()
    progress.step("网站标识（演示值）" + ("已更新" if changed else "未变化"))
    return identity
