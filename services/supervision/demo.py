"""Demo supervision records for the demo centres (created by cms_pages.demo): a few annual reports, a daily
inspection and its rectification. Idempotent: records are looked up by centre and year or by a demo marker."""

from datetime import date, timedelta

from services.centres.constants import CentreStatus
from services.centres.models import Centre
from services.deadlines import clock
from services.deadlines import rules as deadlines
from services.supervision import rules
from services.supervision.constants import Conclusion, InspectionKind, InspectionStatus
from services.supervision.models import AnnualReport, Inspection, Rectification

DEMO_MARKER = "（演示数据）"
CENTRES_WITH_RECORDS = 3


def run(progress) -> None:
    today = clock.beijing_today()
    centres = list(
        Centre.objects.filter(status=CentreStatus.ESTABLISHED, established_on__isnull=False).order_by("name")[
            :CENTRES_WITH_RECORDS
        ]
    )
    if not centres:
        progress.step("没有已成立的演示中心，跳过监督管理演示数据")
        return
    for done, centre in enumerate(centres, start=1):
        past_years = [
            y for y in deadlines.annual_report_years(centre.established_on, today) if y < today.year
        ]
        for index, year in enumerate(past_years):
            late = done == 1 and index == len(past_years) - 1  # the first centre reported its last year late
            submitted_on = date(year, 12, 5) if late else date(year, 11, 20)
            AnnualReport.objects.get_or_create(
                centre=centre,
                year=year,
                defaults={
                    "summary": f"{year}年度，{centre.name}完成计量数据资源汇聚与共享服务，服务企业二十余家。{DEMO_MARKER}",
                    "services_provided": "开展数据服务、技术咨询和培训。",
                    "submitted_on": submitted_on,
                    "late": rules.annual_report_is_late(year, submitted_on),
                },
            )
        progress.count(done, len(centres), f"年度工作总结报告 {centre.name}")
    centre = centres[0]
    inspected_on = max(centre.established_on, today - timedelta(days=30))
    inspection, _ = Inspection.objects.get_or_create(
        centre=centre,
        kind=InspectionKind.DAILY,
        items_checked=f"数据资源管理制度、服务记录、网络与数据安全设施{DEMO_MARKER}",
        defaults={
            "status": InspectionStatus.COMPLETED,
            "inspected_on": inspected_on,
            "inspectors": "王明、赵丽（演示）",
            "findings": "服务记录不完整，部分数据共享协议未归档。",
            "conclusion": Conclusion.RECTIFY,
        },
    )
    Rectification.objects.get_or_create(
        centre=centre,
        inspection=inspection,
        defaults={
            "requirements": "补齐2025年以来的服务记录，归档全部数据共享协议。",
            "deadline": inspection.inspected_on + timedelta(days=90),
            "issued_on": inspection.inspected_on,
        },
    )
    progress.step(f"日常监督检查与整改通知：{centre.name}")
