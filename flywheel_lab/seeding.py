"""One seed for everything random in a notebook."""

import random

import numpy as np


def set_seed(seed=2024, torch=None):
    """Seed Python, numpy and (if it is installed) torch, and say so.

    Parameters
    ----------
    seed : int
        A whole number from 0 to 2**32 - 1.
    torch : bool or None
        Seed torch as well. ``None`` (default) seeds it only when the notebook
        has already imported torch, so calling this never pays torch's import.

    Returns
    -------
    numpy.random.Generator
        A generator to pass on as ``rng=`` to the package's random functions.
    """
    seed = check_seed(seed)
    if torch is not None and not isinstance(torch, bool):
        raise ValueError(f"torch must be True, False or None (seed torch if it is imported), got {torch!r}")
    random.seed(seed)
    np.random.seed(seed)
    seeded = ["python", "numpy"]
    if torch is None:
        import sys
        torch = "torch" in sys.modules
    if torch:
        import torch as _torch
        _torch.manual_seed(seed)
        seeded.append("torch")
    print(f"Random seed {seed} set for {', '.join(seeded)}.")
    return np.random.default_rng(seed)


def check_seed(seed):
    """Return ``seed`` as an int, or raise ValueError if it is not a valid seed."""
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise ValueError(f"seed must be a whole number, got {seed!r}")
    if not 0 <= seed < 2**32:
        raise ValueError(f"seed must be between 0 and 2**32 - 1, got {seed}")
    return int(seed)


def as_rng(rng=None, seed=None):
    """Return a numpy Generator from ``rng`` (a Generator) or ``seed`` (an int).

    Exactly one source of randomness is used: an explicit ``rng`` wins, otherwise
    ``seed`` (default 0) makes a fresh generator, so results never depend on
    hidden global state.
    """
    if rng is not None:
        if not isinstance(rng, np.random.Generator):
            raise ValueError(
                f"rng must be a numpy.random.Generator (e.g. numpy.random.default_rng(0)), "
                f"got {type(rng).__name__}")
        return rng
    return np.random.default_rng(check_seed(0 if seed is None else seed))
