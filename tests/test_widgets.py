"""Every widget of the package, driven without a browser or kernel.

Each control is set to its minimum, maximum and a middle value; the output must be
redrawn every time and never show a Python error.
"""

import re

import ipywidgets as W
import pytest

from flywheel_lab import widgets

BUILDERS = widgets.builders()


def test_there_are_widgets():
    assert "information.coin_entropy_explorer" in BUILDERS


@pytest.fixture(params=sorted(BUILDERS), ids=sorted(BUILDERS))
def live(request):
    return BUILDERS[request.param]()


def test_builds_with_defaults(live):
    assert isinstance(live, widgets.Live)
    assert live.redraws == 1
    assert live.output.outputs, "the widget shows something at its default values"
    assert all(isinstance(c, (W.ValueWidget, widgets.FloatSlider)) for c in live.controls.values())


def test_every_control_at_min_max_and_middle(live):
    for name, control in live.controls.items():
        original = control.value
        for value in widgets.sweep_values(control):
            before = live.redraws
            control.value = value
            if control.value != original or before != live.redraws:
                assert live.redraws == before + 1, f"{name}={value!r} did not redraw"
                assert live.output.outputs, f"{name}={value!r} left the output empty"
            original = control.value


def test_values_reports_every_control(live):
    assert set(live.values()) == set(live.controls)


def test_value_error_is_shown_not_raised():
    def render(x):
        if x > 1:
            raise ValueError("x too big: allowed 0 to 1")
        return f"x = {x}"
    live = widgets.Live({"x": widgets.slider(0, 0, 3, 1, "x")}, render)
    live.controls["x"].value = 2
    assert "x too big" in live.output.outputs[0]["text"]


def test_slider_types():
    assert isinstance(widgets.slider(1, 0, 5, 1, "n"), widgets.IntSlider)
    s = widgets.slider(0.5, 0.0, 1.0, 0.1, "p")
    assert isinstance(s, widgets.FloatSlider) and s.readout_format == ".2f"


def test_slider_clamps_to_its_range_whatever_the_order_of_arguments():
    s = widgets.slider(8, 0, 10, 1, "n")
    assert s.value == 8 and isinstance(s.value, int)
    s.value = 50
    assert s.value == 10
    s.value = -3
    assert s.value == 0


def test_every_drawing_carries_its_text_alternative_and_announces_it(live):
    """The image's alt text and the screen-reader announcement come from the figure's data."""
    figures = [o for o in live.output.outputs if o["output_type"] == "display_data"]
    for out in figures:
        alt = re.search(r'<img alt="([^"]*)"', out["data"]["text/html"]).group(1)
        assert len(alt.split()) >= 6 and re.search(r"\d", alt), alt
        assert out["data"]["text/plain"] in live.announcer.text
    assert live.announcer.text == live.description() != ""      # the first drawing: all of it
    control = next(iter(live.controls.values()))
    for value in widgets.sweep_values(control):
        said = live.description()
        control.value = value
        news = live.announcer.text
        sentences = re.split(r"(?<=[.!?])\s+", news)
        assert news and all(s in live.description() for s in sentences)   # what changed, or all again
        assert news == live.description() or not any(s in said for s in sentences)


def test_an_announcement_says_what_changed():
    from flywheel_lab.widgets import _news
    assert _news("A line. It peaks at 1 bit.", "A line. It peaks at 2 bits.") == "It peaks at 2 bits."
    assert _news("Same.", "Same.") == "Same."


def test_progress_bar_counts_to_done():
    box, step = widgets.progress_bar(3, "runs")
    bar, label = box.children
    for i in range(4):
        step(f"run {i}")
    assert bar.value == 3 and bar.bar_style == "success"
    assert label.value.startswith("3 of 3")


def test_widget_figures_label_their_axes(live):
    """Figures for a room: an opaque background, and every axis that is drawn has a label."""
    from matplotlib.figure import Figure

    from flywheel_lab.plots import style_context
    with style_context():
        result = live.render(**live.values())
    figures = [r for r in (result if isinstance(result, tuple) else (result,)) if isinstance(r, Figure)]
    for fig in figures:
        assert fig.get_facecolor()[3] == 1.0, "opaque background"
        for ax in fig.axes:
            if not ax.axison or ax.get_label() == "<colorbar>":
                continue
            shared_x = len(ax.get_shared_x_axes().get_siblings(ax)) > 1
            shared_y = len(ax.get_shared_y_axes().get_siblings(ax)) > 1
            assert ax.get_xlabel() or shared_x or not ax.xaxis.get_visible(), f"x axis without a label: {ax.get_title()!r}"
            assert ax.get_ylabel() or shared_y or not ax.yaxis.get_visible(), f"y axis without a label: {ax.get_title()!r}"


def test_result_keeps_the_last_rendering():
    live = widgets.Live({"x": widgets.slider(1, 0, 3, 1, "x")}, lambda x: f"x = {x}")
    assert live.result == "x = 1"
    live.controls["x"].value = 3
    assert live.result == "x = 3"


