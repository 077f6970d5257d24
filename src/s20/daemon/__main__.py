"""`python -m s20.daemon`: the same as `s20d`."""

from s20.entry import s20d

s20d()
