"""Reading free text for signs that a child or young person may be at risk.

One detector for the whole service: the portal runs it on every free-text answer and message
(``portal.safeguarding``), and the assistant runs it on every chat and text message
(``bot/addons/risk_phrases.py``). It is pure Python with no dependencies, so the assistant's
Python 3.10 environment imports it from this folder as it is (docs/safeguarding.md).
"""

from safeguarding_rules.detector import RiskAssessment, RiskMatch, detect_risk
from safeguarding_rules.rules import CATEGORY_LABELS

__all__ = ["CATEGORY_LABELS", "RiskAssessment", "RiskMatch", "detect_risk"]
