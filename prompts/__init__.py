"""The LLM answerer's prompt templates, shipped as package data so that any install can read them."""

from __future__ import annotations

from importlib.resources import files


def read_prompt(name: str) -> str:
    """The text of prompts/NAME (e.g. "answer_system.txt")."""
    return files(__name__).joinpath(name).read_text(encoding="utf-8")
