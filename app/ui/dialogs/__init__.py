"""Dialogs of the main window. Import each from its own module (e.g. ``terminal_dialog``)."""
