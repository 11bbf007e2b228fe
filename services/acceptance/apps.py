from django.apps import AppConfig


class AcceptanceConfig(AppConfig):
    name = "services.acceptance"
    label = "acceptance"
    verbose_name = "验收"

    def ready(self):
        from services.acceptance.transitions import ACCEPTANCE_MACHINE
        from services.casework.wording import register_machine

        register_machine("acceptance.acceptanceapplication", ACCEPTANCE_MACHINE)
        from services.acceptance.forms import AcceptanceApplicationForm, RectificationReportForm
        from services.construction import centre_page

        def acceptance_forms(centre, context):
            context["acceptance_form"] = AcceptanceApplicationForm()
            context["rectification_form"] = RectificationReportForm()

        centre_page.add_part("acceptance", acceptance_forms)
        from services.acceptance import uploads
        from services.files.permissions import hold_until_submitted

        hold_until_submitted(uploads.HELD, uploads.may_edit_form)  # docs/decisions/0112
        try:
            from services.notifications import reminders
        except ImportError:  # the registry is not on this branch yet
            return
        from services.acceptance.reminders import rectification_due

        reminders.register_source("acceptance-rectification", rectification_due)
