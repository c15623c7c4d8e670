"""Rasa input channels: Rasa's own connectors, subclassed only where they must be.

Enabled in credentials.yml (scripts/render_credentials.py adds the messaging platforms whose
secrets are set in the environment).
"""
