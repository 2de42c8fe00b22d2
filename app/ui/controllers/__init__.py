"""What happens after the window's widgets exist: close runs, closing time, the chain's status line.

The main window (app/ui/main_window.py) lays widgets out and connects these controllers' signals to them.
"""
