"""Evaluation sets and the runner; uses the chat engine's public API only."""
