"""Fuzz: every public function answers bad input with the package's own ValueError.

Every public function and class of the pure modules (found by introspection, so a
new one is covered as soon as it exists) is called with valid arguments except one
parameter, which gets each value of :data:`BAD` in turn. The only outcome allowed
is a ``ValueError`` raised by ``flywheel_lab``'s own code (not numpy's or
scikit-learn's); anything else fails with the function, parameter and value:

* another exception (TypeError, IndexError, a ValueError from deep inside numpy …);
* a hang (more than :data:`TIMEOUT` seconds) or running out of memory (the calls
  run in a worker process limited to :data:`MEMORY` bytes of address space);
* a normal return, unless the value is a documented accept: ``None`` for a
  parameter whose default is ``None``, a bool for a yes/no parameter, or an entry
  of :data:`ACCEPTS` (a value that makes sense there, with the reason);
* an accepted call that returns nan, unless the function documents it (:data:`MAY_RETURN_NAN`).

Adding a function: if one of its required parameters has a name not in
:data:`GENERIC`, add a line to :data:`BASELINES` (valid, small, fast arguments).
A meaningful value that the fuzz calls bad: one line in :data:`ACCEPTS`.

Not fuzzed (:data:`SKIPPED`): ``plots`` and ``widgets`` (drawing, not computing:
their inputs come from the functions fuzzed here, and tests/test_widgets.py sets
every widget control to its min, middle and max), result records that only the
package builds, and torch's inner-loop arithmetic that ``models.train`` checks for.

``python tests/test_fuzz.py`` runs the whole fuzz and prints its counts.
"""

import copy
import functools
import importlib
import importlib.util
import inspect
import json
import math
import os
import select
import subprocess
import sys
import traceback
from pathlib import Path

import numpy as np
import pytest

MODULES = ("accuracy", "collection", "coverage", "data", "digits", "exercises", "flywheel", "funnel",
           "information", "models", "pixels", "seeding", "setup_check")
TIMEOUT = 20.0           # seconds a single call may take (the slowest valid call takes a few seconds)
MEMORY = 3 << 30         # bytes of address space a call may add to what the worker's imports map


def _bad_values():
    """label → value: one bad value per kind of mistake a learner makes."""
    return {"None": None, "text": "abc", "nan": math.nan, "inf": math.inf, "-inf": -math.inf,
            "-1": -1, "0": 0, "10**12": 10**12, "[]": [], "[nan, 0.5]": [math.nan, 0.5],
            "[-0.5, 1.5]": [-0.5, 1.5], "3-D array": np.zeros((2, 2, 2)), "3×5 table": np.ones((3, 5)),
            "True": True, "2.5": 2.5}


BAD = tuple(_bad_values())

# Parameters and whole functions that are not fuzzed, with the reason.
SKIPPED = {
    "models.Trained": "a result record made by models.train",
    "models.Run": "a result record made by the experiments (pixel_experiment …)",
    "coverage.Projection": "a result record made by coverage.fit_pca",
    "funnel.World": "a result record made by funnel.world",
    "funnel.Stream": "a result record made by funnel.make_stream (funnel.run checks it)",
    "funnel.Result": "a result record made by funnel.run",
    "flywheel.Customer": "a result record made by flywheel.make_customers",
    "flywheel.History": "a result record made by flywheel.simulate",
    "exercises.Answer": "a record that the exercise tables (not students) fill in",
    "exercises.Feedback": "a result record made by exercises.judge",
}

