// Maps: zoom and pan over the shipped base map (no tiles from the network). Buttons for the keyboard and
// touch, the wheel and dragging for a mouse. The drawing is the server's SVG; only its viewBox changes.
"use strict";

(function () {
  document.querySelectorAll("figure.map svg.map").forEach(function (svg) {
    const home = svg.getAttribute("viewBox").split(/\s+/).map(Number);
    let box = home.slice();
    function show() { svg.setAttribute("viewBox", box.map(function (n) { return n.toFixed(1); }).join(" ")); }
    function zoom(factor, cx, cy) {
      cx = cx === undefined ? box[0] + box[2] / 2 : cx;
      cy = cy === undefined ? box[1] + box[3] / 2 : cy;
      const w = Math.min(home[2], Math.max(home[2] / 40, box[2] * factor));
      const h = w * home[3] / home[2];
      box = [cx - (cx - box[0]) * w / box[2], cy - (cy - box[1]) * h / box[3], w, h];
      show();
    }
    function pan(dx, dy) { box[0] += dx * box[2]; box[1] += dy * box[3]; show(); }

    const bar = document.createElement("div");
    bar.className = "map-controls";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "map view");
    [["+", "Zoom in", function () { zoom(0.5); }], ["−", "Zoom out", function () { zoom(2); }],
     ["←", "Pan west", function () { pan(-0.25, 0); }], ["→", "Pan east", function () { pan(0.25, 0); }],
     ["↑", "Pan north", function () { pan(0, -0.25); }], ["↓", "Pan south", function () { pan(0, 0.25); }],
     ["Reset", "Show the whole map", function () { box = home.slice(); show(); }]].forEach(function (spec) {
      const button = document.createElement("button");
      button.type = "button"; button.textContent = spec[0]; button.setAttribute("aria-label", spec[1]);
      button.title = spec[1];
      button.addEventListener("click", spec[2]);
      bar.appendChild(button);
    });
    svg.parentNode.insertBefore(bar, svg);

    function point(event) {
      const r = svg.getBoundingClientRect();
      return [box[0] + (event.clientX - r.left) / r.width * box[2], box[1] + (event.clientY - r.top) / r.height * box[3]];
    }
    svg.addEventListener("wheel", function (event) {
      event.preventDefault();
      const at = point(event);
      zoom(event.deltaY < 0 ? 0.8 : 1.25, at[0], at[1]);
    }, { passive: false });
    let drag = null;
    svg.addEventListener("pointerdown", function (event) {
      if (event.target.closest("a")) return;  // a circle is a link: let it be followed
      drag = { x: event.clientX, y: event.clientY, box: box.slice() };
      svg.setPointerCapture(event.pointerId);
    });
    svg.addEventListener("pointermove", function (event) {
      if (!drag) return;
      const r = svg.getBoundingClientRect();
      box[0] = drag.box[0] - (event.clientX - drag.x) / r.width * box[2];
      box[1] = drag.box[1] - (event.clientY - drag.y) / r.height * box[3];
      show();
    });
    svg.addEventListener("pointerup", function () { drag = null; });
  });
})();
