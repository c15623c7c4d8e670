"""Pure-Python clinical core: triage engine, answer reading, emergency detection, deployment settings.

Nothing in this package imports Rasa; it is unit-tested directly, and the Rasa adapters
(`actions/`, `rasa_addons/`) are thin layers over it.
"""
