"""The Library window: every study set by course, tag and recency."""
