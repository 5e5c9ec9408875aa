"""Custom actions for the family voice assistant (rasa-sdk action server)."""
