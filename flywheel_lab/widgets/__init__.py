"""Interactive figures: controls wired to a compute-and-draw function.

A widget here is a :class:`Live` box: a row of controls above an ``Output`` that
shows what ``render(**values)`` returned (a matplotlib Figure, a string, or both as
a tuple). The output is replaced by assigning ``Output.outputs`` directly, so a
widget redraws the same way in JupyterLab, in Voilà and in a test with no kernel.
Bad values never crash it: a ``ValueError`` from the computation is shown as a
message in place of the figure.

Topic widgets live in submodules (``widgets.information`` …); each lists its
builders in ``__all__``, and every builder works with no arguments.
"""

import base64
import importlib
import io
import pkgutil

import ipywidgets as W
import numpy as np

from ._controls import Announcer, FloatSlider, IntSlider

_SUBMODULES = ("accuracy", "collection", "coverage", "flywheel", "funnel", "information", "pixels")


class Live(W.VBox):
    """Controls above an output that ``render(**values)`` redraws on every change."""

    def __init__(self, controls, render, dpi=80, **kwargs):
        self.controls = dict(controls)
        self.render = render
        self.dpi = dpi
        self.output = W.Output(layout=W.Layout(min_height="120px"))
        self.redraws = 0
        self.result = None  # what render returned last: a static copy for the page below
        self._said = ""     # the last drawing's description
        self._layout = (None, (), None)  # (shape, Axes positions, Figure) of the last layout
        self._backdrop = Backdrop()
        self.announcer = Announcer()    # says each new drawing's description to screen readers
        bar = W.HBox(list(self.controls.values()),
                     layout=W.Layout(flex_flow="row wrap", grid_gap="4px 16px"))
        super().__init__([bar, self.output, self.announcer], layout=W.Layout(width="100%"), **kwargs)
        for control in self.controls.values():
            control.observe(self._changed, names="value")
        self.refresh()

    def values(self):
        """The current value of every control, by name."""
        return {name: c.value for name, c in self.controls.items()}

    def refresh(self):
        """Recompute and redraw from the controls' current values."""
        from ..plots import style_context
        try:
            with style_context():
                result = self.render(**self.values())
        except ValueError as err:
            result = f"⚠ {err}"
        self.result = result
        self.output.outputs = tuple(_as_outputs(result, self.dpi, self._reuse_layout))
        said, self._said = self._said, self.description()
        self.announcer.text = _news(said, self._said)
        self.redraws += 1

    def description(self):
        """What the last drawing shows, in words: its figures' alt texts and any message."""
        return " ".join(out["data"]["text/plain"] if out["output_type"] == "display_data"
                        else out["text"].strip() for out in self.output.outputs)

    def _changed(self, change):
        self.refresh()

    def snapshot(self):
        """A still of the last drawing (its text and image), for pages read without a kernel.

        Showing it draws nothing: the image is the PNG the widget already made.
        """
        return Snapshot(self.output.outputs)

    def _reuse_layout(self, fig):
        """Encode ``fig``, laying it out only when its shape differs from the last figure's.

        The layout pass measures every label and costs about a third of an update;
        a widget's figures mostly keep their shape from one update to the next, so the
        Axes positions found are reused until the size or the Axes change, or a y tick
        label gets longer than when they were found (it would need a wider margin).
        """
        shape, (last_shape, positions, last_fig) = _layout_key(fig), self._layout
        if _fits(shape, last_shape):
            if fig is last_fig:                          # the same Figure, redrawn: over its backdrop
                return self._backdrop.png(fig, self.dpi)
            for ax, position in zip(fig.axes, positions):  # a new Figure: give it the known layout
                ax.set_position(position)
            fig.set_layout_engine(None)  # None, not "none": no layout pre-draw in savefig
            return figure_png(fig, self.dpi)
        fig.set_layout_engine("constrained")             # (again, for a reused Figure)
        png = figure_png(fig, self.dpi)
        self._layout = (shape, [ax.get_position() for ax in fig.axes], fig)
        return png


