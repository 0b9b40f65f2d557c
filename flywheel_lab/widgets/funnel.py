"""Widget for notebook 09: switch the funnel's filters and move their thresholds."""

import ipywidgets as W

from .. import funnel
from ..plots.funnel import plot_stage_costs
from . import Live, new_figure, slider

__all__ = ["funnel_explorer"]

# Every filter but send_anomalies: with it on, only anomalies reach the store and the
# confidence threshold has nothing left to decide, so its slider would do nothing.
EXPLORER_FILTERS = tuple(f for f in funnel.FILTERS if f != "send_anomalies")
# Where the sliders act on the default stream (measured; tests/test_widgets.py sweeps them):
# no clean image is farther than ~2.5 pixel units from the launch set, so a higher anomaly
# threshold marks nothing; and the images label_informative picks (k-center) are already
# about 1.5 apart, so a smaller duplicate radius finds no near-copy among them.
ANOMALY_MAX = 2.5
DUPLICATE_RANGE = (1.5, 2.5)


def funnel_explorer(filters=EXPLORER_FILTERS, n=1000, seed=0):
    """Filters on/off and sliders for their thresholds; shows cost per stage and cost per bit."""
    stream = funnel.make_stream(n, seed=seed)
    d = funnel.Settings()
    controls = {
        "filters": W.SelectMultiple(options=funnel.FILTERS, value=tuple(filters), rows=6,
                                    description="filters on"),
        "anomaly": slider(d.anomaly, 0.5, ANOMALY_MAX, 0.1, "anomaly distance (pixels)", fmt=".1f",
                          continuous=False),
        "confidence": slider(d.confidence, 0.3, 1.0, 0.05, "store if confidence <", continuous=False),
        "label_fraction": slider(d.label_fraction, 0.05, 1.0, 0.05, "share worth a label", continuous=False),
        "duplicate": slider(DUPLICATE_RANGE[0], *DUPLICATE_RANGE, 0.1, "duplicate radius (pixels)",
                            fmt=".1f", continuous=False),
    }

    def render(filters, **thresholds):
        result = funnel.run(stream, filters, funnel.Settings(**thresholds), seed=seed)
        # 8 in wide: at 7 in "inference" and "communicate" stood a quarter of an em apart and
        # read as one label (the figure check wants half an em between tick labels).
        fig, ax = new_figure(figsize=(8.0, 3.8))
        plot_stage_costs(result, ax=ax)
        per_bit = "no new information" if result.bits == 0 else f"${result.cost_per_bit:.1f} per bit"
        text = (f"{result.labels} labels bought, real accuracy {result.accuracy:.3f}, "
                f"{result.bits:.3f} new bits, {per_bit}")
        return fig, text
    return Live(controls, render)
