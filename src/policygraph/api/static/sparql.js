// The SPARQL page: load saved queries into the editor, POST to /sparql, render the JSON results as a table.
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script.getAttribute("data-resource-base");
  var examples = JSON.parse(document.getElementById("examples").textContent);
  var form = document.getElementById("sparql-form");
  var editor = document.getElementById("query");
  var table = document.getElementById("results");
  var errorBox = document.getElementById("error");
  var statusLine = document.getElementById("status");
  var button = document.getElementById("run");

  // Same mapping as pages.ui_path: resource IRIs open their page, others their /id/ description.
  function link(iri) {
    if (iri.indexOf(base) !== 0) return iri;
    var local = iri.slice(base.length), parts = local.split("/");
    var enc = function (s) { return s.split("/").map(encodeURIComponent).join("/"); };
    if (parts[0] === "region" && parts.length === 2) return "/ui/regions/" + enc(parts[1]);
    if (parts[0] === "org" && parts.length === 2) return "/ui/departments/" + enc(parts[1]);
    if (parts[0] === "doc" && parts.length === 2) return "/ui/documents/" + enc(parts[1]);
    if (parts[0] === "doc" && parts.length === 4 && parts[2] === "art") return "/ui/clauses/" + enc(parts.slice(1).join("/"));
    return "/id/" + enc(local);
  }

  function cell(term) {
    var td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      var a = document.createElement("a");
      a.href = link(term.value);
      a.textContent = term.value.indexOf(base) === 0 ? term.value.slice(base.length) : term.value;
      a.title = term.value;
      td.appendChild(a);
    } else {
      td.textContent = term.type === "bnode" ? "_:" + term.value : term.value;
      if (term["xml:lang"]) td.title = "@" + term["xml:lang"];
      else if (term.datatype) td.title = term.datatype;
    }
    return td;
  }

  function showError(message, hint) {
    errorBox.hidden = false;
    errorBox.textContent = "";
    var strong = document.createElement("strong");
    strong.textContent = message;
    errorBox.appendChild(strong);
    if (hint) {
      var p = document.createElement("p");
      p.textContent = hint;
      errorBox.appendChild(p);
    }
  }

  function render(data) {
    table.textContent = "";
    var head = table.createTHead().insertRow();
    if (typeof data.boolean === "boolean") {
      head.appendChild(document.createElement("th")).textContent = "ASK";
      table.createTBody().insertRow().appendChild(cell({ type: "literal", value: String(data.boolean) }));
      return 1;
    }
    var vars = data.head.vars, rows = data.results.bindings, body = table.createTBody();
    vars.forEach(function (v) { head.appendChild(document.createElement("th")).textContent = "?" + v; });
    rows.forEach(function (row) {
      var tr = body.insertRow();
      vars.forEach(function (v) { tr.appendChild(cell(row[v])); });
    });
    return rows.length;
  }

  function run(event) {
    if (event) event.preventDefault();
    errorBox.hidden = true;
    button.disabled = true;
    statusLine.textContent = "运行中… running";
    var started = Date.now();
    fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
                 "Accept": "application/sparql-results+json" },
      body: new URLSearchParams({ query: editor.value }).toString()
    }).then(function (response) {
      return response.text().then(function (text) {
        var data = null;
        try { data = JSON.parse(text); } catch (e) { /* not JSON: shown below */ }
        if (!response.ok) {
          var err = data && data.error;
          throw { message: err ? err.message : "HTTP " + response.status + " " + text.slice(0, 300),
                  hint: err ? err.hint : null };
        }
        if (!data) throw { message: "the endpoint did not answer with SPARQL JSON results" };
        return data;
      });
    }).then(function (data) {
      var n = render(data);
      table.hidden = false;
      statusLine.textContent = n + " 行 rows · " + (Date.now() - started) + " ms";
    }).catch(function (err) {
      table.hidden = true;
      statusLine.textContent = "";
      showError(err.message || String(err), err.hint);
    }).then(function () { button.disabled = false; });
  }

  document.getElementById("saved-queries").addEventListener("click", function (event) {
    var a = event.target.closest("a[data-example]");
    if (!a) return;
    event.preventDefault();
    editor.value = examples[a.getAttribute("data-example")];
    document.querySelectorAll("#saved-queries a.current").forEach(function (x) { x.classList.remove("current"); });
    a.classList.add("current");
    history.replaceState(null, "", a.href);
  });
  form.addEventListener("submit", run);
  editor.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) run(event);
  });
})();
