"""Podium's tests, one folder per room (ingest, index, chat, app, eval), each test file named after the module it tests."""
