// The workbench's query editor: SPARQL syntax highlighting over the plain textarea, as an enhancement.
// Without JavaScript the textarea is the whole editor. With it, the textarea stays where the user types
// (native editing, undo, selection, form submission and screen readers are untouched); its text is made
// transparent over a <pre> that shows the same text coloured by token. The token rules are those of
// kb/endpoint_scan.py (SPARQL's lexical rules: strings, IRIs and comments read as wholes).
(function () {
  "use strict";
  var TOKEN = new RegExp([
    "('''[\\s\\S]*?(?:'''|$)|\"\"\"[\\s\\S]*?(?:\"\"\"|$)|'(?:[^'\\\\\\n\\r]|\\\\.)*'?|\"(?:[^\"\\\\\\n\\r]|\\\\.)*\"?)",
    "(<[^<>\"{}|^`\\\\\\u0000-\\u0020]*>)",
    "(#[^\\n\\r]*)",
    "([?$][\\p{L}\\p{N}_]+)",
    "((?:\\p{L}[\\p{L}\\p{N}_.-]*)?:(?:[\\p{L}\\p{N}_:%.-]|\\\\.)*)",
    "(\\p{L}[\\p{L}\\p{N}_]*)",
    "(\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?)"
  ].join("|"), "gu");
  var CLASSES = [null, "string", "iri", "comment", "var", "pname", "word", "number"];
  var KEYWORDS = new Set(("BASE PREFIX SELECT CONSTRUCT DESCRIBE ASK WHERE FROM NAMED GRAPH OPTIONAL UNION " +
    "MINUS FILTER BIND VALUES SERVICE SILENT DISTINCT REDUCED AS ORDER BY ASC DESC GROUP HAVING LIMIT OFFSET " +
    "EXISTS NOT IN UNDEF A TRUE FALSE").split(" "));

  function escape(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function highlight(text) {
    var out = "", last = 0, match;
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(text)) !== null) {
      if (match[0] === "") { TOKEN.lastIndex++; continue; }
      var kind = 1;
      while (match[kind] === undefined) kind++;
      var name = CLASSES[kind];
      if (name === "word") name = KEYWORDS.has(match[0].toUpperCase()) ? "keyword" : "function";
      out += escape(text.slice(last, match.index)) + '<span class="sx-' + name + '">' + escape(match[0]) + "</span>";
      last = TOKEN.lastIndex;
    }
    return out + escape(text.slice(last)) + "\n";  // the newline keeps a last empty line as tall as the textarea's
  }

  function enhance(textarea) {
    var editor = document.createElement("div");
    var shown = document.createElement("pre");
    editor.className = "sparql-editor";
    shown.setAttribute("aria-hidden", "true");
    textarea.parentNode.insertBefore(editor, textarea);
    editor.appendChild(shown);
    editor.appendChild(textarea);
    textarea.setAttribute("wrap", "off");
    function render() {
      shown.innerHTML = highlight(textarea.value);
      shown.scrollTop = textarea.scrollTop;
      shown.scrollLeft = textarea.scrollLeft;
    }
    textarea.addEventListener("input", render);
    textarea.addEventListener("scroll", function () {
      shown.scrollTop = textarea.scrollTop;
      shown.scrollLeft = textarea.scrollLeft;
    });
    textarea.addEventListener("keydown", function (event) {  // Ctrl+Enter (Cmd+Enter) runs the query
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && textarea.form) {
        event.preventDefault();
        textarea.form.requestSubmit ? textarea.form.requestSubmit() : textarea.form.submit();
      }
    });
    render();
    editor.classList.add("highlighted");
  }

  var textarea = document.getElementById("query");
  if (textarea) enhance(textarea);
})();
