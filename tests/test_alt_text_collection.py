"""The text alternatives of the collection figures (notebooks 03 and 07) and their widgets:
each says the figure's point with the numbers the notebook is about."""

import re

import numpy as np
import pytest
from matplotlib.figure import Figure

from flywheel_lab import collection as col
from flywheel_lab.plots import alt_text
from flywheel_lab.plots import collection as cp
from flywheel_lab.widgets import collection as cw


def _axes(n=1):
    return Figure().subplots(1, n)


def test_new_information_names_day_1_and_day_2():
    days = np.arange(1, 121)
    ax = cp.plot_new_information(days, col.expected_new_information(days, 16), ax=_axes())
    text = alt_text(ax.figure)
    assert "Day 1 adds 0.25 bit, day 2 0.234375" in text
    assert "from day 12 on" in text          # 0.25 × (15/16)^11 is the first gain under 0.125
    assert "simulation" not in text          # none drawn, none described


def test_new_information_with_a_simulation_says_how_close_it_is():
    days = np.arange(1, 61)
    exact = col.expected_new_information(days, 16)
    ax = cp.plot_new_information(days, exact, exact + 0.004, ax=_axes())
    assert "within 0.004 bit" in alt_text(ax.figure)


def test_information_held_reaches_half_and_ninety_percent():
    days = np.arange(1, 121)
    exact = col.expected_information(days, 16)
    band = (exact, exact - 0.25, exact + 0.5)
    ax = cp.plot_information(days, exact, band, total=4, ax=_axes())
    text = alt_text(ax.figure)
    assert "to 4.00 of 4 bits on day 120" in text
    assert "half by day 11 and 90% by day 36" in text
    assert "shaded band" in text


def test_last_hole_says_72_days_and_the_chapters_70():
    days = np.arange(0, 101)
    fig = Figure()
    ax, zoom = fig.subplots(2, 1)
    cp.plot_last_hole(days, col.prob_seen(days, 1 / 16), 0.99, 72, compare=70, ax=ax, zoom_ax=zoom,
                      p=1 / 16)
    text = alt_text(fig)
    assert "72 days (solid vertical line) are the first to reach 99.0%, with 99.04%" in text
    assert "70 days (dashed) give 98.91%" in text
    assert "day 71 98.98%" in text and "Zoom: days 68–74" in text


def test_a_chance_just_under_the_target_never_reads_as_reaching_it():
    # day 145 of 32 categories: 98.997 %, which two decimals would show as 99.00 %
    days = np.arange(0, 206)
    ax = cp.plot_last_hole(days, col.prob_seen(days, 1 / 32), 0.99, 146, compare=145, ax=_axes())
    assert "145 days (dashed) give 98.998%" in alt_text(ax.figure)


def test_days_all_gives_the_coupon_collector_mean():
    days = np.arange(0, 151)
    marks = {"mean": col.expected_days_all(16), "median": col.days_all_quantile(0.5, 16),
             "90th percentile": col.days_all_quantile(0.9, 16)}
    ax = cp.plot_days_all(days, col.prob_all_seen(days, 16), marks, ax=_axes())
    text = alt_text(ax.figure)
    assert "mean at day 54.09" in text and "median at day 51" in text
    assert "90th percentile at day 79" in text


def test_redundancy_and_holes_cross_on_day_16():
    days = np.arange(1, 121)
    duplicates, holes = col.redundancy_and_holes(days, 16)
    ax = cp.plot_redundancy_holes(days, duplicates, holes, ax=_axes())
    assert "the curves cross on day 16, at about 5.7 each" in alt_text(ax.figure)


def test_frequencies_count_the_common_and_uncommon_cases():
    p = col.zipf_frequencies(100, 1.0)
    ax = cp.plot_frequencies(p, 36, ax=_axes())
    text = alt_text(ax.figure)
    assert "19.3%" in text and "top 36 cases" in text and "other 64 (uncommon)" in text
    assert ax.texts and "uncommon: 64 cases" in ax.texts[0].get_text()   # named on the figure too


def test_frequencies_without_uncommon_cases_say_so():
    p = col.zipf_frequencies(5, 0.0)
    ax = cp.plot_frequencies(p, 5, ax=_axes())
    assert "none is uncommon" in alt_text(ax.figure)


def test_share_seen_contrasts_samples_and_cases():
    p = col.zipf_frequencies(100, 1.0)
    n = np.arange(1, 1001)
    ax = cp.plot_share_seen(n, col.expected_seen(n, p) / 100, col.expected_mass_seen(n, p), ax=_axes())
    text = alt_text(ax.figure)
    assert "By 23 samples, 51% of the samples" in text and "only 15% of the cases" in text
    assert "takes 666 samples" in text


def test_recall_names_the_weak_class_in_every_version():
    before, after = np.full(10, 0.95), np.full(10, 0.95)
    before[8], after[8] = 0.096, 0.673
    ax = cp.plot_recall({"no fix": before, "re-weighted": after}, ax=_axes())
    text = alt_text(ax.figure)
    assert "Digit 8" in text and "9.6% (no fix)" in text and "67.3% (re-weighted)" in text
    hatches = {bar.get_hatch() for bar in ax.patches}
    assert len(hatches) == 2                 # the versions differ by more than colour


@pytest.mark.parametrize("builder", ["diminishing_returns", "last_hole", "long_tail"])
def test_every_widget_render_describes_its_drawing_again(builder):
    """The widgets reuse one Figure, and emptying it wipes the description: each render
    must write it anew, from the new values."""
    live = getattr(cw, builder)()
    first = live.description()
    control = next(iter(live.controls.values()))
    control.value = control.min
    moved = live.description()
    assert moved != first and re.search(r"\d", moved)
    for ax in live.result[0].axes:
        assert getattr(ax, "_flywheel_alt", "")


def test_the_widget_default_drawings_carry_the_chapter_numbers():
    assert "Day 1 adds 0.25 bit, day 2 0.234375" in cw.diminishing_returns().description()
    assert "72 days (solid vertical line) are the first to reach 99.0%" in cw.last_hole().description()


def test_no_line_is_drawn_in_a_light_colour():
    from flywheel_lab.plots import LIGHT, PALETTE
    light = {PALETTE[name].lower() for name in LIGHT}
    diminishing, tail = Figure().subplots(1, 2), Figure().subplots(1, 2)
    cw.draw_diminishing(diminishing, days=30, trials=200)
    cw.draw_long_tail(tail)
    for ax in [*diminishing, *tail]:
        assert not {line.get_color().lower() for line in ax.get_lines()} & light
