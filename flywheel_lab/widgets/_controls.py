"""Controls a screen reader can name and a keyboard can move (WCAG 2.1: 2.1.1, 2.4.7, 4.1.2).

ipywidgets 8 draws a slider as a ``<div role="slider">`` with no accessible name (its
description is a ``<label>`` tied to nothing), and nothing announces a widget's new drawing.
These two small widgets (anywidget: a front-end module inline, no extension to build) use what
the browser already makes accessible:

* :class:`FloatSlider` / :class:`IntSlider`: an ``<input type="range">`` named by a ``<label
  for=…>``; arrows, Page Up/Down, Home and End move it; its readout is also its
  ``aria-valuetext`` ("1.0 %", not "0.01"); a visible focus ring.
* :class:`Announcer`: a ``role="status"`` region, hidden from sight, whose text a screen
  reader reads out politely each time it changes (a widget's new figure description).

Both keep the traits the rest of the package uses (``value``, ``min``, ``max``, ``step``,
``description``, ``continuous_update``), so tests drive them without a browser.
"""

import anywidget
import traitlets

_SLIDER_JS = """
function fmt(model, v) {
  const f = model.get("readout_format") || "";
  const m = /\\.(\\d+)([f%])$/.exec(f);
  if (m && m[2] === "%") return (v * 100).toFixed(+m[1]) + " %";
  if (m) return Number(v).toFixed(+m[1]);
  return String(v);
}
function render({ model, el }) {
  const id = "fw-slider-" + Math.random().toString(36).slice(2, 10);
  el.classList.add("fw-slider");
  // keys pressed on the slider move it: JupyterLab must not take them as notebook shortcuts
  el.setAttribute("data-lm-suppress-shortcuts", "true");
  const label = document.createElement("label");
  label.htmlFor = id;
  const input = document.createElement("input");
  input.type = "range";
  input.id = id;
  const readout = document.createElement("output");
  readout.setAttribute("for", id);
  readout.setAttribute("aria-hidden", "true");
  el.append(label, input, readout);
  const show = () => {
    label.textContent = model.get("description");
    input.min = model.get("min");
    input.max = model.get("max");
    input.step = model.get("step");
    input.value = model.get("value");
    input.disabled = model.get("disabled");
    const text = fmt(model, model.get("value"));
    input.setAttribute("aria-valuetext", text);
    readout.textContent = text;
  };
  const send = () => {
    model.set("value", Number(input.value));
    model.save_changes();
  };
  input.addEventListener("input", () => {
    readout.textContent = fmt(model, Number(input.value));
    if (model.get("continuous_update")) send();
  });
  input.addEventListener("change", send);
  input.addEventListener("keydown", (event) => event.stopPropagation());
  for (const name of ["value", "min", "max", "step", "description", "disabled", "readout_format"]) {
    model.on("change:" + name, show);
  }
  show();
}
export default { render };
"""

_SLIDER_CSS = """
.fw-slider { display: flex; align-items: center; gap: 8px; box-sizing: border-box;
             color: var(--jp-widgets-label-color, var(--jp-ui-font-color1, #1a1a1a)); }
.fw-slider label { white-space: nowrap; }
.fw-slider input[type=range] { flex: 1 1 auto; min-width: 100px; accent-color: #0072B2; }
.fw-slider input[type=range]:focus-visible { outline: 3px solid #0072B2; outline-offset: 2px; }
.fw-slider output { min-width: 4.5em; font-variant-numeric: tabular-nums; }
"""

_ANNOUNCER_JS = """
function render({ model, el }) {
  const box = document.createElement("div");
  box.setAttribute("role", "status");
  box.setAttribute("aria-live", "polite");
  box.setAttribute("aria-atomic", "true");
  box.className = "fw-announce";
  el.append(box);
  const show = () => { box.textContent = model.get("text"); };
  model.on("change:text", show);
  show();
}
export default { render };
"""

_ANNOUNCER_CSS = """
.fw-announce { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0;
               overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
"""


class FloatSlider(anywidget.AnyWidget):
    """A named, keyboard-operable slider for a float (the browser's own range input)."""

    _esm = _SLIDER_JS
    _css = _SLIDER_CSS
    value = traitlets.Float(0.0).tag(sync=True)
    min = traitlets.Float(0.0).tag(sync=True)
    max = traitlets.Float(1.0).tag(sync=True)
    step = traitlets.Float(0.1).tag(sync=True)
    description = traitlets.Unicode("").tag(sync=True)
    readout_format = traitlets.Unicode(".2f").tag(sync=True)
    continuous_update = traitlets.Bool(True).tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)

    def __init__(self, value=None, min=None, max=None, **kwargs):
        bounds = {k: v for k, v in (("min", min), ("max", max)) if v is not None}
        super().__init__(**bounds, **kwargs)   # the range first, so the value is clamped to it
        if value is not None:
            self.value = value

    @traitlets.validate("value")
    def _clamp(self, proposal):
        return type(self.min)(max(self.min, min(self.max, proposal["value"])))

    def __repr__(self):
        return f"{type(self).__name__}(description={self.description!r}, value={self.value!r})"


class IntSlider(FloatSlider):
    """A named, keyboard-operable slider for a whole number."""

    value = traitlets.Int(0).tag(sync=True)
    min = traitlets.Int(0).tag(sync=True)
    max = traitlets.Int(100).tag(sync=True)
    step = traitlets.Int(1).tag(sync=True)
    readout_format = traitlets.Unicode("d").tag(sync=True)


class Announcer(anywidget.AnyWidget):
    """Text read out politely by screen readers whenever it changes; not shown on screen."""

    _esm = _ANNOUNCER_JS
    _css = _ANNOUNCER_CSS
    text = traitlets.Unicode("").tag(sync=True)
