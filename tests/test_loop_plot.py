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


def test_stage_names_are_readable_on_their_discs():
    """Bold 12-pt text needs 4.5:1 against its disc (WCAG 1.4.3), on every colour of the loop."""
    def luminance(colour):
        channels = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
                    for c in mcolors.to_rgb(colour)]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    with plots.style_context():
        ax = plot_flywheel_loop()
    stages = {stage for stage, _, _ in LOOP}
    labels = [t for t in ax.texts if t.get_text() in stages]
    assert len(labels) == len(LOOP)
    for disc, label in zip(ax.patches[:len(LOOP)], labels):
        hi, lo = sorted((luminance(disc.get_facecolor()), luminance(label.get_color())), reverse=True)
        ratio = (hi + 0.05) / (lo + 0.05)
        assert ratio >= 4.5, f"{label.get_text()!r}: {ratio:.1f}:1 on its disc"
    plt.close(ax.figure)
