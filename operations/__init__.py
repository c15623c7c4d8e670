"""Running the assistant as a service: the scale-out layout and conversation retention (no Rasa import)."""
