"""Groups messages that say much the same thing, so an operator reads themes, not a long list.

How: each distinct message (lower case, spaces collapsed) becomes a TF-IDF vector of its character
3- to 5-grams inside words (so typos and word forms still match: "jokes" and "joke"); messages
are then joined bottom-up (average linkage) while the mean cosine distance between two groups
stays under 0.8, i.e. while they share a fifth or more of their weighted n-grams. The threshold was
chosen on a hand-made list of out-of-scope questions (capitals, pizza, prices, opening hours,
other body parts, keyboard mashing): it kept each theme together and the themes apart. The
weights depend on the period's own messages (the IDF), so the groups are a reading aid: two
messages that share only one word ("joke", "jokes") can stay apart.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_distances

DISTANCE_THRESHOLD = 0.8


@dataclass(frozen=True)
class Group:
    """Messages that say much the same thing; `example` is the one closest to all the others."""

    example: str
    messages: tuple[tuple[str, int], ...]  # (message, times it came up), most frequent first

    @property
    def count(self) -> int:
        return sum(times for _, times in self.messages)


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def group_similar(texts: Iterable[str], threshold: float = DISTANCE_THRESHOLD) -> list[Group]:
    """The messages in groups of similar ones, the largest group first."""
    counts: Counter[str] = Counter()
    first_seen: dict[str, str] = {}  # normalised -> the message as first written
    for text in texts:
        key = normalise(text)
        if key:
            counts[key] += 1
            first_seen.setdefault(key, text.strip())
    keys = sorted(counts)
    if not keys:
        return []
    distances = _distances(keys) if len(keys) > 1 else np.zeros((1, 1))
    labels = _cluster(distances, threshold) if len(keys) > 1 else [1]
    members: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        members.setdefault(int(label), []).append(index)
    groups = []
    for indices in members.values():
        central = min(indices, key=lambda i: (distances[i, indices].mean(), keys[i]))
        messages = sorted(
            ((first_seen[keys[i]], counts[keys[i]]) for i in indices), key=lambda m: (-m[1], m[0])
        )
        groups.append(Group(example=first_seen[keys[central]], messages=tuple(messages)))
    return sorted(groups, key=lambda g: (-g.count, g.example))


def _distances(keys: Sequence[str]) -> np.ndarray:
    vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit_transform(keys)
    distances = cosine_distances(vectors)
    np.fill_diagonal(distances, 0.0)
    return distances


def _cluster(distances: np.ndarray, threshold: float) -> np.ndarray:
    tree = linkage(squareform(distances, checks=False), method="average")
    return fcluster(tree, t=threshold, criterion="distance")