# Values that are not mistakes for that parameter: "module.function": {"parameter": (labels, …)};
# "*" holds parameters that mean the same in every function. Most entries are 0 where 0 is a real
# value (category 0, a share of 0, an empty sample) and 10**12 where a formula does no work with it.
ANY = BAD
ACCEPTS = {
    "*": {"seed": ("0",), "category": ("0",), "a": ("0",), "b": ("0",),
          "holes": ("None", "0", "[]"),              # no holes; a single hole (category 0)
          "hole": ("0",),
          "hidden": ("[]",),                         # no hidden layer: a linear model
          "C": ("2.5", "10**12")},                   # any positive regularisation strength
    "exercises.check": {"answer": ANY},             # a student's answer may be anything: it gets feedback
    "exercises.is_correct": {"answer": ANY},        # … and so may be judged
    "exercises.judge": {"answer": ANY},
    "exercises.Slip": {"value": ANY,               # any wrong value (or function) can be a slip
                       "name": ("text",), "message": ("text",)},   # any text names it
    "information.entropy": {"base": ("2.5", "10**12")},          # any base above 1 is a unit
    "information.entropy_of_weights": {"base": ("2.5", "10**12")},
    "information.self_information": {"base": ("2.5", "10**12")},
    "information.max_entropy": {"n": ("10**12",), "base": ("2.5", "10**12")},
    "information.questions_needed": {"n": ("10**12",)},         # 40 questions: a fine thing to ask
    "information.outcomes_told_apart": {"k": ("0",)},           # no answer tells 1 thing apart
    "information.binary_entropy": {"p": ("0",)},                # a coin that never lands heads
    "information.compressed_bits": {"*arrays": ("[-0.5, 1.5]", "3-D array", "3×5 table")},  # any numbers
    "information.compression_ratio": {"*arrays": ("[-0.5, 1.5]", "3-D array", "3×5 table")},
    **{f"information.{f}": {"answers": ("3×5 table",)} for f in (   # all yes: 3 items, 5 questions
        "question_entropies", "joint_entropy", "answer_distances")},
    "information.text_bytes": {"text": ("text",)},                      # any text is text
    "information.data_per_information": {"n_examples": ("10**12",),     # a formula: no work
                                         "bits_per_example": ("2.5", "10**12"),   # bits may be fractional
                                         "information_bits": ("2.5", "10**12")},
    "information.added_bits": {"held": ("[]", "3-D array", "3×5 table"),                    # are data
                               "new": ("[-0.5, 1.5]", "3-D array", "3×5 table")},
    "pixels.check_category": {"name": ("text",)},               # the name used in messages
    "pixels.check_categories": {"categories": ("None", "0", "[]"), "name": ("text",)},
    "pixels.inputs": {"categories": ("0", "[]")},
    "pixels.sample": {"n": ("0",)},                             # an empty sample
    "pixels.copies": {"k": ("0",)},
    "pixels.single_question_units": {"min_abs_r": ("0",)},      # every unit
    "setup_check.installed_version": {"name": ("text",)},       # None: not installed
    "collection.balanced_collection": {"per_category": ("10**12",)},   # a formula: no work
    "collection.coverage_band": {"low": ("0", "2.5")},         # percentiles
    "collection.rare_class_experiment": {"rare": ("0",)},      # digit 0
    "collection.zipf_frequencies": {"exponent": ("0", "2.5")},
    "collection.expected_new_information": {"day": ("10**12",)},     # closed formulas: no work
    **{f"collection.{f}": {"days": ("0", "10**12")} for f in (
        "expected_information", "expected_mass_seen", "expected_seen", "prob_seen", "redundancy_and_holes")},
    "collection.prob_all_seen": {"days": ("0",)},
    "accuracy.customer_view": {"rare_share": ("0",), "common_accuracy": ("0",), "rare_accuracy": ("0",)},
    "accuracy.daily_counts": {"total": ("10**12",), "rare_share": ("0",)},    # arithmetic: no work
    "accuracy.noise_images": {"n": ("0",)},
    "accuracy.scribble_images": {"n": ("0",)},
    "accuracy.ranks": {"values": ("[]", "[-0.5, 1.5]")},        # any numbers; no values, no ranks
    "accuracy.required_class_accuracy": {"target": ("0",), "which": ("0",)},  # < 0: met anyway
    "accuracy.skewed_mix": {"common_share": ("0",)},
    "coverage.learning_curve": {"batch": ("10**12",)},          # a batch never overshoots the next budget
    "coverage.acquire": {"batch": ("10**12",), "hidden": ("[]",),
                         "reveal_at": ("0", "10**12")},                 # hidden ones revealed at once, or never
    "coverage.hole_first_batch": {"hole_class": ("0",), "initial": ("10**12",)},  # capped at reveal_at
    "coverage.kcenter": {"labeled_idx": ("[]",), "n": ("0",)},             # documented: may be empty
    "coverage.cluster_margin": {"n": ("0",)},                               # no picks asked, none made
    "coverage.look_alike_groups": {"features": ("3×5 table",),              # 3 identical samples: one group
                                   "iterations": ("0",)},                   # the k-center start itself
    "coverage.select": {"n": ("0",), "labeled_idx": ("[]",), "exclude": ("0", "[]")},
    "coverage.nearest_neighbours": {"features": ("3×5 table",)},           # 3 identical samples: valid
    "coverage.neighbourhood_uncertainty": {"neighbours": ("3×5 table",)},  # every neighbourhood is sample 1
    "coverage.labels_to_reach": {"target": ("0",)},
    "models.train": {"lr": ("2.5",)},
    "flywheel.expected_days_to_cover": {"pool_size": ("10**12",)},          # a formula: no work
    "flywheel.make_customers": {"join_every": ("0",), "rare_weight": ("0",)},
    "flywheel.simulate": {"weekly_budget": ("0",), "join_every": ("0",)},   # all customers at once
    "funnel.bits_per_cell": {"n_cells": ("10**12",)},
    "funnel.choose": {"n": ("0", "10**12"), "model": ("0",)},   # n: at most all; 0: a constant guess
    "funnel.predict": {"model": ("0",)},
    "funnel.real_accuracy": {"model": ("0",)},
    "funnel.per_digit_recall": {"model": ("0",)},                # a constant guess, as in real_accuracy
    "funnel.Settings": {"anomaly": ("0", "2.5", "10**12"), "confidence": ("0",), "label_fraction": ("0",),
                        "duplicate": ("0", "2.5", "10**12")},               # distances have no upper bound
    "funnel.check_filters": {"filters": ("[]",)},                           # no filter
    "funnel.run": {"filters": ("[]",)},
    "funnel.distinct": {"radius": ("0", "2.5", "10**12")},
    "funnel.default_mix": {"rare": ("[]",), "rare_weight": ("0",)},         # no rare digit
    "funnel.start_set": {"skip": ("[]",)},
    "funnel.looks_corrupted": {"border": ("0",), "ink": ("0",)},
    "funnel.label_cost": {"n_labels": ("10**12",), "n_correct_prelabels": ("0",), "approve": ("0",)},
    "funnel.make_stream": {"duplicate_rate": ("0",), "corrupt_rate": ("0",)},
    "models.digits_experiment": {"drop": ("0",), "lr": ("2.5",)},
    "coverage.uncertainty": {"proba": ("[]",)},                             # no samples, no scores
    "seeding.set_seed": {"torch": ("True",)},
}

