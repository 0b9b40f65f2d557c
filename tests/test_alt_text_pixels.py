"""The text alternatives of the four-pixel figures and the hole widget carry their numbers."""

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from flywheel_lab import pixels  # noqa: E402
from flywheel_lab.plots import alt_text  # noqa: E402
from flywheel_lab.plots import pixels as pp  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _hole_table():
    """A table like notebook 06's: every row on its diagonal but row 4, split over 12, 6 and 0."""
    table = np.eye(16) * 0.97
    table[4] = 0
    table[4, [12, 6, 0]] = [0.891, 0.324, 0.061]
    table[7, 3] = 0.013
    return table


def test_output_table_says_all_16_on_the_diagonal():
    table = np.eye(16) * 0.98
    table[3, 3] = 0.957
    table[5, 2] = 0.021
    text = alt_text(pp.plot_output_table(table).figure)
    assert "All 16 categories light up their own output" in text
    assert "runs from 0.96 to 0.98; the largest output off the diagonal is 0.02." in text


def test_output_table_spells_out_the_hole_row():
    text = pp.output_table_text(_hole_table())
    assert text.startswith("15 of 16 categories light up their own output (diagonal at 0.97);")
    assert len(re.split(r"(?<=[.!?])\s+", text)) == 1   # one sentence: a widget announces it whole
    assert "category 4's row output 4 stays at 0.00, outputs 12 (0.89), 6 (0.32), 0 (0.06)" in text
    assert "in the other rows is 0.01" in text


def test_output_table_labels_only_the_diagonal_and_outputs_of_005_or_more():
    ax = pp.plot_output_table(_hole_table())
    labels = sorted(t.get_text() for t in ax.texts)
    assert labels.count("1.0") == 15 and "0.0" in labels                # the diagonal, the hole's 0 too
    assert {"0.9", "0.3", "0.1"} <= set(labels) and len(labels) == 19    # 0.013 is left to the colour
    assert min(t.get_fontsize() for t in ax.texts) >= 11


def test_confusion_says_where_the_hole_went():
    cm = np.diag(np.full(16, 60))
    cm[4, 4] = 0
    cm[4, 12], cm[4, 6] = 60, 20
    text = alt_text(pp.plot_confusion(cm).figure)
    assert "900 of 980 test samples (91.8%) lie on the diagonal;" in text
    assert "none of the 80 samples of true category 4 is predicted as 4: they go to 12 (60, 75%), 6 (20, 25%)." in text
    perfect = pp.confusion_text(np.diag(np.full(16, 5)))
    assert perfect.startswith("80 of 80 test samples (100.0%)") and "every test sample" in perfect


def test_where_sent_and_closing_carry_their_numbers():
    text = alt_text(pp.plot_where_sent([0, 0, 10, 0, 0, 7, 0, 3, 10, 25], 3).figure)
    assert "none of the 55 test samples of 3" in text and "9 (25, 45%)" in text
    text = pp.closing_text([0, 1, 2, 5, 20, 50, 200], [0, 0, 0, 0, 0, 1, 1],
                           [0, 0, 0, 0.002, 0.049, 0.4771, 0.9204])
    assert "first all right (100%) at k = 50" in text and "from 0.00 at k = 0 to 0.92 at k = 200" in text
    assert "never half right" in pp.closing_text([0, 5], [0, 0.25], [0, 0.1])


def test_diagrams_are_described_in_words():
    text = alt_text(pp.plot_network(hidden=16).figure)
    assert "4 input units" in text and "16 hidden units" in text and "16 output units" in text
    assert "4 × 16 + 16 × 16 = 320" in text
    text = alt_text(pp.plot_images(highlight=[4, 0, 5]).figure)
    assert "4 TL," in text and "6 TL BR" in text and "15 all four" in text and "Framed: 4, 0 and 5" in text
    for c in range(16):   # the words agree with the images
        named = pp._black_pixels(c)
        black = {n for n in ("TL", "TR", "BL", "BR") if pixels.image(c)[pixels._POSITION[n]]}
        assert black == ({"TL", "TR", "BL", "BR"} if named == "all four" else set() if named == "none"
                         else set(named.split()))
    assert "Q1 TR 8, Q2 TL 4, Q3 BR 2, Q4 BL 1" in alt_text(pp.plot_questions().figure)


def test_hidden_units_and_losses():
    answers = np.array([pixels.answers(c) for c in range(16)], dtype=float)
    responses = np.column_stack([answers[:, 1], np.full(16, 0.5) + np.arange(16) % 3 * 0.1])
    text = alt_text(pp.plot_hidden_units(responses).figure)
    assert "1 follow a single pixel: h0 on when TL is black (r = +1.00)" in text
    text = alt_text(pp.plot_losses([0.7013, 0.2, 0.003578], label="sigmoid head").figure)
    assert "from 0.70 nats after epoch 1 to 0.0036 nats after epoch 3" in text


def test_hole_widget_figure_is_readable_and_described():
    from flywheel_lab.plots import style_context
    from flywheel_lab.widgets.pixels import FIGSIZE, render_holes
    with style_context():
        message, fig = render_holes((4,), 2_000, "sigmoid", 0)
    assert FIGSIZE[0] * 80 <= 900                        # not shrunk in a notebook column
    assert min(t.get_fontsize() for ax in fig.axes for t in ax.texts) * 80 / 96 >= 9
    text = alt_text(fig)
    assert "category 4's row output 4 stays at" in text and "true category 4 is predicted as 4" in text
    assert "hole 4" in message


def test_the_hole_stands_out_from_its_neighbours():
    ax = pp.plot_images(highlight=pixels.neighbours(4), holes=[4])
    text = alt_text(ax.figure)
    assert "Dashed black frame, labelled hole: 4; solid frames: 0, 5, 6 and 12." in text
    assert "4: hole" in [t.get_text() for t in ax.texts]
    assert "dashed frame: the hole" in ax.get_xlabel() and "one-pixel neighbours" in ax.get_xlabel()
    styles = {p.get_linestyle() for p in ax.patches}
    assert len(styles) == 2                                   # the hole's frame is drawn differently
    plain = pp.plot_images(highlight=[3])
    assert "Framed: 3." in alt_text(plain.figure) and not plain.get_xlabel()
    assert "highlighted" in pp.plot_images(highlight=[15], holes=[4]).get_xlabel()


def test_closing_draws_k_on_its_true_scale():
    ks = [0, 1, 2, 5, 20, 50, 200]
    ax = pp.plot_closing(ks, [0, 0, 0, 0, 0, 1, 1], [0, 0, 0, 0, 0.05, 0.48, 0.92], fair_share=625)
    assert ax.get_xscale() == "symlog" and "log scale" in ax.get_xlabel()
    positions = ax.transData.transform([(k, 0) for k in ks])[:, 0]
    assert positions[-1] - positions[-2] == pytest.approx(positions[4] - positions[3], rel=0.01)  # ×4 = ×4
    assert positions[-1] - positions[-2] > positions[2] - positions[1]   # 50 → 200 is wider than 1 → 2
    text = alt_text(ax.figure)
    assert "k is drawn on a log scale; a dotted line marks a fair share, 625 samples." in text
    assert pp.plot_closing([0, 5], [0, 1], [0, 1]).get_xscale() == "symlog"
