"""Widgets: one module per tab, panel or dialog; main_window.py assembles them."""
