"""`python -m s20.sim`: serve one virtual node on stdin/stdout, or a unix socket (`--unix`).

On stdin/stdout the node is a bare `ot-cli-ftd`, on a unix socket otbr-agent with border
routing; `--border-router` / `--no-border-router` choose otherwise (see `s20.sim.stdio`).
"""

from __future__ import annotations

from s20.sim.stdio import main

main()
