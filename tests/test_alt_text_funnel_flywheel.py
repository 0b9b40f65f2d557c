"""Text alternatives of the funnel (notebook 09) and flywheel (notebook 10) figures.

Each figure's alt text is read aloud in place of the image: it must carry the figure's
point and the numbers the notebook is about, computed from the data drawn.
"""

import re

import numpy as np
import pytest
from matplotlib.figure import Figure

from flywheel_lab import flywheel, funnel, plots
from flywheel_lab.plots import flywheel as flywheel_plots
from flywheel_lab.plots import funnel as funnel_plots


def new_ax():
    return Figure().subplots()


@pytest.fixture(scope="module")
def results():
    return funnel.compare(funnel.make_stream(300, seed=0))


@pytest.fixture(scope="module")
def runs():
    return flywheel.compare(("random", "kcenter"), weekly_budget=20, n_customers=2, weeks=6, seed=0)


def test_cost_per_stage_names_the_total_and_the_biggest_stage(results):
    result = results[-1][1]
    ax = funnel_plots.plot_stage_costs(result, ax=new_ax())
    text = plots.alt_text(ax.figure)
    biggest = max(funnel.STAGES, key=result.costs.get)
    assert f"${result.total:.2f}" in text
    assert f"Biggest stage: {biggest} at ${result.costs[biggest]:.2f}" in text
    assert f"{result.labels} labels" in text


def test_cost_per_bit_names_the_cheapest_and_the_dearest_bit(results):
    ax = funnel_plots.plot_cost_per_bit(results, ax=new_ax())
    text = plots.alt_text(ax.figure)
    by_cost = sorted(results, key=lambda item: item[1].cost_per_bit)
    (cheap, low), (dear, high) = by_cost[0], by_cost[-1]
    assert f"Cheapest: {cheap} at ${low.cost_per_bit:,.0f} a bit" in text
    assert f"dearest: {dear} at ${high.cost_per_bit:,.0f} a bit" in text


def test_cost_per_bit_says_which_configurations_bought_no_new_bit():
    stream = funnel.make_stream(300, seed=0)
    results = [("no filter", funnel.run(stream, (), seed=0)),
               ("deduplicate", funnel.run(stream, ("deduplicate",), funnel.Settings(duplicate=50.0), seed=0))]
    text = plots.alt_text(funnel_plots.plot_cost_per_bit(results, ax=new_ax()).figure)
    assert "infinite cost per bit: deduplicate" in text


def test_stage_counts_give_each_line_its_first_and_last_count(results):
    chosen = [results[0], results[-1]]
    ax = funnel_plots.plot_stage_counts(chosen, ax=new_ax(), launch_images=80)
    text = plots.alt_text(ax.figure)
    for name, r in chosen:
        assert f"{name}: {r.counts['collect']} collected, {r.counts['train'] - 80} trained on" in text
    assert "80 launch images" in text


def test_measured_vs_real_gives_the_last_week_and_each_customer(runs):
    h = runs["kcenter"]
    text = plots.alt_text(flywheel_plots.plot_accuracy(h, ax=new_ax()).figure)
    assert text.startswith("Measured vs real accuracy (kcenter): ")
    assert f"real accuracy over all ten digits is {h.real[-1]:.3f}" in text
    for k, customer in enumerate(h.customers):
        assert f"{customer.name} {h.measured[-1, k]:.3f}" in text


def test_the_two_strategies_panels_are_told_apart(runs):
    texts = {plots.alt_text(flywheel_plots.plot_accuracy(h, ax=new_ax()).figure) for h in runs.values()}
    assert len(texts) == 2


def test_compare_says_who_leads_and_when_lines_coincide(runs):
    bits = plots.alt_text(flywheel_plots.plot_compare(runs, "bits", ax=new_ax()).figure)
    for name, h in runs.items():
        assert f"{name} {h.bits[-1]:.3f} bits" in bits
    leader = max(runs, key=lambda name: runs[name].bits[-1])
    assert f"{leader} ends highest" in bits
    cost = plots.alt_text(flywheel_plots.plot_compare(runs, "cost", ax=new_ax()).figure)
    assert "on top of each other" in cost and f"${runs['random'].cost[-1]:.2f}" in cost


def test_days_to_cover_gives_random_and_the_largest_pool():
    pools = [1, 4, 32]
    expected = [flywheel.expected_days_to_cover(16, m) for m in pools]
    text = plots.alt_text(flywheel_plots.plot_days_to_cover(pools, expected, 16, ax=new_ax()).figure)
    assert "54.09 days with 1 a day" in text and f"{expected[-1]:.2f} days with 32 a day" in text
    assert "From 32 images a day the choice is within a day of the ideal" in text


def test_the_flywheel_widget_describes_every_drawing_of_its_kept_figure():
    """The explorer keeps one Figure: each render must describe it again, from the new data."""
    from flywheel_lab.widgets.flywheel import flywheel_explorer
    live = flywheel_explorer()
    first = live.description()
    live.controls["weekly_budget"].value = 5
    second = live.description()
    assert first != second
    h = flywheel.simulate("kcenter", 5, 3, weeks=12, seed=0)
    assert f"is {h.real[-1]:.3f}" in second
    assert re.search(r"customer A \d\.\d{3}", second)


def test_the_funnel_widget_describes_the_cost_per_stage():
    from flywheel_lab.widgets.funnel import funnel_explorer
    live = funnel_explorer()
    text = live.description()
    assert re.search(r"Biggest stage: \w+ at \$\d+\.\d\d", text)
    assert re.search(r"the \$\d+\.\d\d total", text)


def test_overlapping_customers_are_named_together_and_noted():
    """Customers whose measured lines coincide share one end label and a note (issue 23)."""
    h = flywheel.simulate("random", 20, 3, weeks=12, seed=0)
    ax = flywheel_plots.plot_accuracy(h, ax=new_ax())
    texts = [t.get_text() for t in ax.texts]
    assert "A" in texts and "B=C" in texts and "real" in texts
    assert "B and C overlap from week 6" in texts
    assert "Customers B and C measure within 1 point of each other from week 6 on" in plots.alt_text(ax.figure)


def test_launch_names_the_first_usable_week_of_each_run():
    runs = {f"{n} customers": flywheel.simulate("kcenter", 10, n, weeks=4, images_per_week=40, join_every=0,
                                                seed=0) for n in (1, 2)}
    level = min(h.real[-1] for h in runs.values())
    text = plots.alt_text(flywheel_plots.plot_launch(runs, usable=level, ax=new_ax()).figure)
    starts = [h.real[0] for h in runs.values()]
    assert f"real accuracy is {min(starts):.1%} to {max(starts):.1%}" in text
    for name, h in runs.items():
        week = int(np.flatnonzero(h.real >= level - 1e-12)[0])
        assert f"{name}: week {week}" in text
    never = plots.alt_text(flywheel_plots.plot_launch(runs, usable=1.0, ax=new_ax()).figure)
    assert "1 customers: never" in never
