"""The whole flywheel: customers join over the weeks, the funnel picks what to label, the model retrains.

Each week every customer who has joined sends ``images_per_week`` images drawn
from its own class mix (three everyday digits and rare cases of the others),
with duplicates and broken frames. Broken frames are dropped on the device, a
*strategy* picks ``weekly_budget`` images to label (``random``, or any strategy of
:mod:`flywheel_lab.coverage`), and the model is retrained on everything labelled.
Each week records every customer's *measured* accuracy (on that customer's own
mix), the *real* accuracy (balanced over all ten digits), the coverage bits
(:func:`flywheel_lab.funnel.new_bits`: the digit images are cut into
``funnel.N_CELLS`` = 64 cells of similar handwriting, and each cell holding a
labelled image counts 6/64 bit, so at most log2 64 = 6 bits; more than log2 10
because the cells are finer than the ten digits), the digits covered (those with
at least ``COVERED_AT`` = 3 labelled images), and the money spent.

For the four-pixel world, :func:`expected_days_to_cover` gives the exact number
of days needed to see all 16 categories when each day we may pick 1 of
``pool_size`` random images: 16·H₁₆ ≈ 54.09 at random (pool of 1), and down to
the ideal of 16 days when every pick is a new category.
"""

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from . import _validate as check
from . import coverage, digits, funnel
from .seeding import as_rng, check_seed

STRATEGIES = coverage.STRATEGIES
COMMON_PER_CUSTOMER = 3
JOIN_EVERY = 3          # weeks between two customers joining
COVERED_AT = 3          # a digit counts as covered once this many of its images are labelled
MAX_WEEKS = 520         # ten years of weeks; each week retrains a model (~0.1 s)
MAX_IMAGES = 10_000     # images a customer sends in a week
MAX_BUDGET = 10_000     # labels bought in a week


@dataclass(frozen=True)
class Customer:
    """A customer: the week it joins and its own mix of the ten digits."""

    name: str
    join_week: int
    mix: np.ndarray

    def common(self):
        """The digits this customer sees most."""
        return np.flatnonzero(self.mix >= self.mix.max() - 1e-12)


def make_customers(n_customers=3, join_every=JOIN_EVERY, rare_weight=0.03, seed=0):
    """``n_customers`` customers, one joining every ``join_every`` weeks, each with 3 everyday digits.

    ``rare_weight`` is the weight of each other digit *relative to an everyday digit's 1*
    before the mix is normalised: with the default 0.03, each everyday digit gets
    1 / 3.21 ≈ 31.2 % of a customer's images and each rare digit 0.03 / 3.21 ≈ 0.9 %
    (``Customer.mix`` holds the shares). The first customers are the same whatever
    ``n_customers`` is (same seed).
    """
    n_customers = check.whole_number(n_customers, "n_customers", 1, 10)
    join_every = check.whole_number(join_every, "join_every", 0, MAX_WEEKS)
    rare_weight = check.number_in(rare_weight, "rare_weight", 0, 1)
    rng = as_rng(seed=check_seed(seed))
    out = []
    for k in range(n_customers):
        mix = np.full(digits.N_CLASSES, rare_weight)
        mix[rng.choice(digits.N_CLASSES, COMMON_PER_CUSTOMER, replace=False)] = 1.0
        out.append(Customer(f"customer {chr(65 + k)}", k * join_every, mix / mix.sum()))
    return out


@dataclass(frozen=True)
class History:
    """Week-by-week record of one flywheel run (arrays indexed by week)."""

    strategy: str
    customers: list
    measured: np.ndarray      # weeks × customers (nan before a customer joins)
    real: np.ndarray          # balanced accuracy over all ten digits
    bits: np.ndarray          # coverage bits held: cells holding a labelled image × 6/64 (at most 6)
    covered: np.ndarray       # digits with at least COVERED_AT labelled images
    labels: np.ndarray        # labels held
    cost: np.ndarray          # cumulative money spent
    per_digit: np.ndarray     # labelled images of each digit at the end


def measured_accuracy(recall, mix):
    """Accuracy a customer measures: per-digit recall weighted by the customer's own mix."""
    from .accuracy import measured_accuracy as weighted
    return weighted(mix, np.nan_to_num(np.asarray(recall, dtype=float)))


def _week_stream(customers, week, images, rng):
    """This week's images from every customer who has joined, broken frames dropped on the device."""
    parts = [funnel.make_stream(images, c.mix, rng=rng) for c in customers if c.join_week <= week]
    X = np.concatenate([p.X for p in parts])
    y = np.concatenate([p.y for p in parts])
    keep = ~funnel.looks_corrupted(X)
    return X[keep], y[keep], len(X)


def _week_cost(collected, bought, trained, costs):
    """Money for one week: everything is collected and scored; the chosen ones travel on."""
    counts = {"collect": collected, "inference": collected, "communicate": bought,
              "store": bought, "label": bought, "train": trained}
    return sum(funnel.stage_costs(counts, costs).values())


