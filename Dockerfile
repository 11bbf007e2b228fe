# The portal's web, worker and beat image. Build: docker compose build
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=portal.settings.production

# Fonts for Chinese PDF documents (WeasyPrint), its libraries, and gettext for message catalogues.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 gettext curl \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 portal
WORKDIR /app

COPY pyproject.toml README.md ./
COPY requirements ./requirements
COPY portal ./portal
COPY accounts ./accounts
COPY cms_pages ./cms_pages
COPY services ./services
COPY search ./search
COPY manage.py ./
RUN pip install --require-hashes -r requirements/production.lock \
    && pip install --no-deps --no-build-isolation .

# Static files are collected at build time with throwaway values for the production settings' required variables.
RUN DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    REDIS_URL=redis://localhost:6379/0 python manage.py collectstatic --noinput

RUN mkdir -p /app/media /app/private_media && chown -R portal:portal /app/media /app/private_media
USER portal

EXPOSE 8000
CMD ["gunicorn", "portal.wsgi:application", "--config", "python:portal.gunicorn_conf"]
