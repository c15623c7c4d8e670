"""Names shared by the domain and the actions, spelled once."""

from clinical.triage_engine import default_spec

TRIAGE_FORM = "triage_form"
TRIAGE_SLOT_PREFIX = "triage_"
TRIAGE_UNCLEAR_SLOT = "triage_unclear_answers"
REQUESTED_SLOT = "requested_slot"

# Intents that, when the text is no answer, interrupt the check (answered by a rule, then the
# check resumes at the same question), rather than count as an unclear answer. An unrelated
# message (out_of_scope, or start_triage: "is it serious?" while the check is running) counts
# as unclear: the question is asked again in other words.
INTERRUPTING_INTENTS = frozenset(
    {
        "faq",
        "ask_causes",
        "inform_location",
        "bot_challenge",
        "ask_capabilities",
        "goodbye",
        "stop",
        "restart_triage",
    }
)
# A greeting or thanks during the check: the same question again, as it was, and not counted as
# unclear. Handled inside the form, because a form that rejects cannot be resumed in that turn.
RESUMING_INTENTS = frozenset({"greet", "thank"})
MIN_INTERRUPTION_CONFIDENCE = 0.5


def triage_slot(question_id: str) -> str:
    return f"{TRIAGE_SLOT_PREFIX}{question_id}"


def question_id(slot_name: str) -> str:
    return slot_name[len(TRIAGE_SLOT_PREFIX) :]


def triage_slots() -> list[str]:
    return [triage_slot(qid) for qid in default_spec().question_ids]


# An answer offers the symptom check when it carries this button ("Check my symptoms").
CHECK_OFFER_PAYLOAD = "/start_triage"
OFFER_ACCEPTED_SLOT = "offer_accepted"
