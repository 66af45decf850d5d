"""Interviews written as questions and answers (annotation guide §6; issue 15, class 2).

*Pouvez-vous nous parler de vous ?* / *Je m'appelle…*: an article whose paragraphs alternate
questions put to someone and that person's answers gives every sentence of the answers to the
interviewee, the person the article introduced before the first question. Nothing in an
answer says who speaks: the layout does.

Pure over the units' texts and paragraphs; the interviewee's name comes from the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A question put to the interviewee addresses them: "vous", "votre", "vos", "-vous".
_ADDRESS = re.compile(r"(?<![\w-])(?:-?vous|votre|vos)(?![\w-])", re.IGNORECASE)
_QUESTION_MAX_CHARS = 400
# Fewer questions than this is an article that asks, not an interview.
MIN_QUESTIONS = 2


@dataclass(frozen=True)
class Interview:
    first_question: int           # paragraph index of the first question
    questions: frozenset[int]     # paragraph indices of the questions
    answers: frozenset[int]       # paragraph indices of the answers


def find_interview(paragraphs: list[tuple[int, str]]) -> Interview | None:
    """`paragraphs`: (paragraph index, text) in order. The Q&A part of the article, if it has one:
    at least MIN_QUESTIONS short paragraphs that end in a question mark and address someone,
    each followed by at least one paragraph that is not a question (its answer)."""
    questions = [n for n, (index, text) in enumerate(paragraphs) if _is_question(text)]
    answered = [n for n in questions if n + 1 < len(paragraphs) and not _is_question(paragraphs[n + 1][1])]
    if len(answered) < MIN_QUESTIONS:
        return None
    first = answered[0]
    question_set = {paragraphs[n][0] for n in questions if n >= first}
    answers = {index for index, _ in paragraphs[first + 1:] if index not in question_set}
    return Interview(paragraphs[first][0], frozenset(question_set), frozenset(answers))


def _is_question(text: str) -> bool:
    text = text.strip()
    return bool(text) and len(text) <= _QUESTION_MAX_CHARS and text.rstrip("»” ").endswith("?") \
        and bool(_ADDRESS.search(text))
