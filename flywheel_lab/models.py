"""Small torch classifiers, a deterministic training loop and the chapter's tables.

One training function serves both worlds of the series: the four-pixel images
(4 inputs → hidden → 16 categories) and scikit-learn's 8×8 digits (64 inputs →
hidden → 10 digits). The output head is either

* ``"sigmoid"`` – one independent yes/no neuron per category, trained with binary
  cross-entropy against one-hot targets (the chapter's network): the outputs need
  not sum to 1, so several can fire at once, or none;
* ``"softmax"`` – the outputs are a probability distribution over the categories,
  trained with cross-entropy: exactly one category wins.

Training is deterministic: the weights come from a seeded generator, torch runs
single-threaded inside the call (the previous thread count is restored), and the
whole training set is one batch. Global random state is never changed.

Repeated samples are merged before training: 10 000 four-pixel images are only
16 distinct rows, so the batch holds each distinct (image, label) pair once,
weighted by how often it occurs. The loss and its gradient are the same as for
the full list of samples (the mean over samples), but an epoch costs 16 rows
instead of 10 000.
"""

import copy
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import torch
from torch import nn
from torch.nn.utils import parameters_to_vector, vector_to_parameters

from . import _validate as check
from . import pixels
from .seeding import check_seed

HEADS = ("sigmoid", "softmax")
MAX_UNITS = 10_000      # inputs, units of a layer or classes: wider nets would not fit a laptop's memory
WHY_UNITS = "a wider network would not fit in a classroom machine's memory"


class Classifier(nn.Module):
    """Inputs → hidden layers (sigmoid units) → one output per class (logits)."""

    def __init__(self, n_inputs, hidden, n_outputs, head="sigmoid"):
        super().__init__()
        n_inputs = check.whole_number(n_inputs, "n_inputs", 1, MAX_UNITS, WHY_UNITS)
        n_outputs = check.whole_number(n_outputs, "n_outputs", 1, MAX_UNITS, WHY_UNITS)
        hidden = _hidden_sizes(hidden)
        self.head = check.one_of(head, "head", HEADS)
        layers, width = [], n_inputs
        for size in hidden:
            layers += [nn.Linear(width, size), nn.Sigmoid()]
            width = size
        self.body = nn.Sequential(*layers)
        self.out = nn.Linear(width, n_outputs)

    def forward(self, x):
        """Logits (before the sigmoid or softmax head) for a batch ``x``."""
        return self.out(self.body(x))


@dataclass
class Trained:
    """A trained classifier and its training loss after every epoch."""

    model: Classifier
    losses: list = field(default_factory=list)