def simulate(strategy="kcenter", weekly_budget=20, n_customers=3, weeks=12, images_per_week=100,
             join_every=JOIN_EVERY, costs=None, seed=0):
    """Run the flywheel for ``weeks`` weeks and return its :class:`History`.

    Week 0 buys random labels (there is no model to score with yet); from then on
    ``strategy`` chooses. Bad values raise ValueError (a negative budget, an unknown
    strategy — the message lists the valid names).
    """
    check.one_of(strategy, "strategy", STRATEGIES)
    args = (strategy, check.whole_number(weekly_budget, "weekly_budget", 0, MAX_BUDGET, check.WHY_SAMPLES),
            check.whole_number(n_customers, "n_customers", 1, 10), check.steps(weeks, "weeks", maximum=MAX_WEEKS),
            check.whole_number(images_per_week, "images_per_week", 1, MAX_IMAGES, check.WHY_SAMPLES),
            check.whole_number(join_every, "join_every", 0, MAX_WEEKS), check_seed(seed))
    costs = None if costs is None else funnel.check_costs(costs)
    return _run(*args) if costs is None else _run.__wrapped__(*args, costs)


@lru_cache(maxsize=32)
def _run(strategy, budget, n_customers, weeks, images, join_every, seed, costs=None):
    """The loop behind :func:`simulate` (runs with the default prices are remembered: a widget
    showing the notebook's default run does not compute it twice)."""
    customers = make_customers(n_customers, join_every, seed=seed)
    rng, w = as_rng(seed=seed), funnel.world()
    X_held, y_held = np.zeros((0, w.X_pool.shape[1])), np.zeros(0, dtype=np.int64)
    model, rows, spent = None, [], 0.0
    with digits.blas_controller().limit(limits=1):   # small matrices: threaded BLAS only waits
        for week in range(weeks):
            X, y, collected = _week_stream(customers, week, images, rng)
            rule = "random" if model is None else strategy
            pick = funnel.choose(rule, X, X_held, budget, model, rng=rng) if len(X) else np.zeros(0, int)
            X_held, y_held = np.concatenate([X_held, X[pick]]), np.concatenate([y_held, y[pick]])
            bits = funnel.new_bits(X_held[:0], X_held)
            model = funnel.fit(X_held, y_held) if len(y_held) else None
            spent += _week_cost(collected, pick.size, len(y_held), costs)
            rows.append(_record(model, customers, week, y_held, bits, spent, w))
    fields = [np.array(f) for f in zip(*rows)] + [np.bincount(y_held, minlength=digits.N_CLASSES)]
    for f in fields + [c.mix for c in customers]:
        f.setflags(write=False)          # a remembered run must not be changed by its users
    return History(strategy, customers, *fields)


def _record(model, customers, week, y_held, bits, spent, w):
    """One week's row: measured accuracy per customer, real accuracy, bits, digits covered, labels, cost."""
    recall = (digits.per_class_recall(w.y_test, funnel.predict(model, w.X_test)) if model is not None
              else np.zeros(digits.N_CLASSES))
    measured = [measured_accuracy(recall, c.mix) if c.join_week <= week else np.nan for c in customers]
    covered = int(np.sum(np.bincount(y_held, minlength=digits.N_CLASSES) >= COVERED_AT))
    return measured, float(np.mean(recall)), bits, covered, len(y_held), spent


def compare(strategies=("random", "kcenter"), seed=0, **options):
    """One :class:`History` per strategy, all with the same customers and seed."""
    strategies = [check.one_of(s, "each strategy", STRATEGIES) for s in check.iterable(strategies, "strategies")]
    return {s: simulate(s, seed=seed, **options) for s in strategies}


def _check_histories(histories):
    """``histories`` if it is a dict of name: :class:`History`, as :func:`compare` returns."""
    check.mapping(histories, "histories")
    if not all(isinstance(h, History) for h in histories.values()):
        raise ValueError("histories must map names to the History of simulate, as compare returns")
    return histories


def _first_week(real, level):
    """The first week whose real accuracy reaches ``level`` (``None`` if none does)."""
    reached = np.flatnonzero(np.asarray(real) >= level - 1e-12)
    return int(reached[0]) if reached.size else None