def _news(before, now):
    """The sentences of ``now`` that ``before`` did not have (all of ``now`` if none are new).

    A screen reader then hears what a move of a control changed ("The dot marks p = 0.90:
    H = 0.469 bits."), not the whole description again.
    """
    import re
    old = set(re.split(r"(?<=[.!?])\s+", before))
    new = [s for s in re.split(r"(?<=[.!?])\s+", now) if s not in old]
    return " ".join(new) or now


class Backdrop:
    """A reused figure's titles and axis labels, kept as pixels between two updates.

    Drawing text is most of what a figure costs, and a widget's titles and axis labels seldom
    change when a slider moves. With the layout fixed, :meth:`png` restores the kept pixels and
    draws only the Axes' contents over them (ticks, data, legend); if any title or label is not
    exactly as kept (its words, place, font or colour), the figure is drawn in full instead and
    the backdrop taken again. Only for figures whose artists all live in their Axes.
    """

    def __init__(self):
        self.pixels, self.key = None, None
        self.hits = 0            # drawings made over the backdrop

    def png(self, fig, dpi):
        """Base64 PNG of ``fig`` (its layout engine is switched off), like :func:`figure_png`."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        fig.set_layout_engine(None)
        if not isinstance(fig.canvas, FigureCanvasAgg):
            FigureCanvasAgg(fig)
        if fig.dpi != dpi:
            fig.set_dpi(dpi)
            self.pixels = None
        if self.pixels is not None and _only_axes(fig):
            png = self._over_backdrop(fig)
            if png is not None:
                self.hits += 1
                return png
        png = figure_png(fig, dpi)                       # in full; then keep the backdrop
        renderer = fig.canvas.get_renderer()
        texts = _backdrop_texts(fig)
        self.key = _texts_key(texts, renderer)
        renderer.clear()
        fig.patch.draw(renderer)
        for text in texts:
            text.draw(renderer)
        self.pixels = fig.canvas.copy_from_bbox(fig.bbox)
        return png

    def _over_backdrop(self, fig):
        """The PNG drawn over the backdrop, or None if a title or label changed."""
        import matplotlib.image
        canvas, texts = fig.canvas, _backdrop_texts(fig)
        if _texts_look(texts) != self.key[0]:        # new words, font or colour: no use drawing
            return None
        renderer = canvas.get_renderer()
        shown = [text.get_visible() for text in texts]
        try:
            for text in texts:
                text.set_visible(False)
            canvas.restore_region(self.pixels)
            for ax in sorted(fig.axes, key=lambda ax: ax.get_zorder()):
                ax.draw(renderer)
        finally:
            for text, visible in zip(texts, shown):
                text.set_visible(visible)
        if _texts_key(texts, renderer) != self.key:    # a label moved (its tick labels widened)
            return None
        buf = io.BytesIO()
        matplotlib.image.imsave(buf, np.asarray(canvas.buffer_rgba()), format="png", dpi=fig.dpi,
                                pil_kwargs={"compress_level": 1})
        return base64.b64encode(buf.getvalue()).decode("ascii")


def _backdrop_texts(fig):
    """The texts a :class:`Backdrop` keeps: each Axes' title and axis labels."""
    return [text for ax in fig.axes for text in (ax.title, ax.xaxis.label, ax.yaxis.label)]


def _texts_look(texts):
    """What ``texts`` say and how: visibility, words, colour, font and angle."""
    from matplotlib.colors import to_rgba
    return tuple((t.get_visible(), t.get_text(), to_rgba(t.get_color(), t.get_alpha()),
                  hash(t.get_fontproperties()), t.get_rotation()) for t in texts)


def _texts_key(texts, renderer):
    """``(look, places)`` of ``texts``: :func:`_texts_look`, and where each was last drawn."""
    places = tuple(tuple(t.get_window_extent(renderer).bounds) if t.get_visible() and t.get_text() else None
                   for t in texts)
    return _texts_look(texts), places


def _only_axes(fig):
    """True if every artist of ``fig`` is inside one of its Axes (nothing drawn on the Figure itself)."""
    return not (fig.texts or fig.legends or fig.lines or fig.patches or fig.images or fig.artists
                or fig.subfigs or fig.get_suptitle() or fig.get_supxlabel() or fig.get_supylabel())


