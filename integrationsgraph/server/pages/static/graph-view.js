// The interactive neighbourhood graph: fetches Cytoscape.js JSON from /export and lays it out with a
// small force simulation of our own (repulsion, springs, gravity), drawn in SVG. Drag a node to move it,
// drag the background to pan, scroll to zoom, click a node for its details, double-click to open its page.
(function () {
  "use strict";
  const SVG_NS = "http://www.w3.org/2000/svg";
  const COLOURS = {
    land: "#3d7a1f", body: "#1f4e8c", ministry: "#7a2e9a", person: "#a14a00", post: "#b08a00",
    holding: "#6b7480", meeting: "#b0205a", event: "#c2410c", plan: "#0a6b5a", source: "#23708a",
    place: "#5b8a3a", topic: "#8a5300", document: "#4a5a8a", other: "#9aa3ad",
  };
  const svg = document.getElementById("graph-canvas");
  if (!svg) return;
  const status = document.getElementById("graph-status");
  const details = document.getElementById("graph-details");
  const legend = document.getElementById("graph-legend");
  const base = svg.dataset.base;
  const root = svg.dataset.root || "";
  const langQuery = svg.dataset.langQuery || "";
  const centreId = svg.dataset.entity;
  const DOUBLE_TAP_MS = 450; // two taps on one node within this open its page

  function element(name, attributes, parent) {
    const node = document.createElementNS(SVG_NS, name);
    for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
    if (parent) parent.appendChild(node);
    return node;
  }

  function pageOf(iri) {
    return iri.startsWith(base) ? root + "/" + iri.slice(base.length).split("#")[0] + langQuery : iri;
  }

  function short(text, limit) {
    return text.length > limit ? text.slice(0, limit - 1) + "…" : text;
  }

  function layout(nodes, links, width, height, steps) {
    // Start on a circle (deterministic), the centre node in the middle.
    nodes.forEach((node, index) => {
      const angle = (2 * Math.PI * index) / nodes.length;
      node.x = node.id === centreId ? width / 2 : width / 2 + (width / 3) * Math.cos(angle);
      node.y = node.id === centreId ? height / 2 : height / 2 + (height / 3) * Math.sin(angle);
      node.vx = 0;
      node.vy = 0;
    });
    const ideal = Math.max(60, Math.min(140, Math.sqrt((width * height) / Math.max(nodes.length, 1)) * 0.9));
    for (let step = 0; step < steps; step++) {
      const cooling = 1 - step / steps;
      for (let i = 0; i < nodes.length; i++) {
        for (let j = i + 1; j < nodes.length; j++) {
          const a = nodes[i], b = nodes[j];
          let dx = a.x - b.x, dy = a.y - b.y;
          let distanceSquared = dx * dx + dy * dy;
          if (distanceSquared < 0.01) { dx = Math.random() - 0.5; dy = Math.random() - 0.5; distanceSquared = 0.5; }
          const force = (ideal * ideal) / distanceSquared;
          a.vx += dx * force * 0.05; a.vy += dy * force * 0.05;
          b.vx -= dx * force * 0.05; b.vy -= dy * force * 0.05;
        }
      }
      for (const link of links) {
        const dx = link.target.x - link.source.x, dy = link.target.y - link.source.y;
        const distance = Math.sqrt(dx * dx + dy * dy) || 1;
        const pull = ((distance - ideal) / distance) * 0.08;
        link.source.vx += dx * pull; link.source.vy += dy * pull;
        link.target.vx -= dx * pull; link.target.vy -= dy * pull;
      }
      for (const node of nodes) {
        node.vx += (width / 2 - node.x) * 0.004;
        node.vy += (height / 2 - node.y) * 0.004;
        if (node.pinned || node.id === centreId) { node.vx = 0; node.vy = 0; continue; }
        const speed = Math.sqrt(node.vx * node.vx + node.vy * node.vy);
        const limit = 30 * cooling + 1;
        if (speed > limit) { node.vx *= limit / speed; node.vy *= limit / speed; }
        node.x += node.vx; node.y += node.vy;
        node.vx *= 0.6; node.vy *= 0.6;
      }
    }
  }

  // Shrink the layout (uniformly) into the canvas, leaving room for the labels right of the nodes.
  function fit(nodes, width, height) {
    const margin = 30, labelRoom = 190;
    const xs = nodes.map((node) => node.x), ys = nodes.map((node) => node.y);
    const minX = Math.min(...xs), maxX = Math.max(...xs), minY = Math.min(...ys), maxY = Math.max(...ys);
    const scale = Math.min(1, (width - 2 * margin - labelRoom) / Math.max(maxX - minX, 1),
      (height - 2 * margin) / Math.max(maxY - minY, 1));
    const offsetX = (width - labelRoom - (maxX - minX) * scale) / 2, offsetY = (height - (maxY - minY) * scale) / 2;
    for (const node of nodes) {
      node.x = offsetX + (node.x - minX) * scale;
      node.y = offsetY + (node.y - minY) * scale;
    }
  }

  function draw(nodes, links) {
    svg.textContent = "";
    const viewport = element("g", { id: "viewport" }, svg);
    const linkLayer = element("g", {}, viewport);
    const nodeLayer = element("g", {}, viewport);
    const showLinkLabels = links.length <= 120;
    for (const link of links) {
      link.line = element("line", { class: "glink" }, linkLayer);
      const title = element("title", {}, link.line);
      title.textContent = link.label;
      if (showLinkLabels) {
        link.text = element("text", { class: "glink-label", "text-anchor": "middle" }, linkLayer);
        link.text.textContent = short(link.label, 22);
      }
    }
    for (const node of nodes) {
      node.group = element("g", {
        class: "gnode" + (node.id === centreId ? " centre" : ""), "data-id": node.id,
        tabindex: "0", role: "link", "aria-label": node.label,
      }, nodeLayer);
      element("circle", { r: node.id === centreId ? 11 : 7, fill: COLOURS[node.kind] || COLOURS.other }, node.group);
      const label = element("text", { x: 10, y: 4 }, node.group);
      label.textContent = short(node.label, 32);
      const title = element("title", {}, node.group);
      title.textContent = node.label + (node.type ? " (" + node.type + ")" : "");
    }
    return viewport;
  }

  function update(nodes, links) {
    for (const link of links) {
      link.line.setAttribute("x1", link.source.x); link.line.setAttribute("y1", link.source.y);
      link.line.setAttribute("x2", link.target.x); link.line.setAttribute("y2", link.target.y);
      if (link.text) {
        link.text.setAttribute("x", (link.source.x + link.target.x) / 2);
        link.text.setAttribute("y", (link.source.y + link.target.y) / 2 - 3);
      }
    }
    for (const node of nodes) node.group.setAttribute("transform", `translate(${node.x},${node.y})`);
  }

  function showDetails(node) {
    details.textContent = "";
    const heading = document.createElement("h2");
    heading.textContent = node.label;
    const type = document.createElement("p");
    type.className = "hint";
    type.textContent = node.type || node.kind;
    const page = document.createElement("a");
    page.href = pageOf(node.id);
    page.className = "node-page";
    page.textContent = node.id;
    const recentre = document.createElement("a");
    const params = new URLSearchParams(window.location.search);
    params.set("entity", node.id);
    recentre.href = window.location.pathname + "?" + params.toString();
    recentre.className = "recentre";
    recentre.textContent = "⊙ " + node.label;
    const dates = document.createElement("p");
    if (node.start || node.end) dates.textContent = (node.start || "?") + " – " + (node.end || "?");
    for (const part of [heading, type, dates, page, document.createElement("br"), recentre]) details.appendChild(part);
  }

  function interact(viewport, nodes, links) {
    let view = { x: 0, y: 0, k: 1 };
    let dragging = null;
    const applyView = () => viewport.setAttribute("transform", `translate(${view.x},${view.y}) scale(${view.k})`);
    const toGraph = (event) => {
      const box = svg.getBoundingClientRect();
      const scale = svg.viewBox.baseVal.width / box.width;
      return { x: ((event.clientX - box.left) * scale - view.x) / view.k, y: ((event.clientY - box.top) * scale - view.y) / view.k };
    };
    const byId = new Map(nodes.map((node) => [node.id, node]));
    svg.addEventListener("pointerdown", (event) => {
      const group = event.target.closest(".gnode");
      const point = toGraph(event);
      dragging = group ? { node: byId.get(group.dataset.id), moved: false } : { pan: true, x: event.clientX, y: event.clientY, view: { ...view } };
      if (group) dragging.offset = { x: point.x - dragging.node.x, y: point.y - dragging.node.y };
      svg.setPointerCapture(event.pointerId);
    });
    svg.addEventListener("pointermove", (event) => {
      if (!dragging) return;
      if (dragging.node) {
        const point = toGraph(event);
        dragging.node.x = point.x - dragging.offset.x;
        dragging.node.y = point.y - dragging.offset.y;
        dragging.node.pinned = true;
        dragging.moved = true;
        update(nodes, links);
      } else {
        const scale = svg.viewBox.baseVal.width / svg.getBoundingClientRect().width;
        view.x = dragging.view.x + (event.clientX - dragging.x) * scale;
        view.y = dragging.view.y + (event.clientY - dragging.y) * scale;
        applyView();
      }
    });
    // A second tap on the same node opens its page. Not `dblclick`: the pointer capture above makes the
    // <svg> its target, and phones send no dblclick.
    let lastTap = { id: null, time: 0 };
    svg.addEventListener("pointerup", (event) => {
      if (dragging && dragging.node && !dragging.moved) {
        const id = dragging.node.id;
        if (lastTap.id === id && event.timeStamp - lastTap.time < DOUBLE_TAP_MS) {
          window.location.href = pageOf(id);
        }
        lastTap = { id, time: event.timeStamp };
        svg.querySelectorAll(".gnode.selected").forEach((group) => group.classList.remove("selected"));
        dragging.node.group.classList.add("selected");
        showDetails(dragging.node);
      }
      dragging = null;
    });
    // Keyboard: each node is a tab stop; focusing shows its details, Enter opens its page.
    for (const node of nodes) {
      node.group.addEventListener("focus", () => showDetails(node));
      node.group.addEventListener("keydown", (event) => {
        if (event.key === "Enter") window.location.href = pageOf(node.id);
      });
    }
    svg.addEventListener("wheel", (event) => {
      event.preventDefault();
      const factor = event.deltaY < 0 ? 1.15 : 1 / 1.15;
      view.k = Math.min(4, Math.max(0.25, view.k * factor));
      applyView();
    }, { passive: false });
  }

  function drawLegend(nodes) {
    const kinds = [...new Set(nodes.map((node) => node.kind))].sort();
    legend.textContent = "";
    for (const kind of kinds) {
      const item = document.createElement("div");
      const swatch = document.createElement("span");
      swatch.style.background = COLOURS[kind] || COLOURS.other;
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(kind));
      legend.appendChild(item);
    }
  }

  async function start() {
    status.textContent = "…";
    const response = await fetch(svg.dataset.source, { headers: { Accept: "application/json" } });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({ error: { detail: response.statusText } }));
      status.textContent = problem.error.detail;
      svg.dataset.layout = "failed";
      return;
    }
    const data = await response.json();
    const nodes = data.elements.nodes.map((element) => ({ ...element.data }));
    const byId = new Map(nodes.map((node) => [node.id, node]));
    const links = data.elements.edges
      .filter((edge) => byId.has(edge.data.source) && byId.has(edge.data.target) && edge.data.source !== edge.data.target)
      .map((edge) => ({ source: byId.get(edge.data.source), target: byId.get(edge.data.target), label: edge.data.label }));
    const width = 1000, height = 700;
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    layout(nodes, links, width, height, nodes.length > 300 ? 120 : 300);
    fit(nodes, width, height);
    const viewport = draw(nodes, links);
    update(nodes, links);
    interact(viewport, nodes, links);
    drawLegend(nodes);
    status.textContent = `${nodes.length} · ${links.length}`;
    svg.dataset.layout = "done";
  }

  start().catch((error) => {
    status.textContent = String(error);
    svg.dataset.layout = "failed";
  });
})();
