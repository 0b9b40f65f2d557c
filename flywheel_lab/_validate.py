"""Argument checks shared by every module: errors written for people.

Every check returns the cleaned value or raises ``ValueError`` saying what was
wrong and what is allowed. Rules shared by all of them:

* bools are not numbers (``True`` is not a count of 1);
* ``None`` means "the default" only where a function documents it; everywhere
  else it is checked like any other value (so are ``0`` and ``[]``);
* a size whose work or memory would not finish in a classroom is refused up
  front, with the cap and the reason in the message (see the ``MAX_*`` caps);
* checks are cheap (no copies of big arrays beyond one ``asarray``), so widgets
  can call the package on every slider move.
"""

import math
import numbers

import numpy as np

# Size caps: a value above one would take minutes, or more memory than a classroom laptop has.
MAX_SAMPLES = 1_000_000          # rows of data drawn or simulated at once (4-pixel images: ~16 MB)
MAX_STEPS = 100_000              # days, weeks, epochs, trials … of a loop in Python
WHY_SAMPLES = "more samples would need more memory or minutes of computing than a classroom machine has"
WHY_STEPS = "each step costs time, so more would not finish during a class"


def whole_number(value, name, minimum=0, maximum=None, why=None):
    """Return ``value`` as an int, checking ``minimum <= value <= maximum``.

    ``2.0`` counts as 2; ``2.5``, ``True``, ``nan`` and text are refused. ``why``
    (optional) says why ``maximum`` is the cap.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    if not isinstance(value, numbers.Integral):
        if not math.isfinite(value) or not float(value).is_integer():
            raise ValueError(f"{name} must be a whole number, got {value!r}")
    value = int(value)
    if why and value > maximum:
        raise ValueError(f"{name} must be at most {maximum:,} ({why}), got {value:,}")
    if why and value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    if value < minimum or (maximum is not None and value > maximum):
        allowed = f"at least {minimum}" if maximum is None else f"from {minimum} to {maximum}"
        raise ValueError(f"{name} must be {allowed}, got {value}")
    return value


def size(value, name, minimum=0, maximum=MAX_SAMPLES, why=WHY_SAMPLES):
    """A count of samples (or, with ``maximum=MAX_STEPS, why=WHY_STEPS``, of steps), capped."""
    return whole_number(value, name, minimum, maximum, why)


def steps(value, name, minimum=1, maximum=MAX_STEPS):
    """A count of loop steps (days, weeks, epochs, trials), capped at :data:`MAX_STEPS`."""
    return whole_number(value, name, minimum, maximum, WHY_STEPS)


def number_in(value, name, low, high, low_open=False, high_open=False, finite=True):
    """Return ``value`` as a float, checking it lies between ``low`` and ``high``.

    ``high`` may be ``math.inf`` for "no upper bound"; the value itself must still
    be finite unless ``finite=False``.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real) or math.isnan(value):
        raise ValueError(f"{name} must be a number, got {value!r}")
    value = float(value)
    if finite and not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value}")
    too_low = value <= low if low_open else value < low
    too_high = value >= high if high_open else value > high
    if too_low or too_high:
        left = "(" if low_open else "["
        right = ")" if high_open else "]"
        raise ValueError(f"{name} must be in {left}{low:g}, {high:g}{right}, got {value:g}")
    return value


def flag(value, name):
    """Return ``value`` if it is ``True`` or ``False`` (a yes/no switch)."""
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def text(value, name):
    """Return ``value`` if it is a string."""
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text (a str), got {value!r}")
    return value


def _short(value):
    """A short repr for messages (arrays can be huge)."""
    r = repr(value)
    return r if len(r) <= 80 else r[:77] + "..."


def array(value, name, ndim=None, min_len=1, dtype=float, finite=True):
    """Return ``value`` as a numpy array of numbers, checked.

    ``ndim`` is the required number of dimensions (an int, or a tuple of allowed
    ones); ``min_len`` the fewest rows. Bools are not numbers; with ``finite``,
    nan and ±inf are refused.
    """
    if value is None or isinstance(value, (str, bytes, dict, set, bool)):
        raise ValueError(f"{name} must be an array of numbers, got {_short(value)}")
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError):          # ragged lists
        raise ValueError(f"{name} must be a rectangular array of numbers, got {_short(value)}") from None
    if arr.dtype.kind == "b" or (arr.dtype.kind not in "iuf" and arr.size):
        raise ValueError(f"{name} must hold numbers, got {arr.dtype} values like {_short(value)}")
    if dtype is not None:
        arr = arr.astype(dtype, copy=False)
    allowed = (ndim,) if isinstance(ndim, int) else ndim
    if allowed is not None and arr.ndim not in allowed:
        want = " or ".join(f"{d}-D" for d in allowed)
        raise ValueError(f"{name} must be {want}, got shape {arr.shape}")
    if (arr.shape[0] if arr.ndim else 1) < min_len:
        raise ValueError(f"{name} is empty: give at least {min_len} row{'s' * (min_len > 1)}")
    if finite and arr.dtype.kind == "f" and not np.isfinite(arr).all():
        raise ValueError(f"{name} must contain only finite numbers (no nan or inf)")
    return arr


