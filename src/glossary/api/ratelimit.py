"""The rate limit on `limits`: a fixed window of a minute per caller (a key, or a client's
address), counted in this process's memory or, for several workers, in the database."""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import math
import threading
import time
from itertools import islice

from limits import RateLimitItem, RateLimitItemPerMinute
from limits.storage import MemoryStorage, Storage
from limits.strategies import FixedWindowRateLimiter
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger("glossary.ratelimit")
#: Callers counted in memory at most (a few hundred bytes each); a window lasts a minute.
MAX_CALLERS = 10_000
#: How often one process deletes the database's ended windows.
PURGE_SECONDS = 60.0

_INCR = text(
    "INSERT INTO rate_limit_window (caller, hits, expires_at) VALUES (:key, :amount, :expires) "
    "ON CONFLICT (caller) DO UPDATE SET "
    "hits = CASE WHEN rate_limit_window.expires_at <= :now THEN :amount "
    "ELSE rate_limit_window.hits + :amount END, "
    "expires_at = CASE WHEN rate_limit_window.expires_at <= :now THEN :expires "
    "ELSE rate_limit_window.expires_at END "
    "RETURNING hits"
)
_WINDOW = text(
    "SELECT hits, expires_at FROM rate_limit_window WHERE caller = :key AND expires_at > :now"
)
_PURGE = text("DELETE FROM rate_limit_window WHERE expires_at <= :now")


class RateLimit:
    """``item`` (say 60 per minute) per caller, in one fixed window from the caller's first
    request; a storage the workers share makes it hold across processes."""

    def __init__(self, item: RateLimitItem, storage: Storage) -> None:
        self.item = item
        self.storage = storage
        self.limiter = FixedWindowRateLimiter(storage)
        #: A database round trip must not hold up the event loop; memory is quick.
        self.blocking = isinstance(storage, DatabaseStorage)

    def wait(self, caller: str) -> int:
        """0 when the request may go ahead (and is counted), else whole seconds until it may.
        A storage that fails lets the request through: checks keep working without it."""
        try:
            if self.limiter.hit(self.item, caller):
                return 0
            reset = self.limiter.get_window_stats(self.item, caller).reset_time
        except SQLAlchemyError:
            log.warning("rate limit not counted: the database is not reachable")
            return 0
        return max(1, math.ceil(reset - time.time()))


def rate_limit(*, per_minute: int, storage: str, engine: Engine) -> RateLimit | None:
    """The configured rate limit (``storage`` "memory" or "database"), or None when off."""
    if per_minute <= 0:
        return None
    shared = storage == "database"
    return RateLimit(
        RateLimitItemPerMinute(per_minute),
        DatabaseStorage(engine) if shared else BoundedMemoryStorage(),
    )


class BoundedMemoryStorage(MemoryStorage):
    """limits' memory storage holding at most ``max_keys`` windows: a new caller beyond them
    drops the window that ends soonest, so memory stays bounded however many callers come."""

    def __init__(self, *, max_keys: int = MAX_CALLERS) -> None:
        super().__init__()
        self.max_keys = max_keys
        self.bound = threading.Lock()

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        """Count ``amount`` hits of ``key``, first making room for a key not yet held."""
        if key not in self.storage and len(self.expirations) >= self.max_keys:
            with self.bound:
                excess = len(self.expirations) - self.max_keys + 1
                # The first few keys only, taken before clearing (the timer pops too): copying
                # all 10,000 on every new caller would cost each request of a crowd.
                for oldest in list(islice(self.expirations, excess)):
                    self.clear(oldest)
        return super().incr(key, expiry, amount)


class DatabaseStorage(Storage):
    """limits' storage on the glossary's database (SQLite or PostgreSQL), which every worker
    and container shares: a window is a row, counted by one atomic upsert."""

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        self.engine = engine
        self.purged = 0.0

    @property
    def base_exceptions(self) -> type[Exception] | tuple[type[Exception], ...]:
        """The errors limits may wrap."""
        return SQLAlchemyError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Count ``amount`` hits in the key's window (a new window once the last has ended)."""
        now = time.time()
        values = {"key": key, "amount": amount, "expires": now + expiry, "now": now}
        with self.engine.begin() as connection:
            if now - self.purged > PURGE_SECONDS:
                self.purged = now
                connection.execute(_PURGE, {"now": now})
            return int(connection.execute(_INCR, values).scalar_one())

    def get(self, key: str) -> int:
        """Hits in the key's current window (0 when it has none)."""
        row = self._window(key)
        return 0 if row is None else int(row[0])

    def get_expiry(self, key: str) -> float:
        """When the key's window ends (now when it has none)."""
        row = self._window(key)
        return time.time() if row is None else float(row[1])

    def _window(self, key: str) -> tuple[int, float] | None:
        with self.engine.connect() as connection:
            row = connection.execute(_WINDOW, {"key": key, "now": time.time()}).first()
        return None if row is None else (row[0], row[1])

    def check(self) -> bool:
        """Whether the database answers."""
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError:
            return False
        return True

    def reset(self) -> int | None:
        """Forget every window; how many there were."""
        with self.engine.begin() as connection:
            return connection.execute(text("DELETE FROM rate_limit_window")).rowcount

    def clear(self, key: str) -> None:
        """Forget the key's window."""
        with self.engine.begin() as connection:
            connection.execute(
                text("DELETE FROM rate_limit_window WHERE caller = :key"), {"key": key}
            )


def caller(*, authorization: bytes | None, client: tuple[str, int] | None) -> str:
    """Whom a request counts for: its key (hashed), else its client's address or /64."""
    if authorization:
        return "key:" + hashlib.sha256(authorization).hexdigest()[:16]
    return "address:" + client_network(client[0] if client else "unknown")


def client_network(host: str) -> str:
    """The address a caller is counted by: an IPv4 address, or an IPv6 address's /64 network
    (one host or home gets a /64, so its addresses share one bucket)."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host
    if not isinstance(address, ipaddress.IPv6Address):
        return host
    if address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(ipaddress.IPv6Network((address, 64), strict=False))
