"""Figures for notebooks 05 and 06: the 16 images, the network's tables, closing a hole."""

import numpy as np
from matplotlib.ticker import NullLocator

from .. import _validate as check
from .. import pixels
from . import PALETTE, SEQUENTIAL_CMAP, axes, decorate, describe, percent_axis

_GREYS = "Greys"  # 0 = white pixel, 1 = black pixel
TABLE_FIGSIZE = (7.0, 6.0)  # a 16 × 16 table on its own figure: square cells, room for 11-pt numbers
# the colour scale lies under the table: the cells get the figure's whole width, two tables fit
# side by side in a widget's 11 inches
_COLORBAR = {"orientation": "horizontal", "fraction": 0.05, "pad": 0.02, "aspect": 40}
TEXT_PT = 11  # numbers in cells and tick labels: 9 pt or more as displayed, in a widget (80 dpi) too


def plot_images(ax=None, highlight=(), holes=()):
    """All 16 two-by-two images in a 4×4 grid, each labelled with its category.

    Categories in ``highlight`` get a coloured frame (e.g. a hole's neighbours); categories in
    ``holes`` (missing from the training set) a heavy dashed black frame and the word "hole"
    by their number, so the missing category stands out from its neighbours at a glance.
    """
    ax = axes(ax)
    holes = set(pixels.check_categories(holes, "holes"))
    step_x, step_y = 3, 3.5        # grid pitch: images are 2 × 2, with room for a number above
    for c, img in enumerate(pixels.all_images()):
        row, col = divmod(c, 4)
        x, y = col * step_x + 1, row * step_y + 1.2
        ax.imshow(img, cmap=_GREYS, vmin=-0.15, vmax=1, extent=(x, x + 2, y + 2, y))
        ax.add_patch(_hole_frame(x, y) if c in holes else _frame(x, y, c in set(highlight)))
        ax.text(x + 1, y - (0.6 if c in holes else 0.45), f"{c}: hole" if c in holes else str(c),
                ha="center", va="center", fontsize=12, fontweight="bold" if c in holes else "normal")
    ax.set(xticks=[], yticks=[], xlim=(0.6, 4 * step_x + 0.4), ylim=(4 * step_y + 0.2, 0), aspect="equal")
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    framed = [c for c in dict.fromkeys(highlight) if c not in holes]
    text = f"All {pixels.N_CATEGORIES} two-by-two images, with their black pixels: {_black_pixels_list()}."
    if holes:
        text += (f" Dashed black frame, labelled hole: {_and(sorted(holes))}"
                 + (f"; solid frames: {_and(framed)}." if framed else "."))
        near = all(any(pixels.distance(c, h) == 1 for h in holes) for c in framed)
        ax.set_xlabel("dashed frame: the hole (no image of it in training)" + (
            f"\nsolid frame: {'its one-pixel neighbours' if near else 'highlighted'}" if framed else ""))
    elif framed:
        text += f" Framed: {_and(framed)}."
    describe(ax, text)
    return decorate(ax, title="The 16 images of the four-pixel world")


def _black_pixels(category):
    """The black pixels of a category's image, named as the chapter does (TL, TR, BL, BR)."""
    img = pixels.image(category)
    names = [name for name in ("TL", "TR", "BL", "BR") if img[pixels._POSITION[name]]]
    return "none" if not names else "all four" if len(names) == 4 else " ".join(names)


def _black_pixels_list():
    return ", ".join(f"{c} {_black_pixels(c)}" for c in range(pixels.N_CATEGORIES))


def _and(items):
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _frame(x, y, highlighted):
    from matplotlib.patches import Rectangle
    color = PALETTE["vermillion"] if highlighted else "0.6"
    return Rectangle((x, y), 2, 2, fill=False, lw=3 if highlighted else 1, edgecolor=color)


def _hole_frame(x, y):
    from matplotlib.patches import Rectangle
    return Rectangle((x - 0.15, y - 0.15), 2.3, 2.3, fill=False, lw=3, linestyle=(0, (2, 1.2)),
                     edgecolor="black")


