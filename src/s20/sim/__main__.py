"""`python -m s20.sim`: serve one virtual node on stdin/stdout, or a unix socket (`--unix`)."""

from __future__ import annotations

from s20.sim.stdio import main

main()
