"""Pre-meeting prep: a cited, deterministic brief for a 1:1 and follow-up answers."""

from coach.prep.models import Answer, Brief, BriefItem, Citation
from coach.prep.service import PrepService

__all__ = ["Answer", "Brief", "BriefItem", "Citation", "PrepService"]
