"""Labels become people: the full name and role a transcript gives for `MS. JEAN-PIERRE:`, from its own words.

A label names a surname with an honorific or a title (`MS. YOUNG`, `DIRECTOR YOUNG`, `PRESIDENT DUDA`) or
a role alone (`THE PRESIDENT`). The transcript says who that is in three places, trusted in this order:
its title and front matter ("Press Briefing by Press Secretary Karine Jean-Pierre and …"), the lines
before the first turn, and the officials' and moderators' own introductions ("…the Director of the
National Economic Council, Lael Brainard"). A mention there counts when it is a given name next to the
surname, and, outside the title, a role beside it: "Hunter Biden" in an answer names nobody's label.
Korean and Japanese names put the given name after the surname ("President Yoon Suk Yeol").

Labels whose mentions agree on one full name become that person, so `DIRECTOR YOUNG` and `MS. YOUNG`
are one speaker, "Shalanda Young"; where the evidence is split or missing the label's own form stays.
`THE PRESIDENT` becomes the one "President X" the title names (never a guess across presidents: the
2020 page's title names President Trump, the 2023 press conference's President Biden).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import CONNECTORS, HONORIFICS, NOT_A_NAME, ROLE_HEADS, is_name_word

_TITLES = (
    "vice president", "prime minister", "first lady", "deputy secretary", "secretary", "director",
    "administrator", "chairwoman", "chairman", "chair", "representative", "senator", "governor", "coach",
    "president", "ambassador", "admiral", "general", "mayor", "minister", "commissioner", "leader", "speaker",
)  # fmt: skip
_TOKEN = re.compile(r"[^\s]+")
_CLAUSE_END = (".", "?", "!", ":", ";", "|", "—", "–")
_ROLE_CONNECTORS = CONNECTORS | {"to", "and", "on"}  # "Senior Advisor to the President for ..."
_QUOTES = "“”\"‘"
_WEIGHTS = (3, 2, 1)  # title and front matter, the lines before the first turn, the turns' words


@dataclass
class Person:
    name: str
    role: str | None


@dataclass
class _Label:
    title: str | None  # "Director", "Ms.", "President"; None for a name already whole ("Nick Timiraos")
    surname: str | None  # None for a role alone ("The President")


def split_label(name: str) -> _Label | None:
    """'Ms. Jean-Pierre' -> (Ms., Jean-Pierre); 'The President' -> (President, None); a bare name -> None."""
    words = name.split()
    if len(words) >= 2 and words[0].lower() == "the":
        return _Label(" ".join(words[1:]), None)
    if words and words[0].rstrip(".").lower() in HONORIFICS and len(words) >= 2:
        return _Label(words[0], " ".join(words[1:]))
    lower = name.lower()
    for title in _TITLES:
        if lower.startswith(title + " ") and len(words) > len(title.split()):
            return _Label(name[: len(title)], name[len(title) + 1 :])
    return None


def resolve(names: list[str], title: str, preamble: list[str], spoken: list[str]) -> dict[str, Person]:
    """Each label-form name that the transcript's words resolve, mapped to the person."""
    sources = [[title], preamble, spoken]
    found: dict[str, Person] = {}
    for name in dict.fromkeys(names):
        label = split_label(name)
        if label is None:
            continue
        person = _role_alone(label, title) if label.surname is None else _by_surname(label, sources)
        if person:
            found[name] = person
    return found


def _role_alone(label: _Label, title: str) -> Person | None:
    """'The President' is the President the title names, when it names exactly one."""
    role = label.title
    pattern = re.compile(rf"(?<![\w-])(?<!Vice ){re.escape(role)}\s+((?:[A-Z][\w’'.-]+\s?){{1,3}})")
    named = set()
    for match in pattern.finditer(title):
        words = [w for w in match[1].split() if is_name_word(w.rstrip(",")) or w.rstrip(",").istitle()]
        words = words[: next((i + 1 for i, w in enumerate(words) if w.endswith(",")), len(words))]
        if words and all(w.rstrip(",")[0].isupper() for w in words) and words[0].rstrip(",").lower() not in NOT_A_NAME:
            named.add(" ".join(w.rstrip(",") for w in words))
    if len(named) != 1:
        return None
    return Person(f"{role} {named.pop()}", None)  # the role is in the name already


def _by_surname(label: _Label, sources: list[list[str]]) -> Person | None:
    votes: dict[str, int] = {}
    roles: dict[str, tuple[int, str]] = {}
    for weight, texts in zip(_WEIGHTS, sources):
        for text in texts:
            for given, surname, role, after in _mentions(text, label.surname):
                if not given or (weight == 1 and not role):
                    continue
                full = f"{surname} {given}" if after else f"{given} {surname}"
                votes[full] = votes.get(full, 0) + weight
                if role and weight > roles.get(full, (0, ""))[0]:
                    roles[full] = (weight, role)
    if not votes:
        return None
    ranked = sorted(votes, key=votes.get, reverse=True)
    if len(ranked) > 1 and votes[ranked[0]] == votes[ranked[1]]:
        return None  # two people of that surname, equally well attested: the label stays as printed
    best = ranked[0]
    return Person(best, roles.get(best, (0, None))[1])


