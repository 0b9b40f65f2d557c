"""Widgets for notebook 01: a coin's bias, and the entropy of a mix of categories."""

from ..plots.information import plot_binary_entropy, plot_category_mix
from . import Live, new_figure, slider

__all__ = ["coin_entropy_explorer", "category_mix_explorer"]


def coin_entropy_explorer(p=0.5):
    """Slider for the chance of heads (0 to 1), marking H(p) on the binary entropy curve."""
    def render(p):
        fig, ax = new_figure(figsize=(6.5, 3.8))
        plot_binary_entropy(p, ax=ax)
        return fig
    return Live({"p": slider(p, 0.0, 1.0, 0.01, "chance of heads p")}, render)


def category_mix_explorer(weights=(8, 4, 2, 1, 1), show_maximum=False):
    """One slider per category weight (0–10); shows the mix and its entropy.

    The largest possible entropy, log2 N, is left out unless ``show_maximum``: notebook 01's
    task asks for it, and the widget and its still sit above the task's check.
    """
    controls = {f"w{i}": slider(float(w), 0.0, 10.0, 0.5, f"category {i + 1}", fmt=".1f")
                for i, w in enumerate(weights)}

    def render(**values):
        fig, ax = new_figure(figsize=(6.5, 3.8))
        plot_category_mix(list(values.values()), ax=ax, show_maximum=show_maximum)
        return fig
    return Live(controls, render)
