"""The exchanges of a press conference: which chunks reply to which question, for retrieval by question.

A reporter's question often holds the words a reader asks with ("a softish landing"), while the answer
holds others ("the path to getting inflation down"). Each answer chunk can therefore be found through
the question it replies to: the question's rows are searched, and their replies ranked as they are.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np


class Exchanges:
    def __init__(self, columns: dict[str, np.ndarray]):
        kinds, tids = columns["kind"], columns["transcript_id"]
        turns, replies_to = columns["turn_index"], columns["reply_to"]
        self.questions = kinds == "question"
        self._asked: dict[tuple[str, int], list[int]] = defaultdict(list)  # question turn -> its rows
        for row in np.flatnonzero(self.questions):
            self._asked[(tids[row], int(turns[row]))].append(int(row))
        answers: dict[tuple[str, int], list[int]] = defaultdict(list)
        opened: set[tuple[str, int]] = set()
        for row in np.flatnonzero(kinds == "answer"):
            # each reply's opening chunk: where an answer answers (its other chunks are found by their words)
            if (tids[row], int(turns[row])) not in opened:
                opened.add((tids[row], int(turns[row])))
                answers[(tids[row], int(replies_to[row]))].append(int(row))
        # question row -> the opening chunks of the turns that reply to its turn, in document order
        self._replies = {
            int(row): answers[(tids[row], int(turns[row]))]
            for row in np.flatnonzero(self.questions)
            if (tids[row], int(turns[row])) in answers
        }

    def question_rows(self, turns: set[tuple[str, int]]) -> list[int]:
        """The rows of the given question turns (transcript id, turn index)."""
        return [row for turn in turns for row in self._asked.get(turn, ())]

    def replies(self, question_rows, keep: np.ndarray | None = None) -> list[tuple[int, int]]:
        """(opening row of a reply, question row) for the given question rows, best question first;
        only rows `keep` allows."""
        out: list[tuple[int, int]] = []
        seen: set[int] = set()
        for question in question_rows:
            for row in self._replies.get(int(question), ()):
                if row not in seen and (keep is None or keep[row]):
                    seen.add(row)
                    out.append((row, int(question)))
        return out
