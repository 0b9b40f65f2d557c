"""Text alternatives of the figures of notebooks 00 and 01 (what a screen reader says instead)."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from flywheel_lab import data, plots  # noqa: E402
from flywheel_lab import information as I  # noqa: E402
from flywheel_lab.plots import information as P  # noqa: E402
from flywheel_lab.plots.loop import LOOP, plot_flywheel_loop  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def alt(ax):
    return plots.alt_text(ax.figure)


def test_binary_entropy_says_its_peak_and_the_marked_point():
    text = alt(P.plot_binary_entropy(0.5))
    assert text.startswith("Information in one coin flip: ")
    assert "peak of 1.00 bit at p = 50%" in text
    assert "p = 0.50: H = 1.000 bits" in text
    assert "p = 0.90: H = 0.469 bits" in alt(P.plot_binary_entropy(0.9))
    assert "dot" not in alt(P.plot_binary_entropy())        # nothing marked, nothing said


def test_binary_entropy_text_does_not_give_away_the_mirror_answer():
    """Notebook 01 asks which other p matches p = 0.3; the text names only the p it marks."""
    text = alt(P.plot_binary_entropy(0.3))
    assert "0.881 bits" in text and "0.70" not in text and "70%" not in text


def test_category_mix_lists_every_share_and_the_uniform_line():
    text = alt(P.plot_category_mix([8, 4, 2, 1, 1]))
    assert text.startswith("H = 1.88 bits of a possible 2.32 bits: ")
    assert "category 1: 50%, category 2: 25%, category 3: 12.5%" in text
    assert "dashed line marks 20%" in text and "81% of the possible entropy" in text
    assert "cats: 75%, dogs: 25%" in alt(P.plot_category_mix([3, 1], labels=["cats", "dogs"]))
    assert "all 20%" in alt(P.plot_category_mix([2, 2, 2, 2, 2]))
    assert "0 bits" in alt(P.plot_category_mix([5]))


def test_category_mix_can_leave_out_the_maximum():
    """Notebook 01's task asks for the largest entropy: its widget and still must not print it."""
    text = alt(P.plot_category_mix([8, 4, 2, 1, 1], show_maximum=False))
    assert text.startswith("H = 1.88 bits (the entropy of this mix): ")
    assert "2.32" not in text and "possible" not in text and "81%" not in text
    assert "dashed line marks 20%, each category's share in a uniform mix." in text
    with pytest.raises(ValueError, match="show_maximum"):
        P.plot_category_mix([1, 2], show_maximum="no")


def test_the_mix_widget_draws_without_the_maximum():
    from flywheel_lab.widgets.information import category_mix_explorer
    still = category_mix_explorer().snapshot()
    shown = " ".join(o["data"]["text/plain"] for o in still.outputs if "data" in o)
    assert shown.startswith("H = 1.88 bits") and "2.32" not in shown


def test_category_mix_text_follows_every_slider_step():
    texts = {alt(P.plot_category_mix([w, 4, 2, 1, 1])) for w in (0.5, 1.0, 1.5, 2.0)}
    assert len(texts) == 4


def test_data_vs_information_reads_each_bar_and_the_ratio():
    text = alt(P.plot_data_vs_information({"raw photo": 6_557_760, "compressed": 3_920_224,
                                           "duplicate": 1_728}))
    assert "raw photo, 6.56 million bits" in text and "compressed, 3.92 million bits" in text
    assert "duplicate, about 1,700 bits" in text          # a byte count rounded: stable across lzma
    assert "duplicate, is 0.03% of the longest, raw photo" in text


def test_feature_vectors_name_the_most_telling_question_and_identical_rows():
    cats = data.cat_questions()
    bits = I.question_entropies(cats["answers"][cats["is_cat"]])
    text = alt(P.plot_feature_vectors(cats["answers"], cats["animals"], cats["questions"], bits=bits))
    assert "11 animals answer 8 yes/no questions" in text
    assert f"'black' tells the most, {bits.max():.2f} bits" in text
    assert "'two eyes' the least, 0.00 bits" in text
    assert "Siamese cat, ginger tabby and red fox" in text


def test_loop_diagram_names_every_stage_in_order_and_what_it_passes_on():
    text = alt(plot_flywheel_loop())
    assert "A loop of 6 stages, clockwise from the top" in text
    places = [text.index(f"{stage.capitalize()} ") for stage, _, _ in LOOP]
    assert places == sorted(places), "stages in the order of the loop"
    assert "Collect to label: raw images, many bits of data." in text
    assert "New data back to collect: the surprises, that is, new information." in text
    assert 40 <= len(text.split()) <= 90
