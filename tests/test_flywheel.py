"""Tests for the whole flywheel loop (flywheel_lab.flywheel) and its exercises."""


import numpy as np
import pytest

from flywheel_lab import flywheel as fw
from flywheel_lab.exercises import flywheel as answers
from flywheel_lab.exercises import is_correct


def test_expected_days_exact_values():
    assert fw.expected_days_to_cover(16, 1) == pytest.approx(16 * sum(1 / k for k in range(1, 17)))
    assert round(fw.expected_days_to_cover(16, 1), 2) == 54.09
    assert fw.expected_days_to_cover(16, 10_000) == pytest.approx(16, abs=1e-3)
    assert fw.expected_days_to_cover(1, 1) == 1


def test_pool_of_one_is_the_coupon_collector_of_collection():
    from flywheel_lab import collection
    for k in (4, 16, 30):
        assert fw.expected_days_to_cover(k, 1) == pytest.approx(collection.expected_days_all(k))


@pytest.mark.parametrize("pool", [1, 3])
def test_monte_carlo_agrees_with_formula(pool):
    days = fw.simulate_days_to_cover(16, pool, runs=4000, seed=3)
    assert days.min() >= 16
    assert days.mean() == pytest.approx(fw.expected_days_to_cover(16, pool), rel=0.03)


def test_measured_accuracy_is_mix_weighted_recall():
    recall = np.r_[np.full(9, 0.9), 0.1]
    mix = np.r_[np.full(9, 110.0), 10.0]
    assert fw.measured_accuracy(recall, mix) == pytest.approx((990 * 0.9 + 10 * 0.1) / 1000)


def test_small_end_to_end_run():
    h = fw.simulate("kcenter", weekly_budget=10, n_customers=2, weeks=4, images_per_week=40,
                    join_every=2, seed=1)
    assert h.labels.tolist() == [10, 20, 30, 40]
    assert np.all(np.diff(h.cost) > 0)
    assert np.isnan(h.measured[:2, 1]).all() and not np.isnan(h.measured[2:]).any()
    assert np.all((h.real >= 0) & (h.real <= 1))
    assert h.per_digit.sum() == 40
    assert np.all(np.diff(h.bits) >= 0)


def test_measured_beats_real_for_the_first_customer():
    h = fw.simulate("random", weekly_budget=20, n_customers=1, weeks=3, seed=0)
    assert np.all(h.measured[:, 0] > h.real)


def test_information_driven_collection_covers_more():
    runs = fw.compare(("random", "kcenter"), weeks=8, seed=0)
    assert runs["kcenter"].bits[-1] > runs["random"].bits[-1]
    assert runs["kcenter"].cost[-1] == pytest.approx(runs["random"].cost[-1])


@pytest.mark.parametrize("kwargs, match", [
    (dict(weekly_budget=-1), "weekly_budget"),
    (dict(strategy="smart"), "random.*kcenter"),
    (dict(n_customers=0), "n_customers"),
    (dict(weeks=0), "weeks"),
])
def test_bad_input_raises(kwargs, match):
    with pytest.raises(ValueError, match=match):
        fw.simulate(**kwargs)


def test_days_bad_input():
    with pytest.raises(ValueError, match="pool_size"):
        fw.expected_days_to_cover(16, 0)


SOLUTIONS = {
    "random_days_8": lambda: 8 * sum(1 / k for k in range(1, 9)),
    "pool_4_days": lambda: sum(1 / (1 - (j / 16) ** 4) for j in range(16)),
    "measured_small_shop": lambda: 0.45 * 0.95 + 0.45 * 0.95 + 0.1 * 0.2,
    # the widget task: what the widget shows for random, 1 customer, 20 labels a week
    "random_one_customer": lambda: int(fw.simulate("random", 20, 1, weeks=12, seed=0).covered[-1]),
}


@pytest.mark.parametrize("name", sorted(answers.ANSWERS))
def test_exercise_solutions_are_accepted(name):
    assert set(SOLUTIONS) == set(answers.ANSWERS)
    assert is_correct(f"flywheel.{name}", SOLUTIONS[name]())