# Functions documented to return nan for some valid input (e.g. a class with no samples).
MAY_RETURN_NAN = {"digits.per_class_recall", "models.mean_output_table", "coverage.labels_to_reach",
                  "flywheel.simulate", "flywheel.compare"}


# ---------------------------------------------------------------- valid arguments

@functools.cache
def _digits():
    from flywheel_lab import digits
    X, y = digits.load()
    return X[:120], y[:120]


@functools.cache
def _pix():
    from flywheel_lab import pixels
    return pixels.sample(64, seed=0)


@functools.cache
def _net():
    from flywheel_lab import models
    X, y = _pix()
    return models.train(X, y, 16, epochs=5).model


@functools.cache
def _logreg():
    from flywheel_lab import digits
    return digits.fit_classifier(*_digits(), max_iter=50)


@functools.cache
def _stream():
    from flywheel_lab import funnel
    return funnel.make_stream(40, seed=0)


@functools.cache
def _start():
    from flywheel_lab import funnel
    return funnel.start_set(per_class=2)


@functools.cache
def _world():
    from flywheel_lab import funnel
    return funnel.world()


@functools.cache
def _split():
    from flywheel_lab import digits
    return digits.train_test_split(seed=0)


@functools.cache
def _pca():
    from flywheel_lab import coverage
    return coverage.fit_pca(_split()[0], 4)


@functools.cache
def _value_result():
    from flywheel_lab import accuracy
    return accuracy.example_value_experiment(seeds=[0], per_class=2, n_components=2)


def _history():
    from flywheel_lab import flywheel
    return flywheel.compare(("random",), weeks=1, weekly_budget=5, images_per_week=20, n_customers=1)


