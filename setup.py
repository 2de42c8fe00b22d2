"""The package list, which pyproject.toml alone cannot say: every ``app*`` package, plus ``app._resources``.

``app._resources`` is the repository's top-level ``resources/`` folder (mapped in pyproject.toml's
``package-dir``), so icons and translations ship as package data. Everything else is in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["app", "app.*"]), "app._resources"])
