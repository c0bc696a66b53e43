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


# Honorifics and titles a label or a mention puts before a surname ("MS. JEAN-PIERRE", "Secretary Mayorkas").
HONORIFICS = frozenset({"mr", "ms", "mrs", "mx", "dr", "prof", "madam", "sir"})
# Words that head a role ("Press Secretary", "Director of the ...", "President of Poland"): never a given name.
ROLE_HEADS = frozenset({
    "secretary", "director", "advisor", "adviser", "coordinator", "chair", "chairman", "chairwoman",
    "administrator", "spokesperson", "spokesman", "spokeswoman", "member", "president", "minister",
    "governor", "representative", "senator", "congressman", "congresswoman", "ambassador", "official",
    "counselor", "counsel", "envoy", "commissioner", "general", "admiral", "chief", "leader", "speaker",
    "mayor", "coach", "assistant", "deputy", "principal", "senior", "press", "head", "officer", "attorney",
    "lady", "king", "queen", "chancellor", "premier", "prince", "princess", "emir", "vice", "prime",
    "special", "cast", "aide", "moderator", "commander", "senators", "secretaries", "ministers", "executive",
    "professor",
})  # fmt: skip
# Capitalised words of offices and organisations inside a role ("NSC Coordinator for Strategic Communications").
ORG_WORDS = frozenset({
    "council", "communications", "strategic", "national", "security", "economic", "economics", "homeland",
    "policy", "domestic", "innovation", "energy", "clean", "engagement", "public", "office", "management",
    "budget", "house", "white", "gender", "infrastructure", "implementation", "climate", "international",
    "education", "agriculture", "treasury", "health", "human", "services", "state", "defense", "justice",
    "commerce", "labor", "transportation", "interior", "affairs", "veterans", "development", "department",
    "agency", "administration", "federal", "reserve", "board", "committee", "staff", "cabinet", "task",
    "force", "response", "united", "states", "republic", "kingdom", "europe", "operations", "legislative",
    "intergovernmental", "digital", "science", "technology", "cyber", "global", "advisers", "advisors",
    "emergency", "american", "military", "nsc", "omb", "cea", "fema", "g7", "g20", "nato", "un", "eu",
    "news", "times", "post", "journal", "television", "radio", "network", "tv",  # "Tajiri, Kyodo News."
})  # fmt: skip
# Words that open a reporter's turn and are never their name ("Thanks, Chair Powell.").
GREETINGS = frozenset({
    "hi", "hello", "hey", "thanks", "thank", "yes", "yeah", "okay", "ok", "so", "well", "sure", "good",
    "great", "please", "sorry", "follow", "question", "quick", "just", "also", "again", "right", "all",
    "happy", "merry", "congratulations", "welcome",
})  # fmt: skip


def is_name_word(word: str) -> bool:
    """A word that can be part of a person's name: capitalised, not a title, role, office or greeting."""
    bare = word.rstrip(".")
    if not bare or not bare[0].isupper() or not _WORD.match(word):
        return False
    if len(bare) > 1 and bare.isupper() and "-" not in bare:  # OMB, NSC, FEMA: offices, not names
        return False
    lower = bare.lower()
    return not ({lower} & (HONORIFICS | ROLE_HEADS | ORG_WORDS | GREETINGS | NOT_A_NAME | ROLE_WORDS | _CALENDAR))


_CALENDAR = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})  # fmt: skip
