from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """The facts a Chinese government website shows in its footer and meta tags (国办发〔2017〕47号)."""

    site_name = models.CharField("网站名称", max_length=100, default="天津市计量数据建设应用中心服务平台")
    sponsor = models.CharField("主办单位", max_length=100, default="天津市市场监督管理委员会")
    organiser = models.CharField("承办单位", max_length=100, blank=True)
    contact_address = models.CharField("联系地址", max_length=200, blank=True)
    contact_phone = models.CharField("联系电话", max_length=60, blank=True)
    contact_email = models.EmailField("联系邮箱", blank=True)
    site_id_code = models.CharField("网站标识码", max_length=20, blank=True)
    icp_number = models.CharField("ICP备案号", max_length=60, blank=True)
    police_record_number = models.CharField("公安机关备案号", max_length=60, blank=True)
    site_domain = models.CharField("网站域名", max_length=100, blank=True)
    error_report_url = models.CharField(
        "“我为政府网站找错”链接",
        max_length=200,
        default="https://zfwzzc.www.gov.cn/",
        help_text="国务院办公厅政府网站找错平台的本站入口地址。",
    )
    demo_notice = models.BooleanField(
        "显示演示数据提示",
        default=False,
        help_text="站点内容为演示数据时，在每个页面顶部提示访问者。演示数据加载器会打开此项。",
    )

    panels = [
        FieldPanel("site_name"),
        MultiFieldPanel([FieldPanel("sponsor"), FieldPanel("organiser")], heading="主办与承办"),
        MultiFieldPanel(
            [FieldPanel("contact_address"), FieldPanel("contact_phone"), FieldPanel("contact_email")],
            heading="联系方式",
        ),
        MultiFieldPanel(
            [
                FieldPanel("site_id_code"),
                FieldPanel("icp_number"),
                FieldPanel("police_record_number"),
                FieldPanel("site_domain"),
                FieldPanel("error_report_url"),
            ],
            heading="备案与标识",
        ),
        FieldPanel("demo_notice"),
    ]

    class Meta:
        verbose_name = "网站标识"
        verbose_name_plural = "网站标识"

    @classmethod
    def cached_for_site(cls, site):
        """The site's identity from Django's cache (cms_pages.site_cache, dropped when it is saved)."""
        from cms_pages import site_cache

        if site is None:  # a fresh database before `load_demo`: the defaults, unsaved
            return cls()
        return site_cache.remember(f"identity:{site.pk}", lambda: cls.for_site(site))
