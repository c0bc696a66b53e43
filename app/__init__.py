"""App: the shells over one engine: the `podium` CLI, the HTTP API, the server that mounts the API and the web UI."""
