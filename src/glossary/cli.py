"""The ``glossary`` command: serve, check, lookup, db upgrade, import, export and keys.

Heavy modules (FastAPI, SQLModel, uvicorn) are imported inside the commands that need them,
so that commands working on files alone start fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from glossary.errors import GlossaryError, InvalidGlossaryFile

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from glossary.settings import Settings


#: Formats of a whole glossary file (glossary.transfer.FileFormat, without importing it).
FORMATS = ("yaml", "json", "csv", "tbx")


class Exit(IntEnum):
    """Exit statuses of the CLI."""

    OK = 0
    FINDINGS = 1
    ERROR = 2


def _settings() -> Settings:
    from glossary.settings import Settings

    return Settings()


def _migrated_engine(settings: Settings, *, create: bool = True) -> Engine:
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


class PortInUse(GlossaryError):
    """The port ``glossary serve`` was asked to listen on is taken."""

    def __init__(self, port: int) -> None:
        super().__init__(f"port {port} is in use: pass --port N or stop the other server")


def _check_port(host: str, port: int) -> None:
    """Fail with one clear line when the address cannot be listened on, before any work."""
    import errno
    import socket

    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
            probe.bind(address)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise PortInUse(port) from None
        raise GlossaryError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None


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
    return str(path) if path is not None else _safe_url(url)


def _require_database(url: str) -> None:
    """Refuse to create a SQLite database where a command only uses an existing one."""
    from glossary.errors import NotFound

    path = _sqlite_file(url)
    if path is not None and not path.exists():
        raise NotFound(
            f"no database at {path}: run this command from the server's folder or set "
            "GLOSSARY_DATABASE_URL (glossary serve and glossary db upgrade create it)"
        )


def cmd_serve(args: argparse.Namespace) -> Exit:
    """Migrate, seed an empty database from the seed file, and serve the API."""
    from glossary import service
    from glossary.db import session_scope
    from glossary.terms_file import load_glossary

    _check_port(args.host, args.port)
    settings = _settings()
    engine = _migrated_engine(settings)
    seed = settings.seed_file
    with session_scope(engine) as session:
        if seed is not None and seed.is_file():
            report = service.seed_if_empty(session=session, load=lambda: load_glossary(seed))
            if report is not None:
                print(f"seeded {len(report.created)} terms from {seed}", file=sys.stderr)
        version = service.glossary_version(session=session)
    engine.dispose()
    print(f"glossary version {version} on {_safe_url(settings.database_url)}", file=sys.stderr)
    try:
        _run_uvicorn(args)
    except SystemExit as stop:  # uvicorn logs a failed bind and exits 1: say it plainly too
        if stop.code == 1:
            _check_port(args.host, args.port)
        raise
    return Exit.OK


def _run_uvicorn(args: argparse.Namespace) -> None:
    """Serve the app until stopped."""
    import uvicorn

    from glossary.api.observe import LOG_CONFIG

    uvicorn.run(
        "glossary.api:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="info",
        log_config=LOG_CONFIG,  # JSON lines; the access log is the app's own, with request ids
        proxy_headers=False,  # the app believes forwarded headers of GLOSSARY_TRUSTED_PROXIES only
        timeout_graceful_shutdown=20,  # SIGTERM: finish the requests in flight
    )


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def cmd_db_upgrade(_: argparse.Namespace) -> Exit:
    """Create or migrate the database schema to the newest version."""
    settings = _settings()
    _migrated_engine(settings).dispose()
    print(f"database at {_safe_url(settings.database_url)} is up to date")
    return Exit.OK


def cmd_import(args: argparse.Namespace) -> Exit:
    """Import a glossary file (YAML, JSON, CSV or TBX) into the database, all or nothing."""
    from glossary import transfer
    from glossary.db import session_scope
    from glossary.errors import InvalidGlossaryFile, Problem

    try:
        data = Path(args.file).read_bytes()
    except OSError as exc:
        problem = Problem(path="", message=f"cannot read {args.file}: {exc.strerror or exc}")
        raise InvalidGlossaryFile([problem], source=args.file) from exc
    fmt = transfer.FileFormat(args.format) if args.format else transfer.format_of_path(args.file)
    engine = _migrated_engine(_settings())
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
    return Exit.OK


def cmd_export(args: argparse.Namespace) -> Exit:
    """Write the whole glossary as YAML, JSON, CSV or TBX."""
    from glossary import service, transfer
    from glossary.db import session_scope
    from glossary.keys import Principal, Role

    engine = _migrated_engine(_settings())
    operator = Principal(name="operator", role=Role.ADMIN)  # the database's owner: everything
    with session_scope(engine) as session:
        glossary = service.export_glossary(session=session, principal=operator)
    text = transfer.dump(glossary, transfer.FileFormat(args.format))
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return Exit.OK


def cmd_keys_create(args: argparse.Namespace) -> Exit:
    """Create an API key and print it once."""
    from glossary import keys
    from glossary.db import session_scope

    settings = _settings()
    engine = _migrated_engine(settings, create=False)
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
    from glossary import keys
    from glossary.db import session_scope

    engine = _migrated_engine(_settings(), create=False)
    with session_scope(engine) as session:
        for row in keys.list_keys(session=session):
            state = "revoked" if row.revoked_at else "active"
            scope = ",".join(row.departments) if row.departments is not None else "*"
            print(f"{row.name}\t{row.role}\t{scope}\t{row.prefix}…\t{state}")
    return Exit.OK


def cmd_keys_revoke(args: argparse.Namespace) -> Exit:
    """Revoke a key by name."""
    from glossary import keys
    from glossary.db import session_scope

    engine = _migrated_engine(_settings(), create=False)
    with session_scope(engine) as session:
        keys.revoke_key(session=session, name=args.name)
    print(f"revoked key {args.name!r}")
    return Exit.OK


def cmd_check(args: argparse.Namespace) -> Exit:
    """Check documents against the glossary; exit 1 when something is found."""
    from glossary.checker.command import run_check

    return Exit(run_check(args))


def cmd_lookup(args: argparse.Namespace) -> Exit:
    """Show a term's meanings side by side."""
    from glossary.checker.command import run_lookup

    return Exit(run_lookup(args))


