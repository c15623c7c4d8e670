"""Small extensions that run inside the Rasa server, registered the Rasa way.

- `spacy_entities`: NLU component that turns the EntityRuler's matches into Rasa entities.
- `emergency_policy`: dialogue policy that answers an emergency sign at once, in any flow.
- `deployment_nlg`: response generator that fills in the deployment's emergency number.
"""
