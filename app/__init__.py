"""Closeout: close the day's card-terminal batches of a shop in one window."""

__version__ = "0.1.0"
APP_NAME = "Closeout"
