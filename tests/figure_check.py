"""What a figure must get right to be read at a glance: the rules of tests/test_figures.py.

``problems(fig)`` draws a matplotlib Figure and returns one sentence per problem found
(an empty list when the figure passes). The rules, in CONTRIBUTING.md words:

* every Axes has a title (a grid of images may share the figure's ``suptitle``);
* every axis that shows tick labels has a label (a shared axis may use a neighbour's or
  the figure's ``supxlabel``/``supylabel``), and a *numeric* axis names its unit: a
  part in parentheses, ``"time (days)"``, ``"accuracy (%)"``, ``"r (−1 to 1)"``, or one
  of :data:`UNIT_WORDS`. A category axis needs no unit: tick labels that are words,
  bars of string categories, or ticks placed with their labels (``set_xticks(x, labels)``,
  heatmaps);
* tick labels on one axis do not overlap or touch: side by side, neighbours stand at
  least :data:`MIN_TICK_GAP_EM` of their font size apart (more than a word space, so two
  labels never read as one); stacked, at least :data:`MIN_TICK_GAP_PX` pixels;
* a legend does not cover plotted data: no line, marker, scatter point or bar drawn
  under the legend's box (data outside the Axes, e.g. a legend placed beside it, is fine);
* no text runs past the figure's edge (it would be cut off outside the inline backend);
* no two series of one Axes (the entries of its legend, or its labelled lines) look
  alike under deuteranopia, protanopia or tritanopia, simulated with colorspacious
  (CAM02-UCS distance at least :data:`MIN_CVD_DISTANCE`), unless their line style or
  marker tells them apart;
* the figure has a text alternative (``plots.describe``): at least one sentence with a
  number in it, from :func:`flywheel_lab.plots.alt_text` (WCAG 1.1.1);
* every line, marker and scatter point has at least :data:`MIN_GRAPHIC_CONTRAST` contrast
  with the white background, and every bar its fill or its edge (WCAG 1.4.11);
* text has at least :data:`MIN_TEXT_CONTRAST` contrast with what it is written on: the white
  figure, or its own box (``bbox=``); numbers written on a heatmap's cells are left to the
  heatmap, which picks black or white per cell (WCAG 1.4.3);
* no text is smaller than :data:`MIN_DISPLAYED_PT` points as displayed: its size × the
  figure's dpi / 96 × the scale a notebook column of :data:`COLUMN_PX` pixels shrinks a
  wider image by (widget stills are drawn at 80 dpi, notebook figures at 100).

:func:`install` hooks the checks into a running IPython kernel: after every cell each
new or changed pyplot figure is checked, and the results are written as JSON lines
``{"execution_count", "figure", "problems"}`` to the file named by ``$FIGURE_CHECK_OUT``;
with ``$FIGURE_CHECK_PNGS`` set to a folder, each checked figure is saved there as a PNG.
"""

import json
import os
import re

import numpy as np
from matplotlib.collections import PathCollection, PolyCollection
from matplotlib.container import BarContainer
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Text

MIN_CVD_DISTANCE = 10.0   # CAM02-UCS ΔE; Okabe–Ito's closest pair (orange, purple) scores 11
CVD_TYPES = ("deuteranomaly", "protanomaly", "tritanomaly")
CVD_NAMES = {"deuteranomaly": "deuteranopia", "protanomaly": "protanopia",
             "tritanomaly": "tritanopia"}
UNIT_WORDS = {"%", "$", "bits", "bit", "nats", "days", "day", "weeks", "week", "labels",
              "samples", "images", "pixels", "count", "digits", "epoch", "epochs",
              "dollars", "seconds", "categories", "cases"}
EDGE_TOLERANCE = 1.5       # pixels a text may touch past the figure edge (antialiasing)
MIN_GRAPHIC_CONTRAST = 3.0  # WCAG 1.4.11, graphics needed to understand the figure
MIN_DISPLAYED_PT = 9.0      # the smallest text a student reads from a notebook column
MIN_TEXT_CONTRAST = 4.5     # WCAG 1.4.3, text
COLUMN_PX = 900             # JupyterLab's output width on a 1280-px laptop, file browser open
NOTEBOOK_DPI = 100          # figure.dpi of plots.STYLE (the inline backend's image)
MIN_TICK_GAP_EM = 0.5       # tick labels side by side: half an em apart (a word space is 0.32 em)
MIN_TICK_GAP_PX = 2.0       # tick labels (side by side or stacked): never closer than 2 pixels