def matrix(value, name, min_rows=1, columns=None):
    """A 2-D float array (samples × features), finite, with at least ``min_rows`` rows."""
    X = array(value, name, ndim=2, min_len=min_rows)
    if columns is not None and X.shape[1] != columns:
        raise ValueError(f"{name} must have {columns} columns (features), got {X.shape[1]}")
    return X


def labels(value, name, n_classes=None, min_len=1, ndim=1):
    """Class labels as a 1-D int array: whole numbers, 0 … ``n_classes`` − 1 if given.

    Float labels are refused unless every one is whole (``3.0``), so nothing is
    silently truncated.
    """
    y = array(value, name, ndim=ndim, min_len=min_len, dtype=None)
    if y.dtype.kind == "f":
        if not np.all(y == np.round(y)):
            raise ValueError(f"{name} must be whole class numbers, got values like "
                             f"{y[y != np.round(y)][:3].tolist()}")
    y = y.astype(np.int64)
    if y.size and (y.min() < 0 or (n_classes is not None and y.max() >= n_classes)):
        top = "" if n_classes is None else f" to {n_classes - 1}"
        raise ValueError(f"{name} must be class numbers 0{top}, got {y.min()} to {y.max()}")
    return y


def samples(X, y, x_name="X", y_name="y", min_rows=1, n_classes=None):
    """A data set ``(X, y)``: X a finite 2-D table, y one whole class label per row."""
    X = matrix(X, x_name, min_rows)
    y = labels(y, y_name, n_classes, min_rows)
    same_length(x_name, X, y_name, y)
    return X, y


def seeds(values, name="seeds"):
    """A non-empty list of seeds, each a whole number from 0 to 2**32 − 1."""
    return [whole_number(s, f"each of {name}", 0, 2**32 - 1) for s in iterable(values, name)]


def same_length(name_a, a, name_b, b):
    """Check that ``a`` and ``b`` have one entry per row of each other."""
    if len(a) != len(b):
        raise ValueError(f"{name_a} has {len(a)} rows but {name_b} has {len(b)}: give one per row")


def categories(value, name, n_categories, empty=True):
    """A sorted tuple of distinct categories, each a whole number 0 … ``n_categories`` − 1.

    A single number counts as a list of one; ``None`` is the empty list. Text,
    floats such as 2.5 and bools are refused.
    """
    if value is None:
        value = ()
    elif isinstance(value, (numbers.Integral, np.integer)) and not isinstance(value, bool):
        value = (value,)
    elif isinstance(value, (str, bytes, dict)) or not np.iterable(value):
        raise ValueError(f"{name} must be a list of categories (whole numbers 0 to "
                         f"{n_categories - 1}), got {_short(value)}")
    out = tuple(sorted({whole_number(c, f"each of {name}", 0, n_categories - 1) for c in value}))
    if not out and not empty:
        raise ValueError(f"{name} is empty: give at least one")
    return out


def mapping(value, name, keys=None):
    """Return ``value`` if it is a dict (of prices, weights …) whose keys are among ``keys``."""
    if not isinstance(value, dict):
        raise ValueError(f"{name} must be a dict such as {{'label': 0.5}}, got {_short(value)}")
    for key in value:
        if keys is not None:
            one_of(key, f"each key of {name}", keys)
    return value


def iterable(value, name, empty=False):
    """Return ``value`` as a list (of seeds, budgets, names …), refusing text, numbers and dicts."""
    if isinstance(value, (str, bytes, dict)) or not np.iterable(value):
        raise ValueError(f"{name} must be a list, got {_short(value)}")
    out = list(value)
    if not out and not empty:
        raise ValueError(f"{name} is empty: give at least one value")
    return out


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
    if w is None or isinstance(w, (str, bytes, dict, bool)):
        raise ValueError(f"{name} must be a list of numbers, got {_short(w)}")
    try:
        w = np.asarray(w, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a list of numbers, got {_short(w)}") from None
    if w.ndim != 1:
        raise ValueError(f"{name} must be a flat list of numbers, got shape {w.shape}")
    if w.size == 0:
        raise ValueError(f"{name} is empty: give at least one value")
    if not np.all(np.isfinite(w)):
        raise ValueError(f"{name} must be finite numbers, got {w.tolist()[:10]}")
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
    try:
        ok = isinstance(value, (str, numbers.Number, type(None))) and value in allowed
    except TypeError:
        ok = False
    if not ok:
        choices = ", ".join(repr(a) for a in allowed)
        raise ValueError(f"{name} must be one of {choices}; got {_short(value)}")
    return value


def instance(value, name, cls, made_by):
    """Return ``value`` if it is a ``cls``; the error says which function makes one."""
    if not isinstance(value, cls):
        raise ValueError(f"{name} must be a {cls.__name__} (made by {made_by}), got {_short(value)}")
    return value
