"""How far an application has come: what still stops its submission, section by section (the task list),
in the words and order of rules.missing(). Reads the database; the rules themselves are in rules.py."""

from django.urls import reverse

from services.applications import rules
from services.applications.constants import FILE_PURPOSE_ATTACHMENT, Section, condition_purpose
from services.files.models import CaseFile

SECTION_ORDER = list(Section.values)


def _file_counts(application) -> dict[str, int]:
    counts: dict[str, int] = {}
    for purpose in CaseFile.for_object(application).values_list("purpose", flat=True):
        counts[purpose] = counts.get(purpose, 0) + 1
    return counts


def missing(application) -> list[rules.Missing]:
    """Everything that stops this application from being submitted (R-02, R-03, R-04)."""
    files = _file_counts(application)
    conditions = {
        c.code: {
            "meets": c.meets,
            "explanation": c.explanation,
            "files": files.get(condition_purpose(c.code), 0),
        }
        for c in application.conditions.all()
    }
    return rules.missing(
        texts={field: getattr(application, field) for field in rules.REQUIRED_TEXT},
        key_field_count=application.key_fields.count(),
        is_joint_build=application.is_joint_build,
        partner_count=application.partners.count(),
        conditions=conditions,
    )


def started_sections(application) -> set[str]:
    """The sections in which something has been filled in."""
    files = _file_counts(application)
    started = set()
    for field, section in rules.TEXT_SECTIONS.items():
        if (getattr(application, field) or "").strip():
            started.add(section)
    if application.key_fields.exists():
        started.add(Section.BASIC)
    if application.partners.exists():
        started.add(Section.PARTNERS)
    if files.get(FILE_PURPOSE_ATTACHMENT):
        started.add(Section.ATTACHMENTS)
    declared = application.conditions.exclude(meets=None, explanation="")
    if declared.exists() or any(purpose.startswith("condition:") for purpose in files):
        started.add(Section.CONDITIONS)
    return started


def section_url(application, section: str, field: str = "") -> str:
    url = reverse("service_hall:section", args=[application.pk, section])
    return f"{url}#{field_anchor(field)}" if field else url


def field_anchor(field: str) -> str:
    """The id of a field's control on its section page (choices: the first of them)."""
    multiple = field == "key_fields" or field.endswith("_meets")
    return f"id_{field}_0" if multiple else f"id_{field}"


def task_list(application, problems=None) -> list[dict]:
    """One row per section: its label, status (未开始 / 未完成 / 已完成) and link."""
    problems = missing(application) if problems is None else problems
    started = started_sections(application)
    return [
        {
            "section": value,
            "label": label,
            "status": rules.section_status(value, problems, value in started),
            "optional": value in rules.OPTIONAL_SECTIONS,
            "url": section_url(application, value),
        }
        for value, label in Section.choices
    ]


def problem_links(application, problems=None) -> list[dict]:
    """The missing items as links to their section and field."""
    problems = missing(application) if problems is None else problems
    return [{"message": p.message, "url": section_url(application, p.section, p.field)} for p in problems]


def next_section(section: str) -> str | None:
    index = SECTION_ORDER.index(section)
    return SECTION_ORDER[index + 1] if index + 1 < len(SECTION_ORDER) else None
