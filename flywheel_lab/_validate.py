"""Argument checks shared by every module: errors written for people."""

import numbers

import numpy as np


def whole_number(value, name, minimum=0, maximum=None):
    """Return ``value`` as an int, checking ``minimum <= value <= maximum``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        if isinstance(value, numbers.Real) and float(value).is_integer():
            value = int(value)
        else:
            raise ValueError(f"{name} must be a whole number, got {value!r}")
    value = int(value)
    if value < minimum or (maximum is not None and value > maximum):
        allowed = f"at least {minimum}" if maximum is None else f"from {minimum} to {maximum}"
        raise ValueError(f"{name} must be {allowed}, got {value}")
    return value


def number_in(value, name, low, high, low_open=False, high_open=False):
    """Return ``value`` as a float, checking it lies between ``low`` and ``high``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or np.isnan(value):
        raise ValueError(f"{name} must be a number, got {value!r}")
    value = float(value)
    too_low = value <= low if low_open else value < low
    too_high = value >= high if high_open else value > high
    if too_low or too_high:
        left = "(" if low_open else "["
        right = ")" if high_open else "]"
        raise ValueError(f"{name} must be in {left}{low:g}, {high:g}{right}, got {value:g}")
    return value


def probabilities(p, name="p", atol=1e-6):
    """Return ``p`` as a 1-D float array of probabilities that sum to 1.

    Raises ValueError for empty input, negative or non-finite entries, or a sum
    that is off from 1 by more than ``atol``.
    """
    p = nonnegative_weights(p, name)
    total = p.sum()
    if abs(total - 1.0) > atol:
        raise ValueError(
            f"{name} must sum to 1 (within {atol:g}), but sums to {total:.6g}; "
            f"divide by the total, or use weights and normalise them first")
    return p


def nonnegative_weights(w, name="weights"):
    """Return ``w`` as a 1-D float array of finite, non-negative numbers, not all 0."""
    try:
        w = np.asarray(w, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a list of numbers, got {w!r}") from None
    if w.ndim != 1:
        raise ValueError(f"{name} must be a flat list of numbers, got shape {w.shape}")
    if w.size == 0:
        raise ValueError(f"{name} is empty: give at least one value")
    if not np.all(np.isfinite(w)):
        raise ValueError(f"{name} must be finite numbers, got {w.tolist()}")
    if np.any(w < 0):
        raise ValueError(f"{name} must not be negative, got {w[w < 0].tolist()[:5]}")
    if w.sum() == 0:
        raise ValueError(f"{name} are all zero: at least one must be positive")
    return w


def normalise(weights, name="weights"):
    """Return non-negative ``weights`` scaled to sum to 1."""
    w = nonnegative_weights(weights, name)
    return w / w.sum()


def one_of(value, name, allowed):
    """Return ``value`` if it is one of ``allowed``; the error lists the valid choices."""
    if value not in allowed:
        choices = ", ".join(repr(a) for a in allowed)
        raise ValueError(f"{name} must be one of {choices}; got {value!r}")
    return value
