"""Domain errors that carry their own HTTP status and error code; one handler renders them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in some input: where it is (path, line) and what is wrong."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        return f"{where}{self.path}: {self.message}" if self.path else f"{where}{self.message}"

    def as_dict(self) -> dict[str, Any]:
        """The problem as a JSON-ready mapping (``line`` only when known)."""
        data: dict[str, Any] = {"path": self.path, "message": self.message}
        if self.line is not None:
            data["line"] = self.line
        return data


class GlossaryError(Exception):
    """Base of every error a user can cause; ``status`` and ``code`` shape the HTTP answer."""

    status: ClassVar[int] = 400
    code: ClassVar[str] = "bad_request"

    def __init__(self, message: str, *, details: Sequence[Any] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.details = list(details)

    @property
    def headers(self) -> dict[str, str]:
        """Headers the HTTP answer carries with this error (none by default)."""
        return {}


class InvalidInput(GlossaryError):
    """The input is well-formed but breaks a rule (unknown department, bad slug, …)."""

    status = 422
    code = "invalid"


class InvalidGlossaryFile(InvalidInput):
    """A glossary file breaks one or more rules; ``problems`` lists every one of them."""

    code = "invalid_glossary"

    def __init__(
        self,
        problems: Sequence[Problem],
        *,
        source: str = "glossary",
        outcome: str = "nothing was imported",
    ) -> None:
        self.problems = list(problems)
        self.source = source
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(
            f"{source} has {count} {noun}; {outcome}",
            details=[p.as_dict() for p in self.problems],
        )

    def __str__(self) -> str:
        return "\n  ".join([self.message, *(str(p) for p in self.problems)])


class NotFound(GlossaryError):
    """The thing asked for does not exist."""

    status = 404
    code = "not_found"


class Conflict(GlossaryError):
    """The request conflicts with the current state (e.g. the id is taken)."""

    status = 409
    code = "conflict"


class QuotaExceeded(Conflict):
    """A caller (or everyone together) has as many open proposals as the glossary takes."""

    code = "quota_exceeded"


class PreconditionFailed(GlossaryError):
    """The ``If-Match`` ETag no longer matches: someone changed the term meanwhile."""

    status = 412
    code = "precondition_failed"


class PreconditionRequired(GlossaryError):
    """A replacement was sent without ``If-Match``."""

    status = 428
    code = "precondition_required"


class Unauthorized(GlossaryError):
    """No key, or a key that is not known (``invalid_token``: a key was sent but is not valid)."""

    status = 401
    code = "unauthorized"

    def __init__(
        self, message: str, *, details: Sequence[Any] = (), invalid_token: bool = False
    ) -> None:
        super().__init__(message, details=details)
        self.invalid_token = invalid_token

    @property
    def headers(self) -> dict[str, str]:
        """RFC 9110: every 401 names its scheme; RFC 6750 adds the error for a wrong key."""
        error = ', error="invalid_token"' if self.invalid_token else ""
        return {"WWW-Authenticate": f'Bearer realm="glossary"{error}'}


class Forbidden(GlossaryError):
    """The key's role is too low for this action."""

    status = 403
    code = "forbidden"


class PayloadTooLarge(GlossaryError):
    """The request body is larger than the configured limit."""

    status = 413
    code = "payload_too_large"


class UnsupportedMediaType(GlossaryError):
    """The request body's content type is not one this endpoint reads."""

    status = 415
    code = "unsupported_media_type"


class UnreadableInput(GlossaryError):
    """The request's bytes cannot be read as what they claim to be (UTF-8 text, JSON)."""

    status = 400
    code = "bad_request"