@contextmanager
def single_thread():
    """Run torch on one thread inside the block, then restore the thread count."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def _hidden_sizes(hidden):
    sizes = (hidden,) if isinstance(hidden, (int, np.integer)) else check.iterable(hidden, "hidden", empty=True)
    return tuple(check.whole_number(h, "hidden layer size", 1, MAX_UNITS, WHY_UNITS) for h in sizes)


def _one_hot(y, n_classes):
    return nn.functional.one_hot(torch.as_tensor(np.asarray(y, dtype=np.int64)), n_classes).float()


def train(X, y, n_classes, hidden=16, head="sigmoid", epochs=300, lr=0.1, seed=0):
    """Train a classifier on ``(X, y)``; returns :class:`Trained` (model, losses).

    ``X`` is (n, features), ``y`` holds class numbers 0 … n_classes − 1. Full-batch
    Adam for ``epochs`` steps; the same ``seed`` gives the same model every time.
    """
    X, y = _check_data(X, y, n_classes)
    head = check.one_of(head, "head", HEADS)
    epochs = check.steps(epochs, "epochs")
    lr = check.number_in(lr, "lr", 0, 10, low_open=True)
    seed = check_seed(seed)
    hidden = _hidden_sizes(hidden)
    with single_thread(), torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = Classifier(X.shape[1], _hidden_sizes(hidden), n_classes, head)
        X, y, weight = _merge_repeats(X, y)
        losses = _fit(model, torch.as_tensor(X), _one_hot(y, n_classes), weight, epochs, lr)
    return Trained(model.eval(), losses)


def _check_data(X, y, n_classes):
    n_classes = check.whole_number(n_classes, "n_classes", 1, MAX_UNITS, WHY_UNITS)
    X = check.array(X, "X", min_len=0).astype(np.float32)
    y = check.labels(y, "y", min_len=0)
    if X.ndim != 2 or len(X) != len(y):
        raise ValueError(f"X must be (samples, features) with one label in y per row; "
                         f"got X {X.shape} and y {y.shape}")
    if len(y) == 0:
        raise ValueError("the training set is empty: give at least one sample")
    if y.min() < 0 or y.max() >= n_classes:
        raise ValueError(f"labels must be 0 to {n_classes - 1}, got {y.min()} to {y.max()}")
    return X, y


def _merge_repeats(X, y):
    """Distinct (row, label) pairs and their share of the samples (weights sum to 1)."""
    data = np.column_stack([X, y])
    data = data[np.lexsort(data.T)]                       # equal rows end up next to each other
    first = np.flatnonzero(np.r_[True, (data[1:] != data[:-1]).any(axis=1)])
    rows, counts = data[first], np.diff(np.r_[first, len(data)])
    weight = torch.as_tensor(counts / counts.sum(), dtype=torch.float32)
    return np.ascontiguousarray(rows[:, :-1], dtype=np.float32), rows[:, -1].astype(np.int64), weight


def _fit(model, X, target, weight, epochs, lr):
    """Full-batch Adam on one flat vector holding all the weights; the losses per epoch."""
    with torch.no_grad():
        flat = parameters_to_vector(model.parameters())
    layers = _layer_views(flat, model)
    state = [(torch.zeros_like(flat), torch.zeros_like(flat))]
    losses = []
    for step in range(1, epochs + 1):
        loss, grads = _loss_and_gradients(layers, X, target, weight, model.head)
        _adam_step([flat], [torch.cat([g.reshape(-1) for g in grads])], state, step, lr)
        losses.append(loss.item())
    vector_to_parameters(flat, model.parameters())
    return losses


def _layer_views(flat, model):
    """``(weight, bias)`` of each linear layer of ``model``, input to output, as views into ``flat``."""
    views, start = [], 0
    for p in model.parameters():
        views.append(flat[start:start + p.numel()].view_as(p))
        start += p.numel()
    return list(zip(views[::2], views[1::2]))


def _loss_and_gradients(layers, X, target, weight, head):
    """The weighted mean loss and its gradient for every weight and bias, by backpropagation.

    ``layers`` holds ``(weight, bias)`` per linear layer (sigmoid units between them),
    ``target`` is one-hot, ``weight`` the share of each row. The gradients come back in
    the order of ``model.parameters()``. Written out instead of left to autograd:
    for networks this small, autograd's bookkeeping costs more than the arithmetic,
    and training runs about three times faster without it (a test checks the two agree).
    """
    inputs = [X]                                   # the input of every linear layer
    for W, b in layers[:-1]:
        inputs.append(torch.addmm(b, inputs[-1], W.T).sigmoid_())
    W, b = layers[-1]
    logits = torch.addmm(b, inputs[-1], W.T)
    if head == "sigmoid":
        per_row = nn.functional.binary_cross_entropy_with_logits(logits, target, reduction="none").mean(dim=1)
        delta = (logits.sigmoid_() - target) / target.shape[1]
    else:
        log_probs = logits.log_softmax(dim=1)
        per_row = -(log_probs * target).sum(dim=1)
        delta = log_probs.exp_() - target
    delta *= weight[:, None]                       # d loss / d logits
    grads = []
    for i in reversed(range(len(layers))):
        a = inputs[i]
        grads[:0] = [delta.T @ a, delta.sum(dim=0)]
        if i:
            delta = (delta @ layers[i][0]).mul_(a * (1 - a))   # back through the sigmoid that made a
    return per_row @ weight, grads


@torch.no_grad()
def _adam_step(params, grads, state, step, lr, betas=(0.9, 0.999), eps=1e-8):
    """One Adam update (the same arithmetic as ``torch.optim.Adam``), in place.

    Written out because ``torch.optim`` imports torch's compiler on first use, which
    costs more than a second, far longer than training these small networks.
    ``state`` holds each parameter's running mean and mean square of its gradient.
    """
    b1, b2 = betas
    for p, g, (mean, square) in zip(params, grads, state):
        mean.lerp_(g, 1 - b1)
        square.mul_(b2).addcmul_(g, g, value=1 - b2)
        denom = (square.sqrt() / (1 - b2 ** step) ** 0.5).add_(eps)
        p.addcdiv_(mean, denom, value=-lr / (1 - b1 ** step))


def _as_tensor(X):
    return torch.as_tensor(np.asarray(X, dtype=np.float32))


def _check_input(model, X):
    """``X`` checked against ``model``: a finite table with as many columns as the model has inputs."""
    check.instance(model, "model", Classifier, "models.train")
    return check.matrix(X, "X", columns=next(model.parameters()).shape[1])


def outputs(model, X):
    """The network's outputs for ``X`` as a numpy array (n, classes), each 0–1."""
    X = _check_input(model, X)
    with torch.no_grad(), single_thread():
        logits = model(_as_tensor(X))
        probs = torch.sigmoid(logits) if model.head == "sigmoid" else logits.softmax(dim=1)
    return probs.numpy().astype(np.float64)