# Required (or slow by default) arguments by parameter name, for any function …
GENERIC = {
    "p": lambda: [0.25, 0.75], "freqs": lambda: 16, "days": lambda: 10, "day": lambda: 2, "n": lambda: 3,
    "k": lambda: 2, "category": lambda: 4, "a": lambda: 1, "b": lambda: 2, "categories": lambda: [1, 2],
    "weights": lambda: [1.0, 3.0], "class_accuracy": lambda: [0.9, 0.1], "counts": lambda: [990, 10],
    "shares": lambda: [0.99, 0.01], "X": lambda: _digits()[0], "y": lambda: _digits()[1],
    "seed": lambda: 0, "model": _net, "strategy": lambda: "kcenter", "name": lambda: "china.jpg",
    "key": lambda: "information.die_entropy", "answers": lambda: [[0, 1], [1, 1], [0, 0]], "answer": lambda: 1.0, "values": lambda: [3.0, 1.0, 2.0],
}

# … and per function (these win over GENERIC).
_POOL = {"X_pool": lambda: _digits()[0], "y_pool": lambda: _digits()[1]}
_CURVE = {**_POOL, "X_test": lambda: _digits()[0][:40], "y_test": lambda: _digits()[1][:40],
          "budgets": lambda: [20, 25]}
