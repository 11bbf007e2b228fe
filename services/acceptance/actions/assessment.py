"""The on-site assessment: its stages (R-24), the scores (R-25) and the conclusion (R-25, R-26)."""

from accounts.roles import is_commission
from services.acceptance import rules as acceptance_rules
from services.acceptance.actions.base import current_round, move_centre, require_assessor, tell_unit
from services.acceptance.constants import StageKind
from services.acceptance.models import (
    AssessmentStage,
    ScoreEntry,
    ScoreSheet,
)
from services.acceptance.transitions import ACCEPTANCE_MACHINE
from services.casework.events import record_transition
from services.casework.refusals import NotPermitted
from services.construction.base import Action, ActionRefused, fmt
from services.deadlines import rules


class RecordStage(Action):
    """R-24: stages in order (first meeting, on-site verification, optional deliberation, final meeting),
    dates never going backwards; the final meeting records the unit's opinion and needs the round's score."""

    def __init__(self, user, application, *, kind, held_on, attendees, minutes, unit_opinion="", today=None):
        super().__init__(user, today=today)
        self.application, self.kind, self.held_on = application, kind, held_on
        self.attendees, self.minutes = (attendees or "").strip(), (minutes or "").strip()
        self.unit_opinion = (unit_opinion or "").strip()

    def check(self):
        require_assessor(self.user, self.application)
        self.round = current_round(self.application)
        stages = list(self.application.stages.all())
        recorded = {s.kind: s.held_on for s in stages if s.round_number == self.round}
        latest = max((s.held_on for s in stages), default=None)
        problem = acceptance_rules.stage_problem(recorded, self.kind, self.held_on, latest, self.today)
        if problem:
            raise ActionRefused(problem)
        if not self.attendees or not self.minutes:
            raise ActionRefused("请填写参加人员和会议纪要（核查记录）。")
        if self.kind == StageKind.FINAL_MEETING:
            if not self.application.score_sheets.filter(round_number=self.round).exists():
                raise ActionRefused("末次会议通报考核情况，须先录入本轮考核评分。")
            if not self.unit_opinion:
                raise ActionRefused("末次会议须记录被考核单位的意见。")
        elif self.unit_opinion:
            raise ActionRefused("被考核单位意见在末次会议记录。")

    def perform(self):
        return AssessmentStage.objects.create(
            application=self.application,
            round_number=self.round,
            kind=self.kind,
            held_on=self.held_on,
            attendees=self.attendees,
            minutes=self.minutes,
            unit_opinion=self.unit_opinion,
            recorded_by=self.user,
        )


class RecordScores(Action):
    """R-25: the group's score for this round against the case's template version, after on-site
    verification and before the final meeting. Every item 0 … its maximum, total 0 … 100."""

    def __init__(self, user, application, *, points: dict, today=None):
        super().__init__(user, today=today)
        self.application, self.points = application, {int(k): v for k, v in points.items()}

    def check(self):
        require_assessor(self.user, self.application)
        self.round = current_round(self.application)
        done = set(self.application.stages.filter(round_number=self.round).values_list("kind", flat=True))
        if StageKind.ONSITE not in done:
            raise ActionRefused("须先完成现场核查，再录入评分。")
        if (
            StageKind.FINAL_MEETING in done
            or self.application.score_sheets.filter(round_number=self.round).exists()
        ):
            raise ActionRefused("本轮评分已录入，不能修改。")
        self.items = list(self.application.template.items.all())
        problems, self.total = acceptance_rules.score_sheet_problems(
            [(i.pk, i.name, i.max_points) for i in self.items], self.points
        )
        if problems:
            raise ActionRefused(" ".join(problems))

    def perform(self):
        sheet = ScoreSheet.objects.create(
            application=self.application,
            round_number=self.round,
            template=self.application.template,
            total=self.total,
            recorded_by=self.user,
            recorded_on=self.today,
        )
        ScoreEntry.objects.bulk_create(
            [
                ScoreEntry(sheet=sheet, item=i, points=acceptance_rules.parse_points(self.points[i.pk]))
                for i in self.items
            ]
        )
        return sheet


class Conclude(Action):
    """R-25, R-26: after the final meeting, the round's score decides: ≥ 80 pass; below 80 → rectification
    within 3 months (round 1), fail (round 2), or failed rectification (round 3)."""

    def __init__(self, user, application, *, today=None):
        super().__init__(user, today=today)
        self.application = application

    def check(self):
        if not is_commission(self.user):
            raise NotPermitted("只有市市场监管委可以确定考核结论。")
        self.round = current_round(self.application)
        self.sheet = self.application.score_sheets.filter(round_number=self.round).first()
        self.final = self.application.stages.filter(
            round_number=self.round, kind=StageKind.FINAL_MEETING
        ).first()
        if self.sheet is None or self.final is None:
            raise ActionRefused("须先录入评分并召开末次会议，再确定考核结论。")
        self.passed = rules.passes(self.sheet.total)
        action = "conclude_pass" if self.passed else "conclude_below"
        self.edge = ACCEPTANCE_MACHINE.check(self.application.status, action, self.user)

    def perform(self):
        application, sheet = self.application, self.sheet
        sheet.passed = self.passed
        sheet.save(update_fields=["passed"])
        reason = f"第{self.round}轮考核得分{sheet.total}分"
        if not self.passed and self.round == 1:
            application.rectification_deadline = rules.rectification_deadline(self.final.held_on)
            reason += f"，限期整改至{fmt(application.rectification_deadline)}"
        if not self.passed and self.round in (1, 2):
            move_centre(application.centre, "require_rectification", self.user, reason)
        if self.passed or self.round == 3:
            application.decided_on = self.today
        record_transition(application, self.edge, self.user, reason)
        tell_unit(application, "acceptance_outcome", f"round{self.round}", sheet=sheet)
        return application
