"""The digits are read and split without scikit-learn's import, exactly as scikit-learn would."""

import numpy as np
import pytest
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

from flywheel_lab import digits


def test_images_are_scikit_learns():
    X, y = digits.load()
    bunch = load_digits()
    assert np.array_equal(X, bunch.data / 16.0) and np.array_equal(y, bunch.target)


@pytest.mark.parametrize("test_size", [0.3, 0.1, 0.25, 0.5, 0.77])
def test_split_is_scikit_learns(test_size):
    """Same rows, same order, for every seed tried (a change in scikit-learn's draws fails here)."""
    X, y = digits.load()
    for seed in range(12):
        ours = digits.train_test_split(test_size, seed=seed)
        theirs = train_test_split(X, y, test_size=test_size, stratify=y, random_state=seed)
        assert all(np.array_equal(a, b) for a, b in zip(ours, theirs)), seed


def test_split_keeps_every_digit_in_proportion():
    _, _, y_train, y_test = digits.train_test_split(0.3, seed=0)
    assert len(y_test) == 540 and set(y_test) == set(range(10))
    assert np.all(np.abs(np.bincount(y_test) / np.bincount(digits.load()[1]) - 0.3) < 0.01)
