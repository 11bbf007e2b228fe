"""Applying for acceptance (R-21) and appointing the assessment group (R-24)."""

from guardian.shortcuts import assign_perm

from accounts.constants import Role
from accounts.roles import has_role
from services.acceptance import uploads
from services.acceptance.actions.base import MATERIALS, move_centre, tell_commission
from services.acceptance.models import (
    AcceptanceApplication,
    AcceptanceTemplate,
    AssessmentMember,
)
from services.acceptance.querysets import VIEW_PERMISSION
from services.acceptance.transitions import ACCEPTANCE_MACHINE
from services.casework.conflicts import conflict_reason
from services.casework.events import record_transition
from services.casework.refusals import NotPermitted
from services.centres.transitions import CENTRE_MACHINE
from services.construction.actions import check_files
from services.construction.base import Action, ActionRefused, fmt, require_unit_member
from services.construction.recipients import unit_members
from services.deadlines import rules
from services.files.service import store
from services.notifications.service import notify


class ApplyForAcceptance(Action):
    """R-21: written application, construction summary report and follow-up plan (text and files), no later
    than 3 months before the end (after an approved extension: by the extended end, R-22)."""

    def __init__(
        self, user, centre, *, texts: dict, files: dict | None = None, titles: dict | None = None, today=None
    ):
        super().__init__(user, today=today)
        self.centre = centre
        self.texts = {key: (texts.get(key) or "").strip() for key in MATERIALS}
        self.files = files or {}
        self.titles = titles or {}  # a title per material for this save's files (issue 12, item 4)

    def check(self):
        if not has_role(self.user, Role.APPLICANT):
            raise NotPermitted("只有建设单位用户可以申请验收。")
        require_unit_member(self.user, self.centre)
        if AcceptanceApplication.objects.filter(centre=self.centre).exists():
            raise ActionRefused("本中心已提交验收申请。")
        CENTRE_MACHINE.check(self.centre.status, "apply_acceptance", self.user)
        last_day = rules.last_day_to_apply_acceptance(self.centre.construction_end, self.centre.extended_end)
        if rules.is_overdue(last_day, self.today):
            if self.centre.extended_end:
                raise ActionRefused(f"验收申请须在延期届满日{fmt(last_day)}前提交，已逾期。")
            raise ActionRefused(f"验收申请须在筹建期限届满3个月前提交，最后申请日为{fmt(last_day)}，已逾期。")
        missing = [label for key, label in MATERIALS.items() if not self.texts[key]]
        if missing:
            raise ActionRefused("请填写：" + "、".join(missing) + "。")
        unknown = set(self.files) - set(MATERIALS)
        if unknown:
            raise ActionRefused("未知的材料类型。")
        for chosen in self.files.values():
            check_files(chosen)

    def perform(self):
        application = AcceptanceApplication.objects.create(
            centre=self.centre, submitted_by=self.user, submitted_on=self.today, **self.texts
        )
        uploads.attach_held(self.centre, application)  # the files kept from refused saves
        for purpose, files in self.files.items():
            for uploaded in files:
                title = self.titles.get(purpose, "")
                store(uploaded, owner=application, purpose=purpose, user=self.user, title=title)
        edge = CENTRE_MACHINE.check(self.centre.status, "apply_acceptance", self.user)
        record_transition(self.centre, edge, self.user, "提交验收申请")
        tell_commission(application, "acceptance_applied", "applied")
        return application


class AppointGroup(Action):
    """R-24: the commission appoints an assessment group of experts with exactly one leader; experts of the
    unit or a partner, or who declare a conflict, are refused (R-11's rule)."""

    def __init__(self, user, application, *, experts, leader, declared_conflicts=(), today=None):
        super().__init__(user, today=today)
        self.application, self.experts, self.leader = application, list(experts), leader
        self.declared = {getattr(e, "pk", e) for e in declared_conflicts}

    def check(self):
        ACCEPTANCE_MACHINE.check(self.application.status, "appoint_group", self.user)
        if not self.experts:
            raise ActionRefused("考核组至少需要一名专家。")
        if len({e.pk for e in self.experts}) != len(self.experts):
            raise ActionRefused("同一专家不能重复列入考核组。")
        if self.leader is None or self.leader.pk not in {e.pk for e in self.experts}:
            raise ActionRefused("须从考核组成员中指定一名组长。")
        if AcceptanceTemplate.current() is None:
            raise ActionRefused("尚无可用的验收考核模板。")
        centre = self.application.centre
        unit_ids = {centre.organisation_id, *centre.partners.values_list("pk", flat=True)}
        for expert in self.experts:
            profile = getattr(expert, "expert", None)
            if not has_role(expert, Role.EXPERT) or profile is None:
                raise ActionRefused(f"“{expert.full_name or expert.username}”不是专家库中的专家。")
            reason = conflict_reason(
                employer_id=profile.employer_id,
                unit_ids=unit_ids,
                declared_conflict=expert.pk in self.declared,
            )
            if reason:
                raise ActionRefused(f"“{expert.full_name or expert.username}”：{reason}")

    def perform(self):
        application = self.application
        for expert in self.experts:
            AssessmentMember.objects.create(
                application=application,
                expert=expert,
                is_leader=expert.pk == self.leader.pk,
                appointed_on=self.today,
            )
            assign_perm(VIEW_PERMISSION, expert, application)
        application.template = AcceptanceTemplate.current()
        edge = ACCEPTANCE_MACHINE.check(application.status, "appoint_group", self.user)
        record_transition(application, edge, self.user, "组建考核组")
        move_centre(application.centre, "start_assessment", self.user, "组织验收考核")
        notify(
            kind="acceptance_group_appointed",
            recipients=[*self.experts, *unit_members(application.centre)],
            event_key=f"acceptance-group-{application.pk}",
            context={"application": application, "centre": application.centre, "leader": self.leader},
            target=application,
            link=f"/acceptance/{application.pk}/",
        )
        return application
