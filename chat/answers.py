"""Answers made of quotes: what someone said about a topic, every mention of it, or a refusal that says
who did speak on it. The engine (chat.engine) finds the evidence; this module chooses and composes.

Quotes lead with a sentence that says something: a short fragment that only names the topic follows a
fuller one, never opens the answer. A question that reaches across several briefings is answered
across them, each quote dated, and the answer says how many briefings spoke to it; a question about
how a position changed is answered in date order.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from index.chunks import chunk_meta
from index.keyword import terms
from ingest.sentences import sentences

from .compose import attribution, chunk_citation, quote_answer
from .contract import Answer
from .formatting import long_date
from .question import about_speech, counts_occasions
from .topic import Topic, term_set

if TYPE_CHECKING:
    from .engine import Ask, Engine
    from .evidence import Evidence

CONTENT_KINDS = ("answer", "remark", "moderator")
RETRIEVED = 8  # chunks retrieved per question; each "what else" reaches as far again
PARAPHRASE = 0.5  # the cosine of a sentence that says in other words a topic word no transcript uses
SELECTED = 0.75  # quotes are the best-ranked sentences at least this share as strong as the bar (chat.engine)
# ... and at least this share as strong as the best of them: beside a strong answer a weak sentence is padding
# that cites a turn the question is not about (fitted on the tuning sets: 0.4 lost no hit, 0.5 lost one)
NEAR_BEST = 0.4
MIN_WORDS = 3  # a quote says something: "Oh, goodness.", "(Laughter.)" answer nothing on their own
COVER = 0.5  # the share of the topic's weight a transcript's chunk must carry to count it as speaking of the topic
MAX_SENTENCES = 3
MAX_CHANGES = 5  # briefings quoted, in date order, for "how has X's position changed"
MAX_MENTIONS = 25  # mentions quoted in full; the answer counts the rest
PHRASE_TERMS = 3  # a topic of this many words or fewer is a phrase to find as said
FILLER = 4.0  # a sentence saying less than this beyond the topic's words mostly names it (chat.evidence)


def said(engine: Engine, job: Ask) -> Answer:
    u = job.understood
    if u.unknown:
        text = f"No one called {u.unknown} speaks in the indexed transcripts."
        return Answer(question=u.question, answer=text, refused=True)
    kinds = ("question",) if engine.asks_mostly(u.speakers) else None
    figures = u.intent == "figure"
    # "When will the Games be held?" wants a sentence that says when; "When did she mention them?",
    # the time the quote was said, which every citation carries
    times = u.intent == "when" and not about_speech(u.question)
    # "What else": each earlier answer is chosen again as it was (from as deep a retrieval) and its quotes
    # left out of the next, so a follow-up never repeats what the reader has already been shown
    bar = engine.bar(job)
    shown: set[tuple] = set()
    for page in range(u.again + 1):
        evidence = engine.evidence(
            job, u.speakers, **({"kinds": kinds} if kinds else {}), figures=figures, depth=RETRIEVED * (page + 1),
            carrying=True,
        )  # fmt: skip
        if not kinds:  # an official's question ("Will Joe Biden announce a reelection bid?") answers nothing
            evidence = [e for e in evidence if not e.asks]
        chosen = _choose(job, _distinct(evidence), shown, bar, figures, times)
        shown |= {e.key for e in chosen}
    if not chosen:
        return refuse(engine, job)
    if engine.llm:
        return _generated(engine, u.question, chosen)
    text, citations = quote_answer(chosen)
    return Answer(question=u.question, answer=_across(engine, job, text), refused=False, citations=citations)


def _choose(
    job: Ask, evidence: list[Evidence], shown: set[tuple], bar: float, figures: bool, times: bool
) -> list[Evidence]:
    """The quotes of one answer from the evidence, leaving out the sentences already shown, best first:
    none unless one reaches the bar (the speakers did not address the topic)."""
    evidence = [e for e in evidence if e.key not in shown]
    if job.understood.speakers and not job.topic.weights:
        return evidence[:2]  # no topic: the speaker's most relevant words
    # a topic word no transcript uses ("nuclear" of "nuclear power") is said, if at all, in other words:
    # the sentence that reaches the bar must then mean what was asked, not share its other words
    meant = PARAPHRASE if job.topic.unseen else 0.0
    # the answer is of the type asked: a figure question is answered by a sentence with a figure
    counts = counts_occasions(job.understood.question)
    fitting = [
        e for e in evidence
        if (not figures or (e.figure(counts) and _near_topic(e, job.topic))) and (e.timed or not times) and e.words >= MIN_WORDS
    ]  # fmt: skip
    if not any(e.strength >= bar and e.cosine >= meant for e in fitting):
        return []
    floor = max(SELECTED * bar, NEAR_BEST * max((e.strength for e in fitting), default=0.0))
    addressed = [e for e in fitting if e.strength >= floor]
    return _by_date(addressed) if job.understood.intent == "change" else _lead(addressed, shown)


def _near_topic(e: Evidence, topic: Topic) -> bool:
    """Whether the sentence or one beside it carries some of the topic: a figure in a chunk about the
    topic may count something else ("foreign trade … increased by 12.3%" to "how many tourists")."""
    return not topic.weights or any(topic.coverage(term_set(text)) > 0 for text in e.near())


def refuse(engine: Engine, job: Ask) -> Answer:
    u, topic = job.understood, job.topic
    subject = topic.text or "this"
    at = f" at {job.described}" if job.described else ""
    never = "".join(f" No indexed transcript uses the word “{word}”." for word in topic.unseen)
    if not u.speakers:
        text = f"The indexed transcripts don't say anything about {subject}{at}.{never}"
        return Answer(question=u.question, answer=text, refused=True)
    named = " or ".join(u.speakers)
    text = f"{named} did not talk about {subject}{at or ' in the indexed transcripts'}"
    others = _lead([e for e in _distinct(engine.others(job)) if e.strength >= engine.relevant])
    if not others:
        return Answer(question=u.question, answer=f"{text}.{never}", refused=True)
    body, citations = quote_answer(others)
    who = others[0].meta.speaker
    return Answer(question=u.question, answer=f"{text}; {who} did:\n\n{body}", refused=True, citations=citations)


def mentions(engine: Engine, job: Ask) -> Answer:
    """Every sentence that carries the topic's words, in the order said, within the scope and speakers."""
    u, topic = job.understood, job.topic
    view = engine.store.view()
    filters = replace(job.scope, speakers=tuple(u.speakers), kinds=CONTENT_KINDS if not u.speakers else ())
    phrase = len(terms(topic.text)) <= PHRASE_TERMS
    rows = view.keyword.carrying(topic.weights, 1.0 if phrase else COVER, filters.mask(view.keyword.columns))
    ids = [view.keyword.ids[r] for r in rows]
    nodes = engine.store.vectors.get_nodes(node_ids=ids) if ids else []
    found: list[tuple[tuple, str, object]] = []
    for node in nodes:
        meta = chunk_meta(node)
        for sentence in _sentences_with(node.text, topic, phrase):
            found.append(((meta.date or "", meta.transcript_id, meta.turn_index, node.text.find(sentence)), sentence, meta))
    if not found:  # nothing says it in so many words: what was said on it, if anything
        return said(engine, job)
    found.sort(key=lambda f: f[0])
    shown = found[:MAX_MENTIONS]
    citations = [chunk_citation(i + 1, meta, sentence) for i, (_, sentence, meta) in enumerate(shown)]
    lines = [f'{attribution(meta)}: "{c.quote}" [{c.n}]' for (_, _, meta), c in zip(shown, citations)]
    briefings = len({key[1] for key, _, _ in found})
    head = f"{_count(len(found), 'mention')} of {topic.text} in {_count(briefings, 'transcript')}"
    if len(found) > MAX_MENTIONS:
        head += f"; the first {MAX_MENTIONS} are quoted, {len(found) - MAX_MENTIONS} more are not shown"
    return Answer(question=u.question, answer="\n".join([f"{head}:", *lines]), refused=False, citations=citations)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _sentences_with(text: str, topic: Topic, phrase: bool) -> list[str]:
    """The sentences that mention the topic. phrase: its words in its order ("inflation expectations",
    not "expectations of inflation"), stop words and word endings aside; else the sentences that carry
    COVER of its weight (a longer topic is described, not quoted: "put a number on the refugees")."""
    if not phrase:
        return [s for s in sentences(text) if topic.coverage(term_set(s)) >= COVER]
    wanted = terms(topic.text)
    n = len(wanted)
    return [s for s in sentences(text) if any(t[i : i + n] == wanted for t in [terms(s)] for i in range(len(t) - n + 1))]


