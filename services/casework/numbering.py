"""办件编号: the one place where a case of any applicant service gets its number (decision 0110).

A number is PREFIX-YYYY-NNNN: the service's own prefix (below), the Beijing year of submission and a
sequence of that prefix and year, taken under a row lock so that two submissions never share a number.
A model that is a case inherits `NumberedCase`: its number is assigned when it is first saved, which for
every applicant service is the moment of submission (the action's create), whatever the way in (page, API,
demo loader). The migrations that added the field backfill the rows that already existed with `backfill`.
"""

import re

from django.db import models, transaction

# One prefix per applicant service: the number says which service a case belongs to.
CONSTRUCTION = "JLSJ"  # 筹建申请 (the application; its numbers predate the others)
ACCEPTANCE = "JLYS"  # 验收申请
EXTENSION = "JLYQ"  # 延期验收申请
MAJOR_SITUATION = "JLQK"  # 重大情况报告
RECTIFICATION = "JLZG"  # 整改情况报告 (the supervision rectification the unit reports on)
ANNUAL_REPORT = "JLND"  # 年度工作总结报告
CHANGE_REPORT = "JLBH"  # 重大变化报告

PREFIXES = (CONSTRUCTION, ACCEPTANCE, EXTENSION, MAJOR_SITUATION, RECTIFICATION, ANNUAL_REPORT, CHANGE_REPORT)
NUMBER = re.compile(r"(?P<prefix>JL[A-Z]{2})-(?P<year>\d{4})-(?P<sequence>\d{4,})")
MAX_LENGTH = 20


def format_number(prefix: str, year: int, sequence: int) -> str:
    return f"{prefix}-{year}-{sequence:04d}"


def prefix_of(number: str) -> str | None:
    """The prefix of a well-formed number of a known service, else None."""
    match = NUMBER.fullmatch(number or "")
    return match["prefix"] if match and match["prefix"] in PREFIXES else None


def next_number(prefix: str, year: int | None = None) -> str:
    """The next number of this prefix and year (the Beijing year today by default)."""
    from services.casework.models import CaseNumberSequence

    if prefix not in PREFIXES:
        raise ValueError(f"unknown case number prefix {prefix!r}")
    if year is None:
        from services.deadlines.clock import beijing_today

        year = beijing_today().year
    with transaction.atomic():
        sequence, _ = CaseNumberSequence.objects.select_for_update().get_or_create(prefix=prefix, year=year)
        sequence.last += 1
        sequence.save(update_fields=["last"])
    return format_number(prefix, year, sequence.last)


class NumberedCase(models.Model):
    """A case of an applicant service: it carries a 办件编号, assigned on its first save."""

    CASE_PREFIX = ""

    case_number = models.CharField("办件编号", max_length=MAX_LENGTH, unique=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.case_number:
            self.case_number = next_number(self.CASE_PREFIX)
        super().save(*args, **kwargs)


def backfill(apps, model_label: str, prefix: str, submitted_on) -> int:
    """Number the existing rows of a model in a migration, in the order they were submitted.

    `submitted_on(row)` gives the Beijing date of the row's submission; its year is the number's. The
    sequences are the rows that `next_number` uses, so later numbers follow on. Returns how many rows were
    numbered."""
    model = apps.get_model(model_label)
    sequence_model = apps.get_model("casework", "CaseNumberSequence")
    rows = sorted(model.objects.filter(case_number__isnull=True), key=lambda row: (submitted_on(row), row.pk))
    for row in rows:
        year = submitted_on(row).year
        sequence, _ = sequence_model.objects.select_for_update().get_or_create(prefix=prefix, year=year)
        sequence.last += 1
        sequence.save(update_fields=["last"])
        row.case_number = format_number(prefix, year, sequence.last)
        row.save(update_fields=["case_number"])
    return len(rows)
