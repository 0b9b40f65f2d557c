"""Information measured in bits: self-information, entropy and compressed size.

Shannon's entropy of a distribution ``p`` is ``H(p) = -sum p_i log p_i``, with the
convention ``0 * log 0 = 0`` (an outcome that never happens tells nothing).
"""

import lzma
import math

import numpy as np

from . import _validate as check

_FILTERS = [{"id": lzma.FILTER_LZMA2, "preset": 1, "dict_size": 16 << 20}]
_LOG = {2: np.log2, math.e: np.log, 10: np.log10}
MAX_ANSWERS = 10_000     # outcomes_told_apart: 2**10_000 already has 3 011 digits
MAX_SIDE = 1_000_000     # raw_image_bits: pixels along one side, far beyond any camera


def _log(x, base):
    """Logarithm of ``x`` in ``base`` (2 = bits, e = nats, 10 = hartleys)."""
    base = check.number_in(base, "base", 1, math.inf, low_open=True)
    fn = _LOG.get(base)
    return fn(x) if fn else np.log(x) / np.log(base)


def self_information(p, base=2):
    """Surprise of an event of probability ``p``: ``-log(p)``, in bits by default.

    A certain event (p = 1) tells 0 bits; a fair coin's side tells 1 bit; rarer
    events tell more. ``p`` must be in (0, 1]: an impossible event never arrives.
    Accepts a single number or an array of them.
    """
    arr = check.array(p, "p", ndim=(0, 1), finite=False)
    if arr.size == 0 or np.any(~np.isfinite(arr)) or np.any(arr <= 0) or np.any(arr > 1):
        raise ValueError(f"self_information needs probabilities in (0, 1], got {p!r}")
    result = -_log(arr, base) + 0.0  # + 0.0 turns -0.0 into 0.0
    return float(result) if result.ndim == 0 else result


def entropy(p, base=2):
    """Shannon entropy of the distribution ``p`` (bits by default).

    ``p`` is a list of probabilities that sum to 1; zero entries are allowed and
    contribute nothing (0 log 0 = 0). A fair coin has 1 bit, a certain outcome 0
    bits, and N equally likely outcomes log2(N) bits, the most N outcomes can have.
    """
    p = check.probabilities(p, "p")
    nz = p[p > 0]
    return float(max(0.0, -(nz * _log(nz, base)).sum()))


def entropy_of_weights(weights, base=2):
    """Entropy of the distribution you get by normalising non-negative ``weights``.

    Handy for sliders: ``entropy_of_weights([3, 1])`` is the entropy of (0.75, 0.25).
    """
    return entropy(check.normalise(weights, "weights"), base)


def binary_entropy(p):
    """Entropy in bits of a coin that shows heads with probability ``p`` (0 <= p <= 1).

    Accepts one number or an array (for drawing the curve). It is 0 at p = 0 and
    p = 1 and reaches its maximum, 1 bit, at p = 1/2.
    """
    arr = check.array(p, "p", ndim=(0, 1), finite=False)
    if arr.size == 0 or np.any(~np.isfinite(arr)) or np.any(arr < 0) or np.any(arr > 1):
        raise ValueError(f"binary_entropy needs probabilities between 0 and 1, got {p!r}")
    with np.errstate(divide="ignore", invalid="ignore"):
        h = -(np.where(arr > 0, arr * np.log2(arr), 0.0)
              + np.where(arr < 1, (1 - arr) * np.log2(1 - arr), 0.0))
    h = np.clip(h, 0.0, 1.0) + 0.0  # no -0.0
    return float(h) if h.ndim == 0 else h


def max_entropy(n, base=2):
    """Largest entropy ``n`` outcomes can have: ``log(n)``, reached when all are equally likely."""
    n = check.whole_number(n, "number of outcomes n", minimum=1)
    return float(_log(n, base)) + 0.0


def questions_needed(n):
    """Yes/no questions that always suffice to tell one of ``n`` equal outcomes: ceil(log2 n).

    16 outcomes need 4 questions; 17 already need 5.
    """
    n = check.whole_number(n, "number of outcomes n", minimum=1)
    return (n - 1).bit_length()


def outcomes_told_apart(k):
    """How many things ``k`` yes/no answers can tell apart: ``2**k``."""
    k = check.whole_number(k, "number of answers k", minimum=0, maximum=MAX_ANSWERS,
                           why="2**k would have more digits than is useful to print")
    return 2 ** k


