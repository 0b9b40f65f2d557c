"""Every figure the notebooks draw, and every widget's default drawing, passes the figure
rules of ``tests/figure_check.py`` (titles, labelled axes with units, readable ticks, a
legend off the data, nothing cut off, series told apart under colour-blindness).

Each notebook runs once more in a fresh kernel under the non-interactive Agg backend
(as a plain script or ipympl would: ``plt.show()`` closes nothing), with a hook that
checks each figure after the cell that drew it. So this is also the second-backend run:
a plot that lands on an earlier cell's figure, or a cell that fails outside the inline
backend, fails here. A new notebook, figure or widget is checked without editing this file.
"""

import json
import os
from pathlib import Path

import figure_check
import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from flywheel_lab import widgets

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SETUP = """\
import sys
sys.path.insert(0, {tests!r})
import figure_check
figure_check.install({out!r}, {name!r})
del sys, figure_check
"""


def run_under_agg(path, out):
    """Execute a notebook under Agg with the figure checks installed; return its cells."""
    nb = nbformat.read(path, as_version=4)
    cells = list(nb.cells)
    nb.cells = [nbformat.v4.new_code_cell(SETUP.format(tests=str(ROOT / "tests"), out=str(out), name=path.stem))] + cells
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONWARNINGS": "ignore"}
    client = NotebookClient(nb, timeout=900, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute(env=env)
    except CellExecutionError as err:
        pytest.fail(f"{path.name} fails under the Agg backend (as in a script or with ipympl):\n{err}")
    return cells


def code_cell_index(cells):
    """execution_count -> notebook cell index (the setup cell is execution 1)."""
    executed = [i for i, c in enumerate(cells) if c.cell_type == "code" and c.source.strip()]
    return {count: index for count, index in enumerate(executed, start=2)}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_figures_pass_the_figure_rules(path, tmp_path):
    out = tmp_path / "figures.jsonl"
    out.touch()
    cells = run_under_agg(path, out)
    where = code_cell_index(cells)
    records = [json.loads(line) for line in out.read_text().splitlines()]
    failures = [f"notebooks/{path.name} cell {where.get(r['execution_count'], '?')} "
                f"(figure {r['figure']}): {problem}"
                for r in records for problem in r["problems"]]
    alts = [r["alt"] for r in records if r["alt"]]
    shared = sorted({a for a in alts if alts.count(a) > 1})
    failures += [f"notebooks/{path.name}: two figures share one text alternative: {a[:100]!r}"
                 for a in shared]
    assert not failures, "\n".join(["figure rules broken (see CONTRIBUTING.md, 'Figures'):", *failures])


BUILDERS = widgets.builders()


def drawn_figures(live):
    from matplotlib.figure import Figure
    items = live.result if isinstance(live.result, tuple) else (live.result,)
    return [item for item in items if isinstance(item, Figure)]


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_widget_drawings_pass_the_figure_rules_at_every_corner(name):
    """The default drawing, then each control at its ends and all controls at their low and at
    their high ends together (``widgets.corners``): where labels grow, legends crowd and
    drawings empty out."""
    from flywheel_lab.plots import style_context
    live = BUILDERS[name]()
    failures = []
    for setting in [live.values(), *widgets.corners(live)]:
        for control_name, value in setting.items():
            live.controls[control_name].value = value
        with style_context():
            failures += [f"widget {name} at {setting} (figure {figure_check.figure_name(fig)}): {p}"
                         for fig in drawn_figures(live) for p in figure_check.problems(fig, dpi=live.dpi)]
    assert not failures, "\n".join(failures[:12])


# --- the checks themselves catch what they should --------------------------------------

def _fig(**kw):
    from matplotlib.figure import Figure

    from flywheel_lab.plots import describe
    fig = Figure(figsize=(6, 4), layout="constrained", **kw)
    ax = fig.subplots()
    describe(ax, "Two lines cross at day 1, where both reach 2 bits.")
    return fig, ax


def test_a_clean_figure_passes():
    fig, ax = _fig()
    ax.plot([0, 1, 2], [0, 1, 4], color="#0072B2", label="blue")
    ax.plot([0, 1, 2], [4, 3, 0], color="#D55E00", label="vermillion", ls="--")
    ax.legend(loc="upper center")
    ax.set(title="ok", xlabel="time (days)", ylabel="information (bits)", ylim=(0, 8))
    assert figure_check.problems(fig) == []


def test_missing_title_label_and_unit_are_named():
    fig, ax = _fig()
    ax.plot([0, 1], [0, 1])
    ax.set_xlabel("accuracy")
    found = "\n".join(figure_check.problems(fig))
    assert "no title" in found
    assert "x axis label 'accuracy' names no unit" in found
    assert "the y axis has no label" in found


def test_categorical_axis_needs_no_unit():
    fig, ax = _fig()
    ax.bar(["cats", "dogs"], [1, 2])
    ax.set(title="t", xlabel="animal", ylabel="photos (images)")
    assert figure_check.problems(fig) == []


def test_overlapping_tick_labels_are_found():
    fig, ax = _fig()
    ax.plot(range(60), range(60))
    ax.set_xticks(range(60), [f"label {i}" for i in range(60)])
    ax.set(title="t", xlabel="x (days)", ylabel="y (days)")
    assert any("tick labels" in p and "overlap" in p for p in figure_check.problems(fig))


def _two_tick_labels(gap_px, letter="x"):
    """A figure whose two neighbouring ``letter`` tick labels stand ``gap_px`` apart."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from flywheel_lab.plots import describe
    fig = Figure(figsize=(6, 3), dpi=100)            # no layout engine: the Axes keeps its place
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.25, 0.3, 0.65, 0.55))
    describe(ax, "Two stages, 3 and 5 dollars each, side by side.")
    ax.set(title="t", xlabel="funnel stage" if letter == "x" else "money (US $)",
           ylabel="funnel stage" if letter == "y" else "money (US $)",
           xlim=(0, ax.bbox.width), ylim=(0, ax.bbox.height))        # 1 unit = 1 px on both axes
    names = ["inference", "communicate"]
    set_ticks = ax.set_xticks if letter == "x" else ax.set_yticks
    set_ticks([0, 1], names)
    fig.canvas.draw()
    ticks = ax.get_xticklabels() if letter == "x" else ax.get_yticklabels()
    extents = [t.get_window_extent(fig.canvas.get_renderer()) for t in ticks]
    a, b = (e.width if letter == "x" else e.height for e in extents)
    first = 40 + a / 2
    set_ticks([first, first + a / 2 + gap_px + b / 2], names)
    ax.plot([first, first + 100], [first, first + 50], color="#0072B2")
    return fig


def test_touching_tick_labels_are_found_and_spaced_ones_pass():
    """09's funnel widget: "inference" and "communicate" a quarter of an em apart read as one
    label although their boxes never overlap. Stacked labels need only 2 px between boxes."""
    em = 12 * 100 / 72                                # a 12-pt label at 100 dpi, in pixels
    for gap in (-5.0, 0.0, 1.0, 0.25 * em):           # overlapping, touching, 1 px, 09's old gap
        found = [p for p in figure_check.problems(_two_tick_labels(gap)) if "tick labels" in p]
        assert found and "x tick labels 'inference' and 'communicate'" in found[0], (gap, found)
    assert "overlap" in figure_check.problems(_two_tick_labels(-5.0))[0]
    assert "em apart, under 0.5 em" in figure_check.problems(_two_tick_labels(0.25 * em))[0]
    assert figure_check.problems(_two_tick_labels(0.6 * em)) == []     # the fixed figure passes
    for gap in (-3.0, 1.0):
        assert any("y tick labels" in p for p in figure_check.problems(_two_tick_labels(gap, "y")))
    assert figure_check.problems(_two_tick_labels(6.0, "y")) == []     # notebook 05's 0-15 rows


def test_the_funnel_widget_would_fail_at_its_old_width():
    """The widget's drawing at its former 7 inches: the rule catches what a reader saw."""
    from unittest import mock

    from flywheel_lab.plots import style_context
    from flywheel_lab.widgets import funnel as funnel_widgets
    real = funnel_widgets.new_figure
    with mock.patch.object(funnel_widgets, "new_figure", lambda figsize, **kw: real(figsize=(7.0, 3.8), **kw)):
        live = funnel_widgets.funnel_explorer()
    with style_context():
        found = figure_check.problems(drawn_figures(live)[0], dpi=live.dpi)
    assert any("'inference' and 'communicate' touch" in p for p in found), found


def test_legend_on_a_line_or_a_bar_is_found():
    fig, ax = _fig()
    ax.plot([0, 1], [0.93, 0.93], color="#0072B2", label="a line under the legend")
    ax.set(title="t", xlabel="x (days)", ylabel="y (%)", ylim=(0, 1))
    ax.legend(loc="upper right")
    assert any("legend covers" in p for p in figure_check.problems(fig))
    fig, ax = _fig()
    ax.bar([0, 1, 2], [1, 1, 1], label="bars")
    ax.set(title="t", xlabel="x (days)", ylabel="y (%)")
    ax.legend(loc="upper right")
    assert any("legend covers plotted data (bar" in p for p in figure_check.problems(fig))


def test_text_past_the_edge_is_found():
    from matplotlib.figure import Figure
    fig = Figure(figsize=(4, 3))          # no layout engine: the long label runs off
    ax = fig.subplots()
    ax.plot([0, 1], [0, 1])
    ax.set(title="t" * 80, xlabel="x (days)", ylabel="y (days)")
    assert any("runs past the figure's edge" in p for p in figure_check.problems(fig))


def test_red_and_green_look_alike_to_a_deuteranope_but_okabe_ito_colours_do_not():
    from itertools import combinations

    from matplotlib.colors import to_rgb

    from flywheel_lab.plots import PALETTE
    red, green = to_rgb("tab:red"), to_rgb("tab:green")
    distance, vision = figure_check.cvd_distance(red, green)
    assert distance < figure_check.MIN_CVD_DISTANCE and vision == "deuteranopia"
    for a, b in combinations(PALETTE.values(), 2):
        assert figure_check.cvd_distance(to_rgb(a), to_rgb(b))[0] >= figure_check.MIN_CVD_DISTANCE
    fig, ax = _fig()
    ax.plot([0, 1], [0, 1], color=red, label="A")
    ax.plot([0, 1], [1, 0], color=green, label="C")
    ax.set(title="t", xlabel="x (days)", ylabel="y (days)")
    assert any("look alike" in p for p in figure_check.problems(fig))
    ax.lines[1].set_linestyle("--")       # a different line style tells them apart
    assert not any("look alike" in p for p in figure_check.problems(fig))



def test_plot_functions_without_ax_draw_on_a_new_figure():
    """Under any backend but inline, plt.show() closes nothing: a second plot must not land
    on the first one's Axes."""
    import matplotlib.pyplot as plt

    from flywheel_lab.plots import information
    first = information.plot_binary_entropy(0.3)
    second = information.plot_category_mix([1, 2, 3])
    try:
        assert first.figure is not second.figure
        assert len(first.lines) == 2 and len(second.lines) == 1   # nothing drawn twice on one Axes
    finally:
        plt.close(first.figure)
        plt.close(second.figure)


def test_a_figure_without_a_text_alternative_fails():
    fig, ax = _fig()
    ax.plot([0, 1], [0, 1], color="#0072B2")
    ax.set(title="t", xlabel="x (days)", ylabel="y (days)")
    ax._flywheel_alt = ""
    assert any("no text alternative" in p for p in figure_check.problems(fig))
    from flywheel_lab.plots import describe
    describe(ax, "A line.")
    assert any("too thin" in p for p in figure_check.problems(fig))


def test_faint_lines_and_bars_fail_and_a_dark_edge_saves_a_light_bar():
    fig, ax = _fig()
    ax.plot([0, 1], [0, 1], color="#E69F00", label="orange line")
    ax.set(title="t", xlabel="x (days)", ylabel="y (days)", ylim=(0, 3))
    ax.legend(loc="upper left")
    assert any("under 3:1" in p and "orange line" in p for p in figure_check.problems(fig))
    fig, ax = _fig()
    bars = ax.bar(["a", "b"], [1, 2], color="#F0E442")
    ax.set(title="t", xlabel="kind", ylabel="y (images)")
    assert any("under 3:1" in p for p in figure_check.problems(fig))
    for bar in bars:
        bar.set_edgecolor("black")
        bar.set_linewidth(1)
    assert not any("under 3:1" in p for p in figure_check.problems(fig))


def test_contrast_ratio_matches_wcag():
    assert abs(figure_check.contrast_ratio((0, 0, 0)) - 21) < 1e-9
    assert abs(figure_check.contrast_ratio((0.0, 0x72 / 255, 0xB2 / 255)) - 5.19) < 0.01


def test_text_too_small_as_displayed_fails():
    from matplotlib.figure import Figure

    from flywheel_lab.plots import describe
    fig = Figure(figsize=(14, 4), layout="constrained")     # shrunk to 900/1400 in a column
    ax = describe(fig.subplots(), "A line rising from 0 to 1 bit over 1 day.")
    ax.plot([0, 1], [0, 1], color="#0072B2")
    ax.set(title="t", xlabel="x (days)", ylabel="y (bits)")
    ax.tick_params(labelsize=12)
    found = figure_check.problems(fig)
    assert any("pt as displayed" in p for p in found)
    fig.set_figwidth(7)
    assert not any("pt as displayed" in p for p in figure_check.problems(fig))
    assert any("pt as displayed" in p for p in figure_check.problems(fig, dpi=60))


def test_small_titles_and_legends_outside_the_axes_are_measured_too():
    fig, ax = _fig()
    ax.plot([0, 1], [0, 1], color="#0072B2", label="a series")
    ax.set(xlabel="x (days)", ylabel="y (days)")
    ax.set_title("a small title", fontsize=6)
    assert any("'a small title' is 6 pt" in p for p in figure_check.problems(fig))
    ax.set_title("a title")
    ax.legend(bbox_to_anchor=(1, 1), loc="upper left", fontsize=7)
    assert any("'a series' is 7 pt" in p for p in figure_check.problems(fig))


def test_faint_text_fails_and_a_dark_box_needs_light_text():
    fig, ax = _fig()
    ax.plot([0, 1], [0, 1], color="#0072B2")
    ax.set(title="t", xlabel="x (days)", ylabel="y (days)")
    ax.text(0.5, 0.5, "pale note", color="#AAAAAA")
    assert any("'pale note' (2.3:1)" in p for p in figure_check.problems(fig))
    ax.texts[0].set_color("black")
    ax.texts[0].set_bbox({"facecolor": "#0072B2"})
    assert any("'pale note'" in p and "contrast" in p for p in figure_check.problems(fig))
    ax.texts[0].set_color("white")
    assert not any("contrast with its background" in p for p in figure_check.problems(fig))


def test_text_on_a_disc_is_measured_against_the_disc():
    from matplotlib.patches import Circle
    fig, ax = _fig()
    ax.set(title="t", xlabel="x (days)", ylabel="y (days)", xlim=(0, 2), ylim=(0, 2))
    ax.add_patch(Circle((1, 1), 0.5, facecolor="#0072B2"))
    ax.text(1, 1, "train", ha="center", color="black")           # 4.0:1 on blue
    assert any("'train' (4.0:1)" in p for p in figure_check.problems(fig))
    ax.texts[0].set_color("white")                               # 5.2:1
    assert not any("contrast with its background" in p for p in figure_check.problems(fig))