def summary(histories, usable=None):
    """A fixed-width text table of the last week of each run (rounded for identical printing).

    Columns: labels bought, money spent, real accuracy, coverage cells and bits, digits
    covered and dollars per bit, with a note on what cells, bits and "covered" mean.
    With ``usable`` (a real accuracy from 0 to 1, e.g. 0.8 for a launch study), the money
    columns give way to the real accuracy at launch (week 0) and the first week the real
    accuracy reaches ``usable``.
    """
    _check_histories(histories)
    if usable is not None:
        usable = check.number_in(usable, "usable", 0, 1, low_open=True)   # 0: every run is usable at once
    cells_of = funnel.N_CELLS / np.log2(funnel.N_CELLS)          # cells per bit
    head = f"{'run':<18}{'labels':>7}"
    head += (f"{'cost $':>9}{'real acc':>10}" if usable is None else f"{'acc wk 0':>10}{'real acc':>10}")
    head += f"{'cells':>8}{'bits':>7}{'covered':>9}"
    head += f"{'$ per bit':>11}" if usable is None else f"{f'≥ {usable * 100:.0f} % from':>14}"
    lines = [head]
    for name, h in histories.items():
        row = f"{name:<18}{h.labels[-1]:>7d}"
        if usable is None:
            row += f"{h.cost[-1]:>9.2f}{h.real[-1]:>10.3f}"
        else:
            row += f"{h.real[0]:>10.3f}{h.real[-1]:>10.3f}"
        row += (f"{round(h.bits[-1] * cells_of):>5d}/{funnel.N_CELLS}{h.bits[-1]:>7.3f}"
                f"{h.covered[-1]:>6d}/10")
        if usable is None:
            per_bit = h.cost[-1] / h.bits[-1] if h.bits[-1] > 0 else float("inf")
            row += f"{per_bit:>11.1f}"
        else:
            week = _first_week(h.real, usable)
            row += f"{'never' if week is None else f'week {week}':>14}"
        lines.append(row)
    bits_max = np.log2(funnel.N_CELLS)
    lines += [f"cells: handwriting cells (of {funnel.N_CELLS}) holding a labelled image; bits = cells × "
              f"{bits_max:.0f}/{funnel.N_CELLS}, at most log2 {funnel.N_CELLS} = {bits_max:.0f} bits",
              f"covered: digits with at least {COVERED_AT} labelled images"]
    return "\n".join(lines)


def measured_table(histories):
    """Week-by-week text table of the accuracy each customer measures, one block of columns per run.

    A dash marks the weeks before a customer joins; values are rounded to 3 decimals so
    the table prints the same everywhere.
    """
    histories = _check_histories(histories)
    if not histories:
        raise ValueError("measured_table needs at least one run (a dict of name: History)")
    letters = [[c.name.split()[-1] for c in h.customers] for h in histories.values()]
    widths = [7 * len(names) for names in letters]
    lines = ["week |" + "".join(f"{name:^{w}} |" for name, w in zip(histories, widths)),
             "     |" + "".join("".join(f"{n:>7}" for n in names) + " |" for names in letters)]
    for week in range(max(len(h.measured) for h in histories.values())):
        cells = ("".join("      -" if np.isnan(v) else f"{v:7.3f}" for v in h.measured[week]) + " |"
                 for h in histories.values())
        lines.append(f"{week:>4} |" + "".join(cells))
    return "\n".join(lines)


# ---------------------------------------------------------------- the four-pixel ideal

def expected_days_to_cover(n_categories=16, pool_size=1):
    """Exact expected days to see all categories, picking a new one whenever today's pool holds one.

    Each day ``pool_size`` random images (equally likely categories) arrive and we
    keep one, an unseen category if any. With ``j`` categories seen, a day brings a
    new one with probability ``1 − (j/n)^pool_size``, so the expected number of days
    is the sum of ``1 / (1 − (j/n)^pool_size)`` for j = 0 … n − 1. A pool of 1 is
    random collection (n·H_n, the coupon collector); a huge pool tends to n days.
    """
    n = check.size(n_categories, "n_categories", minimum=1)
    m = check.whole_number(pool_size, "pool_size", minimum=1)
    seen = np.arange(n) / n
    return float(np.sum(1.0 / (1.0 - seen ** m)))


def simulate_days_to_cover(n_categories=16, pool_size=1, runs=2000, seed=0):
    """Monte Carlo of :func:`expected_days_to_cover`: days each of ``runs`` runs needed."""
    n = check.whole_number(n_categories, "n_categories", 1, 10_000, check.WHY_SAMPLES)
    m = check.whole_number(pool_size, "pool_size", 1, 10_000, check.WHY_SAMPLES)
    runs = check.whole_number(runs, "runs", 1, check.MAX_STEPS, check.WHY_STEPS)
    if runs * max(n, m) > 10**8:
        raise ValueError(f"runs × max(n_categories, pool_size) must be at most 10**8 ({check.WHY_SAMPLES}), "
                         f"got {runs * max(n, m):,}")
    rng = as_rng(seed=check_seed(seed))
    seen = np.zeros((runs, n), dtype=bool)
    days = np.zeros(runs, dtype=np.int64)
    while not seen.all():
        active = ~seen.all(axis=1)
        pool = rng.integers(n, size=(runs, m))
        fresh = ~np.take_along_axis(seen, pool, axis=1)
        pick = pool[np.arange(runs), np.argmax(fresh, axis=1)]   # a new category if the pool has one
        seen[np.flatnonzero(active), pick[active]] = True
        days += active
    return days
