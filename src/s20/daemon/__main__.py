"""`python -m s20.daemon`: the same as `s20d`."""

from .main import main

main()
