"""Figures for notebooks 05 and 06: the 16 images, the network's tables, closing a hole."""

from unittest import mock

import numpy as np
import seaborn as sns

from .. import pixels
from . import PALETTE, SEQUENTIAL_CMAP, axes, decorate, percent_axis

_GREYS = "Greys"  # 0 = white pixel, 1 = black pixel


def plot_images(ax=None, highlight=()):
    """All 16 two-by-two images in a 4×4 grid, each labelled with its category.

    Categories in ``highlight`` get a coloured frame (e.g. a hole and its neighbours).
    """
    ax = axes(ax)
    mosaic = np.full((14, 14), np.nan)
    for c, img in enumerate(pixels.all_images()):
        row, col = divmod(c, 4)
        mosaic[row * 3 + 1: row * 3 + 3, col * 3 + 1: col * 3 + 3] = img
    ax.imshow(np.ma.masked_invalid(mosaic), cmap=_GREYS, vmin=-0.15, vmax=1, extent=(0, 14, 14, 0))
    for c in range(pixels.N_CATEGORIES):
        row, col = divmod(c, 4)
        ax.add_patch(_frame(col * 3 + 1, row * 3 + 1, c in set(highlight)))
        ax.text(col * 3 + 2, row * 3 + 0.55, str(c), ha="center", va="center", fontsize=12)
    ax.set(xticks=[], yticks=[], xlim=(0, 13.2), ylim=(13.2, 0), aspect="equal")
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return decorate(ax, title="The 16 images of the four-pixel world")


def _frame(x, y, highlighted):
    from matplotlib.patches import Rectangle
    color = PALETTE["vermillion"] if highlighted else "0.6"
    return Rectangle((x, y), 2, 2, fill=False, lw=3 if highlighted else 1, edgecolor=color)


def plot_questions(ax=None):
    """The four yes/no answers of every category as a table (black = yes)."""
    ax = axes(ax)
    table = np.array([pixels.answers(c) for c in range(pixels.N_CATEGORIES)])
    labels = np.where(table == 1, "yes", "no")
    _heatmap(table, ax, labels, cmap=_GREYS, vmax=1.6, cbar=False, text_colors=("black", "white"),
             xticklabels=[f"Q{i + 1} {n}?" for i, n in enumerate(pixels.PIXEL_NAMES)])
    return decorate(ax, xlabel="question (is this pixel black?)", ylabel="category",
                    title="Category = the four answers as a binary number")


def plot_output_table(table, ax=None, title="Mean output per true category"):
    """The chapter's table: mean output of each neuron (column) per true class (row)."""
    ax = axes(ax)
    labels = np.where(np.round(table, 1) == 0, "", np.vectorize(lambda v: f"{v:.1f}")(table))
    _heatmap(table, ax, labels, vmax=1, cbar_label="mean output (0 = no, 1 = yes)")
    return decorate(ax, xlabel="output neuron (category)", ylabel="true category", title=title)


def plot_confusion(cm, ax=None, title="Confusion matrix (test samples)"):
    """Count confusion matrix: true class in rows, predicted class in columns."""
    ax = axes(ax)
    cm = np.asarray(cm)
    labels = np.where(cm == 0, "", cm.astype(str))
    _heatmap(cm, ax, labels, vmax=max(1, cm.max()), cbar_label="test samples (count)")
    return decorate(ax, xlabel="predicted category", ylabel="true category", title=title)


def plot_hidden_units(responses, ax=None):
    """Each hidden unit's response (0–1) to each of the 16 images: the learned questions."""
    ax = axes(ax)
    responses = np.asarray(responses)
    labels = np.vectorize(lambda v: f"{v:.1f}")(responses)
    _heatmap(responses, ax, labels, vmax=1, cbar_label="hidden unit output (0–1)",
             xticklabels=[f"h{j}" for j in range(responses.shape[1])])
    return decorate(ax, xlabel="hidden unit", ylabel="input image (category)",
                    title="What each hidden unit responds to")


def plot_where_sent(counts, category, ax=None, names=None):
    """Bars: how many test samples of ``category`` each class received."""
    ax = axes(ax)
    counts = np.asarray(counts)
    names = [str(i) for i in range(counts.size)] if names is None else list(names)
    colors = [PALETTE["vermillion"] if i == category else PALETTE["blue"] for i in range(counts.size)]
    ax.bar(names, counts, color=colors)
    return decorate(ax, xlabel="predicted class", ylabel="test samples (count)",
                    title=f"Where the test samples of {names[category]} went")


def plot_closing(ks, recall, hole_output, hole=4, ax=None):
    """Hole-category accuracy and its neuron's mean output against samples put back."""
    ax = axes(ax)
    x = np.arange(len(ks))
    ax.plot(x, recall, "o-", color=PALETTE["blue"], label=f"category-{hole} test samples right")
    ax.plot(x, hole_output, "s--", color=PALETTE["orange"], label=f"mean output of neuron {hole}")
    ax.set_xticks(x, [str(k) for k in ks])
    percent_axis(ax)
    return decorate(ax, xlabel=f"category-{hole} samples added to the training set (count)",
                    ylabel="accuracy / output (%)", ylim=(-0.05, 1.05),
                    title="Closing the hole", legend=True)


def plot_losses(losses, ax=None, label=None):
    """Training loss after each epoch (log scale)."""
    ax = axes(ax)
    ax.plot(np.arange(1, len(losses) + 1), losses, label=label)
    ax.set_yscale("log")
    return decorate(ax, xlabel="epoch (full passes over the training set)",
                    ylabel="training loss (nats, log scale)", title="Training", legend=True)


def _heatmap(data, ax, labels, vmax, cbar=True, cbar_label=None, cmap=SEQUENTIAL_CMAP,
             xticklabels="auto", text_colors=("white", "black")):
    """Seaborn heatmap with text only in cells whose label is not empty (fast to draw).

    ``text_colors`` = (colour on low values, colour on high values).
    """
    data = np.asarray(data, dtype=float)
    small = data.shape[0] > 10 and data.shape[1] > 8
    # seaborn renders the whole figure once per heatmap to see whether tick labels overlap and
    # should be rotated; the rotation is set below anyway, so that render (the slowest part of a
    # heatmap, and done again for every heatmap already on the figure) is skipped.
    with mock.patch.object(sns.matrix, "_draw_figure", lambda fig: None):
        sns.heatmap(data, ax=ax, cmap=cmap, vmin=0, vmax=vmax, cbar=cbar,
                    cbar_kws={"label": cbar_label} if cbar else None, xticklabels=xticklabels,
                    linewidths=0.5, linecolor="white")
    for (row, col), text in np.ndenumerate(np.asarray(labels)):
        if text:
            low = np.isnan(data[row, col]) or data[row, col] < 0.6 * vmax
            ax.text(col + 0.5, row + 0.5, text, ha="center", va="center",
                    fontsize=7 if small else 10, color=text_colors[0 if low else 1])
    ax.tick_params(labelsize=9 if small else 11, rotation=0)
    ax.grid(False)
    return ax
