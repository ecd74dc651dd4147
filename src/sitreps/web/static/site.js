// Every page: on a narrow screen the navigation folds behind a Menu button (without script it stays open).
"use strict";

(function () {
  const button = document.querySelector(".menu-button");
  const header = document.querySelector("header.top");
  if (!button || !header) return;
  button.hidden = false;
  header.classList.add("foldable");
  button.addEventListener("click", function () {
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    header.classList.toggle("open", open);
  });
})();

// A table wider than the screen scrolls in place; it takes the keyboard focus so it can be scrolled
// without a pointer.
(function () {
  function mark() {
    document.querySelectorAll("main table").forEach(function (table) {
      if (table.scrollWidth > table.clientWidth + 1) table.setAttribute("tabindex", "0");
      else table.removeAttribute("tabindex");
    });
  }
  mark();
  window.addEventListener("resize", mark);
})();
