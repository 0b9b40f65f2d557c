"""Figures for notebook 01: the binary entropy curve, a category mix, data vs information."""

import numpy as np

from .._validate import normalise
from ..information import binary_entropy, entropy, max_entropy
from . import PALETTE, axes, decorate, percent_axis


def plot_binary_entropy(p=None, ax=None):
    """The entropy of a coin against its bias, with the point ``(p, H(p))`` marked."""
    ax = axes(ax)
    grid = np.linspace(0, 1, 201)
    ax.plot(grid, binary_entropy(grid), color=PALETTE["blue"], label="H(p)")
    if p is not None:
        h = binary_entropy(p)
        ax.plot([p], [h], "o", ms=10, color=PALETTE["vermillion"], clip_on=False,  # whole at p = 0 or 1
                label=f"p = {p:.2f}: {h:.3f} bits")
        ax.vlines(p, 0, h, colors=PALETTE["vermillion"], linestyles=":")
    percent_axis(ax, "x")
    return decorate(ax, xlabel="chance of heads, p (%)", ylabel="entropy H(p) (bits)",
                    title="Information in one coin flip", ylim=(0, 1.08), xlim=(0, 1), legend=True)


def plot_category_mix(weights, labels=None, ax=None):
    """Bars of a category mix, titled with its entropy against the maximum log2 N."""
    ax = axes(ax)
    p = normalise(weights, "weights")
    labels = list(labels) if labels is not None else [str(i + 1) for i in range(p.size)]
    ax.bar(labels, p, color=PALETTE["sky"], edgecolor=PALETTE["blue"])
    ax.axhline(1 / p.size, color=PALETTE["black"], ls="--", lw=1.2, label="uniform mix")
    percent_axis(ax)
    title = f"H = {entropy(p):.2f} bits of a possible {max_entropy(p.size):.2f} bits"
    return decorate(ax, xlabel="category", ylabel="share of examples (%)", title=title,
                    ylim=(0, 1), legend=True)


def plot_data_vs_information(sizes, ax=None, title=None):
    """Horizontal bars of sizes in bits (``{label: bits}``) on a linear axis, each written on.

    Linear, so a bar's length is its size: a duplicate's few bits are a sliver next to
    the photo's millions, as they should be.
    """
    ax = axes(ax)
    labels = list(sizes)
    values = np.array([sizes[k] for k in labels], dtype=float)
    colors = [PALETTE["blue"], PALETTE["orange"], PALETTE["green"], PALETTE["vermillion"],
              PALETTE["purple"]][: len(labels)]
    ax.barh(labels, values / 1e6, color=colors)
    top = values.max() / 1e6
    for y, v in enumerate(values):
        ax.text(v / 1e6 + top * 0.01, y, _bits_text(v), va="center", fontsize=11)
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    return decorate(ax, xlabel="size (million bits)", ylabel="what is counted",
                    xlim=(0, top * 1.35), title=title or "Data bits vs information bits")


def _bits_text(bits):
    """``6.56 million bits`` for big sizes, ``1,728 bits`` for small ones."""
    return f"{bits / 1e6:.2f} million bits" if bits >= 1e5 else f"{bits:,.0f} bits"


def plot_feature_vectors(answers, rows, questions, bits=None, ax=None):
    """Yes/no answers as a grid (one row per item, one column per question): dark = yes, light = no.

    ``bits`` (one number per question) is written under each question's name: how much
    that question tells. With ``ax=None`` the grid gets a figure of its own.
    """
    from matplotlib.colors import ListedColormap
    table = np.asarray(answers)
    if table.shape != (len(rows), len(questions)):
        raise ValueError(f"answers must have one row per item and one column per question: "
                         f"shape {table.shape}, {len(rows)} items, {len(questions)} questions")
    ax = axes(ax, figsize=(9, 0.4 * len(rows) + 2.2))
    ax.imshow(table, cmap=ListedColormap(["#E8E8E8", PALETTE["blue"]]), vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(np.arange(len(questions) + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(len(rows) + 1) - 0.5, minor=True)
    ax.grid(False)
    ax.grid(which="minor", color="white", linewidth=2, alpha=1)
    names = [q.replace("_", "\n") for q in questions]
    if bits is not None:
        names = [f"{n}\n{b:.2f} bits" for n, b in zip(names, bits)]
    ax.set_xticks(range(len(questions)), names, fontsize=10)
    ax.set_yticks(range(len(rows)), rows, fontsize=10)
    ax.tick_params(which="both", length=0)
    return decorate(ax, xlabel="question (and the bits its answer tells)", ylabel="animal",
                    title="Yes/no feature vectors (dark = yes, light = no)")
