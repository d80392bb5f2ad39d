# A first container for the glossary service (production hardening comes later).
# docker build -t glossary . && docker run -p 8000:8000 -v glossary-data:/data glossary
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    GLOSSARY_DATABASE_URL=sqlite:////data/glossary.db \
    GLOSSARY_SEED_FILE=/app/data/terms.yaml

WORKDIR /app
COPY pyproject.toml README.md alembic.ini ./
COPY src ./src
COPY alembic ./alembic
COPY data ./data
RUN pip install . \
    && useradd --system --home-dir /app glossary \
    && mkdir /data && chown glossary /data

USER glossary
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/readyz')"
CMD ["glossary", "serve", "--host", "0.0.0.0", "--port", "8000"]
