"""The daemon: settings, the composition root, and the server."""
