"""Which channels a notification goes out on: the caller's channels, minus the recipient's opt-outs.

The inbox is always on. A mandatory kind (NotificationKind.mandatory, or listed in the setting
NOTIFICATIONS_MANDATORY_KINDS) ignores opt-outs. The most specific preference wins: kind, then category.
"""

from collections.abc import Iterable

from django.conf import settings

from services.notifications.constants import Channel


def kind_rules(kind: str) -> tuple[str, bool]:
    """(category, mandatory) of a kind, in one query."""
    from services.notifications.models import NotificationKind

    row = NotificationKind.objects.filter(code=kind).values_list("category", "mandatory").first()
    category, mandatory = row or ("", False)
    mandatory = mandatory or kind in getattr(settings, "NOTIFICATIONS_MANDATORY_KINDS", ())
    return category or kind.split(".", 1)[0], mandatory


def decide(prefs: dict[tuple[str, str], bool], kind: str, category: str, channel: str) -> bool:
    """Pure: prefs maps (scope, channel) to on/off, scope being "kind:<code>" or "category:<name>"."""
    if channel == Channel.INBOX:
        return True
    for scope in (f"kind:{kind}", f"category:{category}"):
        if (scope, channel) in prefs:
            return prefs[(scope, channel)]
    return True


def channels_by_user(users: list, kind: str, channels: Iterable[str]) -> dict[int, list[str]]:
    """For each user id, the channels (in the caller's order) this kind goes out on. Two queries at most."""
    from django.db.models import Q

    from services.notifications.models import NotificationPreference

    channels = list(dict.fromkeys(channels))
    category, mandatory = kind_rules(kind)
    if mandatory:
        return {user.pk: channels for user in users}
    prefs: dict[int, dict[tuple[str, str], bool]] = {}
    rows = NotificationPreference.objects.filter(
        Q(kind=kind) | Q(category=category), user__in=[u.pk for u in users]
    ).values_list("user_id", "kind", "category", "channel", "enabled")
    for user_id, pref_kind, pref_category, channel, enabled in rows:
        scope = f"kind:{pref_kind}" if pref_kind else f"category:{pref_category}"
        prefs.setdefault(user_id, {})[(scope, channel)] = enabled
    return {
        user.pk: [c for c in channels if decide(prefs.get(user.pk, {}), kind, category, c)] for user in users
    }
