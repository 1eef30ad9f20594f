// journeymap html page: zoom, pan, filters and touchpoint details. Without
// this script the page is complete; the controls simply stay hidden.
(function () {
  "use strict";
  var figure = document.querySelector("figure.map");
  var svg = figure && figure.querySelector("svg");
  var port = figure && figure.querySelector(".viewport");
  var tools = document.getElementById("jm-controls");
  if (!svg || !port || !tools) { return; }
  tools.hidden = false;
  var width = parseFloat(svg.getAttribute("width")), height = parseFloat(svg.getAttribute("height"));
  var scale = 1;
  function zoom(to) {
    scale = Math.min(4, Math.max(0.25, to));
    svg.setAttribute("width", String(width * scale));
    svg.setAttribute("height", String(height * scale));
    svg.setAttribute("data-scale", scale.toFixed(2));
    document.getElementById("jm-zoom-level").textContent = Math.round(scale * 100) + "%";
  }
  function fit() { zoom(port.clientWidth / width); }
  document.getElementById("jm-zoom-in").addEventListener("click", function () { zoom(scale * 1.25); });
  document.getElementById("jm-zoom-out").addEventListener("click", function () { zoom(scale / 1.25); });
  document.getElementById("jm-zoom-reset").addEventListener("click", function () { zoom(1); });
  document.getElementById("jm-zoom-fit").addEventListener("click", fit);
  port.addEventListener("wheel", function (event) {
    if (!event.ctrlKey) { return; }
    event.preventDefault();
    zoom(event.deltaY < 0 ? scale * 1.1 : scale / 1.1);
  }, {passive: false});
  var step = 60;
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key === "Escape") { closeDetails(); return; }
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA")) { return; }
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (event.key === "+" || event.key === "=") { zoom(scale * 1.25); }
    else if (event.key === "-") { zoom(scale / 1.25); }
    else if (event.key === "0") { zoom(1); }
    else if (target === port && event.key === "ArrowLeft") { port.scrollLeft -= step; }
    else if (target === port && event.key === "ArrowRight") { port.scrollLeft += step; }
    else if (target === port && event.key === "ArrowUp") { port.scrollTop -= step; }
    else if (target === port && event.key === "ArrowDown") { port.scrollTop += step; }
    else { return; }
    event.preventDefault();
  });
  var drag = null;
  port.addEventListener("pointerdown", function (event) {
    if (event.button !== 0) { return; }
    drag = {x: event.clientX, y: event.clientY, left: port.scrollLeft, top: port.scrollTop};
    port.classList.add("dragging");
  });
  window.addEventListener("pointermove", function (event) {
    if (!drag) { return; }
    port.scrollLeft = drag.left - (event.clientX - drag.x);
    port.scrollTop = drag.top - (event.clientY - drag.y);
  });
  window.addEventListener("pointerup", function () { drag = null; port.classList.remove("dragging"); });

  // Show or hide a persona's curve (drawn in the persona's colour) and its faces.
  var emotions = svg.querySelector('g[id$="-lane-emotions"]');
  function personaMarks(colour) {
    if (!emotions) { return []; }
    var marks = [];
    emotions.querySelectorAll(":scope > path, :scope > g").forEach(function (mark) {
      var stroke = mark.tagName.toLowerCase() === "g" ? (mark.querySelector("circle") || mark).getAttribute("stroke")
        : mark.getAttribute("stroke");
      if (stroke && stroke.toLowerCase() === colour) { marks.push(mark); }
    });
    return marks;
  }
  document.querySelectorAll("#jm-persona-filter input[data-colour]").forEach(function (box) {
    box.addEventListener("change", function () {
      personaMarks(box.getAttribute("data-colour").toLowerCase()).forEach(function (mark) {
        mark.classList.toggle("jm-hidden", !box.checked);
      });
    });
  });
  var lanes = document.getElementById("jm-lane-filter");
  svg.querySelectorAll('g[id*="-lane-"][role="group"]').forEach(function (lane) {
    var label = document.createElement("label"), box = document.createElement("input");
    box.type = "checkbox"; box.checked = true; box.setAttribute("data-lane", lane.id);
    box.addEventListener("change", function () { lane.classList.toggle("jm-hidden", !box.checked); });
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + (lane.getAttribute("aria-label") || lane.id)));
    lanes.appendChild(label);
  });

  // Details of a touchpoint: focus or click its card; Escape closes.
  var panel = document.getElementById("jm-details"), body = document.getElementById("jm-details-body");
  var opened = null, returning = false;
  function openDetails(card) {
    if (returning) { return; }
    body.textContent = "";
    card.childNodes.forEach(function (node) { body.appendChild(node.cloneNode(true)); });
    panel.hidden = false;
    opened = card;
  }
  function closeDetails() {
    if (panel.hidden) { return; }
    panel.hidden = true;
    var card = opened;
    opened = null;
    if (card) { returning = true; card.focus(); returning = false; }
  }
  document.getElementById("jm-details-close").addEventListener("click", closeDetails);
  document.querySelectorAll("article.touchpoint").forEach(function (card) {
    card.addEventListener("focus", function () { openDetails(card); });
    card.addEventListener("click", function () { openDetails(card); });
  });

  // The Markdown alternative sits next to this page under the same name.
  var link = document.getElementById("jm-text-alternative");
  var page = window.location.pathname.split("/").pop() || "";
  if (link && /\.html?$/i.test(page)) { link.setAttribute("href", page.replace(/\.html?$/i, ".md")); }
})();
