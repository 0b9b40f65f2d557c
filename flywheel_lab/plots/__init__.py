"""Figures for a classroom: one style, labelled axes with units, no side effects at import.

Every ``plot_*`` function takes ``ax=None`` (meaning a new figure of its own) and
returns the Axes it drew on. Nothing changes matplotlib's settings until you call
:func:`use_style` once at the top of a notebook. Topic figures live in submodules
named after the chapter's ideas (``plots.information``, ``plots.pixels``, …),
imported on first use.
"""

import importlib

import matplotlib as mpl

# Okabe & Ito (2008): eight colours that stay distinct for colour-blind readers.
PALETTE = {
    "blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "vermillion": "#D55E00",
    "sky": "#56B4E9", "purple": "#CC79A7", "yellow": "#F0E442", "black": "#000000",
}
CYCLE = [PALETTE[c] for c in ("blue", "orange", "green", "vermillion", "sky", "purple", "black")]
SEQUENTIAL_CMAP = "viridis"  # perceptually uniform, readable in greyscale
DIVERGING_CMAP = "cividis"

STYLE = {
    "figure.facecolor": "white",        # opaque: readable under dark JupyterLab themes
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.transparent": False,
    "figure.figsize": (7.0, 4.2),
    "figure.dpi": 100,
    "figure.constrained_layout.use": True,  # nothing cut off under any backend, not only inline
    "font.size": 13,                    # readable from the back of a room
    "axes.titlesize": 14,
    "axes.titley": 1.0,                 # fixed title place: skips a costly overlap search
    "axes.labelsize": 13,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 11,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "lines.linewidth": 2.2,
    "axes.prop_cycle": mpl.cycler(color=CYCLE),
    "image.cmap": SEQUENTIAL_CMAP,
    "svg.hashsalt": "flywheel-lab",     # identical SVG output on every run
    "text.hinting": "no_hinting",       # unhinted glyphs: smooth, and text draws ~10 % faster
}

_SUBMODULES = ("accuracy", "collection", "coverage", "flywheel", "funnel", "information", "loop",
               "pixels")


def use_style():
    """Apply the series' figure style to matplotlib (call once per notebook)."""
    mpl.rcParams.update(STYLE)


def style_context():
    """A context manager that applies the style only inside a ``with`` block."""
    return mpl.rc_context(STYLE)


def axes(ax=None, figsize=None, **subplot_kw):
    """Return ``ax``, or the Axes of a new pyplot figure when ``ax`` is None.

    Never the current Axes: under any backend but inline (a script, ``MPLBACKEND=Agg``,
    ipympl's ``%matplotlib widget``) ``plt.show()`` closes nothing, and a plot drawn on
    the current Axes would land on the previous cell's figure.
    """
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt
    return plt.subplots(figsize=figsize, layout="constrained", subplot_kw=subplot_kw or None)[1]


def decorate(ax, **options):
    """Set Axes properties in one call: ``decorate(ax, xlabel="days", ylim=(0, 4))``.

    Any keyword that ``Axes.set`` accepts works; ``legend=True`` adds a legend when
    the Axes has labelled artists. Returns the Axes.
    """
    legend = options.pop("legend", False)
    ax.set(**options)
    if legend and ax.get_legend_handles_labels()[0]:
        ax.legend(frameon=False)
    return ax


def percent_axis(ax, axis="y"):
    """Show a 0–1 axis as percentages."""
    from matplotlib.ticker import PercentFormatter
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(PercentFormatter(xmax=1.0))
    return ax


def integer_axis(ax, axis="x"):
    """Put ticks on whole numbers only (weeks, days, counts)."""
    from matplotlib.ticker import MaxNLocator
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_locator(MaxNLocator(integer=True))
    return ax


def __getattr__(name):
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'flywheel_lab.plots' has no attribute {name!r}")
