"""Custom Rasa graph components for the family voice assistant."""