_FLY = {"weeks": lambda: 1, "weekly_budget": lambda: 5, "images_per_week": lambda: 20, "n_customers": lambda: 1}
_PIX_RUN = {"n_train": lambda: 64, "n_test": lambda: 32, "epochs": lambda: 5}
BASELINES = {
    "coverage.ratio_spread": {"ratios": lambda: {"margin": {"3": 0.4, "4": 0.5}, "kcenter": {"3": 0.6, "4": 0.7}},
                              "splits": lambda: [3, 4]},
    "exercises.Slip": {"name": lambda: "ln instead of log2", "value": lambda: 1.79,
                       "message": lambda: "that is the natural log."},
    "accuracy.class_accuracies": {},
    "accuracy.daily_counts": {"total": lambda: 1000, "rare_share": lambda: 0.01},
    "accuracy.customer_view": {"rare_share": lambda: 0.01, "common_accuracy": lambda: 0.9,
                               "rare_accuracy": lambda: 0.1},
    "accuracy.required_class_accuracy": {"target": lambda: 0.95, "which": lambda: 1},
    "accuracy.skewed_mix": {"common_digits": lambda: [0, 1]},
    "accuracy.accuracy_report": {"class_accuracy": lambda: [0.9] * 10,
                                 "mixes": lambda: {"a": [0.1] * 10}},
    "accuracy.two_customers": {"mix_a": lambda: [1.0] * 10, "mix_b": lambda: [1.0] * 10, "n_train": lambda: 10,
                               "n_from_b": lambda: [0, 2], "seeds": lambda: [0]},
    "accuracy.narrow_training_set": {"per_class": lambda: 2},
    "accuracy.random_training_set": {"per_class": lambda: 2},
    "accuracy.fitted_accuracy": {"X_train": lambda: _digits()[0][:60], "y_train": lambda: _digits()[1][:60],
                                 "X_test": lambda: _digits()[0][60:], "y_test": lambda: _digits()[1][60:]},
    "accuracy.candidate_batches": {**_POOL, "held": lambda: np.arange(0, 120, 4)},
    "accuracy.example_value_trial": {"data": _split, "pca": _pca, "per_class": lambda: 2},
    "accuracy.example_value_experiment": {"seeds": lambda: [0], "per_class": lambda: 2,
                                          "n_components": lambda: 2},
    "accuracy.summary_by_kind": {"result": _value_result},
    "accuracy.realistic": {"result": _value_result},
    "accuracy.rank_correlation": {"x": lambda: [1.0, 2.0, 3.0], "y": lambda: [1.0, 3.0, 2.0]},
    "collection.days_to_share": {"share": lambda: 0.5},
    "collection.simulate_coverage": {"days": lambda: 20, "trials": lambda: 50},
    "collection.coverage_band": {"coverage": lambda: np.array([[1, 2, 2], [1, 1, 3]], dtype=np.uint8)},
    "collection.new_per_day": {"coverage": lambda: np.array([[1, 2, 2], [1, 1, 3]], dtype=np.uint8)},
    "collection.uncommon_share": {"freqs": lambda: [0.7, 0.2, 0.1]},
    "collection.balanced_collection": {"freqs": lambda: [0.7, 0.2, 0.1], "per_category": lambda: 10},
    "coverage.squared_distances": {"A": lambda: _digits()[0][:5], "B": lambda: _digits()[0][5:9]},
    "coverage.nearest": {"X_candidates": lambda: _digits()[0][:5], "X_held": lambda: _digits()[0][5:9]},
    "coverage.novelty": {"X_candidates": lambda: _digits()[0][:5], "X_held": lambda: _digits()[0][5:9]},
    "coverage.knn_density": {"X_candidates": lambda: _digits()[0][:5], "X_held": lambda: _digits()[0][5:15]},
    "coverage.uncertainty": {"proba": lambda: [[0.6, 0.3, 0.1], [0.5, 0.5, 0.0]]},
    "coverage.kcenter": {"features": lambda: _digits()[0][:30], "labeled_idx": lambda: [0, 1],
                         "candidates": lambda: np.arange(2, 30)},
    "coverage.select": {"X_pool": lambda: _digits()[0], "labeled_idx": lambda: [0, 1]},
    "coverage.nearest_neighbours": {"features": lambda: _digits()[0][:30], "k": lambda: 3},
    "coverage.neighbourhood_uncertainty": {"proba": lambda: [[0.6, 0.3, 0.1], [0.5, 0.5, 0.0], [0.2, 0.2, 0.6]],
                                           "neighbours": lambda: [[0, 1], [1, 0], [2, 1]]},
    "coverage.acquire": {**_POOL, "stops": lambda: [20, 25]},
    "coverage.learning_curve": _CURVE,
    "coverage.compare": {**_CURVE, "strategies": lambda: ["random"], "seeds": lambda: [0]},
    "coverage.labels_to_reach": {"budgets": lambda: [20, 40], "accuracy": lambda: [0.5, 0.9],
                                 "target": lambda: 0.7},
    "coverage.label_ratios": {"curves": lambda: {"random": np.array([[0.5, 0.9]]), "kcenter": np.array([[0.6, 0.9]])},
                              "budgets": lambda: [20, 40], "at": lambda: 40},
    "coverage.hole_first_batch": {**_POOL, "hole_class": lambda: 3, "reveal_at": lambda: 30},
    "data.sha256": {"path": lambda: __file__},
    "data.verified_path": {"name": lambda: "cat_types.csv"},
    "data.read_table": {"name": lambda: "cat_types.csv"},
    "data.read_json": {"name": lambda: "selection_benchmark.json"},
    "coverage.look_alike_groups": {"features": lambda: _digits()[0][:30], "n_groups": lambda: 3},
    "coverage.cluster_margin": {"features": lambda: _digits()[0][:30], "shortlist": lambda: [5, 2, 9, 7],
                                "n": lambda: 2},
    "digits.sample_with_mix": {"mix": lambda: [1.0] * 10, "n": lambda: 20},
    "digits.fit_classifier": {"max_iter": lambda: 50},
    "digits.per_class_recall": {"y_true": lambda: [0, 1, 1, 2], "y_pred": lambda: [0, 1, 2, 2]},
    "flywheel.measured_accuracy": {"recall": lambda: [0.9] * 10, "mix": lambda: [0.1] * 10},
    "flywheel.simulate": _FLY,
    "flywheel.compare": {"strategies": lambda: ["random"], **_FLY},
    "flywheel.summary": {"histories": _history},
    "flywheel.measured_table": {"histories": _history},
    "flywheel.simulate_days_to_cover": {"runs": lambda: 50},
    "funnel.looks_corrupted": {"X": lambda: _digits()[0][:10]},
    "funnel.cells_of": {"X": lambda: _digits()[0][:10]},
    "funnel.new_bits": {"X_held": lambda: _digits()[0][:10], "X_new": lambda: _digits()[0][10:20]},
    "funnel.real_accuracy": {"model": _logreg},
    "funnel.per_digit_recall": {"model": _logreg},
    "funnel.predict": {"model": _logreg, "X": lambda: _digits()[0][:10]},
    "funnel.fit": {"X": lambda: _digits()[0][:30], "y": lambda: _digits()[1][:30]},
    "funnel.stage_costs": {"counts": lambda: {"collect": 10, "label": 2}},
    "funnel.label_cost": {"n_labels": lambda: 10, "n_correct_prelabels": lambda: 4, "pre_label": lambda: True},
    "funnel.check_filters": {"filters": lambda: ["pre_label"]},
    "funnel.choose": {"X_candidates": lambda: _digits()[0][:30], "X_held": lambda: _digits()[0][30:40]},
    "funnel.distinct": {"X_new": lambda: _digits()[0][:10], "X_held": lambda: _digits()[0][10:20],
                        "radius": lambda: 0.5},
    "funnel.run": {"stream": _stream, "start": _start, "filters": lambda: ["drop_corrupted"]},
    "funnel.compare": {"stream": _stream, "start": _start},
    "funnel.table": {"results": lambda: [("no filter", __import__("flywheel_lab.funnel").funnel.run(
        _stream(), start=_start()))]},
    "funnel.digit_table": {"results": lambda: [("no filter", __import__("flywheel_lab.funnel").funnel.run(
        _stream(), start=_start()))]},
    "funnel.make_stream": {"n": lambda: 30},
    "funnel.start_set": {"per_class": lambda: 2},
    "information.raw_image_bits": {"width": lambda: 400, "height": lambda: 400},
    "information.compressed_bits": {"*arrays": lambda: [np.arange(10)]},
    "information.added_bits": {"held": lambda: [np.arange(10)], "new": lambda: np.arange(5)},
    "information.compression_ratio": {"*arrays": lambda: [np.arange(10)]},
    "information.text_bytes": {"text": lambda: "to be or not to be"},
    "information.data_per_information": {"n_examples": lambda: 100, "bits_per_example": lambda: 8.0,
                                         "information_bits": lambda: 40.0},
    "models.Classifier": {"n_inputs": lambda: 4, "hidden": lambda: [8], "n_outputs": lambda: 16},
    "models.train": {"X": lambda: _pix()[0], "y": lambda: _pix()[1], "n_classes": lambda: 16,
                     "epochs": lambda: 5},
    "models.outputs": {"X": lambda: _pix()[0]},
    "models.predict": {"X": lambda: _pix()[0]},
    "models.penultimate_features": {"X": lambda: _pix()[0]},
    "models.mean_output_table": {"outs": lambda: np.full((4, 3), 0.5), "y": lambda: [0, 1, 1, 2],
                                 "n_classes": lambda: 3},
    "models.confusion": {"y_true": lambda: [0, 1, 1, 2], "y_pred": lambda: [0, 1, 2, 2], "n_classes": lambda: 3},
    "models.accuracy": {"y_true": lambda: [0, 1, 1, 2], "y_pred": lambda: [0, 1, 2, 2]},
    "models.where_sent": {"y_true": lambda: [0, 1, 1, 2], "y_pred": lambda: [0, 1, 2, 2],
                          "category": lambda: 1, "n_classes": lambda: 3},
    "models.pixel_experiment": _PIX_RUN,
    "models.close_hole": {"ks": lambda: [0, 2], **_PIX_RUN},
    "models.digits_experiment": {"epochs": lambda: 5},
    "models.hole_survey": {"seeds": lambda: [0], **_PIX_RUN},
    "pixels.from_answers": {"answers": lambda: [0, 1, 0, 0]},
    "pixels.category_of": {"img": lambda: [[0, 1], [0, 0]]},
    "pixels.sample": {"n": lambda: 10},
    "pixels.question_correlations": {"responses": lambda: np.arange(32.0).reshape(16, 2) % 5},
    "pixels.single_question_units": {"responses": lambda: np.arange(32.0).reshape(16, 2) % 5},
    "setup_check.installed_version": {"name": lambda: "numpy"},
    "seeding.set_seed": {"torch": lambda: False},
}


