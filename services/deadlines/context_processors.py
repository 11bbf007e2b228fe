"""`training_today` in every page's context: the banner says when the portal runs on a training clock."""

from services.deadlines.clock import training_today


def training_clock(request):
    return {"training_today": training_today()}
