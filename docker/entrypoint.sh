#!/bin/sh
# The container's start: migrations, then the server with workers from the environment.
# The same script runs outside Docker in tests/test_container.py.
set -eu
glossary db upgrade
exec glossary serve \
    --host "${GLOSSARY_HOST:-0.0.0.0}" \
    --port "${GLOSSARY_PORT:-8000}" \
    --workers "${GLOSSARY_WORKERS:-2}"