def _distinct(evidence: list[Evidence]) -> list[Evidence]:
    """One evidence per sentence: a turn retrieved twice (by its words and by its question) counts once."""
    seen: set = set()
    out = []
    for e in evidence:
        if e.key not in seen:
            seen.add(e.key)
            out.append(e)
    return out


def _lead(addressed: list[Evidence], shown: set[tuple] = frozenset()) -> list[Evidence]:
    """The first MAX_SENTENCES. The best is quoted with the sentence after it in its paragraph: a reply
    often takes up the question's words in one sentence and gives its figure or its point in the next.
    So is one that mostly names the topic ("gas prices at all-time highs, and things like that"), whose
    next sentence says what the speaker made of it. A sentence shown already is not quoted again."""
    chosen = addressed[:MAX_SENTENCES]
    keys = {e.key for e in chosen} | shown
    out = []
    for e in chosen:
        out.append(e)
        after = e.following() if (e.info < FILLER or e is chosen[0]) else None
        if after is not None and after.key not in keys:
            keys.add(after.key)
            out.append(after)
    return out


def _by_date(addressed: list[Evidence]) -> list[Evidence]:
    """The best sentence of each briefing, in date order (the most relevant briefings kept)."""
    best: dict[str, Evidence] = {}
    for e in addressed:
        best.setdefault(e.meta.transcript_id, e)
    kept = list(best.values())[:MAX_CHANGES]
    return sorted(kept, key=lambda e: (e.meta.date or "", e.meta.transcript_id))


