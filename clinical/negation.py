"""Which mentions in a message are negated: the assistant's one negation rule.

NegEx (Chapman et al. 2001) through negspacy 1.0.4, the last release that runs on spaCy 3.4: its
Negex component compiles our reviewed terms (`negation_terms.yml`) into a spaCy PhraseMatcher.
The scope is decided here, not by negspacy's own loop, for two reasons: its loop compares every
negation with every clause and every pseudo-negation (quadratic in message length), and it ends
a scope only at its termination words, where a negation here covers its own clause only
(commas, full stops, "and", "but"... end it).

Used by the check's answer reader (clinical/answers.py) and by the emergency-sign extractor
(rasa_addons/spacy_entities.py); the extractor also counts "not now" terms ("years ago") as
negations. No Rasa import. Linear in the number of tokens and matches.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping, Sequence

import spacy
import yaml
from negspacy.negation import Negex
from spacy.language import Language
from spacy.tokens import Doc, Span

TERMS_PATH = Path(__file__).with_name("negation_terms.yml")
_NEGEX_KINDS = ("preceding_negations", "following_negations", "pseudo_negations", "termination")
_NOT_NOW_KINDS = {"not_now_preceding": "preceding_negations", "not_now_following": "following_negations"}


def load_terms(path: Path = TERMS_PATH, not_now: bool = False) -> dict[str, list[str]]:
    """The reviewed negation terms, by negspacy's kinds; with `not_now`, past-time terms count too."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    missing = [kind for kind in (*_NEGEX_KINDS, *_NOT_NOW_KINDS) if not raw.get(kind)]
    if missing:
        raise ValueError(f"{path.name}: no terms for {', '.join(missing)}")
    terms = {kind: [str(term) for term in raw[kind]] for kind in _NEGEX_KINDS}
    if not_now:
        for kind, into in _NOT_NOW_KINDS.items():
            terms[into] += [str(term) for term in raw[kind]]
    return terms


@dataclass(frozen=True)
class Clauses:
    """A message cut into clauses: the clause of each token, and which tokens separate them."""

    clause_of: Sequence[int]
    separators: frozenset[int]
    first_preceding: Mapping[int, int]
    last_following: Mapping[int, int]
    # The word that opened each clause after the first ("but", ",", "and"...).
    opened_by: Mapping[int, str]

    def is_negated(self, span: Span) -> bool:
        """True when a negation of the span's clause comes before it, or after it."""
        if len(span) == 0:
            return False
        clause = self.clause_of[span.start]
        return (
            self.first_preceding.get(clause, span.start) < span.start
            or self.last_following.get(clause, span.end) > span.end
        )

    def texts(self, doc: Doc) -> dict[int, str]:
        """The text of each clause, without the words that separate clauses."""
        words: dict[int, list[str]] = {}
        for token, clause in zip(doc, self.clause_of, strict=False):
            if token.i not in self.separators:
                words.setdefault(clause, []).append(token.text_with_ws)
        return {clause: text for clause, parts in words.items() if (text := "".join(parts).strip())}


class NegationScope:
    """Cuts a spaCy Doc into clauses and tells which spans a negation of their clause covers."""

    def __init__(self, nlp: Language, terms: Mapping[str, list[str]] | None = None) -> None:
        negex = Negex(
            nlp,
            name="negex",
            neg_termset=dict(terms or load_terms()),
            ent_types=[],
            extension_name="negex",
            chunk_prefix=[],
        )
        self._matcher = negex.matcher
        strings = nlp.vocab.strings
        self._kind = {strings[label]: label for label in ("pseudo", "Preceding", "Following", "Termination")}

    def negated(self, doc: Doc, spans: Sequence[Span]) -> list[bool]:
        """For each span, True when a negation of its clause covers it."""
        clauses = self.clauses(doc)
        return [clauses.is_negated(span) for span in spans]

    def clauses(self, doc: Doc) -> Clauses:
        """Linear passes over the matches and the tokens."""
        matches = [(self._kind[match_id], start, end) for match_id, start, end in self._matcher(doc)]
        in_pseudo = [False] * (len(doc) + 1)
        starts_clause = [False] * (len(doc) + 1)
        separators: set[int] = set()
        for kind, start, end in matches:
            if kind == "pseudo":
                for i in range(start, end):
                    in_pseudo[i] = True
            elif kind == "Termination":
                starts_clause[start] = True
                separators.update(range(start, end))
        clause_of: list[int] = []
        opened_by: dict[int, str] = {}
        clause = 0
        for i in range(len(doc)):
            if starts_clause[i] and i > 0:
                clause += 1
                opened_by[clause] = doc[i].lower_
            clause_of.append(clause)
        first_preceding: dict[int, int] = {}
        last_following: dict[int, int] = {}
        for kind, start, end in matches:
            if in_pseudo[start] or kind in ("pseudo", "Termination"):
                continue
            clause = clause_of[start]
            if kind == "Preceding":
                first_preceding[clause] = min(first_preceding.get(clause, start), start)
            else:
                last_following[clause] = max(last_following.get(clause, end), end)
        return Clauses(clause_of, frozenset(separators), first_preceding, last_following, opened_by)


@lru_cache(maxsize=1)
def chat_language() -> Language:
    """spaCy's English tokenizer, the one the project's pipeline is built on (no model needed)."""
    return spacy.blank("en")


@lru_cache(maxsize=1)
def default_scope() -> NegationScope:
    """The negation rule for the check's answers, on the plain English tokenizer."""
    return NegationScope(chat_language())


@lru_cache(maxsize=1)
def now_scope() -> NegationScope:
    """The same rule, where a sign from the past does not count ("had a racing heart last week")."""
    return NegationScope(chat_language(), load_terms(not_now=True))
