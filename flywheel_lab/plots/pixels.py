"""Figures for notebooks 05 and 06: the 16 images, the network's tables, closing a hole."""

from unittest import mock

import numpy as np
import seaborn as sns

from .. import _validate as check
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


OUTPUT_SCALES = {"sigmoid": "mean output (0 = no, 1 = yes)",       # 16 independent yes/no outputs
                 "softmax": "mean share of the output (row sums to 1)"}


def plot_output_table(table, ax=None, title="Mean output per true category", head="sigmoid"):
    """The chapter's table: mean output of each neuron (column) per true class (row).

    ``head`` names the output layer, for the colour scale's label: a sigmoid head gives
    16 independent yes/no outputs, a softmax head shares 1 among them.
    """
    cbar_label = OUTPUT_SCALES[head]
    ax = axes(ax)
    labels = np.where(np.round(table, 1) == 0, "", np.vectorize(lambda v: f"{v:.1f}")(table))
    _heatmap(table, ax, labels, vmax=1, cbar_label=cbar_label)
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
    """Hole-category accuracy and its neuron's mean output against samples put back.

    The k values (0, 1, 2, 5, …) are unevenly spaced, so they are categories on the
    x axis, drawn as separate markers: no line suggests what happens between them.
    """
    ax = axes(ax)
    x = np.arange(len(ks))
    ax.plot(x - 0.08, recall, "o", ms=9, color=PALETTE["blue"], label=f"category-{hole} test samples right")
    ax.plot(x + 0.08, hole_output, "s", ms=8, color=PALETTE["orange"], label=f"mean output of neuron {hole}")
    ax.set_xticks(x, [str(k) for k in ks])
    ax.grid(axis="x", visible=False)
    percent_axis(ax)
    ax.set_yticks(np.linspace(0, 1, 6))
    decorate(ax, xlabel=f"category-{hole} samples added to the training set (count)",
             ylabel="accuracy / output (%)", ylim=(-0.05, 1.4), title="Closing the hole")
    ax.legend(frameon=False, loc="upper left", fontsize=10)   # above the 100 % line
    return ax


def plot_losses(losses, ax=None, label=None):
    """Training loss after each epoch (log scale)."""
    ax = axes(ax)
    ax.plot(np.arange(1, len(losses) + 1), losses, label=label)
    ax.set_yscale("log")
    return decorate(ax, xlabel="epoch (full passes over the training set)",
                    ylabel="training loss (nats, log scale)", title="Training", legend=True)


def network_layout(sizes):
    """Node positions of a layered network drawing: ``[(x, ys), ...]`` with x = layer, y from top.

    Each layer's units are spread evenly over 0…1 (a single unit sits at ½).
    """
    sizes = [check.whole_number(n, "units in a layer", minimum=1) for n in sizes]
    if len(sizes) < 2:
        raise ValueError(f"a network needs at least an input and an output layer, got {sizes}")
    return [(x, np.linspace(1, 0, n) if n > 1 else np.array([0.5])) for x, n in enumerate(sizes)]


def plot_network(hidden=16, ax=None):
    """The chapter's network as a diagram: 4 pixel inputs → ``hidden`` units → 16 category outputs.

    One circle per unit, a line for every connection (each line is one learned
    weight). With ``ax=None`` the diagram gets a figure of its own.
    """
    ax = axes(ax, figsize=(8, 6.5))
    sizes = (pixels.N_PIXELS, hidden, pixels.N_CATEGORIES)
    layout = network_layout(sizes)
    from matplotlib.collections import LineCollection
    links = [[(x0, a), (x1, b)] for (x0, y0), (x1, y1) in zip(layout, layout[1:]) for a in y0 for b in y1]
    ax.add_collection(LineCollection(links, colors="0.75", linewidths=0.5, zorder=1))
    names = (["TL", "TR", "BL", "BR"], [f"h{j}" for j in range(hidden)],
             [str(c) for c in range(pixels.N_CATEGORIES)])
    colors = (PALETTE["blue"], PALETTE["orange"], PALETTE["green"])
    for (x, ys), labels, color, side in zip(layout, names, colors, (-1, 0, 1)):
        ax.scatter(np.full(ys.size, x), ys, s=160, color=color, edgecolor="black", zorder=2)
        if side:
            for y, label in zip(ys, labels):
                ax.text(x + 0.08 * side, y, label, ha="left" if side > 0 else "right",
                        va="center", fontsize=10)
    ax.set_xticks(range(3), [f"input\n({sizes[0]} pixels)", f"hidden layer\n({hidden} units)",
                             f"output\n({sizes[2]} categories)"])
    ax.set(yticks=[], xlim=(-0.45, 2.45), ylim=(-0.05, 1.05))
    ax.grid(False)
    for spine in ("left", "bottom"):
        ax.spines[spine].set_visible(False)
    n_weights = sum(a * b for a, b in zip(sizes, sizes[1:]))
    return decorate(ax, xlabel="layer (information flows left to right)",
                    ylabel="unit (one circle each)",
                    title=f"The chapter's network: {n_weights} connections")


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
