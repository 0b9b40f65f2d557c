"""Importing the package is cheap and has no side effects; seeding is explicit."""

import subprocess
import sys

import numpy as np
import pytest

from flywheel_lab import seeding

HEAVY = ("torch", "sklearn", "seaborn", "pandas", "matplotlib.pyplot")


def run_python(code):
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_import_loads_nothing_heavy():
    code = ("import sys, flywheel_lab, flywheel_lab.information, flywheel_lab.plots, "
            "flywheel_lab.widgets; print(sorted(m for m in %r if m in sys.modules))" % (HEAVY,))
    assert run_python(code) == "[]"


def test_networks_need_no_scikit_learn():
    """Notebook 06's kernel (networks on the 16 images and on the digits, heatmaps) stays light:
    no scikit-learn, seaborn or pandas, about 100 MiB each kernel does not hold (issue 24)."""
    code = ("import sys, matplotlib; matplotlib.use('Agg')\n"
            "from flywheel_lab import collection, models, pixels, plots, widgets\n"
            "from flywheel_lab.plots import pixels as pixel_plots\n"
            "run = models.digits_experiment(seed=0, epochs=2)\n"
            "pixel_plots.plot_confusion(run.confusion())\n"
            "print(sorted(m for m in ('sklearn', 'seaborn', 'pandas', 'scipy.stats') if m in sys.modules))")
    assert run_python(code) == "[]"


def test_import_changes_nothing_global():
    """Importing every submodule leaves matplotlib settings and global random state alone."""
    code = ("import importlib, pkgutil, random, numpy as np, matplotlib as mpl\n"
            "before = (dict(mpl.rcParams), np.random.get_state()[1].sum(), random.getstate())\n"
            "import flywheel_lab\n"
            "for pkg in ('flywheel_lab', 'flywheel_lab.plots', 'flywheel_lab.widgets'):\n"
            "    for info in pkgutil.iter_modules(importlib.import_module(pkg).__path__):\n"
            "        importlib.import_module(pkg + '.' + info.name)\n"
            "after = (dict(mpl.rcParams), np.random.get_state()[1].sum(), random.getstate())\n"
            "print(before == after)")
    assert run_python(code) == "True"


def test_lazy_attribute_errors():
    import flywheel_lab
    with pytest.raises(AttributeError):
        flywheel_lab.no_such_module


def test_set_seed_seeds_numpy_and_says_so(capsys):
    rng = seeding.set_seed(7, torch=False)
    assert "7" in capsys.readouterr().out
    first = np.random.random()
    seeding.set_seed(7, torch=False)
    assert np.random.random() == first
    assert isinstance(rng, np.random.Generator)


def test_set_seed_seeds_torch(capsys):
    torch = pytest.importorskip("torch")
    seeding.set_seed(3, torch=True)
    a = torch.rand(3)
    seeding.set_seed(3, torch=True)
    assert torch.equal(a, torch.rand(3))
    assert "torch" in capsys.readouterr().out


@pytest.mark.parametrize("bad", [-1, 2**32, 1.5, "1", True])
def test_bad_seeds(bad):
    with pytest.raises(ValueError, match="seed"):
        seeding.check_seed(bad)


def test_as_rng():
    assert seeding.as_rng(seed=5).integers(100) == np.random.default_rng(5).integers(100)
    g = np.random.default_rng(1)
    assert seeding.as_rng(g) is g
    with pytest.raises(ValueError, match="Generator"):
        seeding.as_rng(rng=np.random.RandomState(0))