def plot_questions(ax=None):
    """The four yes/no answers of every category as a table (black = yes)."""
    ax = axes(ax)
    table = np.array([pixels.answers(c) for c in range(pixels.N_CATEGORIES)])
    labels = np.where(table == 1, "yes", "no")
    _heatmap(table, ax, labels, cmap=_GREYS, vmax=1.6, cbar=False, text_colors=("black", "white"),
             xticklabels=[f"Q{i + 1} {n}?" for i, n in enumerate(pixels.PIXEL_NAMES)])
    worth = [2 ** (pixels.N_PIXELS - 1 - i) for i in range(pixels.N_PIXELS)]
    columns = ", ".join(f"Q{i + 1} {n} {w}" for i, (n, w) in enumerate(zip(pixels.PIXEL_NAMES, worth)))
    describe(ax, f"Rows: categories 0 to {pixels.N_CATEGORIES - 1}; columns: the questions 'is this "
                 f"pixel black?', each with its worth: {columns}. A category is the sum of the worths "
                 f"of its yes answers: 4 = yes only to Q2 (TL); 11 = 8 + 2 + 1 (TR, BR, BL); 0 is all "
                 f"no, 15 all yes.")
    return decorate(ax, xlabel="question (is this pixel black?)", ylabel="category",
                    title="Category = the four answers as a binary number")


OUTPUT_SCALES = {"sigmoid": "mean output (0 = no, 1 = yes)",       # 16 independent yes/no outputs
                 "softmax": "mean share of the output (row sums to 1)"}


def plot_output_table(table, ax=None, title="Mean output per true category", head="sigmoid"):
    """The chapter's table: mean output of each neuron (column) per true class (row).

    ``head`` names the output layer, for the colour scale's label: a sigmoid head gives
    16 independent yes/no outputs, a softmax head shares 1 among them.
    Only the cells that matter carry a number (one decimal): the diagonal, where each
    category's own output should say 1, and every other output of 0.05 or more; the
    colour scale shows the rest.
    """
    cbar_label = OUTPUT_SCALES[head]
    ax = axes(ax, figsize=TABLE_FIGSIZE)
    table = np.asarray(table, dtype=float)
    shown = (table >= 0.05) | np.eye(*table.shape, dtype=bool)
    labels = np.where(shown & ~np.isnan(table), np.vectorize(lambda v: f"{v:.1f}")(table), "")
    _heatmap(table, ax, labels, vmax=1, cbar_label=cbar_label)
    describe(ax, output_table_text(table))
    return decorate(ax, xlabel="output neuron (category)", ylabel="true category", title=title)


def output_table_text(table, most=3):
    """The table in words: how many categories light up their own output, and the rows that don't.

    A row whose own output stays under 0.5 (a hole) is spelled out, with the outputs of
    0.05 or more that answer in its place (2 decimals, so the words are the same on any CPU).
    One sentence: a widget announces the sentences that changed, so the hole and the counts
    around it stay together.
    """
    table = np.asarray(table, dtype=float)
    diagonal = np.diagonal(table)
    rows = [r for r in range(len(diagonal)) if not np.isnan(diagonal[r])]
    own = [r for r in rows if diagonal[r] >= 0.5]
    weak = [r for r in rows if diagonal[r] < 0.5]
    low, high = (f"{np.min(diagonal[own]):.2f}", f"{np.max(diagonal[own]):.2f}") if own else ("", "")
    span = f"at {low}" if low == high else f"from {low} to {high}"
    if own and not weak:
        parts = [f"All {len(own)} categories light up their own output: the diagonal runs {span}"]
    else:
        parts = [f"{len(own)} of {len(rows)} categories light up their own output"
                 + (f" (diagonal {span})" if own else "")]
    for r in weak[:most]:
        others = sorted(((v, c) for c, v in enumerate(table[r]) if c != r and v >= 0.05), reverse=True)
        listed = ", ".join(f"{c} ({v:.2f})" for v, c in others[:4])
        instead = ("no other output reaches 0.05" if not others else
                   f"output {listed} answers instead" if len(others) == 1 else
                   f"outputs {listed} answer instead")
        parts.append(f"in category {r}'s row output {r} stays at {diagonal[r]:.2f}, {instead}")
    if len(weak) > most:
        parts.append(f"{len(weak) - most} more rows miss their own output")
    off = table[own].copy()                      # the rows that work, without their own output
    off[np.arange(len(own)), own] = np.nan
    if np.isfinite(off).any():
        parts.append(f"the largest output off the diagonal{' in the other rows' if weak else ''} is "
                     f"{np.nanmax(off):.2f}")
    return "; ".join(parts) + "."


