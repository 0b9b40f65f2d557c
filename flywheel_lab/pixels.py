"""The four-pixel world: 2×2 black-and-white images and their 16 categories.

Each pixel is white (0) or black (1). Four yes/no questions tell every image
apart, asked in this fixed order (the chapter's order)::

    Q1  Is the top-right pixel black?      (TR)   weight 8
    Q2  Is the top-left pixel black?       (TL)   weight 4
    Q3  Is the bottom-right pixel black?   (BR)   weight 2
    Q4  Is the bottom-left pixel black?    (BL)   weight 1

Write the four answers left to right as a binary number (yes = 1, no = 0): that
number is the image's **category**, 0 to 15. Category 4 = ``0100`` is the image
whose only black pixel is the top-left one. Flipping one pixel flips one bit, so
the one-pixel (Hamming) neighbours of category 4 are 0, 5, 6 and 12.

An image is a 2×2 array ``[[TL, TR], [BL, BR]]``; the network's input is that
array read row by row: ``(TL, TR, BL, BR)``.
"""

import numpy as np

from . import _validate as check
from .seeding import as_rng

N_CATEGORIES = 16
N_PIXELS = 4
PIXEL_NAMES = ("TR", "TL", "BR", "BL")          # question order, most significant first
QUESTIONS = tuple(f"Is {name} black?" for name in PIXEL_NAMES)
_WEIGHTS = np.array([8, 4, 2, 1])
_POSITION = {"TL": (0, 0), "TR": (0, 1), "BL": (1, 0), "BR": (1, 1)}


def check_category(category, name="category"):
    """Return ``category`` as an int, or raise ValueError unless it is 0–15."""
    return check.whole_number(category, check.text(name, "name"), minimum=0, maximum=N_CATEGORIES - 1)


def check_categories(categories, name="categories"):
    """Return a sorted tuple of distinct categories (each 0–15) from any iterable."""
    return check.categories(categories, check.text(name, "name"), N_CATEGORIES)


def answers(category):
    """The four yes/no answers (1 = black) of ``category``, in question order."""
    category = check_category(category)
    return tuple(int(b) for b in (category & _WEIGHTS) > 0)


def from_answers(answers):
    """The category whose four answers (in question order, 1 = yes) are ``answers``."""
    bits = check.array(answers, "answers", dtype=None)
    if bits.shape != (N_PIXELS,) or not np.isin(bits, (0, 1)).all():
        raise ValueError(f"answers must be four values, each 0 (no) or 1 (yes); got {answers!r}")
    return int(bits @ _WEIGHTS)


def image(category):
    """The 2×2 image of ``category`` as ``[[TL, TR], [BL, BR]]`` (1 = black)."""
    img = np.zeros((2, 2), dtype=np.int64)
    for name, bit in zip(PIXEL_NAMES, answers(category)):
        img[_POSITION[name]] = bit
    return img


def category_of(img):
    """The category of a 2×2 image ``[[TL, TR], [BL, BR]]`` of 0s and 1s."""
    img = check.array(img, "img", dtype=None)
    if img.shape != (2, 2):
        raise ValueError(f"an image must be 2×2, got shape {img.shape}")
    return from_answers([img[_POSITION[name]] for name in PIXEL_NAMES])


def all_images():
    """All 16 images, shape (16, 2, 2): ``all_images()[c]`` is category ``c``."""
    return np.stack([image(c) for c in range(N_CATEGORIES)])


def inputs(categories):
    """Network inputs for a list of categories: float32 rows ``(TL, TR, BL, BR)``."""
    categories = check.labels(categories, "categories", N_CATEGORIES, min_len=0, ndim=(0, 1))
    return _INPUTS[categories]


def neighbours(category):
    """The four categories one pixel flip away from ``category``, sorted."""
    category = check_category(category)
    return sorted(category ^ int(w) for w in _WEIGHTS)


def distance(a, b):
    """How many pixels differ between the images of categories ``a`` and ``b``."""
    return bin(check_category(a, "a") ^ check_category(b, "b")).count("1")


def kept_categories(holes=()):
    """The categories left after removing ``holes``; ValueError if none is left."""
    holes = check_categories(holes, "holes")
    kept = [c for c in range(N_CATEGORIES) if c not in holes]
    if not kept:
        raise ValueError("the holes remove all 16 categories: leave at least one to train on")
    return kept


