"""Does a label look like a person's name or a role? The test the parsers apply before believing a label.

A line such as "We focus on three things:" or "Look:" ends in a colon as a speaker header does; a name is
a few capitalised words (with the lower-case particles names and titles carry), or one role word.
"""

from __future__ import annotations

import re

# Lower-case words inside names and titles ("Minister of Foreign Affairs", "van der Berg").
CONNECTORS = frozenset({"of", "the", "and", "for", "de", "da", "van", "von", "der", "bin", "al", "la", "le"})
# Capitalised words that open sentences, never names.
NOT_A_NAME = frozenset({
    "a", "an", "the", "i", "we", "our", "you", "your", "he", "she", "it", "its", "they", "their",
    "this", "that", "these", "those", "there", "here", "in", "on", "at", "to", "for", "with", "as",
    "and", "but", "or", "so", "if", "what", "how", "why", "when", "where", "which", "who",
})  # fmt: skip
# One-word labels worth believing; any other one-word label ("However:", "Thanks:") is prose.
ROLE_WORDS = frozenset({
    "moderator", "host", "presenter", "anchor", "emcee", "operator", "interpreter", "narrator",
    "spokesperson", "spokesman", "spokeswoman", "chair", "chairman", "chairwoman", "reporter",
    "correspondent", "journalist", "questioner", "question",
})  # fmt: skip
_WORD = re.compile(r"^[\w.'’&/-]+$")


def looks_like_name(name: str, max_words: int = 6, capitals: bool = False) -> bool:
    """A role word alone, or 2..max_words capitalised words; `capitals`: an ALL-CAPS label counts too
    (captions print "MS. LEAVITT:" and "Q:")."""
    words = name.split()
    if not 1 <= len(words) <= max_words:
        return False
    if capitals and name.isupper():
        return True
    if len(words) == 1:
        return words[0].lower() in ROLE_WORDS
    return capitalised(words)


def capitalised(words: list[str]) -> bool:
    """Every word capitalised or a connector ("van", "of"), and the first no sentence opener."""
    if words[0].lower() in NOT_A_NAME:
        return False
    return all(
        _WORD.match(word) and (word[0].isupper() or word[0].isdigit() or word in CONNECTORS) for word in words
    )
