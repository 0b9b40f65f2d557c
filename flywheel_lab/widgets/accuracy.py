"""Widget for notebook 04: how the rare class's share and accuracy move measured vs balanced accuracy."""

from ..plots.accuracy import plot_customer_view
from . import Live, new_figure, slider

__all__ = ["measured_vs_balanced"]


def measured_vs_balanced(rare_share=0.01, common_accuracy=0.9, rare_accuracy=0.1):
    """Sliders for the rare share (0–50 %) and the two per-class accuracies (0–100 %)."""
    controls = {
        "rare_share": slider(rare_share, 0.0, 0.5, 0.005, "rare class's share", fmt=".1%"),
        "common_accuracy": slider(common_accuracy, 0.0, 1.0, 0.01, "accuracy on common", fmt=".0%"),
        "rare_accuracy": slider(rare_accuracy, 0.0, 1.0, 0.01, "accuracy on rare", fmt=".0%"),
    }

    def render(rare_share, common_accuracy, rare_accuracy):
        fig, ax = new_figure(figsize=(7.0, 4.0))
        plot_customer_view(rare_share, common_accuracy, rare_accuracy, ax=ax)
        return fig
    return Live(controls, render)
