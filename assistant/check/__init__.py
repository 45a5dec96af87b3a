"""Checking a whole document's task citations: `check_files` and `check_text` return a `Report` of typed
`Finding`s (ok / no such task / agency not on task / wrong role / topic mismatch, probably N).

read: documents to located sentences; cite: citations and the agencies tied to them; verify: one citation
against the records; topic: the sentence's topic against the tasks; report: table, JSON, CSV, Markdown.
"""

from __future__ import annotations

from assistant.check.model import Citation, Claim, Finding, Location, Reference, Report, Role, Verdict
from assistant.check.run import check_documents, check_files, check_text

__all__ = ["check_files", "check_text", "check_documents", "Report", "Finding", "Verdict", "Role", "Location",
           "Reference", "Claim", "Citation"]
