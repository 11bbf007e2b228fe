"""Rules of the workspace queues, as pure functions (dates in, dates out; no ORM, no clock)."""

from datetime import date

from services.deadlines import rules as deadlines

# (design) a re-examination enters the commission's queue this many days before it is due.
REEXAMINATION_LEAD_DAYS = 90


def reexamination_rounds_due(
    established_on: date, today: date, arranged_rounds: set[int], lead_days: int = REEXAMINATION_LEAD_DAYS
) -> list[tuple[int, date]]:
    """R-34: the re-examination rounds not yet arranged whose due date is within lead_days or past."""
    rounds = []
    round_number = 1
    while True:
        due = deadlines.reexamination_due(established_on, round_number)
        if deadlines.days_left(due, today) > lead_days:
            return rounds
        if round_number not in arranged_rounds:
            rounds.append((round_number, due))
        round_number += 1


def missing_report_years(established_on: date, today: date, reported_years: set[int]) -> list[int]:
    """R-30: the years whose annual report is missing (not in by 30 November, none since)."""
    return [
        year
        for year in deadlines.annual_report_years(established_on, today)
        if year not in reported_years and today >= deadlines.annual_report_missing_from(year)
    ]
