"""Shared test settings.

In CI (``CI`` set) hypothesis runs derandomized, so a statistical test can't turn a
green main red by drawing an unlucky example; on a developer machine it explores
new examples on every run.
"""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
