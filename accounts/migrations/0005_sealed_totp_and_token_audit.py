"""TOTP secrets sealed at rest and API tokens stored hashed (R-43).

- Existing django-otp TOTP devices get their hex secret sealed (accounts.totp_sealing) in place.
- The clear-text API tokens of DRF's authtoken app are dropped: tokens are now django-rest-knox tokens,
  stored as hashes; holders of an old token request a new one.
"""

from django.db import migrations, models

from accounts.totp_sealing import is_sealed, seal


def seal_totp_secrets(apps, schema_editor):
    TOTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    for device in TOTPDevice.objects.all().iterator():
        if not is_sealed(device.key):
            sealed = seal(bytes.fromhex(device.key), f"totp:{device.user_id}".encode("ascii"))
            TOTPDevice.objects.filter(pk=device.pk).update(key=sealed)


def drop_clear_text_tokens(apps, schema_editor):
    if "authtoken_token" in schema_editor.connection.introspection.table_names():
        schema_editor.execute("DROP TABLE authtoken_token")


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_audit_keyed_chain'),
        ('otp_totp', '0003_add_timestamps'),
        ('knox', '0009_extend_authtoken_field'),
    ]

    operations = [
        migrations.CreateModel(
            name='SealedTOTPDevice',
            fields=[
            ],
            options={
                'verbose_name': '动态口令认证器',
                'verbose_name_plural': '动态口令认证器',
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('otp_totp.totpdevice',),
        ),
        migrations.AlterField(
            model_name='auditrecord',
            name='action',
            field=models.CharField(choices=[('sign_in', '登录'), ('sign_in_failed', '登录失败'), ('sign_out', '退出登录'), ('locked_out', '账户锁定'), ('session_timeout', '会话超时'), ('password_reset', '重置密码'), ('otp_enrolled', '绑定双因素认证'), ('otp_verified', '双因素认证通过'), ('otp_failed', '双因素认证失败'), ('otp_backup_code_used', '使用备用验证码'), ('otp_backup_codes_issued', '生成备用验证码'), ('otp_reset', '重置双因素认证'), ('api_token_issued', '签发接口令牌'), ('api_token_revoked', '撤销接口令牌'), ('api_token_expired', '接口令牌过期'), ('role_granted', '授予角色'), ('role_revoked', '撤销角色'), ('permission_granted', '授予对象权限'), ('permission_revoked', '撤销对象权限'), ('unit_registered', '登记申请单位'), ('unit_verified', '申请单位邮箱验证'), ('data_exported', '导出数据'), ('file_downloaded', '下载文件')], db_index=True, max_length=40, verbose_name='事件'),
        ),
        migrations.RunPython(seal_totp_secrets, migrations.RunPython.noop),
        migrations.RunPython(drop_clear_text_tokens, migrations.RunPython.noop),
    ]
