"""Revocation of an established centre (R-35)."""

from services.centres.transitions import CENTRE_MACHINE
from services.notifications.service import notify
from services.supervision import publication, recipients
from services.supervision.actions.base import Action
from services.supervision.constants import RevocationArticle
from services.supervision.models import Revocation


# R-35 ------------------------------------------------------------------------------------------------------
class Revoke(Action):
    """R-35: a commission leader revokes an established centre, citing the article and the reasons.

    The centre's status moves along CENTRE_MACHINE (established -revoke-> revoked) with its event record;
    its public profile page says it was revoked; nothing of its history is deleted.
    """

    def check(self):
        centre = self.data["centre"]
        self.edge = CENTRE_MACHINE.check(centre.status, "revoke", self.user)

    def validate(self):
        if self.data.get("article") not in RevocationArticle.values:
            self.error("article", "请选择撤销所依据的条款（第二十条、第二十二条、第二十三条或第十三条）。")
        self.require_text("reasons", "请填写撤销理由。")

    def perform(self):
        centre = self.data["centre"]
        article = RevocationArticle(self.data["article"])
        reasons = self.data["reasons"].strip()
        centre.revoked_on = self.today
        event = self.record(centre, self.edge, reason=f"依据{article.label}：{reasons}")
        revocation = Revocation.objects.create(
            centre=centre,
            article=article,
            reasons=reasons,
            decided_on=self.today,
            decided_by=self.user,
            event=event,
        )
        publication.mark_revoked(centre)
        notify(
            kind="supervision.centre_revoked",
            recipients=recipients.centre_members(centre)
            + recipients.bureau_staff(centre)
            + recipients.commission_staff(),
            event_key=f"supervision:centre:{centre.pk}:revoked",
            context={"revocation": revocation, "centre": centre},
            target=centre,
            link=f"/supervision/centres/{centre.pk}/",
        )
        return revocation
