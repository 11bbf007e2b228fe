"""`manage.py demo_accounts`: the demo accounts, their password, their TOTP secrets and the current codes (R-43).

Only for a demo database (the secrets are public); in production it refuses."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from accounts.demo import DEMO_PASSWORD, DEMO_USERS
from accounts.models import SealedTOTPDevice, User
from accounts.two_factor import manual_key


class Command(BaseCommand):
    help = "列出演示账户、密码、动态口令密钥和当前口令。List the demo accounts with their TOTP secrets and codes."

    def handle(self, *args, **options):
        if settings.PORTAL_ENV in ("prod", "production"):
            raise CommandError("生产环境没有演示账户。")
        users = {u.username: u for u in User.objects.filter(username__in=[s.username for s in DEMO_USERS])}
        if not users:
            raise CommandError("尚未载入演示账户：请先运行 manage.py load_demo（或 make run）。")
        self.stdout.write(f"演示账户（密码均为 {DEMO_PASSWORD}）：")
        for spec in DEMO_USERS:
            user = users.get(spec.username)
            if user is None:
                continue
            self.stdout.write(f"{spec.username:<20} {spec.role.label}：{spec.description}")
            device = SealedTOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is not None:
                code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"
                self.stdout.write(f"{'':<20} 动态口令密钥 {manual_key(device)}  当前口令 {code}")
                self.stdout.write(f"{'':<20} {device.config_url}")
        applicants = (
            User.objects.filter(membership__isnull=False).exclude(username__in=users).order_by("username")
        )
        for user in applicants.filter(username__endswith=".admin"):
            self.stdout.write(
                f"{user.username:<20} 申请单位用户：{user.membership.organisation.name}（无需动态口令）"
            )
