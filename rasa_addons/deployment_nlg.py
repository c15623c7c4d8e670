"""Response generator that fills {emergency_number} and {urgent_care} into any response.

Rasa's templated generator fills placeholders from slots only; the care routes are the
deployment's (clinical.deployment, read from the environment when the server starts), so
plain domain responses such as utter_emergency name the right number without the action server.
Enabled in endpoints.yml: `nlg: {type: rasa_addons.deployment_nlg.DeploymentNLG}`.
"""

from __future__ import annotations

from typing import Any, Dict, Optional

from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from clinical.deployment import load_deployment


class DeploymentNLG(TemplatedNaturalLanguageGenerator):
    """Templated responses plus the deployment's emergency number and urgent-care route."""

    def __init__(
        self, endpoint_config: Optional[EndpointConfig] = None, domain: Optional[Domain] = None
    ) -> None:
        super().__init__((domain or Domain.empty()).responses)
        self.deployment_values = load_deployment().as_template_values()

    async def generate(
        self, utter_action: str, tracker: DialogueStateTracker, output_channel: str, **kwargs: Any
    ) -> Optional[Dict[str, Any]]:
        filled_slots = {**self.deployment_values, **tracker.current_slot_values()}
        return self.generate_from_slots(utter_action, filled_slots, output_channel, **kwargs)
