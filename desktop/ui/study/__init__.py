"""Study mode's widgets: the Review view, its session summary, the card dialog, statistics."""
