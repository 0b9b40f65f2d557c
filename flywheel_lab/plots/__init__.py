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
# Lines and markers need 3:1 contrast on white (WCAG 1.4.11): blue 5.2, vermillion 3.9,
# green 3.4, purple 3.1, black 21. Orange (2.3), sky (2.3) and yellow (1.3) are for fills
# with a dark edge, shaded bands and backgrounds only. The cycle holds the five that pass;
# series still differ by marker or line style as well (never colour alone, WCAG 1.4.1).
CYCLE = [PALETTE[c] for c in ("blue", "vermillion", "green", "purple", "black")]
LIGHT = ("orange", "sky", "yellow")   # under 3:1 on white: not for lines, markers or text
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")   # one per series, with its colour
LINESTYLES = ("-", "--", ":", "-.")
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
    """Apply the series' figure style to matplotlib (call once per notebook).

    In a notebook it also shows every figure with its text alternative (see :func:`describe`).
    """
    mpl.rcParams.update(STYLE)
    _show_with_alt_text()


def style_context():
    """A context manager that applies the style only inside a ``with`` block."""
    return mpl.rc_context(STYLE)


def describe(target, text):
    """Give an Axes (or a Figure) its text alternative and return ``target``.

    ``text`` says what a reader who cannot see the figure needs: its point and its key
    numbers, computed from the data drawn (never a fixed caption). The notebook output's
    ``<img alt=…>``, its plain-text fallback and a widget's announcement are made from it
    by :func:`alt_text`.
    """
    target._flywheel_alt = " ".join(str(text).split())
    return target


def alt_text(fig):
    """A figure's text alternative: its own description, then each described Axes' with its title.

    An empty string means nobody described the figure (the figure check fails it).
    """
    parts = [getattr(fig, "_flywheel_alt", "")]
    sup = fig.get_suptitle() if hasattr(fig, "get_suptitle") else ""
    if sup and not parts[0]:
        parts[0] = sup.rstrip(".") + "."
    for ax in fig.axes:
        text = getattr(ax, "_flywheel_alt", "")
        title = ax.get_title().strip()
        if text and title and not text.startswith(title):
            text = f"{title.rstrip('.:')}: {text}"
        parts.append(text)
    return " ".join(part for part in parts if part)


def figure_html(fig, png_base64=None):
    """An ``<img>`` of ``fig`` with its text alternative as ``alt`` (the PNG inlined as data).

    ``png_base64`` reuses a PNG already made; otherwise the figure is drawn as the inline
    backend would (tight bounding box, at the figure's own dpi).
    """
    import base64
    import html
    import io
    if png_base64 is None:
        buf = io.BytesIO()
        fig.savefig(buf, format="png", bbox_inches="tight", dpi=fig.dpi)
        png_base64 = base64.b64encode(buf.getvalue()).decode("ascii")
    alt = html.escape(alt_text(fig) or "figure without a description", quote=True)
    return f'<img alt="{alt}" src="data:image/png;base64,{png_base64}"/>'


def _show_with_alt_text():
    """In IPython, show a Figure as an ``<img>`` with its alt text (plain text: the alt text).

    JupyterLab ignores alt text given in a PNG output's metadata; an HTML ``<img alt>``
    reaches the page in JupyterLab, nbconvert and the website alike.
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return
    from matplotlib.figure import Figure
    if "inline" in str(mpl.rcParams._get("backend")):
        # matplotlib loads the inline backend at the first pyplot figure, and loading it
        # registers its PNG formatter again: load it now, so what follows stays in force
        import matplotlib_inline.backend_inline  # noqa: F401
    formatters = shell.display_formatter.formatters
    formatters["image/png"].pop(Figure, None)   # the PNG travels inside the <img>, once
    formatters["text/html"].for_type(Figure, figure_html)
    formatters["text/plain"].for_type(Figure, lambda fig, p, cycle: p.text(alt_text(fig) or repr(fig)))


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
