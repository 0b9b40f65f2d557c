"""Text alternatives of the accuracy figures (notebooks 02 and 04) say the point with its numbers."""

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from flywheel_lab import accuracy as A  # noqa: E402
from flywheel_lab.plots import accuracy as P  # noqa: E402
from flywheel_lab.plots import alt_text  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_customer_view_says_the_chapter_numbers_and_where_the_lines_meet():
    text = alt_text(P.plot_customer_view(0.01, 0.9, 0.1).figure)
    assert "measured 89.2%, balanced 50.0%" in text          # the title's numbers
    assert "falls straight from 90.0%" in text
    assert "meets the dashed balanced line" in text
    assert "39.2 points above" in text


def test_customer_view_text_follows_the_controls():
    rising = alt_text(P.plot_customer_view(0.3, 0.2, 0.9).figure)
    assert "rises straight from 20.0%" in rising and "14.0 points below" in rising
    flat = alt_text(P.plot_customer_view(0.2, 0.7, 0.7).figure)
    assert "flat at 70.0%" in flat


def test_accuracy_bars_name_each_bar_and_the_gap():
    values = {"common class": 0.9, "exotic class": 0.1, "measured": 0.892, "balanced": 0.5}
    text = alt_text(P.plot_accuracy_bars(values, title="What the customer sees").figure)
    assert "common class 90.0%, exotic class 10.0%, measured 89.2%, balanced 50.0%" in text
    assert "Highest: common class; lowest: exotic class" in text
    assert "39.2 points above balanced" in text


def test_two_customers_says_start_end_and_the_biggest_gain():
    reports = [{"customer A": 0.949, "customer B": 0.454, "balanced": 0.702},
               {"customer A": 0.962, "customer B": 0.782, "balanced": 0.872}]
    ax = P.plot_two_customers([0, 40], reports)
    text = alt_text(ax.figure)
    assert "customer B 45.4%" in text and "customer B 78.2%" in text
    assert "Customer B gains the most, +32.8 points" in text
    styles = {(line.get_linestyle(), line.get_marker()) for line in ax.lines}
    assert len(styles) == 3, "streams differ by line style and marker, not colour alone"


def _toy_result():
    kinds, gains, novelty = [], [], []
    for seed in range(2):
        for i, kind in enumerate(A.KINDS):
            fake = kind in A.UNREALISTIC
            kinds.append(kind)
            novelty.append(4.0 + i * 0.1 if fake else i * 0.5 + seed * 0.02)
            gains.append(-0.01 if fake else i * 0.01 + seed * 0.002)
    return {"seed": np.repeat([0, 1], len(A.KINDS)), "kind": np.array(kinds),
            "pixel_novelty": np.array(novelty), "feature_novelty": np.array(novelty) / 2,
            "gain": np.array(gains)}


def test_novelty_vs_gain_says_the_trend_and_the_unrealistic_kinds():
    ax = P.plot_novelty_vs_gain(_toy_result())
    text = alt_text(ax.figure)
    assert "8 kinds of candidate batch, 2 runs each" in text
    assert "rank correlation +1.00" in text                  # real images: gain rises with novelty
    assert "far outlier the most, +5.1 points at 2.51" in text
    assert "Random noise -1.0 points at 4.60" in text
    assert "the most novel, yet lower the accuracy" in text


def test_novelty_vs_gain_tells_kinds_apart_without_colour_and_with_dark_edges():
    ax = P.plot_novelty_vs_gain(_toy_result())
    markers = [coll.get_paths()[0].vertices.tobytes() for coll in ax.collections]
    assert len(set(markers)) == len(A.KINDS), "every kind has its own marker"
    for coll in ax.collections:
        assert np.allclose(coll.get_edgecolor()[0][:3], 0), "a dark edge on every point"


def test_digit_images_alt_text_lists_titles_and_description():
    fig, axs = plt.subplots(2, 2)
    images = np.zeros((3, 64))
    titles = ["near-duplicate\nnovelty 0.86", "far outlier\nnovelty 2.88", "scribble\nnovelty 3.34"]
    P.plot_digit_images(images, titles, axs, description="Three candidate 2s.")
    text = alt_text(fig)
    assert text.startswith("Three candidate 2s. 3 images of 8 × 8 pixels, left to right:")
    assert "far outlier, novelty 2.88" in text
    assert not axs[1, 1].get_visible()                      # the spare Axes is hidden
    fig, axs = plt.subplots(1, 2)
    P.plot_digit_images(images[:2], ["held 2"] * 2, axs)
    assert alt_text(fig) == "2 images of 8 × 8 pixels, each titled held 2."
    with pytest.raises(ValueError, match="description"):
        P.plot_digit_images(images[:2], ["a", "b"], axs, description=2.5)
