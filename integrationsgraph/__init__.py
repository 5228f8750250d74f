"""Integrationsgraph: a linked-data knowledge graph of German integration-policy governance."""

__version__ = "0.1.0"
