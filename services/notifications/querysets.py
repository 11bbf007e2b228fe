from datetime import timedelta

from django.db import models
from django.utils import timezone

from services.notifications.constants import Channel, DeliveryStatus, ReadState


class NotificationQuerySet(models.QuerySet):
    def inbox_of(self, user):
        """The inbox items of a user: the inbox channel only, never anyone else's."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(recipient=user, channel=Channel.INBOX)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def in_read_state(self, state: str):
        if state == ReadState.UNREAD:
            return self.filter(read_at__isnull=True)
        if state == ReadState.READ:
            return self.filter(read_at__isnull=False)
        return self

    def pending(self):
        return self.filter(status=DeliveryStatus.PENDING)

    def stale(self, grace_seconds: int, now=None):
        """Pending rows whose last hand-over to the broker (or planned retry) is older than the grace period."""
        now = now or timezone.now()
        cutoff = now - timedelta(seconds=grace_seconds)
        return self.pending().filter(
            models.Q(next_attempt_at__isnull=True) | models.Q(next_attempt_at__lte=cutoff)
        )