def predict(model, X):
    """The predicted class of every row of ``X``: the output that fires most."""
    return outputs(model, X).argmax(axis=1)


def penultimate_features(model, X):
    """Activations of the last hidden layer for ``X`` (n, units): the learned features."""
    X = _check_input(model, X)
    with torch.no_grad(), single_thread():
        return model.body(_as_tensor(X)).numpy().astype(np.float64)


def mean_output_table(outs, y, n_classes):
    """The chapter's table: mean output of each neuron (columns) per true class (rows).

    A class with no test sample gets a row of ``nan``.
    """
    n_classes = check.whole_number(n_classes, "n_classes", 1, MAX_UNITS, WHY_UNITS)
    outs, y = check.samples(outs, y, "outs", "y", n_classes=n_classes)
    table = np.full((n_classes, outs.shape[1]), np.nan)
    for c in np.unique(y):
        table[c] = outs[y == c].mean(axis=0)
    return table


def confusion(y_true, y_pred, n_classes):
    """Count confusion matrix: row = true class, column = predicted class."""
    n_classes = check.whole_number(n_classes, "n_classes", 1, MAX_UNITS, WHY_UNITS)
    y_true, y_pred = _predictions(y_true, y_pred, n_classes)
    # counted with numpy: importing scikit-learn for this alone cost notebook 05 ~95 MiB of kernel
    flat = np.asarray(y_true, dtype=np.int64) * n_classes + np.asarray(y_pred, dtype=np.int64)
    return np.bincount(flat, minlength=n_classes * n_classes).reshape(n_classes, n_classes)


def accuracy(y_true, y_pred):
    """Fraction of samples predicted correctly."""
    y_true, y_pred = _predictions(y_true, y_pred)
    return float(np.mean(np.asarray(y_true) == np.asarray(y_pred)))


def where_sent(y_true, y_pred, category, n_classes):
    """How many samples of true class ``category`` went to each predicted class."""
    n_classes = check.whole_number(n_classes, "n_classes", 1, MAX_UNITS, WHY_UNITS)
    y_true, y_pred = _predictions(y_true, y_pred, n_classes)
    category = check.whole_number(category, "category", 0, n_classes - 1)
    mask = y_true == category
    return np.bincount(y_pred[mask], minlength=n_classes)


def _predictions(y_true, y_pred, n_classes=None):
    """True and predicted classes: whole numbers (0 … n_classes − 1), one prediction per sample."""
    y_true, y_pred = check.labels(y_true, "y_true", n_classes), check.labels(y_pred, "y_pred", n_classes)
    check.same_length("y_true", y_true, "y_pred", y_pred)
    return y_true, y_pred


@dataclass
class Run:
    """One experiment: the trained model and its results on a test set."""

    trained: Trained
    X_test: np.ndarray
    y_test: np.ndarray
    n_classes: int

    def __post_init__(self):
        self.outputs = outputs(self.trained.model, self.X_test)
        self.predicted = self.outputs.argmax(axis=1)

    @property
    def accuracy(self):
        """Test accuracy (0–1)."""
        return accuracy(self.y_test, self.predicted)

    def table(self):
        """Mean output per (true class, output neuron)."""
        return mean_output_table(self.outputs, self.y_test, self.n_classes)

    def confusion(self):
        """Count confusion matrix on the test set."""
        return confusion(self.y_test, self.predicted, self.n_classes)

    def where_sent(self, category):
        """Counts of predicted classes for the test samples of ``category``."""
        return where_sent(self.y_test, self.predicted, category, self.n_classes)

    def hole_summary(self, hole):
        """The chapter's hole facts for class ``hole``, as a dict of plain numbers."""
        sent = self.where_sent(hole)
        return {"predicted_as_hole": int(np.sum(self.predicted == hole)),
                "max_hole_output": float(self.outputs[:, hole].max()),
                "multi_fire": int(np.sum((self.outputs > 0.5).sum(axis=1) >= 2)),
                "none_fire": int(np.sum((self.outputs > 0.5).sum(axis=1) == 0)),
                "sent_to": {int(c): int(n) for c, n in enumerate(sent) if n}}


