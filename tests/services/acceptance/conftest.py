from datetime import date, timedelta
from decimal import Decimal

import pytest

TEXTS = {
    "written_application": "我单位已完成筹建任务，申请验收。",
    "summary_report": "筹建工作总结：建成计量数据资源库。",
    "follow_up_plan": "后续建设规划：扩展应用示范。",
}
APPLIED_ON = date(2027, 2, 1)


@pytest.fixture
def applied(people, centre):
    """An acceptance application filed in time (2027-02-01, last day 2027-02-28)."""
    from services.acceptance.actions import ApplyForAcceptance

    return ApplyForAcceptance(people.applicant, centre, texts=TEXTS, today=APPLIED_ON).run()


@pytest.fixture
def walk(people):
    """Drive an application through rounds: appoint, stages, scores, conclude."""
    return Walker(people)


class Walker:
    def __init__(self, people):
        self.people = people

    def appoint(self, application, today=date(2027, 3, 1)):
        from services.acceptance.actions import AppointGroup

        AppointGroup(
            self.people.commission_officer,
            application,
            experts=[self.people.expert],
            leader=self.people.expert,
            today=today,
        ).run()
        application.refresh_from_db()
        return application

    def points_for(self, application, total: Decimal) -> dict:
        """Points per item adding up to total, filling items in order."""
        points, left = {}, Decimal(total)
        for item in application.template.items.all():
            give = min(item.max_points, left)
            points[item.pk] = str(give)
            left -= give
        return points

    def round(self, application, total, start=date(2027, 3, 10), conclude=True, deliberation=False):
        from services.acceptance.actions import Conclude, RecordScores, RecordStage

        leader = self.people.expert
        day = start
        kinds = ["first_meeting", "onsite"] + (["deliberation"] if deliberation else [])
        for kind in kinds:
            RecordStage(
                leader,
                application,
                kind=kind,
                held_on=day,
                attendees="考核组全体；建设单位负责人",
                minutes=f"{kind} 纪要",
                today=day,
            ).run()
            day += timedelta(days=1)
        RecordScores(
            leader, application, points=self.points_for(application, Decimal(total)), today=day
        ).run()
        RecordStage(
            leader,
            application,
            kind="final_meeting",
            held_on=day,
            attendees="考核组；建设单位",
            minutes="通报考核情况",
            unit_opinion="无异议",
            today=day,
        ).run()
        if conclude:
            Conclude(self.people.commission_officer, application, today=day).run()
        application.refresh_from_db()
        return application
