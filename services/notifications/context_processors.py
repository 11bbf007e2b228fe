from services.notifications.constants import DeliveryStatus
from services.notifications.models import Notification


def inbox(request):
    """`inbox_unread_count` for the header (0 for anonymous visitors, no query)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"inbox_unread_count": 0}
    unread = Notification.objects.inbox_of(user).filter(status=DeliveryStatus.SENT).unread()
    return {"inbox_unread_count": unread.count()}