def _streams(seed, k):
    return [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(k)]


def pixel_experiment(n_train=10_000, n_test=1_000, holes=(), head="sigmoid", hidden=16,
                     add_back=None, seed=0, **train_kw):
    """Train the four-pixel network on random images without ``holes``; test on all 16.

    ``add_back`` maps a hole category to a number of its samples put back into the
    training set. The test set depends only on ``seed`` and ``n_test``, so runs
    with different holes are compared on the same test images. Returns a :class:`Run`.
    Runs are remembered: the same arguments return a copy of the same Run without
    retraining (``pixel_experiment.cache_clear()`` forgets them), so changing a result
    never changes what the next call returns.
    """
    add_back = {} if add_back is None else check.mapping(add_back, "add_back")
    unknown = set(train_kw) - {"epochs", "lr"}
    if unknown:
        raise ValueError(f"pixel_experiment got unknown options {sorted(unknown)}; it passes on epochs and lr")
    if "epochs" in train_kw:
        train_kw["epochs"] = check.steps(train_kw["epochs"], "epochs")
    if "lr" in train_kw:
        train_kw["lr"] = check.number_in(train_kw["lr"], "lr", 0, 10, low_open=True)
    add_back = tuple(sorted((pixels.check_category(c, "add_back category"),
                             check.size(k, "add_back count")) for c, k in add_back.items()))
    return copy.deepcopy(_pixel_experiment(
        check.size(n_train, "n_train"), check.size(n_test, "n_test", minimum=1),
        pixels.check_categories(holes, "holes"), check.one_of(head, "head", HEADS),
        _hidden_sizes(hidden), add_back, check_seed(seed), tuple(sorted(train_kw.items()))))


@lru_cache(maxsize=64)
def _pixel_experiment(n_train, n_test, holes, head, hidden, add_back, seed, train_kw):
    train_rng, test_rng = _streams(seed, 2)
    X, y = pixels.sample(n_train, holes, rng=train_rng)
    for category, k in add_back:
        Xk, yk = pixels.copies(category, k)
        X, y = np.concatenate([X, Xk]), np.concatenate([y, yk])
    X_test, y_test = pixels.sample(n_test, rng=test_rng)
    trained = train(X, y, pixels.N_CATEGORIES, hidden, head, seed=seed, **dict(train_kw))
    return Run(trained, X_test, y_test, pixels.N_CATEGORIES)


pixel_experiment.cache_clear = _pixel_experiment.cache_clear


def close_hole(ks, hole=4, **experiment_kw):
    """Put back ``k`` samples of the hole for each ``k`` in ``ks``; one :class:`Run` each."""
    hole = pixels.check_category(hole, "hole")
    ks = [check.size(k, "k") for k in check.iterable(ks, "ks")]
    return [pixel_experiment(holes=[hole], add_back={hole: k}, **experiment_kw) for k in ks]


def digits_experiment(drop=None, hidden=32, head="softmax", seed=0, epochs=200, lr=0.05):
    """Train a small network on the 8×8 digits, optionally without digit ``drop``.

    Uses the stratified split of :func:`flywheel_lab.digits.train_test_split`; the
    test set always holds every digit. Returns a :class:`Run`.
    """
    from . import digits
    X_train, X_test, y_train, y_test = digits.train_test_split(seed=seed)
    if drop is not None:
        keep = y_train != check.whole_number(drop, "drop", 0, digits.N_CLASSES - 1)
        X_train, y_train = X_train[keep], y_train[keep]
    trained = train(X_train, y_train, digits.N_CLASSES, hidden, head, epochs, lr, seed)
    return Run(trained, X_test, y_test, digits.N_CLASSES)


def hole_survey(hole=4, seeds=range(5), **experiment_kw):
    """Retrain with one ``hole`` for each seed; the hole facts of each run, with its seed."""
    hole = pixels.check_category(hole, "hole")
    seeds = check.seeds(seeds)
    return [{"seed": seed, **pixel_experiment(holes=[hole], seed=seed, **experiment_kw).hole_summary(hole)}
            for seed in seeds]
