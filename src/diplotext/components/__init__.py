"""The four diplotext pipeline components, one per module, registered as spaCy factories."""
