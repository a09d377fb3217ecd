"""diplotext: who agreed with whom, how many agreements, when, and what each side pledges.

    >>> import diplotext
    >>> ex = diplotext.extract("China and Pakistan on Thursday signed nine agreements.", reference_date="2021-12-09")
    >>> ex.counts[0].value
    9
"""

from __future__ import annotations

from .pipeline import build, doc_to_extraction, extract, extract_many, load
from .schema import Commitment, Count, DateMention, Extraction, Party, json_schema

__all__ = [
    "Commitment",
    "Count",
    "DateMention",
    "Extraction",
    "Party",
    "build",
    "doc_to_extraction",
    "extract",
    "extract_many",
    "json_schema",
    "load",
]

try:
    from importlib.metadata import version as _v

    __version__ = _v("diplotext")
except Exception:  # pragma: no cover - source tree without metadata
    __version__ = "0.0.0+local"
