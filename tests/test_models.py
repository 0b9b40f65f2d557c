"""The torch classifiers: determinism, the chapter's results, holes, digits, bad input."""

import numpy as np
import pytest
import torch

from flywheel_lab import models, pixels
from flywheel_lab.exercises import pixels as answers


@pytest.mark.parametrize("head", models.HEADS)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_full_data_is_learned_perfectly(head, seed):
    run = models.pixel_experiment(head=head, seed=seed)
    assert run.accuracy == 1.0
    assert (np.diag(run.confusion()) == np.bincount(run.y_test, minlength=16)).all()
    table = run.table()
    assert (np.diag(table) > 0.9).all()
    assert (table[~np.eye(16, dtype=bool)] < 0.1).all()


@pytest.mark.parametrize("head", models.HEADS)
@pytest.mark.parametrize("seed, holes", [(0, [4]), (1, [4]), (2, [9]), (3, [0, 15]), (4, [4, 6])])
def test_a_hole_is_never_predicted(head, seed, holes):
    run = models.pixel_experiment(holes=holes, head=head, seed=seed)
    for hole in holes:
        facts = run.hole_summary(hole)
        assert facts["predicted_as_hole"] == 0
        assert facts["max_hole_output"] < 0.5
        assert sum(facts["sent_to"].values()) == np.sum(run.y_test == hole)


@pytest.mark.parametrize("seed", range(4))
def test_a_single_hole_is_filled_by_a_one_pixel_neighbour(seed):
    run = models.pixel_experiment(holes=[4], seed=seed)
    assert set(run.hole_summary(4)["sent_to"]) <= set(pixels.neighbours(4))


def test_training_is_deterministic_and_leaves_no_global_change():
    torch.set_num_threads(2)
    state = torch.get_rng_state()
    X, y = pixels.sample(500, seed=1)
    a = models.train(X, y, 16, epochs=20, seed=5)
    b = models.train(X, y, 16, epochs=20, seed=5)
    assert a.losses == b.losses and len(a.losses) == 20
    assert np.array_equal(models.outputs(a.model, X), models.outputs(b.model, X))
    assert torch.get_num_threads() == 2
    assert torch.equal(torch.get_rng_state(), state)


def test_merged_repeats_give_the_mean_loss_over_all_samples():
    X, y = pixels.sample(300, seed=2)
    run = models.train(X, y, 16, epochs=1, seed=0)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)                                   # the initial weights of train()
        fresh = models.Classifier(4, (16,), 16)
    with torch.no_grad():
        logits = fresh(torch.as_tensor(X))
        target = torch.nn.functional.one_hot(torch.as_tensor(y), 16).float()
        full = torch.nn.functional.binary_cross_entropy_with_logits(logits, target)
    assert run.losses[0] == pytest.approx(full.item(), rel=1e-5)


def test_softmax_outputs_sum_to_one_and_sigmoid_need_not():
    X = pixels.inputs(range(16))
    soft = models.pixel_experiment(holes=[4], head="softmax", n_train=2000)
    assert np.allclose(models.outputs(soft.trained.model, X).sum(axis=1), 1)
    sig = models.pixel_experiment(holes=[4], head="sigmoid", n_train=2000)
    assert not np.allclose(models.outputs(sig.trained.model, X).sum(axis=1), 1)


def test_penultimate_features_shape_and_range():
    run = models.pixel_experiment(n_train=500, hidden=(8, 5))
    feats = models.penultimate_features(run.trained.model, pixels.inputs(range(16)))
    assert feats.shape == (16, 5) and ((feats > 0) & (feats < 1)).all()


def test_tables():
    outs = np.array([[0.9, 0.2], [0.7, 0.4], [0.1, 0.8]])
    y = np.array([0, 0, 1])
    table = models.mean_output_table(outs, y, 3)
    assert np.allclose(table[:2], [[0.8, 0.3], [0.1, 0.8]]) and np.isnan(table[2]).all()
    assert models.confusion([0, 0, 1], [0, 1, 1], 3).tolist() == [[1, 1, 0], [0, 1, 0], [0, 0, 0]]
    assert models.where_sent([2, 2, 1], [0, 1, 1], 2, 3).tolist() == [1, 1, 0]
    assert models.accuracy([1, 2], [1, 0]) == 0.5


def test_closing_the_hole_brings_the_category_back():
    first, last = models.close_hole([0, 500], hole=4, head="softmax")
    assert first.where_sent(4)[4] == 0
    assert last.where_sent(4)[4] == np.sum(last.y_test == 4)
    assert answers._first_closing_k("softmax") in answers.CLOSING_KS[1:]