# ---------------------------------------------------------------- discovery

def public_callables():
    """``{"module.name": object}`` for every public function and class defined in MODULES."""
    found = {}
    for m in MODULES:
        mod = importlib.import_module(f"flywheel_lab.{m}")
        names = getattr(mod, "__all__", None) or [n for n in vars(mod) if not n.startswith("_")]
        for name in names:
            obj = getattr(mod, name)
            if callable(obj) and getattr(obj, "__module__", None) == mod.__name__:
                found[f"{m}.{name}"] = obj
    return found


def fuzzed_parameters(fn):
    """The parameters of ``fn`` the fuzz varies (``*args`` as ``"*name"``; ``**kwargs`` are not)."""
    out = []
    for p in inspect.signature(fn).parameters.values():
        if p.kind is p.VAR_POSITIONAL:
            out.append(f"*{p.name}")
        elif p.kind is not p.VAR_KEYWORD:
            out.append(p.name)
    return out


def documented_accept(qualname, fn, param, label):
    """Why a call that returned normally was right to (``None`` if it was not)."""
    if label in ACCEPTS.get(qualname, {}).get(param, ()) or label in ACCEPTS["*"].get(param, ()):
        return "listed in ACCEPTS"
    p = inspect.signature(fn).parameters.get(param)
    if p is not None and label == "None" and p.default is None:
        return "None means the documented default"
    if p is not None and label == "True" and isinstance(p.default, bool):
        return "a yes/no parameter"
    return None


