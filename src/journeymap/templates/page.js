// journeymap html page: zoom, pan, pinned labels, filters and touchpoint
// details. Without this script the page is complete; the controls simply
// stay hidden and the labels scroll with the map.
(function () {
  "use strict";
  var figure = document.querySelector("figure.map");
  var svg = figure && figure.querySelector("svg");
  var port = figure && figure.querySelector(".viewport");
  var tools = document.getElementById("jm-controls");
  if (!svg || !port || !tools) { return; }
  tools.hidden = false;
  port.setAttribute("aria-describedby", "jm-hint");
  var NS = "http://www.w3.org/2000/svg";
  var width = parseFloat(svg.getAttribute("width")), height = parseFloat(svg.getAttribute("height"));
  var view = svg.viewBox.baseVal;
  var scale = 1;

  // Frozen panes: copies of the lane titles (left) and the stage headers
  // (top), sticky at the viewport's edges. The copies are hidden from
  // assistive technologies and carry no ids: the map itself is read once.
  function box(element) { return element.getBBox(); }
  function within(b, x0, x1, y0, y1) {
    return b.x >= x0 - 0.5 && b.x + b.width <= x1 + 0.5 && b.y >= y0 - 0.5 && b.y + b.height <= y1 + 0.5;
  }
  function copy(element) {
    var twin = element.cloneNode(true);
    [twin].concat([].slice.call(twin.querySelectorAll("[id]"))).forEach(function (e) { e.removeAttribute("id"); });
    return twin;
  }
  function pinned() {
    var lanes = [].slice.call(svg.querySelectorAll('g[id*="-lane-"][role="group"]'));
    var stages = [].slice.call(svg.querySelectorAll('g[id*="-stage-"][role="group"]'));
    var ground = svg.querySelector(":scope > rect");
    if (!lanes.length || !stages.length || !ground) { return null; }
    var grid = stages[0].parentNode;
    var labels = lanes.map(function (lane) { return box(lane.querySelector(":scope > rect")); });
    var heads = stages.map(function (stage) { return box(stage.querySelector(":scope > rect")); });
    var left = Math.min.apply(null, labels.map(function (b) { return b.x; }));
    var labelRight = Math.max.apply(null, labels.map(function (b) { return b.x + b.width; }));
    var stageLeft = Math.min.apply(null, heads.map(function (b) { return b.x; }));
    var headBottom = Math.max.apply(null, heads.map(function (b) { return b.y + b.height; }));
    var laneTop = Math.min.apply(null, labels.map(function (b) { return b.y; }));
    var laneBottom = Math.max.apply(null, labels.map(function (b) { return b.y + b.height; }));
    var bands = [].filter.call(grid.children, function (e) { return lanes.indexOf(e) < 0; });
    var top = Math.min.apply(null, bands.map(function (e) { return box(e).y; }).concat([laneTop]));
    var x0 = Math.max(view.x, left - 4), x1 = (labelRight + stageLeft) / 2;
    var y0 = Math.max(view.y, top - 4), y1 = (headBottom + laneTop) / 2;
    var right = view.x + view.width, bottom = Math.min(view.y + view.height, laneBottom + 4);
    var holder = document.createElement("div");
    holder.id = svg.id.replace(/-map$/, "") + "-pins";
    holder.className = "jm-pins";
    holder.setAttribute("aria-hidden", "true");
    function pane(name, x, y, w, h) {
      var pin = document.createElementNS(NS, "svg");
      ["font-family", "font-size", "lang"].forEach(function (a) { pin.setAttribute(a, svg.getAttribute(a) || ""); });
      pin.setAttribute("viewBox", [x, y, w, h].join(" "));
      pin.setAttribute("class", "jm-pin jm-pin-" + name);
      pin.setAttribute("aria-hidden", "true");
      pin.setAttribute("focusable", "false");
      var back = ground.cloneNode(false);
      [["x", x], ["y", y], ["width", w], ["height", h]].forEach(function (p) { back.setAttribute(p[0], p[1]); });
      pin.appendChild(back);
      holder.appendChild(pin);
      return {element: pin, x: x, y: y, w: w, h: h};
    }
    var column = pane("lanes", x0, y1, x1 - x0, bottom - y1);
    var band = pane("stages", view.x, y0, right - view.x, y1 - y0);
    var corner = pane("corner", x0, y0, x1 - x0, y1 - y0);
    // A name slides along its stage (or down its lane) to stay in sight
    // while any of its stage (lane) is: [copied text, its box, its frame, axis].
    var sliding = [];
    function slide(original, twin, selector, frame, axis) {
      var texts = twin.querySelectorAll(selector);
      original.querySelectorAll(selector).forEach(function (text, i) {
        sliding.push([texts[i], box(text), frame, axis]);
      });
    }
    var copies = {};
    lanes.forEach(function (lane, i) {
      var group = document.createElementNS(NS, "g");
      [].forEach.call(lane.children, function (e) {
        if (!within(box(e), x0, x1, y1, bottom)) { return; }
        var twin = group.appendChild(copy(e));
        slide(e, twin, 'text[role="heading"]', labels[i], "y");
      });
      column.element.appendChild(group);
      copies[lane.id] = group;
    });
    bands.forEach(function (e) {
      var b = box(e), frame = e.querySelector("rect");
      if (within(b, view.x, right, y0, y1)) { slide(e, band.element.appendChild(copy(e)), "text", box(frame), "x"); }
      else if (within(b, x0, x1, y1, bottom)) { column.element.appendChild(copy(e)); }
      if (within(b, x0, x1, y0, y1)) { corner.element.appendChild(copy(e)); }
    });
    var wide = false, tall = false;
    function follow() {  // the first map point in sight beside the pinned strips
      var from = {x: Math.max(x1, view.x + port.scrollLeft / scale + (wide ? 0 : x1 - x0)),
                  y: Math.max(y1, view.y + port.scrollTop / scale + (tall ? 0 : y1 - y0))};
      sliding.forEach(function (s) {
        var text = s[1], frame = s[2], axis = s[3], size = axis === "x" ? "width" : "height";
        var margin = text[axis] - frame[axis], room = frame[axis] + frame[size] - margin - text[axis] - text[size];
        var shift = Math.max(0, Math.min(from[axis] - frame[axis], room));
        s[0].setAttribute("transform", axis === "x" ? "translate(" + shift + " 0)" : "translate(0 " + shift + ")");
      });
    }
    // A strip that would take more than half the viewport is not pinned
    // (a phone zoomed in): the map needs the room more than the labels.
    function room() {
      wide = column.w * scale > port.clientWidth / 2;
      tall = band.h * scale > port.clientHeight / 2;
      column.element.classList.toggle("jm-hidden", wide);
      band.element.classList.toggle("jm-hidden", tall);
      corner.element.classList.toggle("jm-hidden", wide || tall);
      follow();
    }
    window.addEventListener("resize", room);
    var waiting = false;
    port.addEventListener("scroll", function () {
      if (waiting) { return; }
      waiting = true;
      window.requestAnimationFrame(function () { waiting = false; follow(); });
    }, {passive: true});
    var stack = document.createElement("div");
    stack.className = "jm-stack";
    port.insertBefore(stack, svg);
    stack.appendChild(svg);
    stack.appendChild(holder);
    var panes = [column, band, corner];
    return {
      lane: function (id) { return copies[id]; },
      scale: function (s) {
        panes.forEach(function (p) {
          p.element.setAttribute("width", String(p.w * s));
          p.element.setAttribute("height", String(p.h * s));
          p.element.style.marginLeft = (p.x - view.x) * s + "px";
          p.element.style.marginTop = (p.y - view.y) * s + "px";
        });
        room();
      }
    };
  }
  var pins = pinned();

  function zoom(to) {
    scale = Math.min(4, Math.max(0.25, to));
    svg.setAttribute("width", String(width * scale));
    svg.setAttribute("height", String(height * scale));
    svg.setAttribute("data-scale", scale.toFixed(2));
    if (pins) { pins.scale(scale); }
    document.getElementById("jm-zoom-level").textContent = Math.round(scale * 100) + "%";
  }
  zoom(1);
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

  // Show or hide a persona's curve, faces, markers and name: every mark
  // the map tags with the persona's id (two personas may share a colour).
  document.querySelectorAll("#jm-persona-filter input[data-persona]").forEach(function (check) {
    var id = check.getAttribute("data-persona");
    var marks = [].filter.call(svg.querySelectorAll("[data-persona]"), function (mark) {
      return mark.getAttribute("data-persona") === id;
    });
    check.addEventListener("change", function () {
      marks.forEach(function (mark) { mark.classList.toggle("jm-hidden", !check.checked); });
    });
  });
  var lanes = document.getElementById("jm-lane-filter");
  svg.querySelectorAll('g[id*="-lane-"][role="group"]').forEach(function (lane) {
    var label = document.createElement("label"), check = document.createElement("input");
    var pinnedTitle = pins && pins.lane(lane.id);
    check.type = "checkbox"; check.checked = true; check.setAttribute("data-lane", lane.id);
    check.addEventListener("change", function () {
      lane.classList.toggle("jm-hidden", !check.checked);
      if (pinnedTitle) { pinnedTitle.classList.toggle("jm-hidden", !check.checked); }
    });
    label.appendChild(check);
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
})();
