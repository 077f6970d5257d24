"""The device's behaviour: rules, state machines, timers and persistence, per area."""
