"""Permission-matrix rows of the service hall's flows (services.hall.flow, ServiceDraft) and of the
acceptance form's held files (docs/decisions/0112), R-32.

add_hall_objects(world) gives unit A, for each of the seven flows, a subject of its own in the home
district with an OPEN draft (typed text that says 草稿机密 and a kept file) and another subject whose draft
has been SUBMITTED through the flow (a record, a confirmation, an entry in 我的办件). Every centre of these
subjects is also seen by others than the unit: unit B partners in it and the assigned expert holds
`view_centre` on it, so "sees the centre" never stands in for "owns the draft". A draft, its files, its
pages and the held files of an unsubmitted acceptance form are the unit's alone: every other actor is
refused (404, or 403 for a role that may not use the hall, or the way to sign-in) and no refused answer
carries the typed text, a file's name or its title. Once submitted, the case follows the case's rule
(docs/decisions/0070): the case pages and the moved held file are seen by the commission, the district's
bureau and the unit.

A probe that writes runs in a savepoint that is rolled back, so every actor meets the same drafts.
"""

from types import SimpleNamespace

from django.urls import reverse

from tests.permissions.ratings_rows import rolled_back
from tests.permissions.registry import Row, allowed

COMMISSION = ("commission_officer", "commission_leader")
OWNER = allowed("applicant_member")
CASE_SEERS = allowed(*COMMISSION, "bureau_officer", "applicant_member")
HELD_NAME, HELD_TITLE = "保留附件草稿.pdf", "草稿机密的筹建总结"


def _secret(key: str) -> str:
    return f"草稿机密{key}的填写内容"


def _file_name(key: str) -> str:
    return f"草稿机密附件{key}.pdf"


def _share(world, centre) -> None:
    """Others see the centre: unit B partners in it, the assigned expert holds view_centre on it."""
    from accounts.permissions import grant

    centre.partners.add(world.objects["unit_b"])
    grant(world.actors["expert_assigned"], "centres.view_centre", centre)


def add_hall_objects(world) -> None:
    from services.acceptance import uploads
    from services.acceptance.actions import ApplyForAcceptance
    from services.files.service import store
    from services.hall.flow.flows import FLOWS
    from services.hall.flow.submission import SubmitDraft
    from services.hall.models import ServiceDraft
    from tests.services.hall.flow_cases import CASES, SUBJECTS, pdf

    member = world.actors["applicant_member"]
    people = SimpleNamespace(applicant=member)
    for case in CASES:
        flow = FLOWS[case.flow]
        for state in ("open", "submitted"):
            subject = SUBJECTS[case.flow](people)
            _share(world, flow.centre_of(subject))
            answers = {field: value for part in case.answers.values() for field, value in part.items()}
            if state == "open":
                answers[case.required] = _secret(case.flow)
            draft = ServiceDraft.objects.create(
                flow=flow.key,
                subject_id=subject.pk,
                organisation=member.membership.organisation,
                created_by=member,
                answers=answers,
            )
            kept = store(pdf(_file_name(case.flow)), owner=draft, purpose=flow.slots[0].key, user=member)
            if state == "submitted":
                action = SubmitDraft(flow, draft, subject, declaration_accepted=True)
                record = action.execute(member)
                world.objects[f"flow:{case.flow}:record"] = record
                draft = action.draft
            else:
                world.objects[f"flow:{case.flow}:file"] = kept
            world.objects[f"flow:{case.flow}:{state}"] = draft
            world.objects[f"flow:{case.flow}:{state}_subject"] = subject
    # The acceptance form's held files (decision 0112): one held on a centre whose form is not submitted,
    # one held and then submitted with the case.
    from tests.factories.centres import CentreFactory

    texts = {"written_application": "申请。", "summary_report": "总结。", "follow_up_plan": "规划。"}
    for state in ("held", "held_submitted"):
        centre = CentreFactory(organisation=member.membership.organisation)
        _share(world, centre)
        (held,) = uploads.hold(
            centre, member, {"summary_report": [pdf(HELD_NAME)]}, {"summary_report": HELD_TITLE}
        )
        if state == "held_submitted":
            ApplyForAcceptance(member, centre, texts=texts).run()
            held.refresh_from_db()
        world.objects[f"{state}_centre"], world.objects[f"{state}_file"] = centre, held


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return ""  # a file's bytes: the status says whether it was given
    return response.content.decode(errors="replace")


def _reached(response) -> bool:
    if response.status_code == 302:
        return not response["Location"].startswith("/accounts/")
    return response.status_code == 200


def shows(url, *secrets, method="get", data=None, statuses=(200,)):
    """Allowed means the page answered (or sent the person on within the hall), or any refusal carried
    one of `secrets` (a leak counts as allowed, so the matrix names it). A page reached without the
    secrets it should show proves nothing and fails loudly."""

    def probe(client, user, world):
        response = getattr(client, method)(url(world), data(world) if data else {})
        body = _body(response)
        found = [s(world) for s in secrets if s(world) in body]
        reached = _reached(response) or response.status_code in statuses
        if reached and len(found) != len(secrets):
            raise AssertionError(f"{url(world)} reached ({response.status_code}) without {secrets}")
        return reached or bool(found)

    return rolled_back(probe) if method == "post" else probe


def writes(url, data, written):
    """Allowed means the POST did what it asks (in a savepoint that is rolled back)."""

    def probe(client, user, world):
        client.post(url(world), data(world))
        return written(world)

    return rolled_back(probe)


