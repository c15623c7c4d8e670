"""Starts a server with the settings read from the environment (serving/settings.py).

  serve.py check     refuses unsafe settings (exit 1, with the reasons); prints where this
                     machine reaches the Rasa server and the action server
  serve.py actions   the action server on ACTION_HOST, checking ACTION_SERVER_SECRET when set
  serve.py rasa      the Rasa server on RASA_HOST, with its run files written to RUN_DIR (.run)
  serve.py shell     `rasa shell`, on loopback

Every command refuses unsafe settings first. Tokens reach Rasa inside this process, never on a
command line that `ps` shows. Files are created readable by their owner only (umask 077).
Called by scripts/run.sh, after scripts/with_dotenv.py has added the variables of .env.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from pathlib import Path

import yaml

from scripts import render_credentials, render_endpoints
from serving.private_files import PRIVATE_DIR, make_private, write_private
from serving.settings import (
    LOOPBACK,
    Settings,
    SettingsError,
    local_url,
    rasa_run_options,
    read_settings,
    refusals,
)

MODEL = os.environ.get("MODEL") or "models/hamstring.tar.gz"
# Sanic's own limit for any request body (its default is 100 MB); the REST channel's is lower.
REQUEST_MAX_BYTES = 1_000_000


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command not in {"check", "actions", "rasa", "shell"}:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        settings = read_settings(os.environ)
    except SettingsError as error:
        print(f"refusing to start: {error}", file=sys.stderr)
        return 1
    problems = refusals(settings)
    for problem in problems:
        print(f"refusing to start: {problem}", file=sys.stderr)
    if problems:
        return 1
    os.umask(0o077)
    os.environ.setdefault("SANIC_REQUEST_MAX_SIZE", str(REQUEST_MAX_BYTES))
    if command == "check":
        print(
            local_url(settings.rasa_host, settings.rasa_port),
            local_url(settings.action_host, settings.action_port),
        )
    elif command == "actions":
        serve_actions(settings)
    else:
        endpoints, credentials = write_run_files(settings, Path(os.environ.get("RUN_DIR") or ".run"))
        if command == "shell":
            os.execv(
                ".venv/bin/rasa",
                ["rasa", "shell", "--model", MODEL, "--endpoints", str(endpoints), "--interface", LOOPBACK],
            )
        serve_rasa(settings, endpoints, credentials)
    return 0


def write_run_files(settings: Settings, run_dir: Path) -> tuple[Path, Path]:
    """.run/endpoints.yml and .run/credentials.yml for these settings, both 0600."""
    env = {**os.environ, "ACTION_SERVER_URL": settings.action_server_url}
    endpoints = render_endpoints.render(_yaml(Path("endpoints.yml")), env)
    for channel, unset in render_credentials.incomplete(env).items():
        print(f"warning: {channel} stays off, not set: {', '.join(unset)}", file=sys.stderr)
    credentials = render_credentials.render(_yaml(Path("credentials.yml")), env)
    run_dir.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    write_private(run_dir / "endpoints.yml", yaml.safe_dump(endpoints, sort_keys=False))
    write_private(run_dir / "credentials.yml", yaml.safe_dump(credentials, sort_keys=False))
    store = endpoints.get("tracker_store") or {}
    if store.get("dialect") == "sqlite" and store.get("db"):
        database = Path(store["db"])
        database.parent.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        make_private(database)  # one created before files were private
    return run_dir / "endpoints.yml", run_dir / "credentials.yml"


def serve_actions(settings: Settings) -> None:
    # The action server runs no TensorFlow, but thinc (under spaCy) imports it when it is installed:
    # half of this server's start. Marked as absent, it is not imported; thinc goes on without it.
    sys.modules.setdefault("tensorflow", None)
    from rasa_sdk.__main__ import main_from_args
    from rasa_sdk.endpoint import create_argument_parser
    from rasa_sdk.plugin import plugin_manager

    from serving.action_server_guard import ActionServerGuard

    os.environ["SANIC_HOST"] = settings.action_host  # rasa-sdk's own setting; its default is 0.0.0.0
    plugin_manager().register(ActionServerGuard(settings.action_secret))
    args = create_argument_parser().parse_args(["--actions", "actions", "--port", str(settings.action_port)])
    args.loglevel = getattr(logging, settings.log_level)
    main_from_args(args)


def adjust_rasa() -> None:
    """This project's replacements of Rasa 3.6 internals, made before a model is loaded: by the
    Rasa server, and by the speed profile (scripts/bench_speed.py), so it measures what runs."""
    from rasa_addons import action_response_check
    from rasa_addons.model_loading import use_inference_load

    action_response_check.install()  # the action server's answers checked with a validator built once
    use_inference_load()  # no one-example training step per classifier at start (about 5 s)


def serve_rasa(settings: Settings, endpoints: Path, credentials: Path) -> None:
    import rasa
    import rasa.utils.io
    import rasa.utils.tensorflow.environment as tf_env
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    from rasa_addons.faults import agent_configurator

    # Rasa's lock store reads its lifetime here; the settings checked the action timeout against it.
    os.environ["TICKET_LOCK_LIFETIME"] = str(settings.lock_lifetime)
    level = getattr(logging, settings.log_level)
    # What `rasa run` does before serving (rasa/__main__.py), then rasa.run with a listener.
    configure_logging_and_warnings(level, warn_only_once=True, filter_repeated_logs=True)
    tf_env.setup_tf_environment()
    rasa.utils.io.configure_colored_logging(level)
    configure_structlog(level)
    adjust_rasa()
    require_store_class(_yaml(endpoints))
    rasa.run(
        model=MODEL,
        endpoints=str(endpoints),
        credentials=str(credentials),
        server_listeners=[
            (agent_configurator(settings.action_timeout, settings.action_retry_after), "after_server_start"),
            (freeze_loaded_objects, "after_server_start"),
        ],
        **rasa_run_options(settings),
    )


async def freeze_loaded_objects(app: object, loop: object) -> None:
    """Moves everything loaded so far (the model, TensorFlow, spaCy: about 500,000 objects) out of
    the garbage collector's reach. A full collection over them took 244 ms on this machine, and it
    runs at some point while serving, stalling every conversation in flight; after the freeze it
    takes under 1 ms. Runs after Rasa's own start-up listeners, which load the model."""
    gc.collect()
    gc.freeze()


def require_store_class(endpoints: dict) -> None:
    """Fails the start when the configured conversation store class cannot be loaded: Rasa would
    fall back to an in-memory store with only a warning, and lose every conversation on restart."""
    store_type = str((endpoints.get("tracker_store") or {}).get("type") or "")
    if "." not in store_type:
        return  # one of Rasa's own store names
    from rasa.shared.utils.common import class_from_module_path

    try:
        class_from_module_path(store_type)
    except (ImportError, AttributeError) as error:
        raise SystemExit(f"Conversation store {store_type!r} cannot be loaded: {error}") from None


def _yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


if __name__ == "__main__":
    sys.exit(main(sys.argv))
