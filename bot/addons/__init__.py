"""Custom Rasa components for the family voice assistant.

Rasa imports this package whenever it loads the model (the NLU pipeline uses its components),
so this is where the assistant adjusts Rasa itself: action server replies are validated with a
validator built once (addons/action_validation.py) instead of one per reply.
"""

from addons import action_validation

action_validation.install()