# ---------------------------------------------------------------- the worker process

def _baseline(qualname, fn):
    """Valid arguments ``(args, kwargs)`` for ``fn``: BASELINES, then GENERIC for required ones."""
    table = BASELINES.get(qualname, {})
    args, kwargs = [], {}
    for p in inspect.signature(fn).parameters.values():
        key = f"*{p.name}" if p.kind is p.VAR_POSITIONAL else p.name
        if key in table:
            make = table[key]
        elif p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD) and p.name in GENERIC:
            make = GENERIC[p.name]
        elif p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            raise LookupError(f"no valid value for required parameter {p.name!r} of {qualname}: "
                              f"add one to BASELINES[{qualname!r}] in tests/test_fuzz.py")
        else:
            continue
        if p.kind is p.VAR_POSITIONAL:
            args = list(make())
        else:
            kwargs[p.name] = make()
    for key in table:                          # extra keywords for **options
        if key not in kwargs and not key.startswith("*"):
            kwargs[key] = table[key]()
    return args, kwargs


def _has_nan(value, depth=0):
    if depth > 4:
        return False
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, np.ndarray):
        return value.dtype.kind in "fc" and bool(np.isnan(value).any())
    if isinstance(value, dict):
        return any(_has_nan(v, depth + 1) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_has_nan(v, depth + 1) for v in value[:1000])
    if hasattr(value, "__dataclass_fields__"):
        return any(_has_nan(getattr(value, f), depth + 1) for f in value.__dataclass_fields__)
    return False


_PACKAGE = str(Path(importlib.util.find_spec("flywheel_lab").origin).parent)


def call(qualname, param, label):
    """Run one fuzz call in this process: ``{"outcome": …, "detail": …}``."""
    fn = _callables()[qualname]
    try:
        args, kwargs = _baseline(qualname, fn)
    except LookupError as err:
        return {"outcome": "no baseline", "detail": str(err)}
    args, kwargs = copy.deepcopy(args), copy.deepcopy(kwargs)
    if label == "valid":                     # the baseline itself: it must run
        try:
            fn(*args, **kwargs)
        except BaseException as err:   # noqa: B902
            return {"outcome": "baseline fails", "detail": f"{type(err).__name__}: {str(err)[:200]}; "
                    f"fix BASELINES[{qualname!r}] in tests/test_fuzz.py"}
        return {"outcome": "valid", "detail": ""}
    bad = _bad_values()[label]
    if param.startswith("*"):
        args = [bad]
    else:
        kwargs[param] = bad
    try:
        result = fn(*args, **kwargs)
        if inspect.isgenerator(result) and not documented_accept(qualname, fn, param, label):
            return {"outcome": "returned", "detail": "a generator (checks must run when it is called)"}
    except ValueError as err:
        where = traceback.extract_tb(err.__traceback__)[-1].filename
        if where.startswith(_PACKAGE):
            return {"outcome": "ValueError", "detail": str(err)}
        return {"outcome": "foreign ValueError", "detail": f"{str(err)[:200]} (raised in {where})"}
    except BaseException as err:   # noqa: B902 — every other outcome is a finding
        where = traceback.extract_tb(err.__traceback__)[-1]
        return {"outcome": type(err).__name__, "detail": f"{str(err)[:200]} (at {where.filename}:{where.lineno})"}
    why = documented_accept(qualname, fn, param, label)
    if why and _has_nan(result) and qualname not in MAY_RETURN_NAN:
        return {"outcome": "returned nan", "detail": repr(result)[:200]}
    if why:
        return {"outcome": "accepted", "detail": why}
    return {"outcome": "returned", "detail": repr(result)[:200]}


@functools.cache
def _callables():
    return public_callables()


def _address_space():
    """Bytes of address space this process maps now (VmSize; Linux)."""
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmSize:"))
    return int(line.split()[1]) * 1024


