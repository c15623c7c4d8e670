"""The report's charts, drawn with matplotlib (Agg, no display) as base64 PNG for an <img> tag."""

from __future__ import annotations

import base64
import io
from datetime import date
from typing import Mapping, Sequence

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402 (the backend is chosen first)

BAR_COLOUR = "#2f6f8f"
SECOND_COLOUR = "#9cc3d5"


def _png(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    plt.close(figure)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def per_day(conversations: Mapping[date, int], messages: Mapping[date, int]) -> str:
    """Conversations (bars) and messages (line) for every day of the period."""
    days = sorted(conversations)
    figure, axis = plt.subplots(figsize=(9, 3))
    axis.bar(days, [conversations[d] for d in days], color=BAR_COLOUR, label="conversations")
    axis.plot(days, [messages.get(d, 0) for d in days], color="#d9822b", marker=".", label="messages")
    axis.set_ylabel("per day (UTC)")
    axis.yaxis.get_major_locator().set_params(integer=True)
    axis.legend(loc="upper left", frameon=False)
    axis.spines[["top", "right"]].set_visible(False)
    figure.autofmt_xdate()
    return _png(figure)


def horizontal_bars(labels: Sequence[str], values: Sequence[int]) -> str:
    """One bar per label, the first at the top."""
    height = max(1.2, 0.32 * len(labels) + 0.6)
    figure, axis = plt.subplots(figsize=(9, height))
    positions = range(len(labels))
    axis.barh(positions, values, color=BAR_COLOUR)
    axis.set_yticks(list(positions), labels=list(labels))
    axis.invert_yaxis()
    axis.xaxis.get_major_locator().set_params(integer=True)
    axis.spines[["top", "right"]].set_visible(False)
    for position, value in zip(positions, values, strict=False):
        axis.annotate(str(value), (value, position), xytext=(3, 0), textcoords="offset points", va="center")
    return _png(figure)


def grouped_bars(
    labels: Sequence[str], first: Sequence[int], second: Sequence[int], names: Sequence[str]
) -> str:
    """Two bars per label (conversations and messages per channel)."""
    figure, axis = plt.subplots(figsize=(9, 2.6))
    positions = list(range(len(labels)))
    width = 0.38
    axis.bar([p - width / 2 for p in positions], first, width, color=BAR_COLOUR, label=names[0])
    axis.bar([p + width / 2 for p in positions], second, width, color=SECOND_COLOUR, label=names[1])
    axis.set_xticks(positions, labels=list(labels))
    axis.yaxis.get_major_locator().set_params(integer=True)
    axis.legend(frameon=False)
    axis.spines[["top", "right"]].set_visible(False)
    return _png(figure)
