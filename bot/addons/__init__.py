"""Custom Rasa components for the family voice assistant.

Rasa imports this package whenever it loads the model (the NLU pipeline uses its components),
so this is where the assistant adjusts Rasa itself, without changing what it does:

- action server replies are validated with a validator built once instead of one per reply
  (addons/action_validation.py);
- requests to the action server reuse their connections (addons/action_connections.py).
"""

from addons import action_connections, action_validation

action_validation.install()
action_connections.install()
