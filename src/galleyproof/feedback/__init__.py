"""What the writer told us: decisions on flagged spans, a personal dictionary, and the
filter that applies both to every check at once."""

from galleyproof.feedback.store import Decision, FeedbackStore, record_decision

__all__ = ["Decision", "FeedbackStore", "record_decision"]
