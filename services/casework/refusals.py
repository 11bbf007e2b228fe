"""The one refusal of the portal: an action that may not be taken, with a message for people.

Every action of every service raises `ActionRefused` or one of its two kinds:

- `NotPermitted` — this person may not take this action (or may not see the object): the API answers 403;
- `WrongState` — the case is not in a status from which the action may be taken: the API answers 400 with
  the status named, in the message and as ``state`` (the issue allows 409 or a 400 naming the state; 400
  keeps every existing client's contract);
- `ActionRefused` itself — the input or a rule forbids it now (a missing declaration, a date out of range):
  the API answers 400 with the message.

Pages show the message; the API's one exception handler (services.casework.api_errors) maps the kind to
its status. `TransitionRefused` (services.casework.transitions), `construction.base.ActionRefused` and
`supervision.actions.ActionRefused` are this same class under their older names.
"""


class ActionRefused(Exception):
    """The action may not be taken now. ``str(exc)`` is the Chinese message for the person."""

    http_status = 400

    @property
    def message(self) -> str:
        return str(self)


class NotPermitted(ActionRefused):
    """This person may not take this action on this object."""

    http_status = 403


class WrongState(ActionRefused):
    """The object's status does not allow this action now; the message names the status."""

    http_status = 400

    def __init__(self, message: str, *, state: str = ""):
        super().__init__(message)
        self.state = state
