# The web service: Django + Wagtail under gunicorn (docker-compose.yml runs it with PostgreSQL
# and Elasticsearch). Build: docker compose build web

# GOV.UK Frontend's compiled assets come from npm, like on a developer machine.
FROM node:22-bookworm-slim AS frontend
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=network_site.settings.production \
    VAR_DIR=/app/var \
    PORT=8000

RUN useradd --system --user-group --home-dir /app --shell /usr/sbin/nologin app
WORKDIR /app

COPY . .
COPY --from=frontend /build/node_modules/govuk-frontend node_modules/govuk-frontend
RUN pip install --require-hashes --no-deps -r requirements-model.txt \
    && pip install . \
    # Key and address only let settings load for collectstatic; the container needs its own.
    && SECRET_KEY=collectstatic-only SITE_URL=http://collectstatic.invalid \
       python manage.py collectstatic --noinput \
    && mkdir -p /app/var/media \
    && chown -R app:app /app/var

USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["gunicorn", "--config", "gunicorn.conf.py", "network_site.wsgi"]
