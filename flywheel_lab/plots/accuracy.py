"""Figures for notebooks 02 and 04: what a new example adds, and measured vs balanced accuracy."""

import numpy as np

from .. import accuracy as acc
from . import CYCLE, LINESTYLES, MARKERS, PALETTE, axes, decorate, describe, percent_axis

# One colour and one marker per kind of candidate: the marker tells the kinds apart without
# colour, and every point has a black edge, so the light fills (sky, orange, yellow) still
# stand out against white.
KIND_COLORS = dict(zip(acc.KINDS, [PALETTE[c] for c in ("black", "blue", "sky", "green", "orange",
                                                         "vermillion", "purple", "yellow")]))
KIND_MARKERS = dict(zip(acc.KINDS, MARKERS))


def _points(fraction):
    """A difference of two fractions in percentage points, as text (never "-0.0")."""
    return f"{round(float(fraction) * 100, 1) + 0.0:+.1f}"


def plot_customer_view(rare_share, common_accuracy, rare_accuracy, max_share=0.5, ax=None):
    """Measured accuracy against the rare class's share of the stream, with the balanced accuracy."""
    ax = axes(ax)
    shares = np.array([0.0, max(max_share, rare_share)])  # measured accuracy is linear in the share
    line = [acc.accuracy_under_mix([1 - s, s], [common_accuracy, rare_accuracy]) for s in shares]
    view = acc.customer_view(rare_share, common_accuracy, rare_accuracy)
    ax.plot(shares, line, color=PALETTE["blue"], label="measured by the customer")
    ax.axhline(view["balanced"], color=PALETTE["vermillion"], ls="--", label="balanced (every class equal)")
    ax.plot([rare_share], [view["measured"]], "o", ms=10, color=PALETTE["blue"])
    percent_axis(ax, "x")
    percent_axis(ax, "y")
    title = (f"rare share {rare_share:.1%}: measured {view['measured']:.1%}, "
             f"balanced {view['balanced']:.1%}")
    if line[0] == line[1]:
        shape = (f"The solid measured line is flat at {line[0]:.1%}: with the same accuracy on both "
                 f"classes the mix changes nothing, and it equals the dashed balanced line.")
    else:
        end, bal = shares[-1], view["balanced"]
        meet = (f", where it meets the dashed balanced line, flat at {bal:.1%} for every mix." if end == 0.5
                else f". The dashed balanced line stays at {bal:.1%} for every mix"
                + ("; the two cross at a share of 50.0%." if end > 0.5 else "."))
        gap = view["gap"]
        where = ("equals the balanced one" if abs(gap) < 0.0005 else
                 f"is {abs(gap) * 100:.1f} points {'above' if gap > 0 else 'below'} the balanced one")
        shape = (f"The solid measured line {'falls' if line[1] < line[0] else 'rises'} straight from "
                 f"{line[0]:.1%} with no rare images to {line[1]:.1%} at a share of {end:.1%}{meet} "
                 f"At this share (the dot) the customer's figure {where}.")
    describe(ax, shape)
    return decorate(ax, xlabel="rare class's share of the stream (%)", ylabel="accuracy (%)",
                    ylim=(0, 1.02), xlim=(0, shares[-1]), title=title, legend=True)


def plot_accuracy_bars(values, title="", ax=None, xlabel="accuracy of"):
    """Bars of named accuracies (fractions), each labelled with its percentage."""
    ax = axes(ax)
    names = list(values)
    heights = [values[k] for k in names]
    bars = ax.bar(names, heights, color=CYCLE[: len(names)])
    ax.bar_label(bars, labels=[f"{h:.1%}" for h in heights], padding=2)
    percent_axis(ax)
    ax.grid(axis="x", visible=False)
    listed = ", ".join(f"{name} {h:.1%}" for name, h in zip(names, heights))
    text = f"Bars, left to right: {listed}."
    if len(names) > 1:
        high, low = names[int(np.argmax(heights))], names[int(np.argmin(heights))]
        text += f" Highest: {high}; lowest: {low}."
    if "measured" in values and "balanced" in values:
        gap = values["measured"] - values["balanced"]
        text += (f" Measured is {abs(gap) * 100:.1f} points {'above' if gap >= 0 else 'below'} "
                 f"balanced.")
    describe(ax, text)
    return decorate(ax, xlabel=xlabel, ylabel="accuracy (%)", ylim=(0, 1.12), title=title)


