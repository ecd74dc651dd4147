// The reader: the Report button or Ctrl+Enter (Cmd+Enter) on a selection opens the correction form (a tap
// selects a sentence; with nothing selected the form offers the sentences); the side panel and the
// text scroll to each other; checkboxes show or hide highlight kinds. Offsets are those of the article's
// cleaned text: every run of text sits in a <span data-s="offset">.
"use strict";

(function () {
  const text = document.getElementById("article-text");
  const dialog = document.getElementById("correction-dialog");
  if (!text || !dialog) return;
  const form = document.getElementById("correction-form");
  const fields = JSON.parse(document.getElementById("correction-fields").textContent);
  const vocabulary = JSON.parse(document.getElementById("correction-vocabulary").textContent);

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
    // the items under it as passageAt ranks them; the text as the reader selected it
    const passage = passageAt(start, end);
    passage.text = range.toString();
    return passage;
  }

  // The passage between two offsets: its text and the items under it, best first: the one whose span
  // the passage matches most closely (overlap over union), so selecting a figure inside an event's
  // sentence picks the figure.
  function passageAt(start, end) {
    const overlap = {}, extent = {};
    let textOf = "";
    text.querySelectorAll("[data-s]").forEach(function (seg) {
      const s = Number(seg.dataset.s), e = s + seg.textContent.length;
      if (e > start && s < end) textOf += seg.textContent.slice(Math.max(0, start - s), Math.min(e, end) - s);
      if (!seg.dataset.items) return;
      const shared = Math.max(0, Math.min(e, end) - Math.max(s, start));
      seg.dataset.items.split(" ").forEach(function (id) {
        extent[id] = (extent[id] || 0) + (e - s);
        if (shared > 0) overlap[id] = (overlap[id] || 0) + shared;
      });
    });
    const score = function (id) { return overlap[id] / (extent[id] + (end - start) - overlap[id]); };
    const items = Object.keys(overlap).sort(function (a, b) { return score(b) - score(a); });
    return { start: start, end: end, text: textOf, items: items };
  }

  // What is selected: { passage } or { problem } (nothing selected, or a selection outside the text).
  function currentPassage() {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed || !selection.toString().trim()) {
      return { problem: "Nothing is selected: select words in the article's text or tap a sentence, then report it." };
    }
    const range = selection.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) {
      const where = document.querySelector(".reader header");
      const inTitle = where && where.contains(range.startContainer);
      return { problem: (inTitle ? "The selection starts in the title" : "The selection is not inside the article's text") +
               ": only the text below can be corrected. Select words in the text, or tap a sentence." };
    }
    const start = offsetOf(range.startContainer, range.startOffset, false);
    const end = offsetOf(range.endContainer, range.endOffset, true);
    if (start === null || end === null || end <= start) return { problem: "Nothing is selected in the article's text." };
    return { passage: passageAt(start, end) };
  }

  // Select the characters start..end of the text, as a mouse would.
  function selectRange(start, end) {
    const segs = Array.from(text.querySelectorAll("[data-s]"));
    function point(offset, atEnd) {
      let seg = null;
      for (const s of segs) { const o = Number(s.dataset.s); if (o < offset || (!atEnd && o === offset)) seg = s; }
      seg = seg || segs[0];
      const node = seg.firstChild || seg;
      return [node, Math.min(offset - Number(seg.dataset.s), (node.textContent || "").length)];
    }
    const range = document.createRange();
    range.setStart.apply(range, point(start, false));
    range.setEnd.apply(range, point(end, true));
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    return range;
  }

  const feedback = document.getElementById("report-feedback");
  function say(message) { if (feedback) feedback.textContent = message; }

  function fillFields() {
    const choice = form.elements.choice;
    const component = choice.options[choice.selectedIndex].dataset.component;
    const select = form.elements.field;
    const keep = select.dataset.selected || select.value;
    select.replaceChildren();
    const blank = document.createElement("option");
    blank.value = ""; blank.textContent = "(not a single field)";
    select.appendChild(blank);
    (fields[component] || []).forEach(function (name) {
      const option = document.createElement("option");
      option.value = name; option.textContent = name.replace(/_/g, " ");
      select.appendChild(option);
    });
    if (keep && (fields[component] || []).includes(keep)) select.value = keep;
    select.dataset.selected = "";
    fillValues();
  }

  // The values the chosen field may take (the report's vocabulary), offered as the analyst types.
  function fillValues() {
    const list = document.getElementById("value-choices");
    if (!list) return;
    const choice = form.elements.choice;
    const component = choice.options[choice.selectedIndex].dataset.component;
    const known = (vocabulary[component] || {})[form.elements.field.value] || [];
    list.replaceChildren();
    known.forEach(function (value) { const option = document.createElement("option"); option.value = value; list.appendChild(option); });
  }

  function chooseFor(items) {
    const kinds = { F: "wrong-figure", E: "wrong-event", C: "wrong-claim", A: "wrong-actor", P: "wrong-place", T: "wrong-date" };
    return items.length ? (kinds[items[0][0]] || "missing-figure") : "missing-figure";
  }

  function setPassage(passage, keepChoice) {
    form.elements.start.value = passage ? passage.start : "";
    form.elements.end.value = passage ? passage.end : "";
    form.elements.text.value = passage ? passage.text : "";
    const itemSelect = form.elements.item_id;
    itemSelect.replaceChildren();
    const none = document.createElement("option");
    none.value = ""; none.textContent = "(none: the passage itself)";
    itemSelect.appendChild(none);
    (passage ? passage.items : []).forEach(function (id) {
      const entry = document.getElementById("panel-" + id);
      const option = document.createElement("option");
      option.value = id;
      option.textContent = id + (entry ? " · " + entry.querySelector(".goto").textContent : "");
      itemSelect.appendChild(option);
    });
    if (passage && passage.items.length) itemSelect.value = passage.items[0];
    if (!keepChoice) form.elements.choice.value = chooseFor(passage ? passage.items : []);
    fillFields();
  }

  // Open the form on a passage, or (passage null) with a sentence to pick.
  function openForm(passage) {
    if (form) {
      const picker = document.getElementById("sentence-choice");
      picker.hidden = !!passage;
      form.elements.sentence.value = "";
      setPassage(passage, false);
      const error = document.getElementById("correction-error");
      if (error) error.remove();
    } else {
      const link = document.getElementById("sign-in-link");
      if (link && passage) {
        // keep the selection across signing in: the reader reopens the form on it
        link.href = "/login?next=" + encodeURIComponent(location.pathname + "?select=" + passage.start + "-" + passage.end);
      }
    }
    dialog.showModal();
    if (form && !passage) form.elements.sentence.focus();
  }

  function report(fromButton) {
    const found = currentPassage();
    if (found.problem && !fromButton) { say(found.problem + " Or press “Report a correction” to pick a sentence."); return false; }
    say(found.problem ? found.problem : "");
    openForm(found.passage || null);
    return true;
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
    if (dialog.open) return;
    event.preventDefault();
    report(false);
  });
  const button = document.getElementById("report-button");
  // mousedown on the button must not clear the selection it is about
  if (button) {
    button.addEventListener("mousedown", function (event) { event.preventDefault(); });
    button.addEventListener("click", function () { report(true); });
  }

  if (form) {
    form.elements.choice.addEventListener("change", fillFields);
    form.elements.field.addEventListener("change", fillValues);
    form.elements.sentence.addEventListener("change", function () {
      const [start, end] = form.elements.sentence.value.split("-").map(Number);
      if (!form.elements.sentence.value) { setPassage(null, false); return; }
      setPassage(passageAt(start, end), false);
    });
    // a correction refused by the server: the form reopens as it was sent, with the problem in it
    if (dialog.dataset.reopen) {
      const item = form.elements.item_id.dataset.selected;
      const start = Number(form.elements.start.value), end = Number(form.elements.end.value);
      if (end > start) {
        const passage = passageAt(start, end);
        const choice = form.elements.choice.value;
        setPassage(passage, true);
        form.elements.choice.value = choice;
        fillFields();
        if (item) form.elements.item_id.value = item;
      }
      dialog.showModal();
      const invalid = form.querySelector("[aria-invalid=true]");
      if (invalid) invalid.focus();
    }
  }
  dialog.querySelectorAll(".cancel").forEach(function (button) {
    button.addEventListener("click", function () { dialog.close(); });
  });

  // Tap (or click) a sentence with nothing selected: the sentence is selected, ready to report.
  const sentences = JSON.parse((document.getElementById("sentence-bounds") || { textContent: "[]" }).textContent);
  function offsetAtPoint(x, y) {
    let node = null, offset = 0;
    if (document.caretRangeFromPoint) {
      const caret = document.caretRangeFromPoint(x, y);
      if (caret) { node = caret.startContainer; offset = caret.startOffset; }
    } else if (document.caretPositionFromPoint) {  // Firefox
      const caret = document.caretPositionFromPoint(x, y);
      if (caret) { node = caret.offsetNode; offset = caret.offset; }
    }
    if (!node || !text.contains(node)) return null;
    return offsetOf(node, offset, false);
  }

  // Signed in through the dialog: reopen the form on the passage selected before (?select=START-END).
  const params = new URLSearchParams(location.search);
  const kept = /^(\d+)-(\d+)$/.exec(params.get("select") || "");
  if (kept && Number(kept[2]) > Number(kept[1])) {
    const range = selectRange(Number(kept[1]), Number(kept[2]));
    range.startContainer.parentNode.scrollIntoView({ block: "center" });
    params.delete("select");
    history.replaceState(null, "", location.pathname + (params.toString() ? "?" + params : "") + location.hash);
    if (form) openForm(passageAt(Number(kept[1]), Number(kept[2])));
  }

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
    if (!window.getSelection().isCollapsed) return;
    const at = offsetAtPoint(event.clientX, event.clientY);
    const sentence = at === null ? null : sentences.find(function (b) { return b[0] <= at && at < b[1]; });
    if (sentence) { selectRange(sentence[0], sentence[1]); say("Sentence selected: press “Report a correction” to report it."); }
    const seg = event.target.closest("[data-items]");
    if (!seg) return;
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

  // Open on an item named in the address (#item-F3), or on a passage (#at-120-184: characters 120..184).
  if (location.hash.startsWith("#item-")) flash([location.hash.slice(6)]);
  const at = /^#at-(\d+)-(\d+)$/.exec(location.hash);
  if (at) {
    const from = Number(at[1]), to = Number(at[2]);
    text.querySelectorAll(".flash").forEach(function (el) { el.classList.remove("flash"); });
    let first = null;
    text.querySelectorAll("[data-s]").forEach(function (seg) {
      const s = Number(seg.dataset.s), e = s + seg.textContent.length;
      if (e > from && s < to) { seg.classList.add("flash"); first = first || seg; }
    });
    if (first) first.scrollIntoView({ block: "center" });
  }
})();