def _mentions(text: str, surname: str):
    """(given name, surname as written, role, given-after-surname) for each capitalised mention of the surname."""
    pattern = re.compile(rf"(?<![\w’'-]){re.escape(surname)}(?![\w’'-])", re.I)
    for match in pattern.finditer(text):
        written = match.group()
        if not written[0].isupper():
            continue
        before = _TOKEN.findall(text[max(0, match.start() - 240) : match.start()])
        given, rest = _given_before(before)
        role = _role_before(rest, comma_ok=bool(given))
        after = False
        if not given and role:  # "President Yoon Suk Yeol of the Republic of Korea"
            given = _given_after(text[match.end() : match.end() + 80])
            after = bool(given)
        role = _with_role_after(role, text[match.end() : match.end() + 160], given, after)
        if given:
            yield given, written, role, after


def _given_before(tokens: list[str]) -> tuple[str | None, list[str]]:
    """Up to two name words right before the surname, then what precedes them."""
    words: list[str] = []
    i = len(tokens)
    while i and len(words) < 3:
        token = tokens[i - 1]
        if token.endswith(",") or token.endswith(_CLAUSE_END) and not re.fullmatch(r"[A-Z]\.", token):
            break
        if not (is_name_word(token) or re.fullmatch(r"[A-Z]\.", token)):
            break
        words.insert(0, token)
        i -= 1
    if len(words) == 3:  # three capitalised words before a surname: an office's name, not a given name
        return None, tokens
    rest = tokens[:i]
    if words and rest and rest[-1].lower() in ("of", "for"):  # "Secretary of Education Miguel": the office's word
        rest, words = rest + words[:1], words[1:]
    while rest and rest[-1].rstrip(".").lower() in HONORIFICS:  # "Advisor Dr. Elizabeth Sherwood-Randall"
        rest = rest[:-1]
    return (" ".join(words) or None), rest


def _role_before(tokens: list[str], comma_ok: bool) -> str | None:
    """The capitalised run before a name that holds a role word: "Press Secretary", "Director of the NEC,"."""
    words: list[str] = []
    backwards = list(reversed(tokens))
    for i, token in enumerate(backwards):
        bare = token.rstrip(",")
        if i and token.endswith(_CLAUSE_END + (",",)) or any(q in token for q in _QUOTES):
            break
        if token.endswith(",") and not (i == 0 and comma_ok):
            break
        if not (bare[:1].isupper() or bare in _ROLE_CONNECTORS):
            break
        previous = backwards[i + 1] if i + 1 < len(backwards) else ""
        if bare == "and" and (is_name_word(previous.rstrip(",")) or previous.endswith(",")):
            break  # "Press Secretary Karine Jean-Pierre and FEMA Administrator": the role of the next person
        words.insert(0, bare)
    while words and (words[0] in _ROLE_CONNECTORS or words[0].rstrip(".").lower() in HONORIFICS):
        words = words[1:]
    if not any(w.lower() in ROLE_HEADS for w in words):
        return None
    return " ".join(words)


def _given_after(text: str) -> str | None:
    """Given names printed after the surname ("Suk Yeol"), up to a lower-case word or punctuation."""
    words = []
    for token in _TOKEN.findall(text)[:3]:
        bare = token.rstrip(",.")
        if not is_name_word(bare):
            break
        words.append(bare)
        if bare != token:
            break
    return " ".join(words[:2]) or None


def _with_role_after(role: str | None, text: str, given: str | None, after: bool) -> str | None:
    """A role given after the name: "… Andrzej Duda of Poland", "Lael Brainard, the Director of …"."""
    if given and not role:
        words = r"(?:[A-Z][\w’'-]*|of|the|for|and)"
        appositive = re.match(rf",\s+(?:the|our|my)\s+({words}(?:\s+{words}){{0,9}})", text)
        if appositive and any(w.lower() in ROLE_HEADS for w in appositive[1].split()):
            return re.sub(r"(\s+(?:of|the|for|and))+$", "", appositive[1])
        return None
    if role and given:
        skip = re.escape(given) if after else ""
        place = re.match(rf"\s*{skip}\s+of\s+((?:the\s+)?[A-Z][\w’'-]+(?:\s+of\s+(?:the\s+)?[A-Z][\w’'-]+)?)", text)
        if place:
            return f"{role} of {place[1]}"
    return role