def test_snapshot_shows_the_last_drawing_without_redrawing(capsys):
    from unittest import mock

    from flywheel_lab.widgets.collection import last_hole
    live = last_hole()
    live.controls["categories"].value = 8
    published = []
    with mock.patch("IPython.display.publish_display_data", lambda data, **kw: published.append(data)), \
            mock.patch("flywheel_lab.widgets.figure_png") as encode:
        live.snapshot()._ipython_display_()
    encode.assert_not_called()
    assert published == [o["data"] for o in live.output.outputs if o["output_type"] == "display_data"]
    assert len(published) == 1
    assert "days give" in capsys.readouterr().out


def test_layout_is_redone_when_tick_labels_widen():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from flywheel_lab.widgets.funnel import funnel_explorer
    live = funnel_explorer()                     # y axis up to ~30 dollars
    live.controls["filters"].value = ()          # now up to ~500: wider tick labels
    fig = live.result[0]
    FigureCanvasAgg(fig).draw()
    renderer = fig.canvas.get_renderer()
    ylabel = fig.axes[0].yaxis.label.get_window_extent(renderer)
    assert ylabel.x0 >= 0, "the y-axis label is cut off at the left edge"


def control_positions(control, most=11):
    """Positions across a control's whole range, in order (at most ``most`` for a slider:
    its minimum, its maximum and evenly spaced steps between), for the dead-stretch sweep.

    A multiple choice gives its default with each option switched in turn.
    """
    import numpy as np
    if isinstance(control, W.SelectMultiple):
        opts = [o[1] if isinstance(o, tuple) else o for o in control.options]
        on = set(control.value)
        return [tuple(o for o in opts if (o in on) != (o == flip)) for flip in opts]
    if hasattr(control, "options"):
        return [o[1] if isinstance(o, tuple) else o for o in control.options]
    if isinstance(control, (W.Checkbox, W.ToggleButton)):
        return [False, True]
    steps = int(round((control.max - control.min) / control.step))
    picks = np.unique(np.round(np.linspace(0, steps, min(steps, most - 1) + 1)).astype(int))
    values = [control.min + k * control.step for k in picks]
    return [int(v) for v in values] if isinstance(control, widgets.IntSlider) else [round(v, 10) for v in values]


def png_of(output):
    """The base64 PNG inside a widget output's ``<img alt=… src="data:image/png;base64,…">``."""
    return re.search(r'src="data:image/png;base64,([^"]+)"', output["data"]["text/html"]).group(1)


def _shown(live):
    return [o.get("text") or png_of(o) for o in live.output.outputs]


def test_every_control_changes_the_drawing_across_its_whole_range(live):
    """No dead stretch: neighbouring positions of every control show different drawings
    (other controls at their defaults). A multiple choice: switching any one option on or
    off from the default changes the drawing."""
    defaults = live.values()
    for name, control in live.controls.items():
        positions = control_positions(control)
        if isinstance(control, W.SelectMultiple):
            control.value = defaults[name]
            before = _shown(live)
            for value in positions:
                control.value = value
                assert _shown(live) != before, (
                    f"{name}: switching to {value!r} from the default {defaults[name]!r} changes nothing shown")
                control.value = defaults[name]
            continue
        control.value = positions[0]
        previous, last = _shown(live), positions[0]
        for value in positions[1:]:
            control.value = value
            now = _shown(live)
            assert now != previous, (
                f"{name}: the drawing is the same at {last!r} and {value!r}: a dead stretch of its "
                f"range (narrow the range or make the computation use the value)")
            previous, last = now, value
        control.value = defaults[name]


def _pixels(live):
    import base64
    import io

    import numpy as np
    from PIL import Image
    png = next(png_of(o) for o in live.output.outputs if o["output_type"] == "display_data")
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(png))))


def test_drawing_over_the_backdrop_matches_a_full_drawing(live):
    """An update drawn over the kept titles and labels (widgets.Backdrop) shows exactly the
    pixels of the same figure drawn in full, across every control's range; a widget that keeps
    its Figure draws most updates that way."""
    import numpy as np
    over, updates, figures = 0, 0, set()
    for name, control in live.controls.items():
        for value in [*widgets.sweep_values(control), live.values()[name]]:
            hits = live._backdrop.hits
            control.value = value
            updates += 1
            figures.add(id(live.result[0] if isinstance(live.result, tuple) else live.result))
            if live._backdrop.hits == hits:
                continue                                 # drawn in full anyway
            over += 1
            drawn = _pixels(live)
            live._backdrop.pixels = None                 # the same settings, drawn in full
            live.refresh()
            assert np.array_equal(drawn, _pixels(live)), f"{name}={value!r}: differs from a full drawing"
    if len(figures) == 1:                                # a kept Figure
        assert over >= updates / 2, f"only {over} of {updates} updates were drawn over the backdrop"
