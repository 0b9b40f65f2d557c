"""Widget for notebook 06: punch holes in the four-pixel world and retrain."""

import ipywidgets as W

from .. import models, pixels
from ..plots.pixels import plot_confusion, plot_output_table
from . import Live, new_figure, slider

__all__ = ["hole_explorer"]

FIGSIZE = (11, 6.2)   # two 16 × 16 tables side by side, each cell wide enough for "0.9" at 11 pt


def hole_explorer(holes=(4,), n_train=10_000, head="sigmoid", seed=0):
    """Choose hole categories, training-set size, output head and seed; see both tables."""
    controls = {
        "holes": W.SelectMultiple(options=list(range(pixels.N_CATEGORIES)),
                                  value=pixels.check_categories(holes, "holes"), rows=6,
                                  description="holes", layout=W.Layout(width="150px")),
        "n_train": slider(n_train, 100, 20_000, 100, "training images", continuous=False),
        "head": W.ToggleButtons(options=models.HEADS, value=head, description="head"),
        "seed": slider(seed, 0, 9, 1, "seed", continuous=False),
    }
    return Live(controls, render_holes)


def render_holes(holes, n_train, head, seed):
    """Train without ``holes`` and draw the mean-output table beside the confusion matrix."""
    run = models.pixel_experiment(n_train=n_train, holes=holes, head=head, seed=seed)
    # 11 in at 80 dpi fits a 900-px column unshrunk, so the tables' 11-pt numbers show at 9 pt
    fig, (left, right) = new_figure(1, 2, figsize=FIGSIZE)
    plot_output_table(run.table(), ax=left, title=f"Mean output ({head} head)", head=head)
    plot_confusion(run.confusion(), ax=right)
    return hole_text(run, holes), fig


def hole_text(run, holes):
    """One line per hole: where its test samples went, and the test accuracy."""
    lines = [f"test accuracy {run.accuracy:.3f} on all 16 categories"]
    holes = pixels.check_categories(holes, "holes")
    for hole in holes:
        facts = run.hole_summary(hole)
        sent = ", ".join(f"{n} → {c}" for c, n in facts["sent_to"].items())
        trained = [c for c in pixels.neighbours(hole) if c not in holes]
        also = [c for c in pixels.neighbours(hole) if c in holes]
        note = f"; {', '.join(map(str, also))} {'is a hole' if len(also) == 1 else 'are holes'} too" if also else ""
        lines.append(f"hole {hole}: predicted as {hole} {facts['predicted_as_hole']} times; "
                     f"its samples went: {sent} (trained one-pixel neighbours: {trained}{note})")
    return "\n".join(lines)
