"""The deployment stack: docker-compose.yml refers to things that exist; production settings pass
`check --deploy` and refuse to start without their required variables."""

import importlib
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
SERVICES = COMPOSE["services"]


def test_the_stack_has_every_service():
    assert set(SERVICES) == {"postgres", "redis", "elasticsearch", "varnish", "web", "worker", "beat"}


def test_varnish_fronts_web_and_the_portal_purges_it():
    """Issue 14: the front cache stands in front of web; the portal knows where to purge."""
    assert SERVICES["web"]["ports"] == ["127.0.0.1:8000:8000"]
    assert "80:80" in SERVICES["varnish"]["ports"]
    assert SERVICES["web"]["environment"]["VARNISH_URL"] == "http://varnish:80"
    assert SERVICES["web"]["environment"]["DATABASE_CONN_MAX_AGE"]
    vcl = (ROOT / "docker" / "varnish" / "default.vcl").read_text(encoding="utf-8")
    assert '.host = "web";' in vcl and '.port = "8000";' in vcl


def test_web_trusts_x_forwarded_for_from_varnish_alone(monkeypatch):
    """Decision 0150: web believes X-Forwarded-For from varnish's fixed address, which no other container can
    be given (it is outside the network's ip_range) and which is not the gateway; the VCL leaves the header
    as varnishd appends it."""
    import ipaddress

    from portal.settings.env import env_networks

    varnish = ipaddress.ip_address(SERVICES["varnish"]["networks"]["default"]["ipv4_address"])
    monkeypatch.setenv("TRUSTED_PROXIES", SERVICES["web"]["environment"]["TRUSTED_PROXIES"])
    trusted = [ipaddress.ip_network(value) for value in env_networks("TRUSTED_PROXIES")]
    assert trusted == [ipaddress.ip_network(varnish)]
    (network,) = COMPOSE["networks"]["default"]["ipam"]["config"]
    assert varnish in ipaddress.ip_network(network["subnet"])
    assert varnish not in ipaddress.ip_network(network["ip_range"])
    assert varnish != ipaddress.ip_address(network["gateway"])
    assert "TRUSTED_PROXIES" not in SERVICES["worker"]["environment"]  # it serves no requests
    vcl = (ROOT / "docker" / "varnish" / "default.vcl").read_text(encoding="utf-8")
    code = "\n".join(line.split("#", 1)[0] for line in vcl.splitlines())
    assert "x-forwarded-for" not in code.lower()


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_each_built_service_has_its_dockerfile(name):
    build = SERVICES[name].get("build")
    if build is None:
        assert SERVICES[name]["image"], f"{name} needs an image or a build"
        return
    context = ROOT / build["context"]
    assert context.is_dir(), context
    assert (context / build.get("dockerfile", "Dockerfile")).is_file()


def test_elasticsearch_image_installs_the_smartcn_analyzer():
    dockerfile = (ROOT / SERVICES["elasticsearch"]["build"]["context"] / "Dockerfile").read_text()
    assert "FROM docker.elastic.co/elasticsearch/elasticsearch:${ES_VERSION}" in dockerfile
    assert "ARG ES_VERSION=8." in dockerfile
    assert "elasticsearch-plugin install --batch analysis-smartcn" in dockerfile
    assert settings.ELASTICSEARCH_ANALYZER == "smartcn"


def test_web_command_serves_the_wsgi_application_with_gunicorn():
    command = SERVICES["web"]["command"]
    assert command[0] == "gunicorn"
    module_name, attribute = command[1].split(":")
    module = importlib.import_module(module_name)
    assert callable(getattr(module, attribute))
    assert command[command.index("--config") + 1] == "python:portal.gunicorn_conf"  # preload_app


@pytest.mark.parametrize("name", ["worker", "beat"])
def test_celery_services_name_the_project_app(name):
    command = SERVICES[name]["command"]
    assert command[:3] == ["celery", "-A", "portal"]
    from celery import Celery

    assert isinstance(importlib.import_module("portal.celery").app, Celery)


