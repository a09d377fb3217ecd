"""Retraining diplotext: corpus conversion and the train/evaluate helpers behind the CLI."""
