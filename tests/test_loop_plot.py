"""The flywheel loop figure (notebook 00, projected by the teacher)."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

from flywheel_lab import plots  # noqa: E402
from flywheel_lab.plots.loop import LOOP, plot_flywheel_loop  # noqa: E402


def test_draws_every_stage_and_what_each_arrow_carries():
    with plots.style_context():
        ax = plot_flywheel_loop()
    texts = [t.get_text() for t in ax.texts]
    stages = [stage for stage, _, _ in LOOP]
    assert stages == ["collect", "label", "train", "deploy", "customers", "new data"]
    for stage, _, carried in LOOP:
        assert stage in texts and carried in texts
    assert len(ax.patches) == 2 * len(LOOP)  # a disc per stage, an arrow per step
    assert ax.get_title()
    assert mcolors.to_hex(ax.figure.get_facecolor()) == "#ffffff"
    colours = {mcolors.to_hex(p.get_facecolor()) for p in ax.patches[:len(LOOP)]}
    assert colours <= {c.lower() for c in plots.PALETTE.values()}, "Okabe-Ito colours only"
    plt.close(ax.figure)


def test_draws_on_a_given_axes_or_a_new_figure_of_its_own():
    fig, ax = plt.subplots()
    assert plot_flywheel_loop(ax=ax) is ax
    fresh = plot_flywheel_loop()
    assert fresh.figure is not fig
    plt.close("all")
