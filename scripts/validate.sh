#!/usr/bin/env bash
# `rasa data validate --fail-on-warnings`, made strict: Rasa 3.6 prints some warnings yet exits 0
# (e.g. an unused response), so any warning fails here too. One warning is a known Rasa 3.6
# false positive and is allowed: a retrieval intent (faq) listed in domain.yml, as Rasa requires,
# is reported as "duplicated across multiple domain files" when its responses come from data/.
# utter_message_too_long is predicted by rasa_addons/emergency_policy.py (for a message the
# MessageLengthGuard cut), which the validator does not see, so it is "not used in any story";
# so are utter_warning_sign_first and utter_story_may_be_serious, predicted by
# rasa_addons/warning_sign_policy.py.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
.venv/bin/rasa data validate --fail-on-warnings >"$log" 2>&1
status=$?
warnings=$(grep -E "UserWarning|FutureWarning|Issue found" "$log" \
  | grep -v "duplicated intents have been found across multiple domain files: faq$" \
  | grep -v "The utterance 'utter_message_too_long' is not used in any story or rule.$" \
  | grep -v "The utterance 'utter_warning_sign_first' is not used in any story or rule.$" \
  | grep -v "The utterance 'utter_story_may_be_serious' is not used in any story or rule.$" || true)
if [[ $status -ne 0 || -n "$warnings" ]]; then
  grep -vE "DeprecationWarning|declare_namespace|pkg_resources|^\s+(import|declare)" "$log"
  echo "rasa data validate: failed (exit $status) or warned" >&2
  exit 1
fi
echo "rasa data validate: clean ($(grep -c 'rasa.validator' "$log") checks run)"
rm -f "$log"
