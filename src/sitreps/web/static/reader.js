// The reader: Ctrl+Enter (Cmd+Enter) on a selection opens the correction form; the side panel and the
// text scroll to each other; checkboxes show or hide highlight kinds. Offsets are those of the article's
// cleaned text: every run of text sits in a <span data-s="offset">.
"use strict";

(function () {
  const text = document.getElementById("article-text");
  const dialog = document.getElementById("correction-dialog");
  if (!text || !dialog) return;
  const form = document.getElementById("correction-form");
  const fields = JSON.parse(document.getElementById("correction-fields").textContent);

  function segmentOf(node) {
    while (node && node !== text) {
      if (node.nodeType === 1 && node.hasAttribute("data-s")) return node;
      node = node.parentNode;
    }
    return null;
  }

  function segmentsIn(node) {
    if (!node) return [];
    if (node.nodeType === 1 && node.hasAttribute("data-s")) return [node];
    return node.nodeType === 1 ? Array.from(node.querySelectorAll("[data-s]")) : [];
  }

  // The character offset of a range boundary (container, offset) in the article's text.
  function offsetOf(container, offset, atEnd) {
    if (container.nodeType === 3) {
      const seg = segmentOf(container);
      return seg ? Number(seg.dataset.s) + offset : null;
    }
    const children = container.childNodes;
    if (atEnd) {
      for (let i = Math.min(offset, children.length) - 1; i >= 0; i--) {
        const segs = segmentsIn(children[i]);
        if (segs.length) { const last = segs[segs.length - 1]; return Number(last.dataset.s) + last.textContent.length; }
      }
      const seg = segmentOf(container);
      return seg ? Number(seg.dataset.s) : 0;
    }
    for (let i = offset; i < children.length; i++) {
      const segs = segmentsIn(children[i]);
      if (segs.length) return Number(segs[0].dataset.s);
    }
    const seg = segmentOf(container);
    return seg ? Number(seg.dataset.s) + seg.textContent.length : null;
  }

  function selectedPassage() {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    if (!text.contains(range.commonAncestorContainer)) return null;
    const start = offsetOf(range.startContainer, range.startOffset, false);
    const end = offsetOf(range.endContainer, range.endOffset, true);
    if (start === null || end === null || end <= start) return null;
    // Items under the selection, best first: the one whose span the selection matches most closely
    // (overlap over union), so selecting a figure inside an event's sentence picks the figure.
    const overlap = {}, extent = {};
    text.querySelectorAll("[data-items]").forEach(function (seg) {
      const s = Number(seg.dataset.s), e = s + seg.textContent.length;
      const shared = Math.max(0, Math.min(e, end) - Math.max(s, start));
      seg.dataset.items.split(" ").forEach(function (id) {
        extent[id] = (extent[id] || 0) + (e - s);
        if (shared > 0) overlap[id] = (overlap[id] || 0) + shared;
      });
    });
    const score = function (id) { return overlap[id] / (extent[id] + (end - start) - overlap[id]); };
    const items = Object.keys(overlap).sort(function (a, b) { return score(b) - score(a); });
    return { start: start, end: end, text: range.toString(), items: items };
  }

  function fillFields() {
    const choice = form.elements.choice;
    const component = choice.options[choice.selectedIndex].dataset.component;
    const select = form.elements.field;
    select.replaceChildren();
    const blank = document.createElement("option");
    blank.value = ""; blank.textContent = "(not a single field)";
    select.appendChild(blank);
    (fields[component] || []).forEach(function (name) {
      const option = document.createElement("option");
      option.value = name; option.textContent = name.replace(/_/g, " ");
      select.appendChild(option);
    });
  }

  function chooseFor(items) {
    const kinds = { F: "wrong-figure", E: "wrong-event", C: "wrong-claim", A: "wrong-actor", P: "wrong-place", T: "wrong-date" };
    return items.length ? (kinds[items[0][0]] || "missing-figure") : "missing-figure";
  }

  function openForm(passage) {
    if (form) {
      form.elements.start.value = passage.start;
      form.elements.end.value = passage.end;
      form.elements.text.value = passage.text;
      const itemSelect = form.elements.item_id;
      itemSelect.replaceChildren();
      const none = document.createElement("option");
      none.value = ""; none.textContent = "(none: the passage itself)";
      itemSelect.appendChild(none);
      passage.items.forEach(function (id) {
        const entry = document.getElementById("panel-" + id);
        const option = document.createElement("option");
        option.value = id;
        option.textContent = id + (entry ? " · " + entry.querySelector(".goto").textContent : "");
        itemSelect.appendChild(option);
      });
      if (passage.items.length) itemSelect.value = passage.items[0];
      form.elements.choice.value = chooseFor(passage.items);
      fillFields();
    }
    dialog.showModal();
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
    if (dialog.open) return;
    const passage = selectedPassage();
    if (!passage) return;
    event.preventDefault();
    openForm(passage);
  });

  if (form) form.elements.choice.addEventListener("change", fillFields);
  dialog.querySelectorAll(".cancel").forEach(function (button) {
    button.addEventListener("click", function () { dialog.close(); });
  });

  // Panel -> text: scroll to the item's first span and flash it; text -> panel: show the entry.
  function flash(ids) {
    text.querySelectorAll(".flash").forEach(function (el) { el.classList.remove("flash"); });
    text.querySelectorAll("[data-items]").forEach(function (seg) {
      if (seg.dataset.items.split(" ").some(function (id) { return ids.includes(id); })) seg.classList.add("flash");
    });
  }
  document.querySelectorAll(".panel .goto").forEach(function (link) {
    link.addEventListener("click", function (event) {
      const id = link.parentNode.dataset.item;
      const anchor = document.getElementById("item-" + id);
      if (!anchor) return;
      event.preventDefault();
      anchor.nextElementSibling && anchor.nextElementSibling.scrollIntoView({ block: "center", behavior: "smooth" });
      flash([id]);
      history.replaceState(null, "", "#item-" + id);
    });
  });
  text.addEventListener("click", function (event) {
    const seg = event.target.closest("[data-items]");
    if (!seg || !window.getSelection().isCollapsed) return;
    const ids = seg.dataset.items.split(" ");
    const entry = document.getElementById("panel-" + ids[0]);
    if (!entry) return;
    entry.closest("details").open = true;
    entry.scrollIntoView({ block: "nearest", behavior: "smooth" });
    document.querySelectorAll(".panel li.current").forEach(function (li) { li.classList.remove("current"); });
    ids.forEach(function (id) { const li = document.getElementById("panel-" + id); if (li) li.classList.add("current"); });
    flash(ids);
  });

  // Corrections table: show the passage in the text.
  document.querySelectorAll("a.passage").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      const start = Number(link.dataset.start);
      const segs = Array.from(text.querySelectorAll("[data-s]"));
      const seg = segs.reverse().find(function (s) { return Number(s.dataset.s) <= start; });
      if (seg) seg.scrollIntoView({ block: "center", behavior: "smooth" });
    });
  });

  // Highlight kinds on and off.
  document.querySelectorAll(".toggles input[data-kind]").forEach(function (box) {
    box.addEventListener("change", function () { text.classList.toggle("hide-" + box.dataset.kind, !box.checked); });
  });

  // Open on an item named in the address (#item-F3).
  if (location.hash.startsWith("#item-")) flash([location.hash.slice(6)]);
})();