def plot_confusion(cm, ax=None, title="Confusion matrix (test samples)"):
    """Count confusion matrix: true class in rows, predicted class in columns."""
    ax = axes(ax, figsize=TABLE_FIGSIZE)
    cm = np.asarray(cm)
    labels = np.where(cm == 0, "", cm.astype(str))
    _heatmap(cm, ax, labels, vmax=max(1, cm.max()), cbar_label="test samples (count)")
    describe(ax, confusion_text(cm))
    return decorate(ax, xlabel="predicted category", ylabel="true category", title=title)


def confusion_text(cm, most=3):
    """The matrix in words: the share on the diagonal, and where a missed category's samples went.

    One sentence, as :func:`output_table_text`.
    """
    cm = np.asarray(cm)
    total, right = int(cm.sum()), int(np.trace(cm))
    parts = [f"{right} of {total} test samples ({right / max(total, 1):.1%}) lie on the diagonal"]
    missed = [r for r in range(cm.shape[0]) if cm[r].sum() and cm[r, r] < cm[r].sum() / 2]
    if right == total:
        parts[0] += ": every test sample is predicted as its own category"
    for r in missed[:most]:
        n, hit = int(cm[r].sum()), int(cm[r, r])
        went = sorted(((int(k), c) for c, k in enumerate(cm[r]) if c != r and k), reverse=True)
        head = (f"none of the {n} samples of true category {r} is predicted as {r}" if not hit else
                f"only {hit} of the {n} samples of true category {r} are predicted as {r}")
        where = ", ".join(f"{c} ({k}, {k / n:.0%})" for k, c in went[:5])
        parts.append(f"{head}: they go to {where}{', …' if len(went) > 5 else ''}")
    if len(missed) > most:
        parts.append(f"{len(missed) - most} more categories are mostly missed")
    if right < total and not missed:
        off = cm - np.diag(np.diag(cm))
        r, c = np.unravel_index(np.argmax(off), off.shape)
        parts.append(f"the largest count off the diagonal is {off[r, c]} (true {r}, predicted {c})")
    return "; ".join(parts) + "."


def plot_hidden_units(responses, ax=None):
    """Each hidden unit's response (0–1) to each of the 16 images: the learned questions."""
    ax = axes(ax, figsize=TABLE_FIGSIZE)
    responses = np.asarray(responses)
    labels = np.full(responses.shape, "")   # the pattern is the point: colour, no 256 small numbers
    _heatmap(responses, ax, labels, vmax=1, cbar_label="hidden unit output (0–1)",
             xticklabels=[f"h{j}" for j in range(responses.shape[1])])
    units = pixels.single_question_units(responses, min_abs_r=0.9)
    like = "; ".join(f"h{u} on when {pixels.PIXEL_NAMES[q]} is {'black' if r > 0 else 'white'} "
                     f"(r = {r:+.2f})" for u, q, r in units)
    describe(ax, f"Outputs (0 to 1) of {responses.shape[1]} hidden units for the {responses.shape[0]} "
                 f"images. " +
                 (f"{len(units)} follow a single pixel: {like}; the others respond to combinations."
                  if units else "None follows a single pixel (|r| under 0.90): each responds to a "
                  "combination of pixels."))
    return decorate(ax, xlabel="hidden unit", ylabel="input image (category)",
                    title="What each hidden unit responds to")


