"""Password validators that speak Chinese where Django's zh_Hans catalogue lags behind its source.

Django 5.2 reworded the minimum-length message ("… at least %d characters."); the zh_Hans catalogue still
carries the old wording, so the message came out in English. Every other validator is Django's own."""

from django.contrib.auth import password_validation


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return f"这个密码太短了。密码至少需要{self.min_length}个字符。"
