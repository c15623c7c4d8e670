"""Who reviewed which content fingerprint: docs/content-signoff.yml, read, checked and added to.

The file is a YAML mapping with a `signoffs` list of {fingerprint, reviewer, role, date, note},
oldest first. The content is signed off when the last entry's fingerprint is the current one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

SIGNOFF_KEY = "signoffs"
# A fingerprint may be given by its start, as the document shows it; this many characters at least.
MIN_PREFIX = 12


@dataclass(frozen=True)
class Signoff:
    fingerprint: str
    reviewer: str
    role: str
    date: str
    note: str = ""


@dataclass(frozen=True)
class SignoffStatus:
    current: str
    last: Signoff | None

    @property
    def signed(self) -> bool:
        return self.last is not None and self.last.fingerprint == self.current

    def warning(self) -> str:
        """One paragraph for a person; "" when the current content is signed off."""
        if self.signed:
            return ""
        if self.last is None:
            return (
                f"Content not signed off: no clinician has signed any version of the content yet "
                f"(fingerprint {self.current[:MIN_PREFIX]})."
            )
        return (
            f"Content changed since the last sign-off: {self.last.reviewer} ({self.last.role}) signed "
            f"{self.last.fingerprint[:MIN_PREFIX]} on {self.last.date}; the content is now "
            f"{self.current[:MIN_PREFIX]}."
        )


class SignoffError(ValueError):
    """The sign-off file or a new sign-off is not valid; the message says why."""


def _yaml() -> YAML:
    yaml = YAML()  # round trip: the file's comments survive an added sign-off
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _load(path: Path) -> CommentedMap:
    if not path.is_file():
        return CommentedMap({SIGNOFF_KEY: CommentedSeq()})
    data = _yaml().load(path.read_text(encoding="utf-8"))
    if data is None:
        data = CommentedMap()
    if not isinstance(data, dict) or not isinstance(data.get(SIGNOFF_KEY, []) or [], list):
        raise SignoffError(f"{path}: expected a mapping with a '{SIGNOFF_KEY}' list")
    if data.get(SIGNOFF_KEY) is None:
        data[SIGNOFF_KEY] = CommentedSeq()
    return data


def read_signoffs(path: Path) -> list[Signoff]:
    entries = []
    for number, raw in enumerate(_load(path)[SIGNOFF_KEY], start=1):
        try:
            entries.append(
                Signoff(
                    fingerprint=str(raw["fingerprint"]),
                    reviewer=str(raw["reviewer"]),
                    role=str(raw["role"]),
                    date=str(raw["date"]),
                    note=str(raw.get("note") or ""),
                )
            )
        except (KeyError, TypeError, AttributeError) as error:
            raise SignoffError(f"{path}: sign-off {number} lacks {error}") from error
    return entries


def status(path: Path, current: str) -> SignoffStatus:
    entries = read_signoffs(path)
    return SignoffStatus(current=current, last=entries[-1] if entries else None)


def add_signoff(
    path: Path,
    current: str,
    seen: str,
    reviewer: str,
    role: str,
    note: str = "",
    today: dt.date | None = None,
) -> Signoff:
    """Records that `reviewer` reviewed the document showing fingerprint `seen`.

    Refused unless `seen` (the fingerprint in the document the reviewer read, or its first 12+
    characters) is the current content's: a sign-off is for what was read.
    """
    seen, reviewer, role = seen.strip().lower(), reviewer.strip(), role.strip()
    if not reviewer or not role:
        raise SignoffError("a sign-off needs the reviewer's name and role")
    if len(seen) < MIN_PREFIX or not current.startswith(seen):
        raise SignoffError(
            f"fingerprint {seen or '(none)'} is not the current content ({current[:MIN_PREFIX]}): "
            "make a new document with `make content-review`, review it, and sign its fingerprint"
        )
    data = _load(path)
    entry = Signoff(current, reviewer, role, (today or dt.date.today()).isoformat(), note.strip())
    signoffs = data[SIGNOFF_KEY]
    if not isinstance(signoffs, CommentedSeq):
        signoffs = data[SIGNOFF_KEY] = CommentedSeq(signoffs)
    signoffs.fa.set_block_style()
    signoffs.append(CommentedMap(entry.__dict__))
    with path.open("w", encoding="utf-8") as out:
        _yaml().dump(data, out)
    return entry
