"""The API's one answer to a refused action (settings REST_FRAMEWORK["EXCEPTION_HANDLER"]).

`NotPermitted` answers 403; `WrongState` 400 with the status named (``{"detail": message, "state": label}``);
any other `ActionRefused` (bad input, a rule) 400, each as ``{"detail": message}``; a Django ValidationError raised by an action answers 400 keyed by field. Every
other exception goes to DRF's own handler. Endpoints therefore call actions without catching refusals.
"""

from django.core.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler

from services.casework.refusals import ActionRefused, WrongState


def refusal_response(exc: ActionRefused) -> Response:
    body = {"detail": str(exc)}
    if isinstance(exc, WrongState) and exc.state:
        body["state"] = exc.state
    return Response(body, status=exc.http_status)


def handle(exc, context):
    if isinstance(exc, ActionRefused):
        return refusal_response(exc)
    if isinstance(exc, ValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        return Response(detail, status=400)
    return exception_handler(exc, context)