def _layout_key(fig):
    """What a figure's layout depends on: its size, its Axes and their longest y tick labels
    (which set the left margins)."""
    def widest(axis):
        labels = axis.major.formatter.format_ticks(axis.get_majorticklocs())
        return max((len(str(label)) for label in labels), default=0)
    return tuple(fig.get_size_inches()), len(fig.axes), tuple(widest(ax.yaxis) for ax in fig.axes)


def _fits(shape, laid_out):
    """True if a figure of ``shape`` fits the layout found for ``laid_out`` (see ``_layout_key``)."""
    return (laid_out is not None and shape[:2] == laid_out[:2]
            and all(new <= old for new, old in zip(shape[2], laid_out[2])))


class Snapshot:
    """Fixed copies of a widget's outputs that display like the widget's drawing."""

    def __init__(self, outputs):
        self.outputs = tuple(outputs)

    def _ipython_display_(self):
        from IPython.display import publish_display_data
        for out in self.outputs:
            if out["output_type"] == "stream":
                print(out["text"], end="")
            else:
                publish_display_data(out["data"])


def _as_outputs(result, dpi, encode=None):
    """Turn a render result (Figure, str, or a tuple of them) into Output messages."""
    items = result if isinstance(result, tuple) else (result,)
    for item in items:
        if item is None:
            continue
        if isinstance(item, str):
            yield {"output_type": "stream", "name": "stdout", "text": item.rstrip("\n") + "\n"}
        else:
            from ..plots import alt_text, figure_html
            png = encode(item) if encode else figure_png(item, dpi)
            yield {"output_type": "display_data", "metadata": {},
                   "data": {"text/html": figure_html(item, png), "text/plain": alt_text(item) or "<Figure>"}}


def figure_png(fig, dpi=80):
    """Base64 PNG of a matplotlib Figure (the figure is not kept anywhere)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, pil_kwargs={"compress_level": 1})  # fast to encode
    return base64.b64encode(buf.getvalue()).decode("ascii")


def new_figure(nrows=1, ncols=1, figsize=(7.0, 4.0), **subplot_kw):
    """A Figure and its Axes outside pyplot (no global state, nothing to close).

    The Figure gets its own Agg canvas: without one, every text measured before the figure is
    drawn (seaborn measures each tick label) made a fresh full-size renderer, ~85 MB per heatmap
    held until garbage collection, and notebook 06's hole explorer peaked at 586 MB for it.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    fig = Figure(figsize=figsize, layout="constrained")
    FigureCanvasAgg(fig)
    return fig, fig.subplots(nrows, ncols, **subplot_kw)


def reused_figure(nrows=1, ncols=1, figsize=(7.0, 4.0), max_ticks=None):
    """Like :func:`new_figure`, for a widget's render function: the same Figure every call.

    Returns a function that gives back ``(fig, axes)`` with the Axes emptied of what was
    plotted but keeping their ticks: a fresh Figure builds every tick again, about a
    fifth of a two-panel update. Only for figures without colorbars (those would pile up).
    ``max_ticks`` caps the ticks on each axis (at "nice" steps, as matplotlib's own): each
    tick and its label cost as much to draw as a short line of data, and a half-width
    panel reads as well with six as with nine.
    """
    from ..plots import style_context
    with style_context():                 # built in the series' style, like a figure made in render
        fig, axes = new_figure(nrows, ncols, figsize=figsize)
    if max_ticks is not None:
        from matplotlib.ticker import MaxNLocator
        for ax in fig.axes:
            for axis in (ax.xaxis, ax.yaxis):
                axis.set_major_locator(MaxNLocator(nbins=max_ticks - 1, steps=[1, 2, 2.5, 5, 10]))

    def emptied():
        for ax in fig.axes:
            clear_plotted(ax)
        return fig, axes
    return emptied


