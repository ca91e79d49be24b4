"""`kb ui`: start the Streamlit app over a knowledge base (a thin launcher, no UI code here)."""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

from kb.settings import KB_DIR_ENV, kb_dir
from kb.store import Store

DEFAULT_PORT = 8501


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `kb ui` on the `kb` parser."""
    ui = commands.add_parser(
        "ui", parents=[common], help="open the app in the browser (Streamlit)",
        description="Start the Dutch web app (search, letters, timeline, commitments, motions, "
        "figures, network) over the knowledge base, on http://127.0.0.1:PORT.",
    )  # fmt: skip
    ui.add_argument("--port", type=int, default=DEFAULT_PORT, metavar="N",
                    help=f"the port to listen on (default {DEFAULT_PORT})")  # fmt: skip
    ui.add_argument("--host", default="127.0.0.1", metavar="ADDR",
                    help="the address to listen on (default 127.0.0.1: this machine)")  # fmt: skip
    ui.set_defaults(run=run_ui)


def app_path() -> Path:
    """The app's entry script, found without importing the UI (kb never imports ui)."""
    spec = importlib.util.find_spec("ui")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the ui package is not installed; run `make install`")
    return Path(next(iter(spec.submodule_search_locations))) / "app.py"


def streamlit_command(app: Path, host: str, port: int) -> list[str]:
    """The `streamlit run` command line for the app."""
    return [
        sys.executable, "-m", "streamlit", "run", str(app),
        "--server.address", host, "--server.port", str(port), "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--global.developmentMode", "false",
        "--client.toolbarMode", "viewer",
    ]  # fmt: skip


def run_ui(args: argparse.Namespace) -> int:
    """`kb ui`: check the KB exists, then hand the process over to Streamlit."""
    directory = kb_dir(args.kb).resolve()
    Store.open(directory, create=False).close()  # NoKnowledgeBase -> a helpful CLI error
    os.environ[KB_DIR_ENV] = str(directory)
    command = streamlit_command(app_path(), args.host, args.port)
    print(f"kb ui: http://{args.host}:{args.port} over {directory}", file=sys.stderr, flush=True)
    os.execv(command[0], command)
    return 0  # not reached: execv replaces this process



