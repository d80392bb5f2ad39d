"""``glossary check`` as a CI check: inputs, configuration, parallel checking, baselines and
report formats. Imports neither FastAPI nor SQLModel, so that the command starts fast."""