def plot_two_customers(n_from_b, reports, ax=None):
    """Accuracy per stream (lines) against the number of customer B's images added to training."""
    ax = axes(ax)
    names = list(reports[0])
    for i, name in enumerate(names):
        ax.plot(n_from_b, [r[name] for r in reports], color=CYCLE[i % len(CYCLE)],
                marker=MARKERS[i % len(MARKERS)], ls=LINESTYLES[i % len(LINESTYLES)], ms=8, label=name)
    percent_axis(ax)
    first, last = reports[0], reports[-1]
    gains = {name: last[name] - first[name] for name in names}
    most = max(names, key=gains.get)
    describe(ax, f"With {n_from_b[0]} of customer B's images: "
                 + ", ".join(f"{name} {first[name]:.1%}" for name in names)
                 + f". With {n_from_b[-1]}: " + ", ".join(f"{name} {last[name]:.1%}" for name in names)
                 + f". {most[0].upper() + most[1:]} gains the most, {_points(gains[most])} points.")
    return decorate(ax, xlabel="customer B's images added to training (images)",
                    ylabel="accuracy (%)", ylim=(0, 1.02), legend=True,
                    title="Learning from the new customer's data")


def _novelty_gain_text(result, feature):
    """Alt text of the novelty-vs-gain scatter: the trend among real images and the unrealistic ones."""
    kinds = [k for k in acc.KINDS if (result["kind"] == k).any()]
    mean = {k: (float(result[feature][result["kind"] == k].mean()),
                float(result["gain"][result["kind"] == k].mean())) for k in kinds}
    runs = len(np.unique(result["seed"])) if "seed" in result else int((result["kind"] == kinds[0]).sum())
    real = acc.realistic(result)
    lines = [f"{len(kinds)} kinds of candidate batch, {runs} runs each."]
    real_kinds = [k for k in kinds if k not in acc.UNREALISTIC]
    if real.sum() > 1:
        r = acc.rank_correlation(result[feature][real], result["gain"][real])
        trend = "rises with" if r >= 0.3 else "falls as" if r <= -0.3 else "hardly follows"
        low, best = real_kinds[0], max(real_kinds, key=lambda k: mean[k][1])
        lines.append(f"Among real images the gain {trend} novelty (rank correlation {r:+.2f}): "
                     f"{low} {_points(mean[low][1])} points at novelty {mean[low][0]:.2f}, "
                     f"{best} the most, {_points(mean[best][1])} points at {mean[best][0]:.2f}.")
    fake = [k for k in kinds if k in acc.UNREALISTIC]
    if fake:
        listed = "; ".join(f"{k} {_points(mean[k][1])} points at {mean[k][0]:.2f}" for k in fake)
        lines.append(listed[0].upper() + listed[1:] + ".")
        if all(mean[k][0] > max((mean[q][0] for q in real_kinds), default=-np.inf) for k in fake):
            top_fake = max(mean[k][1] for k in fake)
            top_real = max((mean[q][1] for q in real_kinds), default=0.0)
            lines.append("They are the most novel, yet " + ("lower the accuracy." if top_fake <= 0
                         else "gain little." if top_fake < 0.5 * top_real else "gain as much as real images."))
        if real.sum() > 1 and (~real).any():
            r_all = acc.rank_correlation(result[feature], result["gain"])
            lines.append(f"Counting them, the rank correlation is {r_all:+.2f}.")
    return " ".join(lines)


def plot_novelty_vs_gain(result, feature="pixel_novelty", ax=None):
    """Each candidate batch as a dot: its novelty (x) and the test accuracy it added (y)."""
    ax = axes(ax)
    for kind in acc.KINDS:
        m = result["kind"] == kind
        if m.any():
            ax.scatter(result[feature][m], result["gain"][m], s=64, color=KIND_COLORS[kind],
                       marker=KIND_MARKERS[kind], label=kind, edgecolor=PALETTE["black"], linewidth=0.8)
    ax.axhline(0, color=PALETTE["black"], lw=1)
    percent_axis(ax)
    space = "pixel values 0–1" if feature == "pixel_novelty" else "PCA features"
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0), title="kind of candidate")
    describe(ax, _novelty_gain_text(result, feature))
    return decorate(ax, xlabel=f"novelty: distance to the nearest held image ({space})",
                    ylabel="test accuracy gained (% points)", title="Novelty before labelling vs gain after")


def plot_digit_images(images, titles, axs, description=None):
    """Draw 8×8 digit images side by side on the given Axes, each with its title.

    ``description`` says what the images show (which digits, what sets them apart); the
    figure's text alternative adds it to the titles, read left to right, row by row.
    """
    if description is not None and not isinstance(description, str):
        raise ValueError(f"description must be text (what the images show) or None, got {description!r}")
    flat = np.ravel(axs)
    drawn = []
    for ax, img, title in zip(flat, images, titles):
        ax.imshow(np.asarray(img).reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
        ax.set_title(title, fontsize=12)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
        drawn.append(" ".join(str(title).replace("\n", ", ").split()))   # one line each, read aloud
    for ax in flat[len(drawn):]:
        ax.set_visible(False)
    names = drawn
    if len(set(names)) == 1:
        listed = f"{len(names)} images of 8 × 8 pixels, each titled {names[0]}."
    else:
        listed = f"{len(names)} images of 8 × 8 pixels, left to right: " + "; ".join(names) + "."
    describe(flat[0].figure, f"{description.strip()} {listed}" if description else listed)
    return axs
