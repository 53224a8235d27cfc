"""Connecting to the sync server: URLs, TLS rule, engines, and errors put into words.

Any host other than this machine needs TLS: ``sslmode`` is set to ``require`` when the URL
does not say, and a weaker one (disable, allow, prefer) is refused before connecting.
Passwords: given in the call (the keyring), else libpq's own PGPASSWORD and ~/.pgpass.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import psycopg
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", ""}
STRONG_SSLMODES = {"require", "verify-ca", "verify-full"}
CONNECT_TIMEOUT_S = 10


class ServerRefused(Exception):
    """The server could not be used; str(error) is one sentence for people."""


@dataclass(frozen=True)
class ServerAddress:
    """A postgresql:// URL taken apart, without its password (safe to remember and show)."""

    user: str
    host: str
    port: int
    database: str
    query: tuple[tuple[str, str], ...]

    @property
    def is_local(self) -> bool:
        return self.host in LOCAL_HOSTS or self.host.startswith("/")

    def url(self) -> str:
        """The URL to remember: no password in it, ever."""
        netloc = f"{quote(self.user, safe='')}@{_host_part(self.host)}:{self.port}"
        return urlunsplit(("postgresql", netloc, f"/{self.database}", urlencode(self.query), ""))

    def with_user(self, user: str) -> ServerAddress:
        return ServerAddress(user, self.host, self.port, self.database, self.query)


def _host_part(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def parse_server_url(url: str) -> tuple[ServerAddress, str | None]:
    """(address, password or None) from ``postgresql://USER[:PASSWORD]@HOST[:PORT]/DB``."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("postgresql", "postgres", "postgresql+psycopg"):
        raise ServerRefused(f"{url!r} is not a postgresql://USER@HOST/DATABASE address")
    try:
        port = parts.port or 5432
    except ValueError as error:
        raise ServerRefused(f"the port in {url!r} is not a number") from error
    database = parts.path.lstrip("/")
    if not parts.username or not database:
        raise ServerRefused(
            f"{_without_password(url)!r} needs a user name and a database: "
            "postgresql://USER@HOST/DATABASE"
        )
    query = dict(parse_qsl(parts.query))
    host = parts.hostname or ""
    address = ServerAddress(parts.username, host, port, database, tuple(sorted(query.items())))
    if not address.is_local:
        mode = query.get("sslmode")
        if mode is None:
            query["sslmode"] = "require"
            address = ServerAddress(
                parts.username, host, port, database, tuple(sorted(query.items()))
            )
        elif mode not in STRONG_SSLMODES:
            raise ServerRefused(
                f"sslmode={mode} is not allowed for {host}: a server on another machine "
                "needs TLS (sslmode=require, verify-ca or verify-full)"
            )
    from urllib.parse import unquote

    password = unquote(parts.password) if parts.password is not None else None
    return address, password


def _without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", "@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def connect_kwargs(address: ServerAddress, password: str | None) -> dict[str, Any]:
    kwargs: dict[str, Any] = {
        "user": address.user,
        "host": address.host or "localhost",
        "port": address.port,
        "dbname": address.database,
        "connect_timeout": CONNECT_TIMEOUT_S,
        "application_name": "studydesk",
        **dict(address.query),
    }
    if password is not None:
        kwargs["password"] = password
    return kwargs


def connect(address: ServerAddress, password: str | None) -> psycopg.Connection[Any]:
    """A psycopg connection, or ServerRefused with the reason in words."""
    try:
        return psycopg.connect(**connect_kwargs(address, password))
    except psycopg.Error as error:
        raise ServerRefused(explain(error, address)) from error


def engine_for(address: ServerAddress, password: str | None) -> Engine:
    """A SQLAlchemy engine over psycopg 3; one connection per use (NullPool): a sync is a
    short conversation, and a dropped connection must not be handed out again."""
    kwargs = connect_kwargs(address, password)
    return create_engine(
        "postgresql+psycopg://",
        poolclass=NullPool,
        connect_args=kwargs,
    )


def explain(error: BaseException, address: ServerAddress | None = None) -> str:
    """One sentence for people: what went wrong talking to the server."""
    where = f"{address.host or 'localhost'}:{address.port}" if address else "the server"
    original = getattr(error, "orig", None) or error
    text = " ".join(str(original).split())
    sqlstate = getattr(original, "sqlstate", None)
    lowered = text.lower()
    if sqlstate == "28P01" or "password authentication failed" in lowered:
        user = address.user if address else "this user"
        return f"the server at {where} refused the password for {user}"
    if "no password supplied" in lowered:
        return f"the server at {where} asks for a password and none was given"
    if sqlstate == "28000" or "no pg_hba.conf entry" in lowered:
        if "no encryption" in lowered or "ssl off" in lowered:
            return f"the server at {where} requires TLS (connect with sslmode=require)"
        return f"the server at {where} does not let this user in ({text})"
    if "server does not support ssl" in lowered:
        return f"the server at {where} does not offer TLS, which this connection requires"
    if "connection refused" in lowered or "could not connect" in lowered:
        return f"the server at {where} cannot be reached (is it running?)"
    if "timeout" in lowered:
        return f"the server at {where} did not answer in time"
    if sqlstate == "42501":
        return f"the server refused: permission denied ({text})"
    if sqlstate == "42P01":  # undefined_table: the server's schema is older than this app
        return (
            f"the server at {where} is set up for an older Study Desk (a table is missing); "
            "whoever runs it should run `studydesk server init` again, which upgrades it"
        )
    if sqlstate == "3D000":
        return f"the database {address.database if address else ''} does not exist at {where}"
    if sqlstate in ("57P01", "57P02", "57P03", "08006", "08003", "08000") or (
        "terminat" in lowered or "closed" in lowered
    ):
        return f"the connection to {where} was lost; nothing was half-saved, sync again"
    return f"the server at {where} said: {text}"
