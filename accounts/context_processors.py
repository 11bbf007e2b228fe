from accounts.workspaces import workspaces_of


def workspaces(request):
    """The signed-in user's workspaces for the header, the one being visited marked current."""
    user = getattr(request, "user", None)
    path = getattr(request, "path", "")
    return {
        "user_workspaces": [
            {"label": w.label, "url": w.url, "current": path.startswith(w.url)}
            for w in (workspaces_of(user) if user is not None else [])
        ]
    }
