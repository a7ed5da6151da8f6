"""Guided chat flows, one module each, registered in coach/app/main.py or modes.py."""