def plot_where_sent(counts, category, ax=None, names=None):
    """Bars: how many test samples of ``category`` each class received."""
    ax = axes(ax)
    counts = np.asarray(counts)
    names = [str(i) for i in range(counts.size)] if names is None else list(names)
    colors = [PALETTE["vermillion"] if i == category else PALETTE["blue"] for i in range(counts.size)]
    bars = ax.bar(names, counts, color=colors, edgecolor="black",
                  hatch=["//" if i == category else "" for i in range(counts.size)])
    # every count that is not 0 is written on its bar, and the category's own (often 0) too
    ax.bar_label(bars, [str(k) if k or i == category else "" for i, k in enumerate(counts)], padding=2)
    ax.set_ylim(0, max(1, counts.max()) * 1.15)
    ax.get_xticklabels()[category].set_fontweight("bold")   # the category itself, often an empty bar
    n, own = int(counts.sum()), int(counts[category])
    went = sorted(((int(k), names[c]) for c, k in enumerate(counts) if c != category and k), reverse=True)
    head = (f"none of the {n} test samples of {names[category]} is predicted as {names[category]}"
            if not own else f"{own} of the {n} test samples of {names[category]} are predicted as "
                            f"{names[category]} ({own / max(n, 1):.0%})")
    where = ", ".join(f"{c} ({k}, {k / n:.0%})" for k, c in went)
    describe(ax, f"Bars per predicted class: {head}" + (f"; the rest go to {where}." if went else "."))
    return decorate(ax, xlabel="predicted class", ylabel="test samples (count)",
                    title=f"Where the test samples of {names[category]} went")


def plot_closing(ks, recall, hole_output, hole=4, ax=None, fair_share=None):
    """Hole-category accuracy and its neuron's mean output against samples put back.

    The k values (0, 1, 2, 5, …) are unevenly spaced, so k is drawn on its true scale: a
    symmetric log scale (linear from 0 to 1, logarithmic above, so k = 0 fits), where 5 → 50
    takes as much room as 20 → 200; each k is a tick, and no line suggests what happens
    between them. ``fair_share`` (optional) marks, with a dotted line, how many samples of
    the hole a training set would hold if the category had not been removed.
    """
    from matplotlib.transforms import offset_copy
    ax = axes(ax)
    ks = [check.size(k, "each k") for k in check.iterable(ks, "ks")]
    if fair_share is not None:
        fair_share = check.number_in(fair_share, "fair_share", 0, check.MAX_SAMPLES, low_open=True)
    side = {dx: offset_copy(ax.transData, fig=ax.figure, x=dx, y=0, units="points") for dx in (-4, 4)}
    ax.plot(ks, recall, "o", ms=9, color=PALETTE["blue"], label=f"category-{hole} test samples right",
            transform=side[-4])
    ax.plot(ks, hole_output, "s", ms=8, color=PALETTE["vermillion"], label=f"mean output of neuron {hole}",
            transform=side[4])
    ax.set_xscale("symlog", linthresh=1, linscale=0.5)
    right = max(ks + ([fair_share] if fair_share else []))
    ax.set_xlim(-0.3, right * 1.6)
    if fair_share:
        ax.axvline(fair_share, color="0.3", ls=":", lw=1.5)
        ax.text(fair_share / 1.1, 0.5, f"a fair share: {fair_share:,.0f}", rotation=90, ha="right",
                va="center", fontsize=10, color="0.2")
    ax.set_xticks(ks, [str(k) for k in ks])
    ax.xaxis.set_minor_locator(NullLocator())
    ax.grid(axis="x", visible=False)
    percent_axis(ax)
    ax.set_yticks(np.linspace(0, 1, 6))
    decorate(ax, xlabel=f"category-{hole} samples added to the training set (count, log scale above 1)",
             ylabel="accuracy / output (%)", ylim=(-0.05, 1.4), title="Closing the hole")
    ax.legend(frameon=False, loc="upper left")   # above the 100 % line
    describe(ax, closing_text(ks, recall, hole_output, hole) + " k is drawn on a log scale"
             + (f"; a dotted line marks a fair share, {fair_share:,.0f} samples." if fair_share else "."))
    return ax


