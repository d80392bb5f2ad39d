# The glossary service for production: docker build -t glossary .
# One container runs migrations, then uvicorn with GLOSSARY_WORKERS processes; run as many
# containers as you like on one PostgreSQL (see compose.yaml and the README).

FROM python:3.12-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md alembic.ini ./
COPY src ./src
COPY alembic ./alembic
RUN python -m venv /opt/glossary && /opt/glossary/bin/pip install --no-compile .

FROM python:3.12-slim
ENV PATH=/opt/glossary/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    GLOSSARY_DATABASE_URL=sqlite:////data/glossary.db \
    GLOSSARY_SEED_FILE=/app/data/terms.yaml \
    GLOSSARY_PORT=8000 \
    GLOSSARY_WORKERS=2
COPY --from=build /opt/glossary /opt/glossary
COPY data /app/data
COPY docker/entrypoint.sh /usr/local/bin/glossary-entrypoint
RUN useradd --system --uid 10001 --home-dir /app glossary \
    && mkdir /data \
    && chown glossary /data
USER 10001
WORKDIR /app
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ['GLOSSARY_PORT'] + '/readyz', timeout=2)"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["glossary-entrypoint"]
