"""Bad input: the demo (public passwords and TOTP secrets) is never loaded into a database with real cases."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_a_demo_load_into_a_database_with_real_cases_is_refused():
    """A database holding cases the demo did not create is refused, with a clear message."""
    from django.core.management.base import CommandError

    from tests.factories.centres import CentreFactory

    CentreFactory()
    with pytest.raises(CommandError, match="不是演示数据库"):
        call_command("load_demo")