def raw_image_bits(width, height, bits_per_pixel=24):
    """Bits of raw data in an uncompressed image (24 bits a pixel = 8 per colour)."""
    width = check.whole_number(width, "width", minimum=1, maximum=MAX_SIDE, why="far beyond any camera")
    height = check.whole_number(height, "height", minimum=1, maximum=MAX_SIDE, why="far beyond any camera")
    bits_per_pixel = check.whole_number(bits_per_pixel, "bits_per_pixel", minimum=1, maximum=256)
    return width * height * bits_per_pixel


def compressed_bits(*arrays):
    """Size in bits of the arrays' raw bytes, concatenated and compressed with xz (LZMA).

    The compressed size is an upper estimate of the information in the data: what
    repeats compresses away. The compressor (LZMA2, fast preset) remembers the last
    16 MiB it has read, so a second copy of an image smaller than that costs almost
    nothing.
    """
    if not arrays:
        raise ValueError("compressed_bits needs at least one array")
    arrays = [_data(a, "each array") for a in arrays]
    raw = b"".join(np.ascontiguousarray(a).tobytes() for a in arrays)
    if not raw:
        raise ValueError("compressed_bits got only empty arrays")
    return 8 * len(lzma.compress(raw, filters=_FILTERS))


def added_bits(held, new):
    """Compressed bits that ``new`` adds to a set that already holds ``held`` (a list of arrays)."""
    held = [_data(a, "each array of held") for a in check.iterable(held, "held", empty=True)]
    new = _data(new, "new", min_len=1)
    if not held:
        return compressed_bits(new)
    return compressed_bits(*held, new) - compressed_bits(*held)


# ---------------------------------------------------------------- yes/no answers as features

def _answer_table(answers):
    """``answers`` as a 2-D int array of 0 (no) and 1 (yes): one row per item, one column per question."""
    table = np.asarray(answers)
    if table.ndim != 2 or table.size == 0 or not np.isin(table, (0, 1)).all():
        raise ValueError("answers must be a table of 0 (no) and 1 (yes) with one row per item "
                         f"and one column per question, got shape {table.shape}")
    return table.astype(np.int64)


def question_entropies(answers):
    """Bits each yes/no question tells about an item drawn at random from the table's rows.

    Column ``j`` is a coin whose chance of "yes" is the share of rows answering yes,
    so its entropy is :func:`binary_entropy` of that share: 1 bit for a 50/50 split,
    0 bits for a question every row answers the same way.
    """
    return binary_entropy(_answer_table(answers).mean(axis=0))


def joint_entropy(answers):
    """Bits the whole row of answers tells about a random row: the entropy of the distinct rows' shares.

    Never more than the sum of :func:`question_entropies` (equal only when the questions
    are independent), and never more than log2 of the number of rows.
    """
    _, counts = np.unique(_answer_table(answers), axis=0, return_counts=True)
    return entropy(counts / counts.sum())


def answer_distances(answers):
    """How many questions each pair of rows answers differently (the Hamming distance), (n, n)."""
    table = _answer_table(answers)
    return (table[:, None, :] != table[None, :, :]).sum(axis=2)


def compression_ratio(*arrays):
    """Raw bits of the arrays divided by their compressed bits (see :func:`compressed_bits`)."""
    compressed = compressed_bits(*arrays)           # checks the arrays first
    raw = 8 * sum(np.asarray(a).nbytes for a in arrays)
    return raw / compressed


def text_bytes(text):
    """A text's UTF-8 bytes as a uint8 array, ready for :func:`compressed_bits`."""
    if not isinstance(text, str) or not text:
        raise ValueError("text_bytes needs a non-empty string")
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


def data_per_information(n_examples, bits_per_example, information_bits):
    """Bits of data collected for each bit of information: ``n_examples · bits_per_example / information_bits``."""
    n_examples = check.whole_number(n_examples, "n_examples", minimum=1)
    bits_per_example = check.number_in(bits_per_example, "bits_per_example", 0, math.inf, low_open=True)
    information_bits = check.number_in(information_bits, "information_bits", 0, math.inf, low_open=True)
    return n_examples * bits_per_example / information_bits
def _data(a, name, min_len=0):
    """An array of data (any number type, at least 1-D, finite), kept in its own number type."""
    arr = check.array(a, name, min_len=min_len, dtype=None)
    if arr.ndim == 0:
        raise ValueError(f"{name} must be an array (a list of values), got the single value {a!r}")
    return arr
