"""Figures for notebook 01: the binary entropy curve, a category mix, data vs information."""

import numpy as np

from .._validate import flag, normalise
from ..information import binary_entropy, entropy, max_entropy
from . import PALETTE, axes, decorate, describe, percent_axis


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
    describe(ax, _binary_entropy_text(grid, binary_entropy(grid), p))
    return decorate(ax, xlabel="chance of heads, p (%)", ylabel="entropy H(p) (bits)",
                    title="Information in one coin flip", ylim=(0, 1.08), xlim=(0, 1), legend=True)


def _binary_entropy_text(grid, curve, p):
    """The curve's shape and peak, read from the values drawn, and the marked point if any."""
    top = int(np.argmax(curve))
    text = (f"The entropy curve is one hump: {curve[0]:.0f} bits at p = {grid[0]:.0%}, "
            f"rising to a peak of {curve[top]:.2f} bit at p = {grid[top]:.0%}, "
            f"and {curve[-1]:.0f} bits again at p = {grid[-1]:.0%}.")
    if p is not None:
        text += f" The dot marks p = {p:.2f}: H = {binary_entropy(p):.3f} bits."
    return text


def plot_category_mix(weights, labels=None, ax=None, show_maximum=True):
    """Bars of a category mix, titled with its entropy against the maximum log2 N.

    ``show_maximum=False`` leaves the maximum out of the title and the text alternative
    (a task that asks for the maximum must not print it).
    """
    ax = axes(ax)
    p = normalise(weights, "weights")
    show_maximum = flag(show_maximum, "show_maximum")
    labels = list(labels) if labels is not None else [str(i + 1) for i in range(p.size)]
    ax.bar(labels, p, color=PALETTE["sky"], edgecolor=PALETTE["blue"])
    ax.axhline(1 / p.size, color=PALETTE["black"], ls="--", lw=1.2, label="uniform mix")
    percent_axis(ax)
    title = f"H = {entropy(p):.2f} bits" + (f" of a possible {max_entropy(p.size):.2f} bits" if show_maximum
                                            else " (the entropy of this mix)")
    names = labels if labels != [str(i + 1) for i in range(p.size)] else \
        [f"category {label}" for label in labels]
    shares = [f"{name}: {_percent(share)}" for name, share in zip(names, p)]
    if np.allclose(p, p[0]):
        shares = [f"all {_percent(p[0])}"]
    elif len(shares) > 8:      # read aloud: the largest and the smallest are enough
        order = np.argsort(-p, kind="stable")
        shares = [shares[order[0]] + " (the largest)", shares[order[-1]] + " (the smallest)"]
    share_of_maximum = (f"; this mix has {entropy(p) / max_entropy(p.size):.0%} of the possible entropy"
                        if show_maximum and p.size > 1 else "")
    describe(ax, f"Shares of the {p.size} categories: {', '.join(shares)}. The dashed line marks "
                 f"{_percent(1 / p.size)}, each category's share in a uniform mix{share_of_maximum}."
             if p.size > 1 else "One category holds 100% of the examples: 0 bits, nothing to predict.")
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
    colors = [PALETTE[c] for c in ("blue", "vermillion", "green", "purple", "black")] * len(labels)
    ax.barh(labels, values / 1e6, color=colors[: len(labels)], edgecolor="black")
    top = values.max() / 1e6
    for y, v in enumerate(values):
        ax.text(v / 1e6 + top * 0.01, y, _bits_text(v), va="center", fontsize=11)
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    small, large = int(np.argmin(values)), int(np.argmax(values))
    describe(ax, "Bar lengths: " + "; ".join(f"{k}, {_spoken_bits(v)}" for k, v in zip(labels, values))
             + (f". The shortest bar, {labels[small]}, is {values[small] / values[large]:.2%} "
                f"of the longest, {labels[large]}." if len(labels) > 1 and values[large] > 0 else "."))
    return decorate(ax, xlabel="size (million bits)", ylabel="what is counted",
                    xlim=(0, top * 1.35), title=title or "Data bits vs information bits")


def _percent(share):
    """``50%`` for a whole percentage, ``12.5%`` otherwise (as read aloud)."""
    text = f"{share * 100:.1f}"
    return f"{text.removesuffix('.0')}%"


def _bits_text(bits):
    """``6.56 million bits`` for big sizes, ``1,728 bits`` for small ones."""
    return f"{bits / 1e6:.2f} million bits" if bits >= 1e5 else f"{bits:,.0f} bits"


def _spoken_bits(bits):
    """As :func:`_bits_text`, but a small size to 2 significant figures (``about 1,700 bits``).

    A compressor's exact byte count can move with its library version; the alt text is compared
    by nbval, so it carries only what stays put.
    """
    if bits >= 1e5 or bits < 100:
        return _bits_text(bits)
    return f"about {float(f'{bits:.2g}'):,.0f} bits"


def _feature_vectors_text(table, rows, questions, bits):
    """How many yes answers, which questions tell most and least, which rows answer alike."""
    names = [q.replace("_", " ") for q in questions]
    text = (f"{len(rows)} animals answer {len(questions)} yes/no questions: "
            f"{int(np.sum(table == 1))} of {table.size} answers are yes.")
    if bits is not None and len(questions):
        bits = np.asarray(bits, dtype=float)
        most, least = int(np.argmax(bits)), int(np.argmin(bits))
        text += (f" '{names[most]}' tells the most, {bits[most]:.2f} bits; "
                 f"'{names[least]}' the least, {bits[least]:.2f} bits.")
    groups = {}
    for row, answers in zip(rows, map(tuple, table.tolist())):
        groups.setdefault(answers, []).append(row)
    alike = [g for g in groups.values() if len(g) > 1]
    if alike:
        text += " Identical rows: " + "; ".join(", ".join(g[:-1]) + " and " + g[-1] for g in alike) + "."
    return text


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
    describe(ax, _feature_vectors_text(table, rows, questions, bits))
    return decorate(ax, xlabel="question (and the bits its answer tells)", ylabel="animal",
                    title="Yes/no feature vectors (dark = yes, light = no)")
