"""Thin rasa-sdk actions over the pure core in `clinical/` (run by `rasa run actions`)."""