def test_digits_with_a_missing_digit():
    full = models.digits_experiment()
    assert full.accuracy > 0.95
    run = models.digits_experiment(drop=3)
    sent = run.where_sent(3)
    assert sent[3] == 0 and sent.sum() == np.sum(run.y_test == 3)
    assert run.accuracy < full.accuracy


@pytest.mark.parametrize("call, message", [
    (lambda: models.train(np.zeros((3, 4)), [0, 1, 16], 16), "labels must be 0 to 15"),
    (lambda: models.train(np.zeros((0, 4)), [], 16), "empty"),
    (lambda: models.train(np.zeros((3, 4)), [0, 1], 16), "one label in y per row"),
    (lambda: models.train(np.zeros((2, 4)), [0, 1], 16, head="tanh"), "head must be one of"),
    (lambda: models.train(np.zeros((2, 4)), [0, 1], 16, hidden=0), "hidden layer size"),
    (lambda: models.pixel_experiment(n_train=-1), "at least 0"),
    (lambda: models.pixel_experiment(holes=[16]), "from 0 to 15"),
    (lambda: models.pixel_experiment(holes=range(16)), "leave at least one"),
    (lambda: models.close_hole([1], hole=-2), "from 0 to 15"),
    (lambda: models.digits_experiment(drop=10), "from 0 to 9"),
])
def test_bad_input_says_what_is_allowed(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_adam_step_matches_torch_optim():
    torch.manual_seed(0)
    a, b = torch.nn.Linear(4, 3), torch.nn.Linear(4, 3)
    b.load_state_dict(a.state_dict())
    x = torch.randn(8, 4)
    reference = torch.optim.Adam(b.parameters(), lr=0.1)
    params = list(a.parameters())
    state = [(torch.zeros_like(p), torch.zeros_like(p)) for p in params]
    for step in range(1, 6):
        grads = torch.autograd.grad(a(x).pow(2).sum(), params)
        models._adam_step(params, grads, state, step, 0.1)
        reference.zero_grad()
        b(x).pow(2).sum().backward()
        reference.step()
    for p, q in zip(a.parameters(), b.parameters()):
        assert torch.allclose(p, q, atol=1e-6)


@pytest.mark.parametrize("head", models.HEADS)
@pytest.mark.parametrize("hidden", [(16,), (8, 5)])
def test_backpropagation_matches_autograd(head, hidden):
    X, y = pixels.sample(200, seed=3)
    X, y, weight = models._merge_repeats(X, y)
    X, target = torch.as_tensor(X), models._one_hot(y, 16)
    torch.manual_seed(1)
    model = models.Classifier(4, hidden, 16, head)
    layers = [(m.weight, m.bias) for m in model.modules() if isinstance(m, torch.nn.Linear)]
    loss, grads = models._loss_and_gradients(layers, X, target, weight, head)
    logits = model(X)
    if head == "sigmoid":
        per_row = torch.nn.functional.binary_cross_entropy_with_logits(logits, target, reduction="none").mean(dim=1)
    else:
        per_row = torch.nn.functional.cross_entropy(logits, torch.as_tensor(y), reduction="none")
    expected = torch.autograd.grad(per_row @ weight, list(model.parameters()))
    assert loss.item() == pytest.approx((per_row @ weight).item(), rel=1e-6)
    assert len(grads) == len(expected)
    for g, e in zip(grads, expected):
        assert g.shape == e.shape and torch.allclose(g, e, atol=1e-7, rtol=1e-5)


def test_merge_repeats_counts_each_distinct_row_and_label():
    X = np.array([[0, 1], [1, 0], [0, 1], [0, 1]], dtype=np.float32)
    rows, labels, weight = models._merge_repeats(X, np.array([2, 3, 2, 5]))
    merged = {(tuple(r), int(c)): round(float(w), 6) for r, c, w in zip(rows, labels, weight)}
    assert merged == {((0.0, 1.0), 2): 0.5, ((1.0, 0.0), 3): 0.25, ((0.0, 1.0), 5): 0.25}


def test_the_survey_notebook_06_suggests_confirms_exercise_2():
    """06 Ex 2 tells students to test their set with hole_survey(hole=9, seeds=range(8)): the
    categories those eight runs send the hole's images to must be exactly the expected answer."""
    taken = {c for row in models.hole_survey(hole=9, seeds=range(8)) for c in row["sent_to"]}
    assert taken == answers.ANSWERS["hole_9_candidates"].value() == set(pixels.neighbours(9))
