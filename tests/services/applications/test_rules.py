from datetime import date
from decimal import Decimal

from services.applications import rules
from services.applications.constants import Condition, Section
from services.reviews import rules as review_rules

FULL_TEXTS = {field: "内容" for field in rules.REQUIRED_TEXT}
FULL_CONDITIONS = {code: {"meets": True, "explanation": "说明", "files": 1} for code in Condition.values}


def test_complete_application_has_nothing_missing():
    """R-02, R-04: a complete application can be submitted."""
    assert (
        rules.missing_items(
            texts=FULL_TEXTS,
            key_field_count=1,
            is_joint_build=False,
            partner_count=0,
            conditions=FULL_CONDITIONS,
        )
        == []
    )


def test_every_missing_item_is_listed_at_once():
    """R-02, R-03, R-04, R-10: every gap is named, in one list."""
    problems = rules.missing_items(
        texts={}, key_field_count=0, is_joint_build=True, partner_count=0, conditions={}
    )
    assert len(problems) == len(rules.REQUIRED_TEXT) + 1 + 1 + len(Condition.values)
    assert "至少选择一个重点领域。" in problems
    assert "联合共建须填写至少一个联合建设单位。" in problems
    assert any("尚未声明" in p for p in problems)
    assert not any("R-0" in p for p in problems)  # rule codes stay in the code


def test_a_declared_condition_needs_explanation_and_supporting_files():
    """R-02: each condition is declared with supporting materials."""
    conditions = dict(FULL_CONDITIONS)
    conditions[Condition.FUNDING] = {"meets": True, "explanation": " ", "files": 0}
    problems = rules.missing_items(
        texts=FULL_TEXTS, key_field_count=1, is_joint_build=False, partner_count=0, conditions=conditions
    )
    assert problems == [
        f"申报条件“{Condition.FUNDING.label}”未填写说明。",
        f"申报条件“{Condition.FUNDING.label}”未上传证明材料。",
    ]


def test_each_missing_item_names_its_section_field_and_rule():
    """R-02, R-03, R-04: the task list links each gap to the field that fixes it; the rule stays in code."""
    problems = rules.missing(texts={}, key_field_count=0, is_joint_build=True, partner_count=0, conditions={})
    by_field = {p.field: p for p in problems}
    assert by_field["key_fields"].section == Section.BASIC and by_field["key_fields"].rule == "R-04"
    assert by_field["name"].section == Section.PARTNERS and by_field["name"].rule == "R-03"
    assert by_field["goals"].section == Section.GOALS
    assert by_field[f"{Condition.FUNDING}_meets"].section == Section.CONDITIONS
    assert by_field[f"{Condition.FUNDING}_meets"].rule == "R-02"


def test_section_status_follows_the_submission_rules():
    """R-02 … R-04: 未开始 / 未完成 / 已完成 come from the same problems that gate submission."""
    status = rules.SectionStatus
    problems = rules.missing(
        texts={"centre_name": "中心"}, key_field_count=0, is_joint_build=False, partner_count=0, conditions={}
    )
    assert rules.section_status(Section.BASIC, problems, started=True) == status.IN_PROGRESS
    assert rules.section_status(Section.GOALS, problems, started=False) == status.NOT_STARTED
    # not a joint build: no rule asks for partners; optional sections are 未开始 until used
    assert rules.section_status(Section.PARTNERS, problems, started=False) == status.NOT_STARTED
    assert rules.section_status(Section.ATTACHMENTS, problems, started=True) == status.DONE
    complete = rules.missing(
        texts=FULL_TEXTS, key_field_count=1, is_joint_build=False, partner_count=0, conditions=FULL_CONDITIONS
    )
    assert all(rules.section_status(s, complete, started=True) == status.DONE for s in Section.values)
    joint = rules.missing(
        texts=FULL_TEXTS, key_field_count=1, is_joint_build=True, partner_count=0, conditions=FULL_CONDITIONS
    )
    assert rules.section_status(Section.PARTNERS, joint, started=False) == status.NOT_STARTED


def test_handling_deadline_and_overdue():
    assert rules.handling_deadline(date(2026, 1, 1)) == date(2026, 1, 21)
    assert not rules.is_overdue(date(2026, 1, 1), date(2026, 1, 21))
    assert rules.is_overdue(date(2026, 1, 1), date(2026, 1, 22))
    assert not rules.is_overdue(None, date(2026, 1, 22))


def test_score_bounds():
    """R-12: a score lies between 0 and the item's maximum."""
    assert review_rules.score_problem("8.5", Decimal("10"), "经费") == (Decimal("8.5"), None)
    assert review_rules.score_problem("", Decimal("10"), "经费") == (None, None)
    assert review_rules.score_problem("10.5", Decimal("10"), "经费")[1] == "“经费”的得分须在0至10分之间。"
    assert review_rules.score_problem("-1", Decimal("10"), "经费")[1] == "“经费”的得分须在0至10分之间。"
    assert review_rules.score_problem("abc", Decimal("10"), "经费")[1] == "“经费”的得分须为数字。"
    assert review_rules.score_problem("NaN", Decimal("10"), "经费")[1] == "“经费”的得分须为数字。"
    assert review_rules.score_problem("8.25", Decimal("10"), "经费")[1] == "“经费”的得分最多保留一位小数。"


def test_mean_score():
    """R-13: the panel score is the mean of submitted sheets."""
    assert review_rules.mean_score([Decimal("80"), Decimal("91")]) == Decimal("85.50")
    assert review_rules.mean_score([Decimal("80"), Decimal("81"), Decimal("81")]) == Decimal("80.67")
    assert review_rules.mean_score([]) is None
    assert review_rules.versions_total_valid([Decimal("60"), Decimal("40")])
    assert not review_rules.versions_total_valid([Decimal("60"), Decimal("30")])
