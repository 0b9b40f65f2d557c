"""Text alternatives of the coverage figures (notebook 08) say the point with its numbers."""

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from flywheel_lab.plots import alt_text  # noqa: E402
from flywheel_lab.plots import coverage as P  # noqa: E402

# a 3 × 3 grid of map points; the top-left one is the farthest from any label
POINTS = np.array([[x, y] for y in (0.0, 1.0, 2.0) for x in (0.0, 1.0, 2.0)])
DISTANCE = np.array([0.0, 0.5, 1.0, 0.5, 0.0, 0.5, 3.0, 1.0, 0.5])


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_coverage_map_gives_median_largest_hole_and_its_place():
    ax = P.plot_coverage_map(POINTS, DISTANCE, [0, 4], vmax=3.0, title="random: 2 labels")
    text = alt_text(ax.figure)
    assert text.startswith("random: 2 labels: crosses mark the 2 labelled images")
    assert "median 0.50, largest 3.00 pixel units, at the map's top left" in text


def test_maps_sharing_one_colour_bar_keep_their_own_numbers():
    fig, (left, right) = plt.subplots(1, 2, layout="constrained")
    P.plot_coverage_map(POINTS, DISTANCE, [0], ax=left, title="random", colorbar=False)
    P.plot_coverage_map(POINTS, DISTANCE / 3, [0], ax=right, title="kcenter", colorbar=[left, right])
    assert len(fig.axes) == 3                                   # two maps, one colour bar
    text = alt_text(fig)
    assert "random: crosses mark the 1 labelled images" in text and "largest 3.00" in text
    assert "kcenter: crosses" in text and "largest 1.00 pixel units" in text


def test_hole_sizes_name_the_smaller_largest_hole_and_the_tail_beyond_it():
    holes = {"random": np.array([0.0, 1.0, 2.4, 2.5]), "kcenter": np.array([0.0, 1.0, 2.0])}
    ax = P.plot_hole_sizes(holes)
    text = alt_text(ax.figure)
    assert "kcenter leaves the smallest largest hole, 2.00 pixel units" in text
    assert "random's is 2.50, with 2 images farther than 2.00" in text
    assert "mean distance of the unlabelled images: random 1.97, kcenter 1.50." in text
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["random: largest hole 2.50", "kcenter: largest hole 2.00"]   # one outline each
    tail = [t.get_text() for t in ax.texts]
    assert tail == ["2 images farther\nthan kcenter's\nlargest hole"]   # the shaded tail, counted


def test_hole_sizes_leave_the_labelled_images_out():
    """A labelled image is at distance 0 from itself: it is no hole, and its spike would dwarf the tail."""
    holes = {"random": np.array([0.0, 0.0, 0.0, 1.0, 2.0]), "kcenter": np.array([0.0, 0.0, 0.0, 1.5, 1.6])}
    ax = P.plot_hole_sizes(holes, bins=4)
    assert ax.get_xlim()[0] > 0.5                             # the axis starts near the nearest unlabelled
    assert "unlabelled" in ax.get_ylabel()


def test_learning_curve_panels_say_where_each_strategy_reaches_the_target():
    budgets = [20, 40, 60]
    curves = {"random": np.array([[0.5, 0.7, 0.9]]), "margin": np.array([[0.6, 0.9, 0.95]]),
              "kcenter": np.array([[0.5, 0.8, 0.85], [0.5, 0.8, 0.85]]),
              "entropy": np.array([[0.5, 0.8, 0.95]])}
    axs = P.plot_learning_curve_panels(budgets, curves, target=0.9, target_label="random at 60 labels")
    text = alt_text(np.ravel(axs)[0].figure)
    assert "to reach 90.0% (random at 60 labels)" in text
    assert "margin 40, entropy 53, random 60, kcenter never reaches it." in text   # fewest first


def test_hole_counts_rank_the_strategies_against_chance():
    counts = {"random": 2.0, "entropy": 19.0, "kcenter": 10.5}
    text = alt_text(P.plot_hole_counts(counts, batch=20, expected_random=1.9).figure)
    assert "first batch of 20" in text
    assert "entropy 19.0, kcenter 10.5, random 2.0; picking at random is expected to buy 1.9" in text


def test_filter_compares_the_picks_with_the_pool():
    score = np.linspace(0.1, 0.9, 9)
    text = alt_text(P.plot_filter(POINTS, score, [7, 8]).figure)
    assert "the 2 circled images" in text
    assert "uncertainty 0.80 to 0.90 (mean 0.85)" in text and "mean of 0.50 over the whole pool of 9" in text
    assert "22.2% of the pool" in text


def test_strategies_all_have_a_colour_that_passes_on_white():
    from flywheel_lab import coverage
    from flywheel_lab.plots import CYCLE
    assert set(coverage.STRATEGIES) <= set(P.STRATEGY_COLOURS)
    assert set(P.STRATEGY_COLOURS.values()) <= set(CYCLE)


def test_coverage_widget_text_follows_the_controls_with_the_numbers_it_prints():
    from flywheel_lab.widgets import coverage as W
    live = W.coverage_map_explorer(strategy="random", labels=20)
    first = live.description()
    assert "crosses mark the 20 random labels every strategy starts from" in first
    _, dist = W._bought("random", 20, 0)
    assert f"largest {dist.max():.2f} pixel units" in first and f"median {np.median(dist):.2f}" in first
    assert f"largest hole: {dist.max():.2f}" in first                  # the printed line agrees
    live.controls["strategy"].value = "kcenter"
    live.controls["labels"].value = 40
    second = live.description()
    assert "crosses mark the 40 labels kcenter bought" in second and second != first
    assert live.result[0].axes[0]._flywheel_alt in second              # the same Figure, re-described


def test_learning_curve_panels_without_a_target_give_the_last_accuracy():
    curves = {"random": np.array([[0.5, 0.7]]), "margin": np.array([[0.6, 0.9], [0.6, 0.8]])}
    axs = P.plot_learning_curve_panels([20, 40], curves)
    assert "mean accuracy at 40 labels: random 70.0%, margin 85.0%." in alt_text(np.ravel(axs)[0].figure)
