from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lock-out check (5 failures → 30 minutes, per account and per IP address).

    Every sign-in path of the portal (the sign-in page, both admins, the API token endpoint) passes the
    request. A call without one — Django's test client ``login()``, the shell — has no IP address to count
    and is left to the next backend instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
