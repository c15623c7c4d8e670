"""The servers' settings, read from the environment, and the combinations that refuse to start.

Secure by default: both servers listen on 127.0.0.1. A deployment opens them with RASA_HOST and
ACTION_HOST and must then protect what it opens: the REST channel needs REST_TOKEN (or
REST_CHANNEL=off), the action server needs ACTION_SERVER_SECRET. Rasa's HTTP API is on only with
RASA_API_TOKEN or RASA_JWT_SECRET; CORS allows only the origins in CORS_ORIGINS (none by default:
the chat page is served by the Rasa server itself, so it needs none). README, "Security".
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional
from urllib.parse import urlsplit

LOOPBACK = "127.0.0.1"
DEFAULT_RASA_PORT = 5005
DEFAULT_ACTION_PORT = 5055
# Rasa's own default (rasa.core.constants.DEFAULT_LOCK_LIFETIME); Rasa reads TICKET_LOCK_LIFETIME.
DEFAULT_LOCK_LIFETIME = 60
DEFAULT_ACTION_TIMEOUT = 10.0
# After a call that could not reach the action server or timed out, calls fail at once for this
# long: a turn then waits for one time limit, not one per action (see ACTION_CALLS_PER_TURN).
DEFAULT_ACTION_RETRY_AFTER = 15.0
# A turn calls the action server up to this many times in a row when it works (the form's
# validation, its next question, the outcome): their time limits must end before the lock does,
# or a second message of the same conversation would be processed at the same time.
ACTION_CALLS_PER_TURN = 3
MIN_SECRET_LENGTH = 16
# The header that carries ACTION_SERVER_SECRET from the Rasa server to the action server.
ACTION_SECRET_HEADER = "X-Action-Secret"
SECRET_VARIABLES = (
    "REST_TOKEN",
    "ACTION_SERVER_SECRET",
    "RASA_API_TOKEN",
    "RASA_JWT_SECRET",
    "SOCKETIO_JWT_KEY",
    "LOG_REF_KEY",
)
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
OFF_WORDS = frozenset({"off", "false", "no", "0"})
ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$")


class SettingsError(ValueError):
    """A variable that cannot be read (a port that is not a number, ...)."""


@dataclass(frozen=True)
class Settings:
    rasa_host: str = LOOPBACK
    rasa_port: int = DEFAULT_RASA_PORT
    action_host: str = LOOPBACK
    action_port: int = DEFAULT_ACTION_PORT
    action_server_url: str = f"http://{LOOPBACK}:{DEFAULT_ACTION_PORT}/webhook"
    action_secret: Optional[str] = None
    rest_enabled: bool = True
    rest_token: Optional[str] = None
    cors_origins: tuple[str, ...] = ()
    api_token: Optional[str] = None
    jwt_secret: Optional[str] = None
    jwt_method: str = "HS256"
    action_timeout: float = DEFAULT_ACTION_TIMEOUT
    action_retry_after: float = DEFAULT_ACTION_RETRY_AFTER
    lock_lifetime: int = DEFAULT_LOCK_LIFETIME
    log_level: str = "WARNING"
    secrets: Mapping[str, str] = field(default_factory=dict)

    @property
    def api_enabled(self) -> bool:
        return bool(self.api_token or self.jwt_secret)


def read_settings(env: Mapping[str, str]) -> Settings:
    """The settings in `env`; unset or empty variables take the secure defaults."""
    action_port = _number(env, "ACTION_PORT", DEFAULT_ACTION_PORT, int)
    log_level = (env.get("LOG_LEVEL") or "WARNING").strip().upper()
    if log_level not in LOG_LEVELS:
        raise SettingsError(f"LOG_LEVEL={log_level!r} is not one of {', '.join(LOG_LEVELS)}")
    return Settings(
        rasa_host=_text(env, "RASA_HOST") or LOOPBACK,
        rasa_port=_number(env, "RASA_PORT", DEFAULT_RASA_PORT, int),
        action_host=_text(env, "ACTION_HOST") or LOOPBACK,
        action_port=action_port,
        action_server_url=_text(env, "ACTION_SERVER_URL") or f"http://{LOOPBACK}:{action_port}/webhook",
        action_secret=env.get("ACTION_SERVER_SECRET") or None,
        rest_enabled=(_text(env, "REST_CHANNEL") or "on").lower() not in OFF_WORDS,
        rest_token=env.get("REST_TOKEN") or None,
        cors_origins=tuple(origin for origin in re.split(r"[\s,]+", _text(env, "CORS_ORIGINS")) if origin),
        api_token=env.get("RASA_API_TOKEN") or None,
        jwt_secret=env.get("RASA_JWT_SECRET") or None,
        jwt_method=_text(env, "RASA_JWT_METHOD") or "HS256",
        action_timeout=_number(env, "ACTION_TIMEOUT", DEFAULT_ACTION_TIMEOUT, float),
        action_retry_after=_number(env, "ACTION_RETRY_AFTER", DEFAULT_ACTION_RETRY_AFTER, float),
        lock_lifetime=_number(env, "TICKET_LOCK_LIFETIME", DEFAULT_LOCK_LIFETIME, int),
        log_level=log_level,
        secrets={name: env[name] for name in SECRET_VARIABLES if env.get(name)},
    )


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach an address (a host name other than localhost counts as open)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def local_url(host: str, port: int) -> str:
    """Where this machine reaches a server listening on `host` (all interfaces: loopback)."""
    if host in {"0.0.0.0", "::", ""} or is_loopback(host):
        host = LOOPBACK
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def refusals(settings: Settings) -> list[str]:
    """Why these settings must not start, one plain sentence each; empty when they may."""
    problems = []
    if not is_loopback(settings.rasa_host) and settings.rest_enabled and not settings.rest_token:
        problems.append(
            f"RASA_HOST={settings.rasa_host} opens the server beyond this machine with the REST channel "
            "open to anyone: set REST_TOKEN (clients then send 'Authorization: Bearer <token>') "
            "or REST_CHANNEL=off."
        )
    if not is_loopback(settings.action_host) and not settings.action_secret:
        problems.append(
            f"ACTION_HOST={settings.action_host} opens the action server beyond this machine: set "
            "ACTION_SERVER_SECRET (the Rasa server sends it with every call)."
        )
    action_server_host = urlsplit(settings.action_server_url).hostname or ""
    if not is_loopback(action_server_host) and not settings.action_secret:
        problems.append(
            f"ACTION_SERVER_URL points at {action_server_host or 'no host'}, not this machine: set "
            "ACTION_SERVER_SECRET, the same on both servers."
        )
    for origin in settings.cors_origins:
        if not ORIGIN.match(origin):
            problems.append(
                f"CORS_ORIGINS: {origin!r} is not an origin such as https://clinic.example.org "
                "(no '*', no path)."
            )
    for name, value in settings.secrets.items():
        if len(value) < MIN_SECRET_LENGTH:
            problems.append(
                f"{name} is shorter than {MIN_SECRET_LENGTH} characters: use a random one, e.g. "
                "python -c 'import secrets; print(secrets.token_urlsafe(32))'."
            )
    if settings.action_timeout <= 0 or settings.action_retry_after < 0:
        problems.append("ACTION_TIMEOUT must be above 0 seconds and ACTION_RETRY_AFTER 0 or more.")
    elif settings.action_timeout * ACTION_CALLS_PER_TURN >= settings.lock_lifetime:
        problems.append(
            f"ACTION_TIMEOUT={settings.action_timeout:g} s: {ACTION_CALLS_PER_TURN} action calls of one "
            f"turn must end before the conversation's lock does (TICKET_LOCK_LIFETIME="
            f"{settings.lock_lifetime} s), or a second message could be processed at the same time."
        )
    return problems


def rasa_run_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments of rasa.run (rasa.core.run.serve_application) for these settings."""
    options: dict[str, Any] = {
        "interface": settings.rasa_host,
        "port": settings.rasa_port,
        "cors": list(settings.cors_origins) or None,
        "enable_api": settings.api_enabled,
    }
    if settings.api_token:
        options["auth_token"] = settings.api_token
    if settings.jwt_secret:
        options["jwt_secret"] = settings.jwt_secret
        options["jwt_method"] = settings.jwt_method
    return options


def _text(env: Mapping[str, str], name: str) -> str:
    return (env.get(name) or "").strip()


def _number(env: Mapping[str, str], name: str, default: Any, kind: type) -> Any:
    raw = _text(env, name)
    if not raw:
        return default
    try:
        return kind(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a number") from None
