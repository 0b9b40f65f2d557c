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


# ---------------------------------------------------------------- yes/no answers as features

def test_question_entropies_are_binary_entropies_of_the_yes_share():
    answers = np.array([[1, 1, 0], [1, 0, 0], [1, 1, 0], [1, 0, 1]])
    assert I.question_entropies(answers) == pytest.approx([0.0, 1.0, I.binary_entropy(0.25)])


def test_joint_entropy_is_at_most_the_sum_and_exact_for_independent_questions():
    independent = np.array([[a, b] for a in (0, 1) for b in (0, 1)])
    assert I.joint_entropy(independent) == pytest.approx(2.0)
    copied = np.column_stack([independent[:, 0], independent[:, 0]])   # the same question twice
    assert I.joint_entropy(copied) == pytest.approx(1.0)
    assert I.question_entropies(copied).sum() == pytest.approx(2.0)


@given(st.lists(st.lists(st.integers(0, 1), min_size=3, max_size=3), min_size=1, max_size=12))
@settings(max_examples=50, deadline=None)
def test_joint_entropy_bounds(rows):
    table = np.array(rows)
    joint = I.joint_entropy(table)
    assert joint <= I.question_entropies(table).sum() + 1e-9
    assert joint <= math.log2(len(rows)) + 1e-9


def test_answer_distances_count_differing_answers():
    d = I.answer_distances([[1, 0, 1], [1, 1, 1], [0, 1, 0]])
    assert d.tolist() == [[0, 1, 3], [1, 0, 2], [3, 2, 0]]


@pytest.mark.parametrize("bad", [[1, 0, 1], [[1, 2]], [[0.5, 1]], np.zeros((0, 3))])
def test_answer_tables_must_be_zeros_and_ones(bad):
    with pytest.raises(ValueError, match="0 \\(no\\) and 1 \\(yes\\)"):
        I.question_entropies(bad)


def test_compression_ratio_of_repetitive_and_random_bytes():
    repetitive = I.text_bytes("cat " * 5000)
    noise = np.random.default_rng(0).integers(0, 256, 20_000, dtype=np.uint8)
    assert I.compression_ratio(repetitive) > 50
    assert I.compression_ratio(noise) < 1.01          # random bytes do not compress
    with pytest.raises(ValueError, match="non-empty string"):
        I.text_bytes("")


def test_data_per_information_is_the_chapters_arithmetic():
    assert I.data_per_information(1000, 5e6, 5e6) == pytest.approx(1000)
    with pytest.raises(ValueError, match="information_bits"):
        I.data_per_information(10, 5e6, 0)


def test_shipped_cat_questions_and_text():
    from flywheel_lab import data
    cq = data.cat_questions()
    assert cq["questions"][:2] == ["fur", "pointed_ears"] and len(cq["questions"]) == 8
    assert cq["answers"].shape == (len(cq["animals"]), 8) and cq["is_cat"].sum() >= 5
    assert I.question_entropies(cq["answers"][cq["is_cat"]])[cq["questions"].index("two_eyes")] == 0
    text = data.sample_text()
    assert len(text) > 10_000 and "digits" in text.lower()


def test_feature_vector_grid_draws_every_answer_on_a_figure_of_its_own():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from flywheel_lab.plots.information import plot_feature_vectors
    before = plt.get_fignums()
    ax = plot_feature_vectors([[1, 0], [0, 0], [1, 1]], ["a", "b", "c"], ["fur", "two_eyes"], bits=[0.92, 0.0])
    assert ax.figure.number not in before
    assert ax.images[0].get_array().tolist() == [[1, 0], [0, 0], [1, 1]]
    assert "dark = yes" in ax.get_title()
    assert [t.get_text() for t in ax.get_xticklabels()] == ["fur\n0.92 bits", "two\neyes\n0.00 bits"]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    plt.close(ax.figure)
    with pytest.raises(ValueError, match="one row per item"):
        plot_feature_vectors([[1, 0]], ["a", "b"], ["fur", "tail"])
