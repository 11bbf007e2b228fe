from django import forms

from services.notifications.constants import Channel, ReadState

OPT_CHANNELS = [(Channel.EMAIL, "电子邮件"), (Channel.SMS, "短信")]


class InboxFilterForm(forms.Form):
    kind = forms.ChoiceField(label="类型", required=False)
    read = forms.ChoiceField(label="状态", required=False, choices=[("", "全部"), *ReadState.choices])

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "全部类型"), *kinds]


class PreferencesForm(forms.Form):
    """One checkbox per (kind, channel); mandatory kinds are shown checked and cannot be turned off."""

    def __init__(self, *args, kinds=(), current=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = current or {}
        self.rows = []
        for code, name, mandatory in kinds:
            row = {"code": code, "name": name, "mandatory": mandatory, "fields": []}
            for channel, label in OPT_CHANNELS:
                field_name = f"{code}__{channel}"
                self.fields[field_name] = forms.BooleanField(
                    label=f"{name}：{label}",
                    required=False,
                    initial=True if mandatory else current.get((code, channel), True),
                    disabled=mandatory,
                )
                row["fields"].append(field_name)
            row["bound"] = [self[name] for name in row["fields"]]
            self.rows.append(row)

    def choices(self):
        """(kind, channel, enabled) for every non-mandatory checkbox."""
        for row in self.rows:
            if row["mandatory"]:
                continue
            for field_name in row["fields"]:
                code, channel = field_name.rsplit("__", 1)
                yield code, channel, bool(self.cleaned_data.get(field_name))