def sample(n, holes=(), weights=None, rng=None, seed=None):
    """``n`` random images as ``(X, y)``: inputs (n, 4) and categories (n,).

    Categories are drawn with replacement, uniformly or by ``weights`` (16
    non-negative numbers); categories in ``holes`` are never drawn.
    """
    n = check.size(n, "n")
    p = np.ones(N_CATEGORIES) if weights is None else check.nonnegative_weights(weights, "weights")
    if p.size != N_CATEGORIES:
        raise ValueError(f"weights needs one number per category (16), got {p.size}")
    p = p.copy()
    p[list(check_categories(holes, "holes"))] = 0.0
    kept_categories(holes)
    if p.sum() == 0:
        raise ValueError("every category left after the holes has weight 0: nothing to sample")
    y = as_rng(rng, seed).choice(N_CATEGORIES, size=n, p=p / p.sum())
    return inputs(y), y


def copies(category, k):
    """``k`` samples of one category as ``(X, y)`` (all its images are identical)."""
    y = np.full(check.size(k, "k"), check_category(category), dtype=np.int64)
    return inputs(y), y


#: the chapter's nested data domains, outermost first: each is a sample of the one before it
DOMAINS = ("the world", "one customer's data", "collected", "labelled", "training set")


def nested_domains(sizes=(300, 100, 30, 21), weights=None, rng=None, seed=None):
    """How many images of each category every nested data domain holds.

    The world holds all 16 categories (equally often, or as often as ``weights`` says: 16
    non-negative numbers). The first domain draws ``sizes[0]`` images from the world; each
    later domain keeps ``sizes[i]`` images picked at random from the domain before it (each
    image at most once), so every domain is a fair sample of its container, and none holds a
    category its container lacks. With the default four sizes the domains are those of
    :data:`DOMAINS` after the world. Returns an int array (len(sizes), 16): row ``i`` counts
    the images of each category in domain ``i``.
    """
    sizes = [check.size(s, "each size") for s in check.iterable(sizes, "sizes")]
    for outer, inner in zip(sizes, sizes[1:]):
        if inner > outer:
            raise ValueError(f"sizes must not grow: a domain inside another cannot hold more images "
                             f"than it ({inner} > {outer}); got {sizes}")
    rng = as_rng(rng, seed)
    _, y = sample(sizes[0], weights=weights, rng=rng)
    counts = []
    for n in sizes:
        y = rng.choice(y, size=n, replace=False) if n < y.size else y
        counts.append(np.bincount(y, minlength=N_CATEGORIES))
    return np.array(counts, dtype=np.int64)


def question_correlations(responses):
    """Correlation (−1 to 1) of each unit's response to the 16 images with each question.

    ``responses`` is (16, units): row ``c`` holds the units' outputs for image ``c``.
    Returns (units, 4); a unit that gives the same output to every image scores 0.
    """
    responses = check.array(responses, "responses")
    if responses.ndim != 2 or responses.shape[0] != N_CATEGORIES:
        raise ValueError(f"responses must have one row per category (16, units), got {responses.shape}")
    answers_table = np.array([answers(c) for c in range(N_CATEGORIES)], dtype=float)
    a = (answers_table - answers_table.mean(0)) / answers_table.std(0)
    spread = responses.std(0)
    r = (responses - responses.mean(0)) / np.where(spread > 0, spread, 1.0)
    return (r.T @ a) / N_CATEGORIES


def single_question_units(responses, min_abs_r=0.9):
    """Units that behave like one of the four questions: ``[(unit, question, r), ...]``.

    ``r`` > 0: the unit says yes when the pixel is black; ``r`` < 0: when it is white.
    """
    min_abs_r = check.number_in(min_abs_r, "min_abs_r", 0, 1)
    corr = question_correlations(responses)
    best = np.abs(corr).argmax(axis=1)
    return [(unit, int(q), float(corr[unit, q])) for unit, q in enumerate(best)
            if abs(corr[unit, q]) >= min_abs_r]


_INPUTS = np.stack([image(c).ravel() for c in range(N_CATEGORIES)]).astype(np.float32)
_INPUTS.setflags(write=False)
