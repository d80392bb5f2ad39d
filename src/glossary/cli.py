"""The ``glossary`` command: its parser, ``serve``, and the dispatch to every other command.

``check`` and ``lookup`` live in glossary.checker.command, the database commands (``db
upgrade``, ``import``, ``export``, ``keys``) in glossary.admin.

Heavy modules (FastAPI, SQLModel, uvicorn) are imported inside the commands that need them,
so that commands working on files alone start fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from glossary import admin
from glossary.errors import GlossaryError, InvalidGlossaryFile
from glossary.exit import Exit

#: Formats of a whole glossary file (glossary.transfer.FileFormat, without importing it).
FORMATS = ("yaml", "json", "csv", "tbx")


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


def cmd_serve(args: argparse.Namespace) -> Exit:
    """Migrate, seed an empty database from the seed file, and serve the API."""
    from glossary.db import session_scope
    from glossary.service import store
    from glossary.service import transfer as transfer_service
    from glossary.terms_file import load_glossary

    _check_port(args.host, args.port)
    settings = admin.app_settings()
    engine = admin.migrated_engine(settings)
    seed = settings.seed_file
    with session_scope(engine) as session:
        if seed is not None and seed.is_file():
            report = transfer_service.seed_if_empty(
                session=session, load=lambda: load_glossary(seed)
            )
            if report is not None:
                print(f"seeded {len(report.created)} terms from {seed}", file=sys.stderr)
        version = store.glossary_version(session=session)
    engine.dispose()
    print(f"glossary version {version} on {admin.safe_url(settings.database_url)}", file=sys.stderr)
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
    from glossary.api.workers import shared_by_workers

    with shared_by_workers(args.workers):  # one metrics directory, one rate limit
        uvicorn.run(
            "glossary.api:create_app",
            factory=True,
            host=args.host,
            port=args.port,
            workers=args.workers,
            log_level="info",
            log_config=LOG_CONFIG,  # JSON lines; the access log is the app's own, with ids
            proxy_headers=False,  # forwarded headers count from GLOSSARY_TRUSTED_PROXIES only
            timeout_graceful_shutdown=20,  # SIGTERM: finish the requests in flight
        )


def cmd_check(args: argparse.Namespace) -> Exit:
    """Check documents against the glossary; exit 1 when something is found."""
    from glossary.checker.command import run_check

    return run_check(args)


def cmd_lookup(args: argparse.Namespace) -> Exit:
    """Show a term's meanings side by side."""
    from glossary.checker.command import run_lookup

    return run_lookup(args)


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
        handler=admin.cmd_db_upgrade
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
    imp.set_defaults(handler=admin.cmd_import)

    exp = commands.add_parser("export", help="write the whole glossary")
    exp.add_argument(
        "--format", choices=FORMATS, default="yaml", help="file format (default: yaml)"
    )
    exp.add_argument("--output", "-o", help="file to write (default: standard output)")
    exp.set_defaults(handler=admin.cmd_export)

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
    create.set_defaults(handler=admin.cmd_keys_create)
    key_commands.add_parser("list", help="list keys").set_defaults(handler=admin.cmd_keys_list)
    revoke = key_commands.add_parser("revoke", help="revoke a key")
    revoke.add_argument("name")
    revoke.set_defaults(handler=admin.cmd_keys_revoke)


def report_error(error: GlossaryError, stream: TextIO) -> None:
    """Print a user error, one line per problem, without a traceback."""
    if isinstance(error, InvalidGlossaryFile):
        print(f"glossary: error: {error.message}", file=stream)
        for problem in error.problems:
            print(f"  {problem}", file=stream)
        return
    print(f"glossary: error: {error.message}", file=stream)


def run(argv: Sequence[str]) -> Exit:
    """Parse arguments, run the command, and return its exit status."""
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], Exit] = args.handler
    try:
        return handler(args)
    except GlossaryError as error:
        report_error(error, sys.stderr)
        return Exit.ERROR
    except KeyboardInterrupt:
        return Exit.INTERRUPTED
    except BrokenPipeError:
        # The reader went away (``glossary check … | head``): stop quietly, as cat does.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return Exit.OUTPUT_CLOSED
    except Exception as error:
        # Database drivers fail with their own exception types; say what failed, not where.
        if not type(error).__module__.startswith(("sqlalchemy", "psycopg", "sqlite3")):
            raise
        reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
        print(f"glossary: error: database: {reason}", file=sys.stderr)
        return Exit.ERROR