def problems(fig, dpi=NOTEBOOK_DPI):
    """Every rule ``fig`` breaks, as sentences that say what to change.

    ``dpi`` is the resolution the figure is shown at (80 for a widget's drawing)."""
    if not hasattr(fig.canvas, "get_renderer"):   # a Figure made outside pyplot (widgets)
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        FigureCanvasAgg(fig)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    found = []
    for ax in _data_axes(fig):
        name = _axes_name(ax)
        found += [f"{name}: {p}" for p in _axes_problems(fig, ax, renderer)]
    found += _cut_off_text(fig, renderer)
    found += _small_text(fig, dpi)
    found += _faint_text(fig)
    found += _alt_text_problems(fig)
    return found


def displayed_scale(fig, dpi=NOTEBOOK_DPI):
    """Displayed size of 1 pt of the figure's text, in CSS points, in a notebook column."""
    width_px = fig.get_figwidth() * dpi
    return dpi / 96 * min(1.0, COLUMN_PX / width_px)


def _small_text(fig, dpi):
    scale = displayed_scale(fig, dpi)
    small = {}
    for text in fig.findobj(Text):
        if text.get_visible() and text.get_text().strip() and _really_drawn(text):
            shown = text.get_fontsize() * scale
            if shown < MIN_DISPLAYED_PT - 1e-9:
                small.setdefault(round(text.get_fontsize(), 1), text.get_text()[:30])
    return [f"text {example!r} is {size:g} pt, {size * scale:.1f} pt as displayed (a figure "
            f"{fig.get_figwidth():g} in wide at {dpi} dpi in a {COLUMN_PX}-px column): make it at "
            f"least {MIN_DISPLAYED_PT / scale:.1f} pt, or the figure narrower"
            for size, example in sorted(small.items())][:3]


def _faint_text(fig):
    """Texts under 4.5:1 against their box, or against white where they have none."""
    from matplotlib.collections import QuadMesh
    from matplotlib.colors import to_rgba
    faint = []
    for text in fig.findobj(Text):
        if not (text.get_visible() and text.get_text().strip() and _really_drawn(text)):
            continue
        ax = text.axes
        if ax is not None and text in ax.texts and (ax.images or any(isinstance(c, QuadMesh) for c in ax.collections)):
            continue                                  # written on a heatmap's cells
        patch = text.get_bbox_patch() or _patch_under(text)
        ground = (1.0, 1.0, 1.0) if patch is None or not patch.get_fill() else _on_white(patch.get_facecolor())
        colour = _on_white(to_rgba(text.get_color(), text.get_alpha()))
        ratio = contrast_ratio(colour, ground)
        if ratio < MIN_TEXT_CONTRAST:
            faint.append(f"{text.get_text()[:30]!r} ({ratio:.1f}:1)")
    if not faint:
        return []
    return [f"text under {MIN_TEXT_CONTRAST}:1 contrast with its background: {', '.join(faint[:4])}: "
            f"use black or a dark grey, or a darker box"]


def _patch_under(text):
    """The topmost filled shape of the text's Axes that its anchor point lies on (a disc, a box), if any."""
    ax = text.axes
    if ax is None or text not in ax.texts:
        return None
    point = text.get_transform().transform(text.get_position())
    from matplotlib.patches import Ellipse, FancyBboxPatch, Polygon, Wedge
    shapes = (Ellipse, FancyBboxPatch, Polygon, Rectangle, Wedge)      # not arrows: their outline is open
    under = [p for p in ax.patches if isinstance(p, shapes) and p.get_visible() and p.get_fill()
             and p.contains_point(point)]
    return max(under, key=lambda p: p.get_zorder()) if under else None


