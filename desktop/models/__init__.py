"""Item models the views show (QAbstractItemModel subclasses)."""