def closing_text(ks, recall, hole_output, hole=4):
    """Closing the hole in words: from which k the category is right, and its neuron's output."""
    ks, recall, out = list(ks), np.asarray(recall, dtype=float), np.asarray(hole_output, dtype=float)
    full = next((k for k, r in zip(ks, recall) if r >= 1), None)
    half = next((k for k, r in zip(ks, recall) if r >= 0.5), None)
    if full is not None:
        reach = f"first all right (100%) at k = {full}"
        if half != full:
            reach = f"first at least half right at k = {half}, {reach}"
    else:
        reach = (f"first at least half right at k = {half}" if half is not None else
                 "never half right") + f", {recall.max():.0%} at best"
    return (f"Category-{hole} test samples right: {recall[0]:.0%} at k = {ks[0]}, {reach}. The mean "
            f"output of neuron {hole} rises from {out[0]:.2f} at k = {ks[0]} to {out[-1]:.2f} at "
            f"k = {ks[-1]}.")


def plot_losses(losses, ax=None, label=None):
    """Training loss after each epoch (log scale)."""
    ax = axes(ax)
    losses = np.asarray(losses, dtype=float)
    ax.plot(np.arange(1, len(losses) + 1), losses, label=label)
    ax.set_yscale("log")
    if losses.size:
        describe(ax, f"{label + ': ' if label else ''}the training loss falls from "
                     f"{_nats(losses[0])} nats after epoch 1 to {_nats(losses[-1])} nats after epoch "
                     f"{losses.size} (log scale).")
    return decorate(ax, xlabel="epoch (full passes over the training set)",
                    ylabel="training loss (nats, log scale)", title="Training", legend=True)


def _nats(loss):
    """A loss for the alt text: 2 decimals, or 2 significant digits under 0.01 (stable across CPUs)."""
    return f"{loss:.2f}" if loss >= 0.01 else f"{loss:.2g}"


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
    ax.add_collection(LineCollection(links, colors="0.55", linewidths=0.4, zorder=1))  # 3.4:1 on white
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
    describe(ax, f"Diagram, left to right: {sizes[0]} input units, one per pixel (TL, TR, BL, BR); "
                 f"{hidden} hidden units (h0 to h{hidden - 1}); {sizes[2]} output units, one per "
                 f"category 0 to {sizes[2] - 1}. Every unit is joined to every unit of the next layer: "
                 f"{sizes[0]} × {hidden} + {hidden} × {sizes[2]} = {n_weights} lines, each one weight.")
    return decorate(ax, xlabel="layer (information flows left to right)",
                    ylabel="unit (one circle each)",
                    title=f"The chapter's network: {n_weights} connections")


def _heatmap(data, ax, labels, vmax, cbar=True, cbar_label=None, cmap=SEQUENTIAL_CMAP,
             xticklabels="auto", text_colors=("white", "black")):
    """A table of coloured cells (row 0 at the top), text only in cells whose label is not empty.

    ``text_colors`` = (colour on low values, colour on high values). ``xticklabels`` names the
    columns ("auto": their numbers); rows are numbered. NaN cells are left blank. Drawn with
    matplotlib alone, so the kernels of notebooks 05 and 06 need not import seaborn, pandas
    and scipy (about 90 MiB).
    """
    data = np.asarray(data, dtype=float)
    rows, cols = data.shape
    mesh = ax.pcolormesh(np.ma.masked_invalid(data), cmap=cmap, vmin=0, vmax=vmax,
                         edgecolors="white", linewidth=0.5)
    if cbar:
        bar = ax.figure.colorbar(mesh, ax=ax, label=cbar_label, **_COLORBAR)
        bar.outline.set_linewidth(0)
    for (row, col), text in np.ndenumerate(np.asarray(labels)):
        if text:
            low = np.isnan(data[row, col]) or data[row, col] < 0.6 * vmax
            ax.text(col + 0.5, row + 0.5, text, ha="center", va="center",
                    fontsize=TEXT_PT, color=text_colors[0 if low else 1])
    names = range(cols) if isinstance(xticklabels, str) else xticklabels
    ax.set_xticks(np.arange(cols) + 0.5, [str(n) for n in names])
    ax.set_yticks(np.arange(rows) + 0.5, [str(r) for r in range(rows)])
    ax.set(xlim=(0, cols), ylim=(rows, 0))
    ax.tick_params(labelsize=TEXT_PT, rotation=0, length=0)
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return ax