def _alt_text_problems(fig):
    from flywheel_lab.plots import alt_text
    text = alt_text(fig)
    if not text:
        return ["no text alternative: describe what the figure shows and its key numbers with "
                "plots.describe(ax, f\"…\") in the plot function (or on the figure)"]
    if not re.search(r"\d", text) or len(text.split()) < 6:
        return [f"the text alternative {text[:80]!r} is too thin: say the figure's point with "
                f"the numbers it shows"]
    return []


def contrast_ratio(rgb, background=(1.0, 1.0, 1.0)):
    """WCAG contrast ratio of an sRGB colour (0–1) against ``background``."""
    def luminance(c):
        c = np.asarray(c, dtype=float)
        c = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    hi, lo = sorted((luminance(rgb), luminance(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _faint_graphics(ax):
    """Lines, markers, points and bars under 3:1 against the white background."""
    from matplotlib.colors import to_rgba
    out = []

    def faint(rgba):
        return rgba is not None and len(rgba) and contrast_ratio(_on_white(rgba)) < MIN_GRAPHIC_CONTRAST

    for line in ax.lines:
        if not line.get_visible() or line.get_linestyle() in ("None", "none", " ", "") and \
                line.get_marker() in (None, "None", "", " "):
            continue
        colour = to_rgba(line.get_color(), line.get_alpha())
        if line.get_linestyle() in ("None", "none", " ", ""):
            colour = to_rgba(line.get_markeredgecolor() if line.get_markerfacecolor() in ("none", "None")
                             else line.get_markerfacecolor(), line.get_alpha())
            if faint(colour) and not faint(to_rgba(line.get_markeredgecolor(), line.get_alpha())):
                continue
        if faint(colour):
            out.append(f"line {_artist_label(line)}")
    for coll in ax.collections:
        if isinstance(coll, PathCollection) and coll.get_visible() and len(coll.get_offsets()):
            faces, edges = coll.get_facecolor(), coll.get_edgecolor()
            if all(faint(f) for f in faces[:1]) and (len(edges) == 0 or all(faint(e) or e[3] == 0 for e in edges[:1])):
                out.append(f"points {_artist_label(coll)}")
    for container in ax.containers:
        if isinstance(container, BarContainer):
            for patch in container.patches[:1]:
                face = patch.get_facecolor() if patch.get_fill() else None
                edge = patch.get_edgecolor() if patch.get_linewidth() > 0 else None
                if (face is None or faint(face)) and (edge is None or faint(edge)):
                    out.append(f"bars {_artist_label(container)}")
    if not out:
        return []
    return [f"{', '.join(dict.fromkeys(out))[:140]} under {MIN_GRAPHIC_CONTRAST:g}:1 contrast on white: "
            f"use a colour of plots.CYCLE (not orange, sky or yellow), or give bars and points a dark edge"]


def figure_name(fig):
    """A short name for a figure in a failure message: its titles."""
    titles = [_title(ax) for ax in _data_axes(fig) if _title(ax)]
    sup = fig._suptitle.get_text() if fig._suptitle is not None else ""
    return repr(sup or "; ".join(titles[:3]) or "untitled figure")


def _data_axes(fig):
    return [ax for ax in fig.axes if ax.get_visible() and ax.get_label() != "<colorbar>"]


def _title(ax):
    return ax.get_title("center") or ax.get_title("left") or ax.get_title("right")


def _axes_name(ax):
    return f"Axes {_title(ax)!r}" if _title(ax) else "an untitled Axes"


def _axes_problems(fig, ax, renderer):
    out = []
    has_sup = fig._suptitle is not None and fig._suptitle.get_text()
    if not _title(ax) and not (has_sup and not ax.axison):
        out.append("no title: give it one (ax.set_title or the plot function's title=)")
    if ax.axison:
        for axis, letter in ((ax.xaxis, "x"), (ax.yaxis, "y")):
            out += _label_problems(fig, ax, axis, letter, renderer)
            out += _tick_overlaps(axis, letter, renderer)
    out += _legend_covers(ax, renderer)
    out += _cvd_problems(ax)
    out += _faint_graphics(ax)
    return out


def _drawn_ticklabels(axis):
    """The tick labels drawn at the last draw (inside the view, visible, not empty)."""
    ticks = axis._update_ticks()
    labels = [t.label1 for t in ticks] + [t.label2 for t in ticks]
    return [t for t in labels if t.get_visible() and t.get_text().strip()]


def _is_numeric(text):
    cleaned = re.sub(r"[\s%$×,−\-+.^{}\\]|mathdefault|times|10", "", text)
    return text.strip() != "" and (cleaned == "" or cleaned.isdigit())


def _label_problems(fig, ax, axis, letter, renderer):
    if not axis.get_visible():
        return []
    labels = _drawn_ticklabels(axis)
    if not labels:
        return []
    label = axis.get_label_text().strip()
    if not label:
        shared = (ax.get_shared_x_axes() if letter == "x" else ax.get_shared_y_axes()).get_siblings(ax)
        label = next((s.xaxis.get_label_text() if letter == "x" else s.yaxis.get_label_text()
                      for s in shared if s is not ax and (s.get_xlabel() if letter == "x" else s.get_ylabel())), "")
        sup = fig._supxlabel if letter == "x" else fig._supylabel
        label = label or (sup.get_text() if sup is not None else "")
    if not label:
        return [f"the {letter} axis has no label: say what it measures and its unit, "
                f"e.g. ax.set_{letter}label(\"time (days)\")"]
    numeric = (not _placed_by_hand(axis)
               and sum(_is_numeric(t.get_text()) for t in labels) > len(labels) / 2)
    if numeric and not _has_unit(label):
        return [f"the {letter} axis label {label!r} names no unit: add it in parentheses, "
                f"e.g. \"{label} (days)\", \"{label} (%)\"; for a pure number say what it "
                f"counts or its range, e.g. \"{label} (0–1)\""]
    return []


def _placed_by_hand(axis):
    """True for category axes: string categories (bars of names) or ticks set with labels
    (``set_xticks(positions, labels)``, heatmaps): their numbers name things, not amounts."""
    from matplotlib.category import StrCategoryConverter
    from matplotlib.ticker import FixedFormatter, FixedLocator, FuncFormatter
    # Axis.get_converter is matplotlib ≥ 3.10; the lower bound (3.9) has the attribute only
    converter = axis.get_converter() if hasattr(axis, "get_converter") else axis.converter
    return (isinstance(converter, StrCategoryConverter)
            or (isinstance(axis.get_major_locator(), FixedLocator)
                and isinstance(axis.get_major_formatter(), (FixedFormatter, FuncFormatter))))


def _has_unit(label):
    if re.search(r"\([^)]*\S[^)]*\)", label) or "%" in label or "$" in label:
        return True
    words = set(re.findall(r"[a-z]+", label.lower()))
    return bool(words & UNIT_WORDS)


def _tick_overlaps(axis, letter, renderer):
    """Neighbouring tick labels that overlap or touch.

    Labels are compared with their neighbours along the axis, on each side of it separately
    (``label1`` below/left, ``label2`` above/right). Side by side (x), a text box ends at its
    last glyph, so two labels less than a word space apart read as one ("inference
    communicate") although their boxes never overlap: they need :data:`MIN_TICK_GAP_EM`.
    Stacked (y), a box already holds the line's descent and leading, like lines of a
    paragraph: :data:`MIN_TICK_GAP_PX` between boxes is enough."""
    labels = _drawn_ticklabels(axis)
    rotated = [t for t in labels if t.get_rotation() % 180]
    if rotated:
        return _rotated_overlaps(rotated, letter, renderer)
    along = 0 if letter == "x" else 1
    out = []
    firsts = {tick.label1 for tick in axis.get_major_ticks() + axis.get_minor_ticks()}
    for side in ([t for t in labels if t in firsts], [t for t in labels if t not in firsts]):
        boxes = sorted(((t.get_window_extent(renderer), t) for t in side),
                       key=lambda b: (b[0].x0 + b[0].x1, b[0].y0 + b[0].y1)[along])
        for (a, text_a), (b, text_b) in zip(boxes, boxes[1:]):
            gap = (b.x0 - a.x1) if along == 0 else (b.y0 - a.y1)
            across = (min(a.y1, b.y1) - max(a.y0, b.y0)) if along == 0 else (min(a.x1, b.x1) - max(a.x0, b.x0))
            em = max(text_a.get_fontsize(), text_b.get_fontsize()) * text_a.figure.dpi / 72
            need = MIN_TICK_GAP_PX if along else max(MIN_TICK_GAP_PX, MIN_TICK_GAP_EM * em)
            if across > 0 and gap < need:
                how = ("overlap" if gap < 0 else
                       f"touch ({gap:.1f} px apart, under {need:.1f} px)" if along else
                       f"touch ({gap / em:.2f} em apart, under {MIN_TICK_GAP_EM} em)")
                out.append(f"{letter} tick labels {text_a.get_text()!r} and {text_b.get_text()!r} {how}: "
                           f"use fewer ticks, shorter or wrapped labels, rotated labels or a wider figure")
    return out[:3]


def _rotated_overlaps(labels, letter, renderer):
    """Slanted labels overlap when neighbours' baselines are closer than a line of text
    (measured across the slant; their boxes always overlap, the glyphs need not)."""
    out = []
    anchors = sorted((t.get_transform().transform(t.get_position())[0 if letter == "x" else 1], t)
                     for t in labels)
    for (pa, a), (pb, b) in zip(anchors, anchors[1:]):
        angle = np.radians(a.get_rotation())
        across = abs(pb - pa) * abs(np.sin(angle) if letter == "x" else np.cos(angle))
        height = a.get_fontsize() * a.figure.dpi / 72
        if across < height * 0.95:
            out.append(f"{letter} tick labels {a.get_text()!r} and {b.get_text()!r} overlap: use fewer "
                       f"ticks, a smaller font, a steeper rotation or a wider figure")
    return out[:3]


def _overlap(a, b, pad=0.0):
    return (min(a.x1, b.x1) - max(a.x0, b.x0) > -pad) and (min(a.y1, b.y1) - max(a.y0, b.y0) > -pad)


def _legend_covers(ax, renderer):
    legend = ax.get_legend()
    if legend is None or not legend.get_visible():
        return []
    box = legend.get_window_extent(renderer).padded(-2)
    axbox = ax.get_window_extent(renderer)
    covered = []
    for line in ax.lines:
        if line.get_visible() and _points_in(_line_points(line), box, axbox):
            covered.append(f"line {_artist_label(line)}")
    for coll in ax.collections:
        if isinstance(coll, PathCollection) and coll.get_visible():
            offsets = coll.get_offset_transform().transform(coll.get_offsets())
            if _points_in(offsets, box, axbox):
                covered.append(f"points {_artist_label(coll)}")
    grid = np.array([(x, y) for x in np.linspace(box.x0, box.x1, 12) for y in np.linspace(box.y0, box.y1, 6)])
    grid = grid[[axbox.contains(*p) for p in grid]] if len(grid) else grid
    for patch in ax.patches:
        if patch.get_visible() and patch.get_fill() and len(grid) and \
                patch.get_transform().transform_path(patch.get_path()).contains_points(grid).any():
            covered.append(f"bar {_artist_label(patch)}")
    if not covered:
        return []
    listed = ", ".join(dict.fromkeys(covered))
    return [f"the legend covers plotted data ({listed[:120]}): move it where nothing is "
            f"drawn (loc=…), outside the Axes (bbox_to_anchor=(1, 1), loc=\"upper left\") "
            f"or label the series directly"]


def _artist_label(artist):
    label = artist.get_label()
    return repr(label) if label and not label.startswith("_") else "(unlabelled)"


def _line_points(line, step=2.0):
    """Points every ``step`` pixels along a line, in display coordinates."""
    xy = line.get_transform().transform(np.asarray(line.get_xydata(), dtype=float))
    xy = xy[np.isfinite(xy).all(1)]
    if len(xy) < 2 or line.get_linestyle() in ("None", "none", " ", ""):
        return xy
    pieces = [xy[:1]]
    for a, b in zip(xy[:-1], xy[1:]):
        n = int(min(np.hypot(*(b - a)) / step, 5000)) + 1
        pieces.append(a + np.linspace(0, 1, n + 1)[1:, None] * (b - a))
    return np.concatenate(pieces)


def _points_in(points, box, axbox):
    if len(points) == 0:
        return False
    p = np.asarray(points)
    inside = ((p[:, 0] > box.x0) & (p[:, 0] < box.x1) & (p[:, 1] > box.y0) & (p[:, 1] < box.y1)
              & (p[:, 0] >= axbox.x0) & (p[:, 0] <= axbox.x1) & (p[:, 1] >= axbox.y0) & (p[:, 1] <= axbox.y1))
    return bool(inside.any())


def _cut_off_text(fig, renderer):
    figbox = fig.bbox
    tick_labels = set()
    drawn = []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                tick_labels.update((tick.label1, tick.label2))
            if ax.axison and axis.get_visible():
                drawn += _drawn_ticklabels(axis)
    texts = [t for t in fig.findobj(Text) if t not in tick_labels] + drawn
    out = []
    for text in texts:
        if not text.get_visible() or not text.get_text().strip() or not _really_drawn(text):
            continue
        bb = text.get_window_extent(renderer)
        if (bb.x0 < figbox.x0 - EDGE_TOLERANCE or bb.y0 < figbox.y0 - EDGE_TOLERANCE
                or bb.x1 > figbox.x1 + EDGE_TOLERANCE or bb.y1 > figbox.y1 + EDGE_TOLERANCE):
            out.append(f"the text {text.get_text()[:60]!r} runs past the figure's edge: use "
                       f"layout=\"constrained\" (plt.subplots(..., layout=\"constrained\")), "
                       f"shorten it, or make the figure larger")
    return out


def _really_drawn(text):
    """False for a text clipped away inside its Axes (e.g. a label of a bar out of view)."""
    parent = text.axes
    if parent is not None and not parent.get_visible():
        return False
    if parent is None or not text.get_clip_on() or text.get_clip_box() is None:
        return True                      # titles and legend texts: never clipped
    x, y = text.get_transform().transform(text.get_position())
    return parent.bbox.contains(x, y)


# --- colour vision ---------------------------------------------------------------------

def _series(ax):
    """(name, RGB on white, style) of each series a reader must tell apart in ``ax``."""
    handles, labels = ax.get_legend_handles_labels()
    if not handles:
        handles = [line for line in ax.lines if not line.get_label().startswith("_")
                   and len(line.get_xdata()) > 1]
        labels = [line.get_label() for line in handles]
    out = []
    for handle, label in zip(handles, labels):
        colour, style = _colour_and_style(handle)
        if colour is not None:
            out.append((label, colour, style))
    return out


def _colour_and_style(handle):
    from matplotlib.colors import to_rgba
    if isinstance(handle, BarContainer):
        handle = handle.patches[0] if handle.patches else None
    if isinstance(handle, Line2D):
        marker = handle.get_marker() if handle.get_marker() not in (None, "None", "", " ") else ""
        return _on_white(to_rgba(handle.get_color(), handle.get_alpha())), (handle.get_linestyle(), marker)
    if isinstance(handle, (Rectangle, Patch)):
        face = handle.get_facecolor() if handle.get_fill() else handle.get_edgecolor()
        return _on_white(face), ("patch", "hatch:" + str(handle.get_hatch()))
    if isinstance(handle, (PathCollection, PolyCollection)):
        faces = handle.get_facecolor()
        if len(faces) == 0 or (len(faces) and faces[0][3] == 0):
            faces = handle.get_edgecolor()
        if len(faces) == 0:
            return None, None
        kind = "points" if isinstance(handle, PathCollection) else "area"
        return _on_white(faces[0]), (kind, str(handle.get_hatch()))
    return None, None


def _on_white(rgba):
    rgba = np.asarray(rgba, dtype=float)
    alpha = rgba[3] if rgba.size > 3 else 1.0
    return rgba[:3] * alpha + (1 - alpha)


def cvd_distance(rgb_a, rgb_b):
    """The smallest CAM02-UCS distance between two sRGB colours (0–1) across normal vision
    and the three simulated dichromacies, and the name of that vision."""
    from colorspacious import cspace_convert
    pair = np.array([rgb_a, rgb_b], dtype=float)
    best = (float(np.linalg.norm(np.subtract(*cspace_convert(pair, "sRGB1", "CAM02-UCS")))), "normal vision")
    for cvd in CVD_TYPES:
        space = {"name": "sRGB1+CVD", "cvd_type": cvd, "severity": 100}
        seen = np.clip(cspace_convert(pair, space, "sRGB1"), 0, 1)
        d = float(np.linalg.norm(np.subtract(*cspace_convert(seen, "sRGB1", "CAM02-UCS"))))
        if d < best[0]:
            best = (d, CVD_NAMES[cvd])
    return best


def _cvd_problems(ax):
    series = _series(ax)
    out = []
    for i, (name_a, rgb_a, style_a) in enumerate(series):
        for name_b, rgb_b, style_b in series[i + 1:]:
            if style_a != style_b:
                continue
            distance, vision = cvd_distance(rgb_a, rgb_b)
            if distance < MIN_CVD_DISTANCE:
                out.append(f"series {name_a!r} and {name_b!r} look alike under {vision} "
                           f"(colour distance {distance:.0f} < {MIN_CVD_DISTANCE:.0f}): pick two "
                           f"plots.PALETTE colours further apart, or give one another line "
                           f"style or marker")
    return out


# --- inside a kernel -------------------------------------------------------------------

def _signature(fig):
    """What was drawn on a figure: its Axes and how many artists each holds."""
    return tuple((len(ax.lines), len(ax.patches), len(ax.collections), len(ax.texts),
                  len(ax.images), ax.get_title()) for ax in fig.axes)


def install(out_path=None, name="figure"):
    """Check every pyplot figure a cell draws or changes, after the cell, into ``out_path``.

    A figure first drawn by an earlier cell and changed by a later one is reported too:
    under any backend but inline, that is a plot landing on the previous plot's Axes.
    Widgets (``flywheel_lab.widgets.Live``) have their first drawing checked as well.
    """
    import matplotlib.pyplot as plt
    from IPython import get_ipython

    out_path = out_path or os.environ["FIGURE_CHECK_OUT"]
    shell = get_ipython()
    owner = {}   # figure number -> (execution count of the cell that drew it, its signature)

    pngs = os.environ.get("FIGURE_CHECK_PNGS")   # a folder: keep a PNG of every checked figure

    def record(fig, count, found):
        if pngs:
            fig.savefig(os.path.join(pngs, f"{name}-{count:03d}-{len(os.listdir(pngs)):03d}.png"))
        with open(out_path, "a", encoding="utf-8") as f:
            from flywheel_lab.plots import alt_text
            f.write(json.dumps({"execution_count": count, "figure": figure_name(fig),
                                "alt": alt_text(fig), "problems": found}) + "\n")

    def after_cell(result):
        count = result.execution_count          # (shell.execution_count is the next cell's)
        for number in plt.get_fignums():
            fig = plt.figure(number)
            first, drawn = owner.get(number, (count, None))
            now = _signature(fig)
            if now == drawn:
                continue
            owner[number] = (first, now)
            found = problems(fig)
            if first != count:
                found.insert(0, f"this cell drew on the figure of an earlier cell (execution "
                                f"{first}): give the plot function a new Axes "
                                f"(fig, ax = plt.subplots()) — plot functions given ax=None "
                                f"must create their own figure")
            record(fig, count, found)

    shell.events.register("post_run_cell", after_cell)
    plt.show = lambda *args, **kwargs: None   # Agg cannot show; the checks run after the cell

    from flywheel_lab import widgets
    refresh = widgets.Live.refresh

    def checked_refresh(self):
        refresh(self)
        if self.redraws == 1:
            from matplotlib.figure import Figure

            from flywheel_lab.plots import style_context
            items = self.result if isinstance(self.result, tuple) else (self.result,)
            for item in items:
                if isinstance(item, Figure):
                    with style_context():
                        record(item, shell.execution_count,
                               [f"widget: {p}" for p in problems(item, dpi=self.dpi)])

    widgets.Live.refresh = checked_refresh