def test_worker_consumes_every_routed_queue():
    command = SERVICES["worker"]["command"]
    queues = set(command[command.index("--queues") + 1].split(","))
    routed = {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()}
    assert queues == {"default", "notifications", "indexing"}
    assert routed | {settings.CELERY_TASK_DEFAULT_QUEUE} <= queues


def test_services_have_health_checks_and_declared_volumes():
    for name in ("postgres", "redis", "elasticsearch", "web", "worker"):
        assert SERVICES[name]["healthcheck"]["test"], name
    declared = set(COMPOSE["volumes"])
    for name, service in SERVICES.items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            assert source in declared, f"{name}: volume {source} is not declared"


def test_application_services_run_the_production_settings_with_every_required_variable():
    for name in ("web", "worker", "beat"):
        environment = SERVICES[name]["environment"]
        assert environment["DJANGO_SETTINGS_MODULE"] == "portal.settings.production"
        for variable in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"):
            assert environment.get(variable), f"{name} lacks {variable}"


def test_web_dockerfile_copies_every_package_of_the_project():
    dockerfile = (ROOT / "Dockerfile").read_text()
    for package in ("portal", "accounts", "cms_pages", "services", "search"):
        assert f"COPY {package} ./{package}" in dockerfile
        assert (ROOT / package).is_dir()
    assert "collectstatic" in dockerfile


PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
    "DJANGO_ALLOWED_HOSTS": "portal.example.gov.cn",
    "DATABASE_URL": "postgres://portal@127.0.0.1:5432/portal_never_connected",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "AUDIT_HMAC_KEYS": "k1:" + secrets.token_hex(32),
    "TOTP_KEY_ENCRYPTION_KEYS": "k1:" + secrets.token_hex(16),
}


def manage(*args, env):
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_check_deploy_passes_without_warnings():
    result = manage("check", "--deploy", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    "missing",
    [
        "DJANGO_SECRET_KEY",
        "DJANGO_ALLOWED_HOSTS",
        "DATABASE_URL",
        "REDIS_URL",
        "AUDIT_HMAC_KEYS",
        "TOTP_KEY_ENCRYPTION_KEYS",
    ],
)
def test_a_missing_required_variable_stops_start_up_and_names_it(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"Required environment variable {missing} is not set" in result.stderr


@pytest.mark.parametrize("variable", ["AUDIT_HMAC_KEYS", "TOTP_KEY_ENCRYPTION_KEYS"])
@pytest.mark.parametrize(
    "value, message",
    [
        ("", "Required environment variable {variable} is not set"),
        (" , ", "Required environment variable {variable} is empty"),
        ("k1:abc", "{variable}: the key 'k1' is not hexadecimal"),
        ("k1:00ff", "{variable}: the key 'k1' must be"),
    ],
)
def test_an_empty_or_malformed_key_stops_start_up(variable, value, message):
    """Bad input: an audit (or TOTP sealing) key set to the empty string is refused in production (R-43)."""
    result = manage("check", env={**PRODUCTION_ENV, variable: value})
    assert result.returncode != 0
    assert message.format(variable=variable) in result.stderr


def test_the_public_development_keys_stop_start_up():
    from portal.settings.base import DEV_AUDIT_HMAC_KEYS

    result = manage("check", env={**PRODUCTION_ENV, "AUDIT_HMAC_KEYS": DEV_AUDIT_HMAC_KEYS})
    assert result.returncode != 0 and "AUDIT_HMAC_KEYS is the public development key" in result.stderr


def test_the_application_connects_as_its_own_role_and_migrations_as_the_owner():
    """R-43: web, worker and beat connect as portal_app; the init script creates it; migrate uses the owner."""
    for name in ("web", "worker", "beat"):
        assert SERVICES[name]["environment"]["DATABASE_URL"].startswith("postgres://portal_app:")
    assert SERVICES["postgres"]["environment"]["POSTGRES_USER"] == "portal_owner"
    script = (ROOT / COMPOSE["configs"]["postgres-roles"]["file"]).read_text()
    assert "CREATE ROLE portal_app" in script
    assert "database_roles grant portal_app" in (ROOT / "docker-compose.yml").read_text()
