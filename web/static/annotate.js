// Progressive enhancement of the annotate page: selecting a passage of the source's text fills the
// passage forms (start and end in Unicode code points, as the selectors count them). Without this
// script the same forms take the passage's text (and occurrence) or its positions, typed.
(function () {
  "use strict";
  var text = document.getElementById("source-text");
  if (!text) { return; }
  var shown = document.getElementById("selection-exact");

  function codePoints(s) { return Array.from(s).length; }

  function offsetOf(node, offset) {
    var range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(node, offset);
    return codePoints(range.toString());
  }

  function set(id, value) {
    var field = document.getElementById(id);
    if (field) { field.value = value; }
    document.querySelectorAll('[data-mirror="' + id + '"]').forEach(function (mirror) { mirror.value = value; });
  }

  document.addEventListener("selectionchange", function () {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) { return; }
    var range = selection.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) { return; }
    var start = offsetOf(range.startContainer, range.startOffset);
    var end = offsetOf(range.endContainer, range.endOffset);
    if (end <= start) { return; }
    var exact = range.toString();
    set("f-start", start);
    set("f-end", end);
    set("f-passage", exact);
    set("f-occurrence", "");
    if (shown) { shown.textContent = exact; }
    text.setAttribute("data-start", start);
    text.setAttribute("data-end", end);
  });
})();