def _flow_rows(key: str, sections, slot: str, required: str, typed: str) -> list[Row]:
    """`typed`: what the submitted draft had in its field `required`, which the case page shows."""
    from services.files.models import CaseFile
    from services.hall.models import DraftStatus, ServiceDraft

    def o(name):
        return lambda w: w.objects[f"flow:{key}:{name}"]

    subject, draft, kept = o("open_subject"), o("open"), o("file")
    done, record = o("submitted"), o("record")
    base = lambda w: f"/service-hall/services/{key}/{subject(w).pk}/"  # noqa: E731
    secret, file_name = (lambda w: _secret(key)), (lambda w: _file_name(key))
    kind = f"ServiceDraft[{key}]"
    field_section = next(slug for slug, fields, _ in sections if required in fields)

    def changed(w):
        return ServiceDraft.objects.get(pk=draft(w).pk).answers.get(required) == "另一人改写的内容"

    def submitted(w):
        return ServiceDraft.objects.get(pk=draft(w).pk).status == DraftStatus.SUBMITTED

    def removed(w):
        return not CaseFile.objects.filter(pk=kept(w).pk).exists()

    def number(w):
        from services.hall.flow.flows import FLOWS

        found = FLOWS[key].number(record(w))
        assert found, f"{key}: the submitted record has no 办件编号"
        return found

    def case_url(w):
        from services.hall.flow.flows import FLOWS

        return FLOWS[key].case_url(record(w)).split("#")[0]

    def start_url(w):
        from services.hall.flow.flows import FLOWS

        return f"/service-hall/start/{FLOWS[key].service.value}/"

    rows = [
        Row(
            kind,
            "start page (lists the subject's flow)",
            OWNER,
            lambda c, u, w: reverse("hall:flow", args=[key, subject(w).pk]) in _body(c.get(start_url(w))),
        ),
        Row(
            kind,
            "begin (task list, or the way to its one page)",
            OWNER,
            shows(base),
        ),
        *[
            Row(
                kind,
                f"step page ({slug})",
                OWNER,
                shows(
                    lambda w, slug=slug: base(w) + f"{slug}/",
                    *([secret] if required in fields else []),
                    *([file_name] if slot in slots else []),
                ),
            )
            for slug, fields, slots in sections
        ],
        Row(
            kind,
            f"change (save the step {field_section})",
            OWNER,
            writes(
                lambda w: base(w) + f"{field_section}/",
                lambda w: {required: "另一人改写的内容"},
                changed,
            ),
        ),
        Row(kind, "check answers (核对信息)", OWNER, shows(lambda w: base(w) + "check/", secret, file_name)),
        Row(
            kind,
            "submit (核对信息 with the declaration)",
            OWNER,
            writes(lambda w: base(w) + "check/", lambda w: {"declaration_accepted": "on"}, submitted),
        ),
        Row(
            kind,
            "remove file confirmation",
            OWNER,
            shows(lambda w: base(w) + f"files/{kept(w).public_id}/remove/", file_name),
        ),
        Row(
            kind,
            "remove file",
            OWNER,
            writes(lambda w: base(w) + f"files/{kept(w).public_id}/remove/", lambda w: {}, removed),
        ),
        Row(
            kind,
            "file download (a kept file of the draft)",
            OWNER,
            shows(lambda w: f"/files/{kept(w).public_id}/"),
        ),
        Row(
            kind,
            "confirmation (submitted)",
            OWNER,
            shows(lambda w: f"/service-hall/submitted/{done(w).pk}/", number),
        ),
        Row(
            kind,
            "我的办件 lists the submitted case",
            OWNER,
            lambda c, u, w: case_url(w) in _body(c.get("/service-hall/")),
        ),
        Row(
            kind,
            "case page shows the case (submitted: the case's rule)",
            CASE_SEERS,
            lambda c, u, w: any(text in _body(c.get(case_url(w))) for text in (number(w), typed)),
        ),
    ]
    return rows


def _held_rows() -> list[Row]:
    from services.files.models import CaseFile

    held = lambda w: w.objects["held_file"]  # noqa: E731
    centre = lambda w: w.objects["held_centre"]  # noqa: E731
    form = lambda w: f"/service-hall/construction/{centre(w).pk}/acceptance/"  # noqa: E731
    title, name = (lambda w: HELD_TITLE), (lambda w: HELD_NAME)
    refused_save = {"written_application": "申请。", "summary_report": "", "follow_up_plan": "规划。"}
    return [
        Row(
            "HeldFile (acceptance form, unsubmitted)",
            "file download",
            OWNER,
            shows(lambda w: f"/files/{held(w).public_id}/"),
        ),
        Row(
            "HeldFile (acceptance form, unsubmitted)",
            "listed on the form (a refused save)",
            OWNER,
            shows(form, title, name, method="post", data=lambda w: refused_save, statuses=(400,)),
        ),
        Row(
            "HeldFile (acceptance form, unsubmitted)",
            "remove (移除)",
            OWNER,
            writes(
                form,
                lambda w: {**refused_save, "remove_held": [str(held(w).public_id)]},
                lambda w: not CaseFile.objects.filter(pk=held(w).pk).exists(),
            ),
        ),
        Row(
            "HeldFile (submitted with the case)",
            "file download (the case's rule)",
            CASE_SEERS,
            shows(lambda w: f"/files/{w.objects['held_submitted_file'].public_id}/"),
        ),
    ]


def hall_rows() -> list[Row]:
    from services.hall.flow.flows import FLOWS
    from tests.services.hall.flow_cases import CASES

    rows = []
    for case in CASES:
        flow = FLOWS[case.flow]
        sections = [(s.slug, s.fields, {slot.key for slot in s.files}) for s in flow.sections]
        typed = next(v for part in case.answers.values() for k, v in part.items() if k == case.required)
        rows += _flow_rows(flow.key, sections, flow.slots[0].key, case.required, typed)
    return rows + _held_rows()
