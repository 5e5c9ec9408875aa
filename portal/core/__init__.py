"""Mechanisms shared by every capability that need their own tables."""
