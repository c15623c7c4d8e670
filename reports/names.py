"""The domain's names that say what the assistant did with a message, spelled once.

A unit test checks that each of them is still in domain.yml (or is an action of the project).
"""

from actions.constants import REQUESTED_SLOT, TRIAGE_FORM, TRIAGE_SLOT_PREFIX  # noqa: F401 (re-exported)

# The replies a person gets when the assistant cannot help (data/rules/fallback.yml): out of
# scope, and out of scope about bookings, prices, insurance or opening hours (the clinic's line).
OUT_OF_SCOPE_REPLY = "utter_out_of_scope"
CLINIC_CONTACT_REPLY = "utter_clinic_contact"
# "Please rephrase": the low-NLU-confidence rule, and Rasa's own core fallback (which says the same).
REPHRASE_REPLIES = frozenset({"utter_default", "action_default_fallback"})
# Sent by rasa_addons/emergency_policy.py on an emergency sign, whatever else is going on.
EMERGENCY_REPLY = "utter_emergency"
# The check's outcome (actions/triage.py), its confirmed stop (data/rules/triage.yml).
CHECK_OUTCOME_ACTION = "action_submit_triage"
CHECK_STOPPED_REPLY = "utter_triage_stopped"
# Knowledge answers: an FAQ topic (utter_faq/<topic>) or the causes for a place.
FAQ_REPLY_PREFIX = "utter_faq/"
CAUSES_REPLY_PREFIX = "utter_causes_"

# Intents: the FAQ retrieval intent, the causes intents, the check, the NLU fallback.
FAQ_INTENT = "faq"
CAUSES_INTENTS = frozenset({"ask_causes", "inform_location"})
PLACE_ENTITY = "pain_location"
START_CHECK_INTENT = "start_triage"
NLU_FALLBACK_INTENT = "nlu_fallback"
