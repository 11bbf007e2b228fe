"""The centre's own reports: the annual work summary (R-30) and major changes (R-31)."""

from datetime import date

from services.casework.refusals import NotPermitted
from services.notifications.service import notify
from services.supervision import permissions, recipients, rules
from services.supervision.actions.base import Action
from services.supervision.constants import ChangeCategory
from services.supervision.models import AnnualReport, ChangeReport


# R-30 ------------------------------------------------------------------------------------------------------
class SubmitAnnualReport(Action):
    """R-30: the centre's unit submits its annual work summary; outside November it is accepted as late."""

    def check(self):
        centre = self.data.get("centre")
        if centre is None or not permissions.is_centre_member(self.user, centre):
            raise NotPermitted("只有计量数据中心所在单位的用户可以报送年度工作总结报告。")

    def validate(self):
        centre = self.data["centre"]
        self.require_established(centre)
        year = self.data.get("year")
        self.require_text("summary", "请填写年度工作总结。")
        if not isinstance(year, int):
            self.error("year", "请填写报告年度。")
        elif centre.established_on and not rules.annual_report_year_allowed(
            centre.established_on, year, self.today
        ):
            self.error("year", f"{year}年度无需报送：报告年度须在中心成立当年至今年之间。")
        elif AnnualReport.objects.filter(centre=centre, year=year).exists():
            self.error("year", f"{year}年度的工作总结报告已经报送，不能重复报送。")

    def perform(self):
        centre, year = self.data["centre"], self.data["year"]
        report = AnnualReport.objects.create(
            centre=centre,
            year=year,
            summary=self.data["summary"].strip(),
            services_provided=(self.data.get("services_provided") or "").strip(),
            submitted_on=self.today,
            late=rules.annual_report_is_late(year, self.today),
            submitted_by=self.user,
        )
        self.store_files(report, "annual_report")
        notify(
            kind="supervision.annual_report_submitted",
            recipients=recipients.bureau_staff(centre) + recipients.commission_staff(),
            event_key=f"supervision:annual-report:{report.pk}:submitted",
            context={"report": report, "centre": centre},
            target=report,
            link=f"/supervision/annual-reports/{report.pk}/",
        )
        return report


# R-31 ------------------------------------------------------------------------------------------------------
class SubmitChangeReport(Action):
    """R-31: a major change (organisation, capability, infrastructure); the bureau and commission are told."""

    def check(self):
        centre = self.data.get("centre")
        if centre is None or not permissions.is_centre_member(self.user, centre):
            raise NotPermitted("只有计量数据中心所在单位的用户可以报告重大变更。")

    def validate(self):
        self.require_established(self.data["centre"])
        if self.data.get("category") not in ChangeCategory.values:
            self.error("category", "请选择变更事项：组织机构或性质、技术服务能力或主要基础设施。")
        self.require_text("description", "请填写变更说明。")
        if not isinstance(self.data.get("effective_on"), date):
            self.error("effective_on", "请填写变更生效日期。")

    def perform(self):
        centre = self.data["centre"]
        report = ChangeReport.objects.create(
            centre=centre,
            category=self.data["category"],
            description=self.data["description"].strip(),
            effective_on=self.data["effective_on"],
            submitted_by=self.user,
        )
        self.store_files(report, "change_report")
        notify(
            kind="supervision.change_reported",
            recipients=recipients.bureau_staff(centre) + recipients.commission_staff(),
            event_key=f"supervision:change-report:{report.pk}",
            context={"report": report, "centre": centre},
            target=report,
            link=f"/supervision/change-reports/{report.pk}/",
        )
        return report
