"""`extensions = ["journeymap.sphinx"]`: the Sphinx extension (integrations/sphinx.py)."""

from .integrations.sphinx import setup

__all__ = ["setup"]
