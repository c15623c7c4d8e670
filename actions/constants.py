"""Names shared by the domain and the actions, spelled once."""

from clinical.triage_engine import default_spec

TRIAGE_FORM = "triage_form"
TRIAGE_SLOT_PREFIX = "triage_"
TRIAGE_UNCLEAR_SLOT = "triage_unclear_answers"
REQUESTED_SLOT = "requested_slot"

# Intents that, when the text is no answer, interrupt the check (answered by a rule, then the
# check resumes at the same question), rather than count as an unclear answer. An unrelated
# message (out_of_scope) counts as unclear: the question is asked again in other words.
INTERRUPTING_INTENTS = frozenset(
    {
        "faq",
        "ask_causes",
        "inform_location",
        "bot_challenge",
        "ask_capabilities",
        "greet",
        "thank",
        "goodbye",
        "stop",
        "restart_triage",
        "start_triage",
    }
)
MIN_INTERRUPTION_CONFIDENCE = 0.5


def triage_slot(question_id: str) -> str:
    return f"{TRIAGE_SLOT_PREFIX}{question_id}"


def question_id(slot_name: str) -> str:
    return slot_name[len(TRIAGE_SLOT_PREFIX) :]


def triage_slots() -> list[str]:
    return [triage_slot(qid) for qid in default_spec().question_ids]