def _version() -> str:
    """The installed distribution's version."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("glossary")
    except PackageNotFoundError:  # run from a source tree that is not installed
        from glossary import __version__

        return __version__


class _VersionAction(argparse.Action):
    """``--version``, reading the installed version only when asked (it costs start-up time)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        """Print ``glossary X.Y.Z`` and exit 0."""
        print(f"glossary {_version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    parser = argparse.ArgumentParser(
        prog="glossary",
        description="A shared sales and marketing glossary: serve it, check documents, import "
        "and export it.",
    )
    parser.add_argument(
        "--version", action=_VersionAction, help="show the installed version and exit"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser(
        "serve",
        help="migrate, seed an empty database, serve the API",
        description="Migrate the database (GLOSSARY_DATABASE_URL), seed it from "
        "GLOSSARY_SEED_FILE when empty, and serve the API and pages until stopped.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (0.0.0.0: every interface)"
    )
    serve.add_argument("--port", type=int, default=8000, help="TCP port to listen on")
    serve.add_argument("--workers", type=int, default=1, help="worker processes answering requests")
    serve.set_defaults(handler=cmd_serve)

    db = commands.add_parser("db", help="database schema")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="COMMAND")
    db_commands.add_parser("upgrade", help="migrate the schema to the newest version").set_defaults(
        handler=cmd_db_upgrade
    )

    imp = commands.add_parser("import", help="import a glossary file (YAML, JSON, CSV or TBX)")
    imp.add_argument("file", help="the file; .json, .csv and .tbx by name, anything else YAML")
    imp.add_argument(
        "--format", choices=FORMATS, help="read the file as this format, whatever its name"
    )
    imp.add_argument(
        "--department", help="TBX: the department of entries whose subject field names none"
    )
    imp.add_argument("--dry-run", action="store_true", help="report, change nothing")
    imp.add_argument("--actor", default="cli", help="name recorded in the history")
    imp.set_defaults(handler=cmd_import)

    exp = commands.add_parser("export", help="write the whole glossary")
    exp.add_argument(
        "--format", choices=FORMATS, default="yaml", help="file format (default: yaml)"
    )
    exp.add_argument("--output", "-o", help="file to write (default: standard output)")
    exp.set_defaults(handler=cmd_export)

    check = commands.add_parser(
        "check",
        help="check documents for words that departments read differently",
        description="Exit status: 0 nothing at or above --fail-on, 1 findings, 2 usage, "
        "configuration or input errors.",
    )
    lookup = commands.add_parser("lookup", help="show what each department means by a word")
    from glossary.checker.command import add_arguments

    add_arguments(check, lookup)
    check.set_defaults(handler=cmd_check)
    lookup.set_defaults(handler=cmd_lookup)

    _add_keys(commands)
    return parser


def _add_keys(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    keys = commands.add_parser("keys", help="API keys")
    key_commands = keys.add_subparsers(dest="keys_command", required=True, metavar="COMMAND")
    create = key_commands.add_parser("create", help="create a key and print it once")
    create.add_argument("--role", choices=["reader", "editor", "admin"], required=True)
    create.add_argument("--name", required=True)
    create.add_argument(
        "--department",
        action="append",
        help="limit an editor to this department's meanings (repeat for several)",
    )
    create.set_defaults(handler=cmd_keys_create)
    key_commands.add_parser("list", help="list keys").set_defaults(handler=cmd_keys_list)
    revoke = key_commands.add_parser("revoke", help="revoke a key")
    revoke.add_argument("name")
    revoke.set_defaults(handler=cmd_keys_revoke)


def report_error(error: GlossaryError, stream: TextIO) -> None:
    """Print a user error, one line per problem, without a traceback."""
    if isinstance(error, InvalidGlossaryFile):
        print(f"glossary: error: {error.message}", file=stream)
        for problem in error.problems:
            print(f"  {problem}", file=stream)
        return
    print(f"glossary: error: {error.message}", file=stream)


def run(argv: Sequence[str]) -> int:
    """Parse arguments, run the command, and return its exit status."""
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], Exit] = args.handler
    try:
        return int(handler(args))
    except GlossaryError as error:
        report_error(error, sys.stderr)
        return int(Exit.ERROR)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``glossary check … | head``): stop quietly, as cat does.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as error:
        # Database drivers fail with their own exception types; say what failed, not where.
        if not type(error).__module__.startswith(("sqlalchemy", "psycopg", "sqlite3")):
            raise
        reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
        print(f"glossary: error: database: {reason}", file=sys.stderr)
        return int(Exit.ERROR)
