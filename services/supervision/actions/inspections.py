"""Inspections: the bureau's daily inspection (R-32) and the commission's unannounced one (R-33)."""

from datetime import date

from accounts.constants import Role
from accounts.roles import has_role, is_commission
from services.casework.refusals import ActionRefused, NotPermitted, WrongState
from services.notifications.service import notify
from services.supervision import permissions, recipients
from services.supervision.actions.base import Action, expert_conflict
from services.supervision.constants import Conclusion, InspectionKind, InspectionStatus
from services.supervision.models import Inspection


# R-32 ------------------------------------------------------------------------------------------------------
class RecordInspection(Action):
    """R-32: the district bureau records a daily inspection of a centre in its own district."""

    def check(self):
        if not has_role(self.user, Role.BUREAU_OFFICER):
            raise NotPermitted("日常监督检查由中心所在区的市场监管局记录。")
        centre = self.data.get("centre")
        if centre is not None and not permissions.is_bureau_of(self.user, centre):
            raise NotPermitted("只能检查本区的计量数据中心。")

    def validate(self):
        centre = self.data.get("centre")
        if centre is None:
            self.error("centre", "请选择被检查的计量数据中心：检查发现必须对应一个中心。")
        self.require_established(centre)
        inspected_on = self.data.get("inspected_on")
        if not isinstance(inspected_on, date):
            self.error("inspected_on", "请填写检查日期。")
        elif inspected_on > self.today:
            self.error("inspected_on", "检查日期不能晚于今天。")
        self.require_text("inspectors", "请填写检查人员。")
        self.require_text("items_checked", "请填写检查事项。")
        self.require_text("findings", "请填写检查发现。")
        if self.data.get("conclusion") not in Conclusion.values:
            self.error("conclusion", "请选择检查结论。")

    def perform(self):
        centre = self.data["centre"]
        inspection = Inspection.objects.create(
            centre=centre,
            kind=InspectionKind.DAILY,
            status=InspectionStatus.COMPLETED,
            inspected_on=self.data["inspected_on"],
            inspectors=self.data["inspectors"].strip(),
            items_checked=self.data["items_checked"].strip(),
            findings=self.data["findings"].strip(),
            conclusion=self.data["conclusion"],
            recorded_by=self.user,
        )
        self.store_files(inspection, "inspection")
        notify(
            kind="supervision.inspection_recorded",
            recipients=recipients.centre_members(centre),
            event_key=f"supervision:inspection:{inspection.pk}:recorded",
            context={"inspection": inspection, "centre": centre},
            target=inspection,
            link=f"/supervision/inspections/{inspection.pk}/",
        )
        return inspection


# R-33 ------------------------------------------------------------------------------------------------------
class PlanUnannouncedInspection(Action):
    """R-33: the commission sends an expert group, unannounced, to a centre."""

    def check(self):
        if not is_commission(self.user):
            raise NotPermitted("不定期监督抽查由市市场监管委组织。")

    def validate(self):
        centre = self.data.get("centre")
        if centre is None:
            self.error("centre", "请选择被抽查的计量数据中心。")
        self.require_established(centre)
        inspected_on = self.data.get("inspected_on")
        if not isinstance(inspected_on, date):
            self.error("inspected_on", "请填写抽查日期。")
        experts = list(self.data.get("experts") or [])
        if not experts:
            self.error("experts", "请选择专家组成员。")
        for expert in experts:
            if not has_role(expert, Role.EXPERT):
                self.error("experts", f"{expert}不是评审专家。")
            elif centre is not None and expert_conflict(expert, centre):
                self.error("experts", f"{expert}：{expert_conflict(expert, centre)}")

    def perform(self):
        centre = self.data["centre"]
        inspection = Inspection.objects.create(
            centre=centre,
            kind=InspectionKind.UNANNOUNCED,
            status=InspectionStatus.PLANNED,
            inspected_on=self.data["inspected_on"],
            items_checked="、".join(_unannounced_aspects()),
            recorded_by=self.user,
        )
        inspection.experts.set(self.data["experts"])
        notify(
            kind="supervision.unannounced_assigned",
            recipients=list(self.data["experts"]),
            event_key=f"supervision:inspection:{inspection.pk}:assigned",
            context={"inspection": inspection, "centre": centre},
            target=inspection,
            link=f"/supervision/inspections/{inspection.pk}/",
        )
        return inspection


def _unannounced_aspects():
    from services.supervision.constants import UNANNOUNCED_ASPECTS

    return UNANNOUNCED_ASPECTS


class RecordUnannouncedFindings(Action):
    """R-33: the expert group (or the commission for it) records the findings of an unannounced inspection."""

    def check(self):
        inspection = self.data["inspection"]
        if inspection.kind != InspectionKind.UNANNOUNCED:
            raise ActionRefused("只有不定期监督抽查由专家组记录检查发现。")
        if not (is_commission(self.user) or permissions.is_assigned_expert(self.user, inspection)):
            raise NotPermitted("只有本次抽查的专家组成员或市市场监管委可以记录检查发现。")
        if inspection.status != InspectionStatus.PLANNED:
            raise WrongState("本次抽查已记录检查发现。", state=inspection.get_status_display())

    def validate(self):
        self.require_text("findings", "请填写检查发现（运行情况、服务能力提升情况、服务产业发展情况）。")
        if self.data.get("conclusion") not in Conclusion.values:
            self.error("conclusion", "请选择检查结论。")

    def perform(self):
        inspection = self.data["inspection"]
        inspection.findings = self.data["findings"].strip()
        inspection.conclusion = self.data["conclusion"]
        if (self.data.get("inspectors") or "").strip():
            inspection.inspectors = self.data["inspectors"].strip()
        else:
            inspection.inspectors = "、".join(str(e) for e in inspection.experts.all())
        inspection.status = InspectionStatus.COMPLETED
        inspection.save()
        self.store_files(inspection, "inspection")
        centre = inspection.centre
        notify(
            kind="supervision.inspection_recorded",
            recipients=recipients.centre_members(centre)
            + recipients.bureau_staff(centre)
            + recipients.commission_staff(),
            event_key=f"supervision:inspection:{inspection.pk}:recorded",
            context={"inspection": inspection, "centre": centre},
            target=inspection,
            link=f"/supervision/inspections/{inspection.pk}/",
        )
        return inspection
