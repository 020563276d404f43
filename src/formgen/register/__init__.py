"""The register of issued documents: outgoing numbers, the archive copy that reprints identically,
the append-only trail, and verification.  See register.Register."""

from .register import CheckReport, Entry, Issued, NumberingRule, Register
from .verification import Verification

__all__ = ["CheckReport", "Entry", "Issued", "NumberingRule", "Register", "Verification"]