def _worker():
    """Answer one JSON request per line on stdin; anything the calls print goes to /dev/null."""
    import resource
    import warnings
    warnings.simplefilter("ignore")
    reply = os.fdopen(os.dup(1), "w", buffering=1)
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)
    os.dup2(quiet, 2)
    _callables()
    # MEMORY more address space than the imports took: a CUDA build of torch alone maps
    # ~3.5 GB of address space (the CPU build ~0.9 GB), so a fixed cap would stop its import
    limit = _address_space() + MEMORY
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    reply.write("ready\n")
    for line in sys.stdin:
        reply.write(json.dumps(call(*json.loads(line))) + "\n")


class Worker:
    """A worker process that runs calls one at a time, restarted after a hang or a crash."""

    def __init__(self):
        self.proc = None

    def start(self):
        env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1",
                   PYTHONHASHSEED="0")
        self.proc = subprocess.Popen([sys.executable, __file__, "--worker"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, env=env)
        if self._read(120) != "ready":
            raise RuntimeError("the fuzz worker did not start")

    def _read(self, timeout):
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        return self.proc.stdout.readline().strip() if ready else None

    def call(self, qualname, param, label):
        if self.proc is None or self.proc.poll() is not None:
            self.start()
        self.proc.stdin.write(json.dumps([qualname, param, label]) + "\n")
        self.proc.stdin.flush()
        line = self._read(TIMEOUT)
        if line:
            return json.loads(line)
        timed_out = self.proc.poll() is None
        self.stop()
        if timed_out:
            return {"outcome": "hang", "detail": f"no answer within {TIMEOUT:g} s"}
        return {"outcome": "died", "detail": "the worker process died (out of memory?)"}

    def stop(self):
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None


def fuzz_function(worker, qualname, fn):
    """Every (parameter, bad value) call of one function: a list of (param, label, outcome, detail)."""
    rows = [(None, "valid", *worker.call(qualname, None, "valid").values())]
    return rows + [(param, label, *worker.call(qualname, param, label).values())
                   for param in fuzzed_parameters(fn) for label in BAD]


# ---------------------------------------------------------------- the tests

CALLABLES = {name: fn for name, fn in public_callables().items() if name not in SKIPPED}


@pytest.fixture(scope="module")
def worker():
    w = Worker()
    yield w
    w.stop()


@pytest.mark.parametrize("qualname", sorted(CALLABLES))
def test_bad_input_gets_the_package_valueerror(worker, qualname):
    rows = fuzz_function(worker, qualname, CALLABLES[qualname])
    failures = [f"{qualname}({param}={label}): {outcome}: {detail}"
                for param, label, outcome, detail in rows if outcome not in ("ValueError", "accepted", "valid")]
    assert not failures, "\n".join(failures)


def test_tables_name_only_real_functions_and_parameters():
    found = public_callables()
    for table in (SKIPPED, ACCEPTS, BASELINES):
        for qualname in set(table) - {"*"}:
            assert qualname in found, f"{qualname} is listed in the fuzz tables but no longer exists"
    for qualname, params in ACCEPTS.items():
        for param, labels in params.items():
            assert qualname == "*" or param in fuzzed_parameters(found[qualname]), \
                f"{qualname} has no parameter {param}"
            assert set(labels) <= set(BAD), f"unknown bad-value labels in ACCEPTS[{qualname!r}]"


def main(prefixes=()):
    """Run the fuzz (of the functions whose names start with one of ``prefixes``, default all)
    and print its counts and every failure."""
    import time
    start, counts, failures = time.perf_counter(), {}, []
    chosen = {q: f for q, f in CALLABLES.items() if not prefixes or q.startswith(tuple(prefixes))}
    w = Worker()
    try:
        for qualname, fn in sorted(chosen.items()):
            for param, label, outcome, detail in fuzz_function(w, qualname, fn):
                counts[outcome] = counts.get(outcome, 0) + 1
                if outcome not in ("ValueError", "accepted", "valid"):
                    failures.append(f"{qualname}({param}={label}): {outcome}: {detail}")
    finally:
        w.stop()
    print("\n".join(failures))
    print(f"{len(chosen)} functions, {sum(counts.values())} calls in {time.perf_counter() - start:.0f} s: "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])))


if __name__ == "__main__":
    if sys.argv[1:] == ["--worker"]:
        _worker()
    else:
        main(sys.argv[1:])
