"""Sync's widgets: the settings dialog (the wiring is ui/controllers/sync_controller.py)."""
