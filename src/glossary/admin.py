"""``glossary db upgrade``, ``import``, ``export`` and ``keys``: the operator's database commands.

Like every command but ``serve``, they import SQLModel and the service inside the function, so
that ``glossary check`` never loads them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from glossary.exit import Exit

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from glossary.settings import Settings


def app_settings() -> Settings:
    """The application's settings, from the environment."""
    from glossary.settings import Settings

    return Settings()


def migrated_engine(settings: Settings, *, create: bool = True) -> Engine:
    """An engine on the migrated database; ``create=False`` refuses a SQLite file not there."""
    from glossary.db import create_db_engine, upgrade

    if not create:
        _require_database(settings.database_url)
    engine = create_db_engine(settings.database_url)
    before, after = upgrade(engine)
    if before != after:
        print(
            f"migrated the database schema from {before or 'nothing'} to {after}", file=sys.stderr
        )
    return engine


def _sqlite_file(url: str) -> Path | None:
    """The absolute path of a SQLite database file, or None for other databases."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).resolve()


def _database_label(url: str) -> str:
    """The database as a user finds it: a SQLite file's absolute path, else the URL."""
    path = _sqlite_file(url)
    return str(path) if path is not None else safe_url(url)


def _require_database(url: str) -> None:
    """Refuse to create a SQLite database where a command only uses an existing one."""
    from glossary.errors import NotFound

    path = _sqlite_file(url)
    if path is not None and not path.exists():
        raise NotFound(
            f"no database at {path}: run this command from the server's folder or set "
            "GLOSSARY_DATABASE_URL (glossary serve and glossary db upgrade create it)"
        )


def safe_url(url: str) -> str:
    """The database URL without its password."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def cmd_db_upgrade(_: argparse.Namespace) -> Exit:
    """Create or migrate the database schema to the newest version."""
    current = app_settings()
    migrated_engine(current).dispose()
    print(f"database at {safe_url(current.database_url)} is up to date")
    return Exit.OK


def cmd_import(args: argparse.Namespace) -> Exit:
    """Import a glossary file (YAML, JSON, CSV or TBX) into the database, all or nothing."""
    from glossary.db import session_scope
    from glossary.errors import InvalidGlossaryFile, Problem
    from glossary.service import transfer

    try:
        data = Path(args.file).read_bytes()
    except OSError as exc:
        problem = Problem(path="", message=f"cannot read {args.file}: {exc.strerror or exc}")
        raise InvalidGlossaryFile([problem], source=args.file) from exc
    fmt = transfer.FileFormat(args.format) if args.format else transfer.format_of_path(args.file)
    engine = migrated_engine(app_settings())
    with session_scope(engine) as session:
        report = transfer.import_data(
            session=session,
            data=data,
            fmt=fmt,
            dry_run=args.dry_run,
            actor=args.actor,
            department=args.department,
            source=args.file,
        )
    verb = "would change" if args.dry_run else "imported"
    print(
        f"{verb}: {len(report['created'])} created, {len(report['updated'])} updated, "
        f"{len(report['unchanged'])} unchanged (glossary version {report['glossary_version']})"
    )
    for label in ("created", "updated"):
        for term_id in report[label]:
            print(f"  {label}: {term_id}")
    for phrase in report["ignore_added"]:
        print(f"  ignore added: {phrase}")
    return Exit.OK


def cmd_export(args: argparse.Namespace) -> Exit:
    """Write the whole glossary as YAML, JSON, CSV or TBX."""
    from glossary.db import session_scope
    from glossary.service import transfer
    from glossary.service import transfer as transfer_service
    from glossary.service.keys import Principal, Role

    engine = migrated_engine(app_settings())
    operator = Principal(name="operator", role=Role.ADMIN)  # the database's owner: everything
    with session_scope(engine) as session:
        glossary = transfer_service.export_glossary(session=session, principal=operator)
    text = transfer.dump(glossary, transfer.FileFormat(args.format))
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return Exit.OK


def cmd_keys_create(args: argparse.Namespace) -> Exit:
    """Create an API key and print it once."""
    from glossary.db import session_scope
    from glossary.service import keys

    settings = app_settings()
    engine = migrated_engine(settings, create=False)
    with session_scope(engine) as session:
        _, secret = keys.create_key(
            session=session,
            name=args.name,
            role=keys.Role.parse(args.role),
            departments=args.department,
        )
    print(secret)
    scope = f" for {', '.join(args.department)}" if args.department else ""
    print(
        f"created {args.role} key {args.name!r}{scope}; it is shown only now, store it safely",
        file=sys.stderr,
    )
    print(f"database: {_database_label(settings.database_url)}", file=sys.stderr)
    return Exit.OK


def cmd_keys_list(_: argparse.Namespace) -> Exit:
    """List keys by name, role and prefix."""
    from glossary.db import session_scope
    from glossary.service import keys

    engine = migrated_engine(app_settings(), create=False)
    with session_scope(engine) as session:
        for row in keys.list_keys(session=session):
            state = "revoked" if row.revoked_at else "active"
            scope = ",".join(row.departments) if row.departments is not None else "*"
            print(f"{row.name}\t{row.role}\t{scope}\t{row.prefix}…\t{state}")
    return Exit.OK


def cmd_keys_revoke(args: argparse.Namespace) -> Exit:
    """Revoke a key by name."""
    from glossary.db import session_scope
    from glossary.service import keys

    engine = migrated_engine(app_settings(), create=False)
    with session_scope(engine) as session:
        keys.revoke_key(session=session, name=args.name)
    print(f"revoked key {args.name!r}")
    return Exit.OK
