"""Per-deployment care routes (emergency number, urgent care) and the clinic's contact line.

A clinic sets them in the environment (or in a git-ignored `.env`), e.g. EMERGENCY_NUMBER=999
and URGENT_CARE="an urgent treatment centre (or NHS 111)". URGENT_CARE names a place, because
responses say "Go to {urgent_care} today"; IN_PERSON_CARE names where to be examined in person;
CLINIC_CONTACT names who answers bookings, prices, insurance and opening hours. The defaults
name the common numbers so that an unconfigured deployment still tells people who to call.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping

DEFAULT_EMERGENCY_NUMBER = (
    "your local emergency number (911 in the US and Canada, 999 in the UK, 112 in the EU)"
)
DEFAULT_URGENT_CARE = (
    "an emergency department, an urgent care or minor injuries centre, or your urgent "
    "medical helpline (for example NHS 111 in England)"
)
# Where someone must be examined today (a hot swollen knee, a leg that takes no weight, an
# X-ray): a place, never a helpline alone (clinical notes, Revision 2).
DEFAULT_IN_PERSON_CARE = "an emergency department or an urgent care centre"
# Where bookings, prices, insurance and opening hours are answered: the deployment's own line.
DEFAULT_CLINIC_CONTACT = "the clinic or practice that runs this chat (its reception, phone line or website)"


@dataclass(frozen=True)
class Deployment:
    emergency_number: str
    urgent_care: str
    in_person_care: str = DEFAULT_IN_PERSON_CARE
    clinic_contact: str = DEFAULT_CLINIC_CONTACT

    def as_template_values(self) -> dict[str, str]:
        """The placeholders texts may use, by name: emergency_number, urgent_care, ..."""
        return {
            "emergency_number": self.emergency_number,
            "urgent_care": self.urgent_care,
            "in_person_care": self.in_person_care,
            "clinic_contact": self.clinic_contact,
        }


def load_deployment(environ: Mapping[str, str] | None = None) -> Deployment:
    """Reads the deployment's care routes from the environment, with safe defaults."""
    env = os.environ if environ is None else environ
    return Deployment(
        emergency_number=env.get("EMERGENCY_NUMBER", "").strip() or DEFAULT_EMERGENCY_NUMBER,
        urgent_care=env.get("URGENT_CARE", "").strip() or DEFAULT_URGENT_CARE,
        in_person_care=env.get("IN_PERSON_CARE", "").strip() or DEFAULT_IN_PERSON_CARE,
        clinic_contact=env.get("CLINIC_CONTACT", "").strip() or DEFAULT_CLINIC_CONTACT,
    )
