"""Starting the servers safely: their settings from the environment, and what is refused.

`settings.py` and `privacy.py` are plain Python (no Rasa import), unit-tested directly;
`action_server_guard.py` is the action server's shared-secret check (a rasa-sdk plugin).
`scripts/serve.py` starts each server with them.
"""
