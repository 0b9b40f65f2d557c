"""The four-pixel world: encoding, neighbours, sampling, figures and the hole widget."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from flywheel_lab import pixels

CATEGORIES = range(pixels.N_CATEGORIES)


@pytest.mark.parametrize("c", CATEGORIES)
def test_round_trips(c):
    assert pixels.from_answers(pixels.answers(c)) == c
    assert pixels.category_of(pixels.image(c)) == c
    assert (pixels.inputs([c])[0] == pixels.image(c).ravel()).all()


def test_bit_order_is_the_documented_one():
    assert pixels.answers(4) == (0, 1, 0, 0)                      # only TL black
    assert pixels.image(4).tolist() == [[1, 0], [0, 0]]
    assert pixels.image(8).tolist() == [[0, 1], [0, 0]]           # Q1 = TR, worth 8
    assert pixels.image(1).tolist() == [[0, 0], [1, 0]]           # Q4 = BL, worth 1
    assert pixels.QUESTIONS[0] == "Is TR black?"


def test_chapter_neighbours_of_4():
    assert pixels.neighbours(4) == [0, 5, 6, 12]


def test_all_images_are_distinct():
    flat = pixels.all_images().reshape(16, 4)
    assert len({tuple(row) for row in flat}) == 16


@pytest.mark.parametrize("c", CATEGORIES)
def test_four_symmetric_neighbours_one_pixel_away(c):
    near = pixels.neighbours(c)
    assert len(set(near)) == 4 and c not in near
    for n in near:
        assert c in pixels.neighbours(n)
        assert np.abs(pixels.image(c) - pixels.image(n)).sum() == 1
        assert pixels.distance(c, n) == 1


@given(st.integers(0, 15), st.integers(0, 15))
def test_distance_is_a_metric_on_pixels(a, b):
    d = pixels.distance(a, b)
    assert d == pixels.distance(b, a) == np.abs(pixels.image(a) - pixels.image(b)).sum()
    assert (d == 0) == (a == b)


def test_sample_is_seeded_uniform_and_skips_holes():
    X, y = pixels.sample(16_000, holes=[4, 9], seed=3)
    X2, y2 = pixels.sample(16_000, holes=[4, 9], seed=3)
    assert (y == y2).all() and (X == X2).all()
    assert X.shape == (16_000, 4) and X.dtype == np.float32
    counts = np.bincount(y, minlength=16)
    assert counts[4] == counts[9] == 0
    assert counts[counts > 0].min() > 1_000 - 150
    assert (X == pixels.inputs(y)).all()


def test_sample_weights():
    weights = np.zeros(16)
    weights[[3, 7]] = [1, 3]
    _, y = pixels.sample(4_000, weights=weights, seed=0)
    assert set(np.unique(y)) == {3, 7}
    assert 0.7 < np.mean(y == 7) < 0.8
    with pytest.raises(ValueError, match="weight 0"):
        pixels.sample(10, holes=[3, 7], weights=weights)


def test_copies():
    X, y = pixels.copies(4, 3)
    assert y.tolist() == [4, 4, 4] and (X == pixels.inputs([4, 4, 4])).all()
    assert pixels.copies(4, 0)[0].shape == (0, 4)


@pytest.mark.parametrize("call, message", [
    (lambda: pixels.answers(16), "from 0 to 15"),
    (lambda: pixels.neighbours(-1), "from 0 to 15"),
    (lambda: pixels.sample(-5), "at least 0"),
    (lambda: pixels.sample(10, holes=[17]), "from 0 to 15"),
    (lambda: pixels.sample(10, holes=range(16)), "leave at least one"),
    (lambda: pixels.sample(10, weights=[1, 2]), "one number per category"),
    (lambda: pixels.from_answers([1, 0, 2, 0]), "each 0"),
    (lambda: pixels.category_of(np.zeros(4)), "2×2"),
    (lambda: pixels.copies(3, -1), "at least 0"),
])
def test_bad_input_says_what_is_allowed(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_figures_have_labelled_axes():
    import matplotlib
    matplotlib.use("Agg")
    from flywheel_lab.plots import pixels as pp
    from flywheel_lab.widgets import new_figure
    fig, axs = new_figure(2, 3)
    pp.plot_images(ax=axs[0, 0], highlight=[4])
    assert pp.plot_questions(ax=axs[0, 1]).get_xlabel()
    table = np.eye(16)
    table[3] = np.nan
    ax = pp.plot_output_table(table, ax=axs[0, 2])
    assert "category" in ax.get_xlabel() and "category" in ax.get_ylabel()
    assert pp.plot_confusion(np.eye(16, dtype=int) * 60, ax=axs[1, 0]).get_xlabel() == "predicted category"
    assert "(count)" in pp.plot_where_sent(np.arange(16), 4, ax=axs[1, 1]).get_ylabel()
    ax = pp.plot_closing([0, 1, 5], [0, 0.5, 1], [0, 0.4, 0.9], ax=axs[1, 2])
    assert "(%)" in ax.get_ylabel() and "(count, log scale" in ax.get_xlabel()


def test_hole_widget_shows_an_error_for_no_categories_left():
    from flywheel_lab.widgets.pixels import hole_explorer
    live = hole_explorer(n_train=200)
    assert "hole 4" in live.output.outputs[0]["text"]
    live.controls["holes"].value = tuple(range(16))
    assert "leave at least one" in live.output.outputs[0]["text"]


def test_question_correlations():
    answers = np.array([pixels.answers(c) for c in CATEGORIES], dtype=float)
    responses = np.column_stack([answers[:, 2], 1 - answers[:, 0], np.full(16, 0.3)])
    corr = pixels.question_correlations(responses)
    assert corr.shape == (3, 4)
    assert corr[0, 2] == pytest.approx(1) and corr[1, 0] == pytest.approx(-1)
    assert np.allclose(corr[2], 0) and np.allclose(corr[0, [0, 1, 3]], 0)
    with pytest.raises(ValueError, match="one row per category"):
        pixels.question_correlations(np.zeros((4, 2)))


def test_single_question_units():
    answers = np.array([pixels.answers(c) for c in CATEGORIES], dtype=float)
    responses = np.column_stack([np.full(16, 0.3), 1 - answers[:, 3]])
    assert pixels.single_question_units(responses) == [(1, 3, pytest.approx(-1.0))]


def test_network_diagram_draws_every_unit_and_connection():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from flywheel_lab.plots import pixels as pp
    before = plt.get_fignums()
    ax = pp.plot_network(hidden=5)
    assert ax.figure.number not in before          # ax=None: a figure of its own
    links, *units = ax.collections                 # one collection of lines, then one per layer
    assert len(links.get_segments()) == 4 * 5 + 5 * 16
    assert [len(c.get_offsets()) for c in units] == [4, 5, 16]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    plt.close(ax.figure)
    layout = pp.network_layout((1, 3))
    assert layout[0][1].tolist() == [0.5] and layout[1][1].tolist() == [1.0, 0.5, 0.0]
    with pytest.raises(ValueError, match="at least an input and an output"):
        pp.network_layout((4,))


@given(sizes=st.lists(st.integers(0, 300), min_size=1, max_size=5), seed=st.integers(0, 2**32 - 1))
def test_nested_domains_sit_inside_each_other(sizes, seed):
    sizes = sorted(sizes, reverse=True)
    counts = pixels.nested_domains(sizes, seed=seed)
    assert counts.shape == (len(sizes), pixels.N_CATEGORIES)
    assert counts.sum(axis=1).tolist() == sizes
    assert (counts[1:] <= counts[:-1]).all()          # a domain holds only what its container holds
    assert (pixels.nested_domains(sizes, seed=seed) == counts).all()   # seeded: the same draws


def test_nested_domains_cover_more_as_data_arrive():
    from flywheel_lab import collection
    world = collection.zipf_frequencies(pixels.N_CATEGORIES)
    month = pixels.nested_domains((150, 50, 20, 14), weights=world, seed=0)
    year = pixels.nested_domains((1800, 600, 240, 168), weights=world, seed=0)
    covered = lambda counts: (counts > 0).sum(axis=1).tolist()   # noqa: E731
    assert covered(month)[-1] < covered(month)[0] and covered(year) == [16] * 4
    assert len(pixels.DOMAINS) == len(month) + 1 and pixels.DOMAINS[0] == "the world"
    assert pixels.nested_domains([5], weights=[0] * 15 + [1], seed=1)[0, 15] == 5


@pytest.mark.parametrize("call, message", [
    (lambda: pixels.nested_domains([10, 20]), "must not grow"),
    (lambda: pixels.nested_domains([]), "empty"),
    (lambda: pixels.nested_domains(10), "must be a list"),
    (lambda: pixels.nested_domains([10, -1]), "at least 0"),
    (lambda: pixels.nested_domains([10], weights=[1, 2]), "one number per category"),
])
def test_nested_domains_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()
