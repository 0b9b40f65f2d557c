"""flywheel_lab: the computations behind the *data flywheel* notebook series.

One module per idea of the chapter; importing this package is cheap and changes
nothing global. Submodules load on first use, so ``import flywheel_lab`` does not
import torch, scikit-learn or seaborn::

    from flywheel_lab import information      # numpy only
    from flywheel_lab import models           # imports torch when you ask for it
"""

import importlib

__version__ = "0.1.0"

_SUBMODULES = (
    "accuracy", "collection", "coverage", "data", "digits", "exercises", "flywheel",
    "funnel", "information", "models", "pixels", "plots", "seeding", "setup_check", "widgets",
)

__all__ = [*_SUBMODULES, "set_seed", "__version__"]


def __getattr__(name):
    """Import a submodule the first time it is used (PEP 562)."""
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    if name == "set_seed":
        from .seeding import set_seed
        return set_seed
    raise AttributeError(f"module 'flywheel_lab' has no attribute {name!r}")


def __dir__():
    return sorted(__all__)