def clear_plotted(ax):
    """Remove every plotted artist and the legend from ``ax``; keep its axes, ticks and scales."""
    for artist in [*ax.lines, *ax.patches, *ax.collections, *ax.texts, *ax.images]:
        artist.remove()
    ax._flywheel_alt = ""        # the next drawing describes itself
    ax.containers.clear()
    if ax.get_legend() is not None:
        ax.get_legend().remove()
    ax.set_prop_cycle(None)      # colours start over, as on a fresh Axes
    ax.relim()
    ax.autoscale()


def slider(value, min, max, step, description, fmt=None, continuous=True, **kw):
    """A labelled float or int slider with a readable readout and sensible width.

    It is the browser's own range input, named by its label, moved by the keyboard and
    read out with its formatted value (see ``_controls``), not ipywidgets' unnamed one.
    """
    is_int = all(isinstance(v, int) for v in (value, min, max, step))
    cls = IntSlider if is_int else FloatSlider
    extra = {} if is_int else {"readout_format": fmt or ".2f"}
    return cls(value=value, min=min, max=max, step=step, description=description,
               continuous_update=continuous, layout=W.Layout(width="360px"), **extra, **kw)


def progress_bar(total, description="working"):
    """A progress bar for a long loop and the ``step(label)`` callback that advances it.

    ``bar, step = progress_bar(12, "learning curves")``; ``display(bar)``; then call
    ``step()`` after each of the 12 steps. It is a widget, so it writes nothing to
    stdout or stderr (nbval ignores widget cells' outputs).
    """
    total = max(1, int(total))
    bar = W.IntProgress(value=0, min=0, max=total, description=description, bar_style="info",
                        style={"description_width": "initial"}, layout=W.Layout(width="480px"))
    label = W.Label(f"0 of {total}")
    box = W.HBox([bar, label])

    def step(what=""):
        bar.value = min(total, bar.value + 1)
        label.value = f"{bar.value} of {total}" + (f": {what}" if what else "")
        if bar.value == total:
            bar.bar_style = "success"
    return box, step


def sweep_values(control):
    """Minimum, maximum and a middle value a control can take (for tests and benchmarks)."""
    if hasattr(control, "options") and isinstance(control, W.SelectMultiple):
        opts = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return [(), tuple(opts[:1]), tuple(opts[-1:]), tuple(opts[: len(opts) // 2])]
    if hasattr(control, "options"):
        opts = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return [opts[0], opts[-1], opts[len(opts) // 2]]
    if isinstance(control, (W.Checkbox, W.ToggleButton)):
        return [not control.value, control.value]
    if hasattr(control, "min") and hasattr(control, "max"):
        lo, hi = control.min, control.max
        mid = (lo + hi) // 2 if isinstance(lo, int) and isinstance(hi, int) else (lo + hi) / 2
        if isinstance(control.value, tuple):  # range sliders
            return [(lo, lo), (hi, hi), (lo, hi), (lo, mid)]
        return [lo, hi, mid]
    if isinstance(control, W.Text):
        return ["", "1, 2, 3", "x"]
    raise TypeError(f"no sweep defined for {type(control).__name__}")


def corners(live):
    """Settings at the corners of a widget's controls, as ``[{name: value}]``.

    Each control at its two ends with the others at their defaults, then every control at
    its low end and every control at its high end together: where a drawing is emptiest,
    most crowded or slowest. (A multiple choice's ends are nothing and everything.)
    """
    defaults = live.values()
    ends = {name: _ends(control) for name, control in live.controls.items()}
    settings = [dict(defaults, **{name: end}) for name, pair in ends.items() for end in pair]
    settings += [{name: pair[0] for name, pair in ends.items()},
                 {name: pair[1] for name, pair in ends.items()}]
    unique = []
    for setting in settings:
        if setting not in unique:
            unique.append(setting)
    return unique


def _ends(control):
    """A control's two extreme values."""
    if isinstance(control, W.SelectMultiple):
        opts = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return (), tuple(opts)
    low, high = sweep_values(control)[:2]
    return low, high


def builders():
    """Every widget builder of every topic submodule, as ``{"topic.name": builder}``."""
    found = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for name in getattr(module, "__all__", ()):
            found[f"{info.name}.{name}"] = getattr(module, name)
    return found


def __getattr__(name):
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'flywheel_lab.widgets' has no attribute {name!r}")
