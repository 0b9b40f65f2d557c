"""Information in bits: the chapter's numbers, properties, and errors for people."""

import math

import numpy as np
import pytest
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st

from flywheel_lab import information as I

distributions = st.lists(st.floats(0, 1e3, allow_nan=False), min_size=1, max_size=64).filter(
    lambda w: sum(w) > 1e-6).map(lambda w: np.array(w) / np.sum(w))


def test_chapter_numbers():
    assert I.entropy([0.5, 0.5]) == 1.0
    assert I.entropy([0.0, 1.0]) == 0.0
    assert I.binary_entropy(0.5) == 1.0
    assert I.binary_entropy(0.0) == I.binary_entropy(1.0) == 0.0
    assert I.questions_needed(16) == 4
    assert I.outcomes_told_apart(20) == 2 ** 20 == 1_048_576
    assert I.raw_image_bits(400, 400) == 3_840_000


def test_questions_needed_rounds_up():
    assert [I.questions_needed(n) for n in (1, 2, 3, 4, 5, 16, 17, 100)] == [0, 1, 2, 2, 3, 4, 5, 7]


def test_self_information():
    assert I.self_information(0.5) == 1.0
    assert I.self_information(1.0) == 0.0
    assert I.self_information(1 / 1024) == pytest.approx(10.0)
    np.testing.assert_allclose(I.self_information([0.25, 0.125]), [2.0, 3.0])


def test_bases():
    assert I.entropy([0.5, 0.5], base=math.e) == pytest.approx(math.log(2))
    assert I.entropy([0.1] * 10, base=10) == pytest.approx(1.0)
    assert I.max_entropy(16) == 4.0


@settings(max_examples=200, deadline=None)
@given(distributions)
def test_entropy_bounds_and_scipy(p):
    h = I.entropy(p)
    assert -1e-12 <= h <= math.log2(p.size) + 1e-9
    assert h == pytest.approx(scipy.stats.entropy(p, base=2), abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 256), st.integers(0, 255))
def test_uniform_is_maximal_point_mass_is_zero(n, k):
    assert I.entropy(np.full(n, 1 / n)) == pytest.approx(math.log2(n))
    point = np.zeros(n)
    point[k % n] = 1.0
    assert I.entropy(point) == 0.0


@settings(max_examples=100, deadline=None)
@given(st.floats(0, 1))
def test_binary_entropy_matches_entropy(p):
    assert I.binary_entropy(p) == pytest.approx(I.entropy([p, 1 - p]), abs=1e-12)
    assert I.binary_entropy(p) <= I.binary_entropy(0.5)


def test_entropy_of_weights():
    assert I.entropy_of_weights([3, 1]) == pytest.approx(I.entropy([0.75, 0.25]))


@pytest.mark.parametrize("bad, message", [
    ([0.5, 0.6], "sum to 1"),
    ([-0.5, 1.5], "negative"),
    ([], "empty"),
    ([[0.5, 0.5]], "flat list"),
    ([np.nan, 1.0], "finite"),
    ("abc", "list of numbers"),
])
def test_entropy_errors(bad, message):
    with pytest.raises(ValueError, match=message):
        I.entropy(bad)


@pytest.mark.parametrize("call, message", [
    (lambda: I.self_information(0), r"\(0, 1\]"),
    (lambda: I.self_information(1.5), r"\(0, 1\]"),
    (lambda: I.binary_entropy(-0.1), "between 0 and 1"),
    (lambda: I.questions_needed(0), "at least 1"),
    (lambda: I.questions_needed(2.5), "whole number"),
    (lambda: I.max_entropy(0), "at least 1"),
    (lambda: I.outcomes_told_apart(-1), "at least 0"),
    (lambda: I.entropy([0.5, 0.5], base=1), "base"),
    (lambda: I.entropy_of_weights([0, 0]), "all zero"),
    (lambda: I.raw_image_bits(0, 10), "width"),
    (lambda: I.compressed_bits(), "at least one"),
])
def test_other_errors(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_duplicate_adds_almost_nothing():
    rng = np.random.default_rng(0)
    image = rng.integers(0, 256, size=(64, 64, 3), dtype=np.uint8)
    other = rng.integers(0, 256, size=(64, 64, 3), dtype=np.uint8)
    alone = I.compressed_bits(image)
    assert I.added_bits([image], image) < 0.02 * alone
    assert I.added_bits([image], other) > 0.9 * alone
    assert I.added_bits([], image) == alone