def _across(engine: Engine, job: Ask, text: str) -> str:
    """When the question names no date and the topic's words come up in several transcripts (by the
    speakers asked about, if any), the answer says in how many and over what dates."""
    u, topic = job.understood, job.topic
    if job.described or not topic.weights:
        return text
    view = engine.store.view()
    filters = replace(job.scope, speakers=tuple(u.speakers), kinds=() if u.speakers else CONTENT_KINDS)
    rows = view.keyword.carrying(topic.weights, COVER, filters.mask(view.keyword.columns))
    held = {view.keyword.columns["transcript_id"][r] for r in rows}
    dates = sorted(e.date for e in engine.store.transcripts() if e.id in held and e.date)
    if len(held) < 2 or not dates:
        return text
    who, verb = (" or ".join(u.speakers), "spoke") if u.speakers else ("The transcripts", "speak")
    span = f"from {long_date(dates[0])} to {long_date(dates[-1])}"
    return f"{who} {verb} of {topic.text} in {len(held)} transcripts, {span}; the most relevant quotes:\n\n{text}"


def _generated(engine: Engine, question: str, chosen: list[Evidence]) -> Answer:
    """The LLM writes from the chunks holding the chosen sentences; what fails verification falls back."""
    nodes = list({e.node.node.node_id: e.node.node for e in chosen}.values())
    sources = [chunk_citation(i + 1, chunk_meta(node), node.text) for i, node in enumerate(nodes)]
    generated = engine.llm.answer(question, sources)
    if not generated.refused:
        return generated
    # Nothing the model wrote survived verification: fall back to the verbatim quotes.
    text, citations = quote_answer(chosen)
    note = "The model's answer could not be verified against the transcripts; the transcripts say:"
    return Answer(question=question, answer=f"{note}\n\n{text}", refused=False, unsupported=generated.unsupported, citations=citations)
