"""The flywheel loop as one diagram (notebook 00; the teacher projects it in class)."""

import numpy as np

from . import PALETTE, axes, describe

# (stage, colour, what the arrow leaving this stage carries to the next one)
# Stage names are bold 12-pt text: they need 4.5:1 against their disc (WCAG 1.4.3). White
# reaches that only on blue (5.2:1); every other disc takes black text (green 6.1:1,
# vermillion 5.4:1, purple 6.9:1, orange 9.3:1, sky 9.1:1).
LOOP = (
    ("collect", "blue", "raw images:\nmany bits of data"),
    ("label", "orange", "labelled examples"),
    ("train", "green", "a better model"),
    ("deploy", "vermillion", "better answers\nin the product"),
    ("customers", "purple", "more use: everyday\nand rare cases"),
    ("new data", "sky", "the surprises =\nnew information"),
)


def _radial(angle, radius):
    return radius * np.cos(angle), radius * np.sin(angle)


def plot_flywheel_loop(ax=None):
    """Draw the loop collect → label → train → deploy → customers → new data → collect.

    Each stage is a coloured disc (Okabe–Ito colours, named in text too, so colour is
    never the only cue); each arrow is labelled with what it carries. ``ax=None`` draws
    on a new figure of its own. Returns the Axes.
    """
    from matplotlib.patches import Circle, FancyArrowPatch
    ax = axes(ax, figsize=(8, 6.6))
    n, radius, node = len(LOOP), 1.0, 0.33
    # first stage at the top, then clockwise
    angles = np.pi / 2 - 2 * np.pi * np.arange(n) / n
    centres = [_radial(a, radius) for a in angles]
    for (stage, colour, _), centre in zip(LOOP, centres):
        ax.add_patch(Circle(centre, node, facecolor=PALETTE[colour], edgecolor="black", lw=1.2,
                            zorder=3))
        text_colour = "white" if colour == "blue" else "black"
        ax.text(*centre, stage, ha="center", va="center", fontsize=12, fontweight="bold",
                color=text_colour, zorder=4)
    gap = 1.25 * node / radius          # angle from a disc's centre to just outside its edge
    for i, (_, _, carried) in enumerate(LOOP):
        # from just past this disc's edge to just before the next one's, along the ring
        start = _radial(angles[i] - gap, radius)
        end = _radial(angles[(i + 1) % n] + gap, radius)
        ax.add_patch(FancyArrowPatch(start, end, connectionstyle="arc3,rad=-0.2",
                                     arrowstyle="-|>", mutation_scale=26, lw=2.5,
                                     color=PALETTE["black"], shrinkA=0, shrinkB=0, zorder=5))
        middle = (angles[i] + angles[(i + 1) % n]) / 2 - (np.pi if i == n - 1 else 0)
        x, y = _radial(middle, radius * 1.55)
        ax.text(x, y, carried, ha="center", va="center", fontsize=10.5, linespacing=1.15,
                bbox=dict(boxstyle="round,pad=0.25", facecolor="white", edgecolor="0.7"))
    ax.text(0, 0.08, "cost grows with data", ha="center", va="center", fontsize=12)
    ax.text(0, -0.12, "value grows with information", ha="center", va="center", fontsize=12,
            fontweight="bold")
    ax.set_xlim(-2.05, 2.05)
    ax.set_ylim(-1.65, 1.6)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("The data flywheel: what each step passes on to the next")
    describe(ax, _loop_description())
    return ax


def _loop_description():
    """The diagram in words: the stages in order and what each arrow carries to the next."""
    def spoken(carried):
        return " ".join(carried.split()).replace(":", ",").replace(" = ", ", that is, ")

    stages = [stage for stage, _, _ in LOOP]
    steps = " ".join(f"{stage.capitalize()} {'back ' if i == len(LOOP) - 1 else ''}to "
                     f"{stages[(i + 1) % len(LOOP)]}: {spoken(carried)}."
                     for i, (stage, _, carried) in enumerate(LOOP))
    return (f"A loop of {len(LOOP)} stages, clockwise from the top; each arrow says what it "
            f"carries. {steps} In the centre: cost grows with data, value grows with information.")