def test_the_customers_slider_stops_at_the_last_customer_who_joins():
    from flywheel_lab.widgets.flywheel import flywheel_explorer
    live = flywheel_explorer(weeks=12)
    live.controls["n_customers"].value = live.controls["n_customers"].max
    h = fw.simulate(n_customers=live.controls["n_customers"].max, weeks=12)
    assert not np.isnan(h.measured).all(axis=0).any()


def test_measured_table_shows_each_customer_from_its_join_week():
    runs = fw.compare(("random",), weekly_budget=5, n_customers=2, weeks=4, join_every=2, seed=0)
    lines = fw.measured_table(runs).splitlines()
    assert "random" in lines[0] and lines[1].split() == ["|", "A", "B", "|"]
    h = runs["random"]
    assert lines[2].split()[3] == "-" and lines[4].split()[3] == f"{h.measured[2, 1]:.3f}"
    assert lines[5].split()[2] == f"{h.measured[3, 0]:.3f}" and len(lines) == 2 + 4
    with pytest.raises(ValueError, match="at least one run"):
        fw.measured_table({})


def test_customer_lines_are_dark_enough_and_differ_by_more_than_colour():
    from matplotlib.figure import Figure

    from flywheel_lab.plots import LIGHT, PALETTE, style_context
    from flywheel_lab.plots.flywheel import CUSTOMER_STYLES, plot_accuracy
    light = {PALETTE[name] for name in LIGHT}
    assert not light & {colour for colour, _, _ in CUSTOMER_STYLES}
    assert len({marker for _, marker, _ in CUSTOMER_STYLES}) == len(CUSTOMER_STYLES)
    assert len({ls for _, _, ls in CUSTOMER_STYLES}) == len(CUSTOMER_STYLES)
    h = fw.simulate("kcenter", weekly_budget=10, n_customers=2, weeks=4, images_per_week=40, seed=0)
    with style_context():                     # as a notebook or a widget draws it
        ax = plot_accuracy(h, ax=Figure().subplots())
    assert all(t.get_fontsize() >= 10.8 for t in ax.get_legend().get_texts())   # 9 pt shown at 80 dpi


def test_summary_says_what_cells_bits_and_covered_mean():
    runs = fw.compare(("random",), weekly_budget=5, n_customers=1, weeks=3, images_per_week=40, seed=0)
    h = runs["random"]
    lines = fw.summary(runs).splitlines()
    assert lines[0].split()[:5] == ["run", "labels", "cost", "$", "real"]
    cells = round(h.bits[-1] * 64 / 6)
    assert f"{cells}/64" in lines[1] and f"{h.bits[-1]:.3f}" in lines[1] and f"{h.covered[-1]}/10" in lines[1]
    assert "at most log2 64 = 6 bits" in lines[-2]
    assert lines[-1] == f"covered: digits with at least {fw.COVERED_AT} labelled images"


def test_summary_with_a_usable_level_gives_launch_accuracy_and_first_week():
    runs = fw.compare(("kcenter",), weekly_budget=10, n_customers=2, weeks=4, images_per_week=40,
                      join_every=0, seed=0)
    h = runs["kcenter"]
    row = fw.summary(runs, usable=float(h.real[0])).splitlines()[1]
    assert f"{h.real[0]:.3f}" in row and row.endswith("week 0")
    assert fw.summary(runs, usable=1.0).splitlines()[1].endswith("never")
    assert "≥ 100 % from" in fw.summary(runs, usable=1.0).splitlines()[0]
    for bad in (80, 0):
        with pytest.raises(ValueError, match="usable"):
            fw.summary(runs, usable=bad)


def test_customer_mix_shares_match_the_rare_weight():
    c = fw.make_customers(1, seed=0)[0]
    assert c.mix.sum() == pytest.approx(1)
    assert c.mix.max() == pytest.approx(1 / 3.21) and c.mix.min() == pytest.approx(0.03 / 3.21)
    # the first customers do not depend on how many there are
    assert [x.common().tolist() for x in fw.make_customers(4, seed=0)[:3]] == \
        [x.common().tolist() for x in fw.make_customers(3, seed=0)]
