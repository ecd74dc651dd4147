// Timelines: drag across one to see only that span of dates (the page reloads with since/until set, its
// other filters kept); the date fields above do the same from the keyboard.
"use strict";

(function () {
  document.querySelectorAll("svg.timeline").forEach(function (svg) {
    const domain = svg.querySelector("g.domain");
    if (!domain) return;
    const first = Date.parse(domain.dataset.first), last = Date.parse(domain.dataset.last);
    const left = Number(domain.dataset.left), right = Number(domain.dataset.right);
    const box = svg.viewBox.baseVal;
    const band = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    band.setAttribute("class", "brush"); band.setAttribute("y", "0"); band.setAttribute("height", String(box.height));
    band.setAttribute("fill", "#1f5fa8"); band.setAttribute("fill-opacity", "0.15"); band.setAttribute("width", "0");
    svg.appendChild(band);
    function x(event) {
      const r = svg.getBoundingClientRect();
      return Math.min(right, Math.max(left, box.x + (event.clientX - r.left) / r.width * box.width));
    }
    function day(at) {
      return new Date(first + (at - left) / (right - left) * (last - first)).toISOString().slice(0, 10);
    }
    let start = null;
    svg.addEventListener("pointerdown", function (event) {
      if (event.target.closest("a")) return;  // a dot is a link: follow it
      start = x(event);
      svg.setPointerCapture(event.pointerId);
    });
    svg.addEventListener("pointermove", function (event) {
      if (start === null) return;
      const now = x(event);
      band.setAttribute("x", String(Math.min(start, now)));
      band.setAttribute("width", String(Math.abs(now - start)));
    });
    svg.addEventListener("pointerup", function (event) {
      if (start === null) return;
      const end = x(event), from = Math.min(start, end), to = Math.max(start, end);
      start = null;
      if (to - from < 4) { band.setAttribute("width", "0"); return; }  // a click, not a drag
      const params = new URLSearchParams(location.search);
      params.set("since", day(from)); params.set("until", day(to)); params.delete("page");
      location.search = params.toString();
    });
  });
})();
