"""What every `s20ctl` command shares: the device it talks to, and how it prints."""

from __future__ import annotations

from typing import Any

import click
from rich.console import Console

from ._client import S20Client

__all__ = ["Target", "console", "print_json"]

console = Console(soft_wrap=True)


def print_json(result: Any) -> None:
    """Print an API result as JSON (pretty on a terminal, plain in a pipe)."""
    console.print_json(data=result)


class Target:
    """The device named by `--url`, and the password to log in with."""

    def __init__(self, url: str, password: str | None) -> None:
        self.url = url
        self.password = password

    def client(self, *, login: bool = True) -> S20Client:
        """Return a client, logged in unless told otherwise (prompting for the password)."""
        client = S20Client(self.url)
        if login:
            password = self.password or click.prompt("Password", hide_input=True)
            client.login(password)
        return client
