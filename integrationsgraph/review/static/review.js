// The review page: draws the text with its evidence highlighted and one card per fact, keeps the
// curator's decisions and corrections in `state`, and posts them on save. The server checks and writes;
// this script only edits the cards. Offsets sent to the server count code points, as Python does.
"use strict";

const body = document.body;
const state = { doc: null, vocabulary: null, cards: [], entities: [], current: -1, unsaved: false };
let uid = 0;

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function fresh(prefix) {
  uid += 1;
  return `${prefix}-${uid}`;
}

// --- offsets: JavaScript counts UTF-16 units, the data counts code points -------------------------
function codePoints(text, units) {
  return Array.from(text.slice(0, units)).length;
}

function units(text, points) {
  return Array.from(text).slice(0, points).join("").length;
}

// --- loading --------------------------------------------------------------------------------------
async function load() {
  const [doc, vocabulary] = await Promise.all([
    fetch(body.dataset.api).then((r) => r.json()),
    fetch(body.dataset.vocabulary).then((r) => r.json()),
  ]);
  if (doc.error) {
    showProblems(doc.error.title, doc.error.problems);
    return;
  }
  state.doc = doc;
  state.vocabulary = vocabulary;
  state.cards = doc.cards.map((card) => ({ ...structuredClone(card), original_iri: card.iri }));
  state.entities = doc.entities.map((entity) => ({ ...entity }));
  state.current = state.cards.length ? 0 : -1;
  state.unsaved = false;
  document.getElementById("title").textContent = doc.title;
  document.getElementById("source-title").value = doc.title;
  document.getElementById("source-title-curated").checked = doc.title_is_curated;
  document.getElementById("origin").textContent =
    `${doc.folder}/${doc.file_name} · opened from ${doc.opened_from === "curated" ? "its curated data" : "the ingestion's draft"}`;
  const kinds = document.getElementById("add-kind");
  kinds.replaceChildren(...vocabulary.fact_classes.map((cls) => element("option", { value: cls, text: cls })));
  renderAll();
}

function renderAll() {
  renderText();
  renderCards();
  renderEntities();
  renderSummary();
}

// --- the text with highlights ---------------------------------------------------------------------
function renderText() {
  const text = state.doc.text;
  const cuts = new Set([0, text.length]);
  const spans = [];
  state.cards.forEach((card, index) => {
    for (const span of card.spans) {
      const start = units(text, span.start);
      const end = units(text, span.end);
      spans.push({ start, end, index });
      cuts.add(start);
      cuts.add(end);
    }
  });
  const points = [...cuts].sort((a, b) => a - b);
  const pre = document.getElementById("text");
  pre.replaceChildren();
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [from, to] = [points[i], points[i + 1]];
    const covering = spans.filter((s) => s.start <= from && to <= s.end).map((s) => s.index);
    const piece = text.slice(from, to);
    if (!covering.length) {
      pre.append(document.createTextNode(piece));
      continue;
    }
    const cards = [...new Set(covering)];
    const allRejected = cards.every((index) => state.cards[index].decision === "rejected");
    const mark = element("mark", {
      "data-cards": cards.join(" "),
      title: `evidence of fact ${cards.map((index) => index + 1).join(", ")}`,
      class: [allRejected ? "rejected" : "", cards.includes(state.current) ? "active" : ""].join(" ").trim(),
      onclick: () => focusCard(cards[0]),
    });
    mark.textContent = piece;
    pre.append(mark);
  }
}

function markActive() {
  for (const mark of document.querySelectorAll("#text mark")) {
    mark.classList.toggle("active", mark.dataset.cards.split(" ").map(Number).includes(state.current));
  }
}

// The current selection in the text as code-point offsets, or null.
function selectedSpan() {
  const selection = window.getSelection();
  const pre = document.getElementById("text");
  if (!selection.rangeCount || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!pre.contains(range.startContainer) || !pre.contains(range.endContainer)) return null;
  const before = document.createRange();
  before.setStart(pre, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const startUnits = before.toString().length;
  const endUnits = startUnits + range.toString().length;
  const text = state.doc.text;
  return { start: codePoints(text, startUnits), end: codePoints(text, endUnits) };
}

// Typed words: their `occurrence`-th appearance in the text, as code-point offsets, or null.
function findWords(words, occurrence) {
  const text = state.doc.text;
  let at = -1;
  for (let found = 0; found < occurrence; found += 1) {
    at = text.indexOf(words, at + 1);
    if (at < 0) return null;
  }
  return { start: codePoints(text, at), end: codePoints(text, at + words.length) };
}

function spanOf(span) {
  const text = state.doc.text;
  return { ...span, exact: text.slice(units(text, span.start), units(text, span.end)) };
}

// --- cards ----------------------------------------------------------------------------------------
function specsOf(card) {
  for (const cls of card.classes) {
    if (state.vocabulary.fields[cls]) return state.vocabulary.fields[cls];
  }
  return [];
}

function specOf(card, predicate) {
  return specsOf(card).find((spec) => spec.predicate === predicate) || null;
}

function renderCards() {
  const list = document.getElementById("cards");
  list.replaceChildren(...state.cards.map((card, index) => element("li", {}, renderCard(card, index))));
}

function rerenderCard(index) {
  const list = document.getElementById("cards");
  const item = list.children[index];
  if (item) item.replaceChildren(renderCard(state.cards[index], index));
  renderSummary();
}

function renderCard(card, index) {
  const headingId = fresh("card-heading");
  const article = element("article", {
    class: `card ${card.decision}`,
    tabindex: "-1",
    "aria-labelledby": headingId,
    "data-index": String(index),
    onfocusin: () => {
      state.current = index;
      markActive();
    },
  });
  const kind = card.classes.join(", ") || "fact";
  const origin = { drafted: "drafted", curated: "curated", added: "added by hand" }[card.origin];
  article.append(
    element("h3", { id: headingId, text: `Fact ${index + 1}: ${kind} (${origin})` }),
    element("p", {}, element("span", { class: "decision", text: `Decision: ${card.decision}` }),
      card.edited ? element("span", { text: " · corrected" }) : null),
  );
  const iriId = fresh("iri");
  article.append(
    element("label", { for: iriId, text: "IRI (left empty: minted on save)" }),
    element("input", {
      id: iriId, type: "text", value: card.iri || "", "data-role": "iri",
      onchange: (event) => edit(index, () => { card.iri = event.target.value.trim(); }),
    }),
  );
  if (card.origin === "added") {
    const kindId = fresh("kind");
    const select = element("select", {
      id: kindId, "data-role": "kind",
      onchange: (event) => edit(index, () => { card.classes = [event.target.value]; }, true),
    }, ...state.vocabulary.fact_classes.map((cls) => element("option", { value: cls, text: cls, selected: card.classes[0] === cls })));
    article.append(element("label", { for: kindId, text: `Kind of fact ${index + 1}` }), select);
  }
  article.append(renderFields(card, index), renderTime(card, index), renderSpans(card, index));
  article.append(element("div", { class: "actions" },
    element("button", { type: "button", "data-action": "accept", "aria-keyshortcuts": "a", onclick: () => decide(index, "accepted") }, `Accept fact ${index + 1}`),
    element("button", { type: "button", "data-action": "reject", "aria-keyshortcuts": "r", onclick: () => decide(index, "rejected") }, `Reject fact ${index + 1}`),
  ));
  return article;
}

function renderFields(card, index) {
  const table = element("table", {}, element("caption", { class: "visually-hidden", text: `Fields of fact ${index + 1}` }));
  card.fields.forEach((field, position) => {
    const spec = specOf(card, field.predicate);
    const inputId = fresh("field");
    const label = spec ? `${spec.label} (${field.predicate})` : field.predicate;
    const input = valueInput(spec, field.value, inputId, (value) => edit(index, () => { field.value = value; }));
    table.append(element("tr", {},
      element("th", { scope: "row" }, element("label", { for: inputId, text: label })),
      element("td", {}, input),
      element("td", {}, element("button", {
        type: "button", "aria-label": `Remove ${label} from fact ${index + 1}`,
        onclick: () => edit(index, () => { card.fields.splice(position, 1); }, true),
      }, "×")),
    ));
  });
  const addId = fresh("add-field");
  const choices = specsOf(card);
  const select = element("select", { id: addId }, ...choices.map((spec) => element("option", { value: spec.predicate, text: `${spec.label} (${spec.predicate})` })));
  const wrapper = element("div", {}, table);
  if (choices.length) {
    wrapper.append(element("label", { for: addId, text: `Add a field to fact ${index + 1}` }), select,
      element("button", {
        type: "button",
        onclick: () => edit(index, () => {
          const spec = specOf(card, select.value);
          card.fields.push({ predicate: select.value, value: emptyValue(spec) });
        }, true, () => focusLastField(index)),
      }, "Add field"));
  }
  return wrapper;
}

function emptyValue(spec) {
  if (!spec || spec.type !== "literal") return { iri: "" };
  if (spec.lang) return { literal: "", lang: spec.lang };
  if (spec.datatype) return { literal: "", datatype: spec.datatype };
  return { literal: "" };
}

// An input for one value: an entity (search over the registry's labels), a concept (a choice from its
// scheme) or a literal (text).
function valueInput(spec, value, id, onChange) {
  if (spec && spec.type === "concept") {
    const options = [...(state.vocabulary.concepts[spec.scheme] || [])];
    if (value.iri && !options.some((o) => o.value === value.iri)) {
      options.push({ value: value.iri, label: "not in the scheme" }); // shown as it is, never dropped
    }
    return element("select", { id, onchange: (event) => onChange({ iri: event.target.value }) },
      element("option", { value: "", text: "(choose)" }),
      ...options.map((o) => element("option", { value: o.value, text: `${o.label} (${o.value})`, selected: o.value === value.iri })));
  }
  if ("literal" in value) {
    return element("input", {
      id, type: "text", value: value.literal,
      onchange: (event) => onChange({ ...value, literal: event.target.value }),
    });
  }
  return entityInput(id, value, spec ? spec.kinds : [], onChange);
}

function entityInput(id, value, kinds, onChange) {
  const listId = fresh("choices");
  const list = element("datalist", { id: listId });
  const shown = element("output", { for: id, text: value.label || "" });
  const input = element("input", {
    id, type: "text", value: value.iri || "", list: listId, autocomplete: "off",
    "aria-describedby": `${id}-hint`,
    oninput: (event) => search(event.target.value, kinds, list),
    onchange: (event) => {
      const option = [...list.options].find((o) => o.value === event.target.value);
      shown.textContent = option ? option.label : "";
      onChange({ iri: event.target.value.trim(), label: option ? option.label : "" });
    },
  });
  const hint = element("span", { id: `${id}-hint`, class: "visually-hidden", text: `type part of a name to search${kinds.length ? ` (${kinds.join(", ")})` : ""}` });
  return element("span", {}, input, list, shown, hint);
}

async function search(text, kinds, list) {
  if (text.trim().length < 2) return;
  const url = `${body.dataset.entities}?q=${encodeURIComponent(text)}&kinds=${encodeURIComponent(kinds.join(","))}`;
  const found = (await fetch(url).then((r) => r.json())).entities;
  const wanted = text.toLowerCase();
  const local = state.entities
    .filter((e) => e.iri && (!kinds.length || kinds.includes(e.kind)))
    .filter((e) => e.iri.includes(wanted) || (e.label_de || "").toLowerCase().includes(wanted))
    .map((e) => ({ iri: e.iri, label: `${e.label_de} (new)` }));
  list.replaceChildren(...[...local, ...found].map((e) => element("option", { value: e.iri, label: e.label, text: e.label })));
}

function renderTime(card, index) {
  const time = card.time || { shape: "instant" };
  if (time.shape === "multiple") {
    return element("p", { text: `This fact has several ${time.link} links; they are listed as fields above and kept as they are.` });
  }
  const box = element("fieldset", {}, element("legend", { text: time.shape === "interval" ? "Time (half-open for holdings)" : "Date" }));
  const parts = time.shape === "interval" ? [["begins", "Begins"], ["ends", "Ends"]] : [["begins", "Date"]];
  const methods = state.vocabulary.concepts["igc:date-method"] || [];
  for (const [key, caption] of parts) {
    const value = time[key] || { edtf: "", method: "stated", note: "" };
    const change = (field) => (event) => edit(index, () => {
      const current = card.time[key] || { edtf: "", method: "stated", note: "" };
      current[field] = event.target.value.trim();
      current.iri = null;
      card.time[key] = current.edtf ? current : null;
    });
    const [dateId, methodId, noteId] = [fresh("date"), fresh("method"), fresh("note")];
    box.append(
      element("label", { for: dateId, text: `${caption} of fact ${index + 1} (YYYY, YYYY-MM or YYYY-MM-DD)` }),
      element("input", { id: dateId, type: "text", value: value.edtf, "data-role": `${key}-date`, onchange: change("edtf") }),
      element("label", { for: methodId, text: `${caption}: how it is known` }),
      element("select", { id: methodId, "data-role": `${key}-method`, onchange: change("method") },
        ...methods.map((m) => {
          const short = m.value.replace("igc:", "");
          return element("option", { value: short, text: m.label, selected: short === (value.method || "stated") });
        })),
      element("label", { for: noteId, text: `${caption}: note (how the date was reached, when not stated)` }),
      element("input", { id: noteId, type: "text", value: value.note, "data-role": `${key}-note`, onchange: change("note") }),
    );
  }
  card.time = time;
  return box;
}

function renderSpans(card, index) {
  const list = element("ul", { class: "spans", "aria-label": `Evidence of fact ${index + 1}` });
  card.spans.forEach((span, position) => {
    list.append(element("li", {},
      element("q", { text: span.exact }), ` (${span.start}–${span.end}) `,
      element("button", {
        type: "button", "aria-label": `Remove evidence ${position + 1} of fact ${index + 1}`,
        onclick: () => edit(index, () => { card.spans.splice(position, 1); }, true),
      }, "×")));
  });
  const add = element("button", {
    type: "button",
    onclick: () => {
      const span = selectedSpan();
      if (!span) {
        setStatus("Select words in the text first.");
        return;
      }
      edit(index, () => { card.spans.push(spanOf(span)); }, true);
    },
  }, `Add the selected words to fact ${index + 1}`);
  return element("div", {}, list, add);
}

// Change a card; `redraw` redraws it (and the text), `after` runs once it is drawn.
function edit(index, change, redraw = false, after = null) {
  const card = state.cards[index];
  change();
  card.edited = true;
  state.unsaved = true;
  if (card.decision === "pending") card.decision = "accepted";
  if (redraw) {
    rerenderCard(index);
    renderText();
    if (after) after();
  } else {
    const article = document.querySelector(`.card[data-index="${index}"]`);
    article.className = `card ${card.decision}`;
    article.querySelector(".decision").textContent = `Decision: ${card.decision}`;
    renderSummary();
  }
}

function decide(index, decision) {
  if (index < 0 || index >= state.cards.length) return;
  state.cards[index].decision = decision;
  state.unsaved = true;
  rerenderCard(index);
  renderText();
  setStatus(`Fact ${index + 1}: ${decision}.`);
  focusCard(Math.min(index + 1, state.cards.length - 1));
}

function focusCard(index) {
  if (index < 0 || index >= state.cards.length) return;
  state.current = index;
  const article = document.querySelector(`.card[data-index="${index}"]`);
  article.focus();
  article.scrollIntoView({ block: "nearest" });
  markActive();
}

function focusLastField(index) {
  const inputs = document.querySelectorAll(`.card[data-index="${index}"] table input, .card[data-index="${index}"] table select`);
  if (inputs.length) inputs[inputs.length - 1].focus();
}

function addFact(event) {
  if (event) event.preventDefault();
  const words = document.getElementById("add-words");
  const occurrence = Number(document.getElementById("add-occurrence").value) || 1;
  const span = selectedSpan() || (words.value ? findWords(words.value, occurrence) : null);
  if (!span) {
    setStatus("Select the words that state the fact in the text, or type them under \u201cEvidence words\u201d.");
    words.focus();
    return;
  }
  const cls = document.getElementById("add-kind").value;
  const link = state.vocabulary.time_links[cls] || ["time:hasTime", "instant"];
  state.cards.push({
    iri: "", original_iri: null, origin: "added", decision: "accepted", edited: true, classes: [cls],
    fields: [], time: { link: link[0], shape: link[1], node: null, begins: null, ends: null },
    spans: [spanOf(span)],
  });
  words.value = "";
  state.unsaved = true;
  window.getSelection().removeAllRanges();
  renderAll();
  const index = state.cards.length - 1;
  focusCard(index);
  setStatus(`Fact ${index + 1} added with the evidence \u201c${spanOf(span).exact}\u201d; fill in its fields.`);
}

// --- new entities ---------------------------------------------------------------------------------
function slug(text) {
  const spelled = text.replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss")
    .replace(/Ä/g, "Ae").replace(/Ö/g, "Oe").replace(/Ü/g, "Ue");
  return spelled.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

function renderEntities() {
  const list = document.getElementById("entities");
  list.replaceChildren(...state.entities.map((entity, index) => element("li", {}, renderEntity(entity, index))));
}

function renderEntity(entity, index) {
  const headingId = fresh("entity-heading");
  const box = element("article", { class: "entity", "aria-labelledby": headingId, "data-index": String(index) });
  box.append(element("h3", { id: headingId, text: `${entity.origin === "proposed" ? "Proposed" : "New"} entity ${index + 1}: ${entity.label_de || "(no label yet)"}` }));
  const ids = { kind: fresh("ekind"), de: fresh("ede"), en: fresh("een"), iri: fresh("eiri") };
  const prefixOf = (kind) => (kind === "document" ? "doc" : kind);
  const suggest = () => {
    if (!entity.iriEdited) {
      entity.iri = entity.label_de ? `${prefixOf(entity.kind)}:${slug(entity.label_de)}` : "";
      box.querySelector(`#${ids.iri}`).value = entity.iri;
    }
  };
  box.append(
    element("label", { for: ids.kind, text: "Kind" }),
    element("select", {
      id: ids.kind, "data-role": "entity-kind",
      onchange: (event) => { entity.kind = event.target.value; entity.links = []; suggest(); renderEntities(); },
    }, ...state.vocabulary.entity_kinds.map((kind) => element("option", { value: kind, text: kind, selected: kind === entity.kind }))),
    element("label", { for: ids.de, text: "German label (rdfs:label @de)" }),
    element("input", {
      id: ids.de, type: "text", value: entity.label_de, "data-role": "label-de",
      onchange: (event) => { entity.label_de = event.target.value.trim(); suggest(); prefillPerson(entity, box); },
    }),
    element("label", { for: ids.en, text: "English label (rdfs:label @en)" }),
    element("input", { id: ids.en, type: "text", value: entity.label_en, "data-role": "label-en", onchange: (event) => { entity.label_en = event.target.value.trim(); } }),
    element("label", { for: ids.iri, text: "IRI" }),
    element("input", { id: ids.iri, type: "text", value: entity.iri, "data-role": "entity-iri", onchange: (event) => { entity.iri = event.target.value.trim(); entity.iriEdited = true; } }),
  );
  const specs = state.vocabulary.entity_links[entity.kind] || [];
  for (const spec of specs) {
    let link = entity.links.find((l) => l.predicate === spec.predicate);
    if (!link) {
      link = { predicate: spec.predicate, value: emptyValue(spec) };
      entity.links.push(link);
    }
    const id = fresh("elink");
    box.append(element("label", { for: id, text: `${spec.label} (${spec.predicate})` }),
      valueInput(spec, link.value, id, (value) => { link.value = value; }));
  }
  box.append(element("button", {
    type: "button",
    onclick: () => { state.entities.splice(index, 1); renderEntities(); },
  }, `Remove entity ${index + 1}`));
  return box;
}

function prefillPerson(entity, box) {
  if (entity.kind !== "person" || !entity.label_de) return;
  const words = entity.label_de.split(/\s+/);
  const family = words.pop();
  for (const link of entity.links) {
    if (link.predicate === "schema:familyName" && !link.value.literal) link.value = { literal: family };
    if (link.predicate === "schema:givenName" && !link.value.literal) link.value = { literal: words.join(" ") };
  }
  if (!entity.label_en) entity.label_en = entity.label_de;
  const index = Number(box.dataset.index);
  renderEntities();
  const again = document.querySelector(`.entity[data-index="${index}"] [data-role="label-en"]`);
  if (again) again.focus();
}

function newEntity() {
  state.entities.push({ iri: "", kind: "person", origin: "added", label_de: "", label_en: "", links: [] });
  renderEntities();
  const boxes = document.querySelectorAll(".entity");
  boxes[boxes.length - 1].querySelector("select").focus();
}

// --- saving ---------------------------------------------------------------------------------------
function renderSummary() {
  const counts = { pending: 0, accepted: 0, rejected: 0 };
  for (const card of state.cards) counts[card.decision] += 1;
  document.getElementById("summary").textContent =
    `${state.cards.length} facts: ${counts.accepted} accepted, ${counts.rejected} rejected, ${counts.pending} to decide.`;
}

function setStatus(text) {
  document.getElementById("status").textContent = text;
}

function showProblems(title, problems) {
  const box = document.getElementById("problems");
  box.replaceChildren(element("h2", { text: title }), element("ul", {}, ...problems.map((p) => element("li", { text: p }))));
}

// The source's title, sent only when the curator changed it (or its "ours" mark).
function sourceChanges() {
  const title = document.getElementById("source-title").value;
  const curated = document.getElementById("source-title-curated").checked;
  if (title === state.doc.title && curated === state.doc.title_is_curated) return {};
  return { title, title_is_curated: curated };
}

async function save() {
  document.getElementById("problems").replaceChildren();
  setStatus("Checking and saving …");
  const payload = {
    cards: state.cards.map((card) => ({
      iri: card.iri, original_iri: card.original_iri, origin: card.origin, decision: card.decision,
      classes: card.classes, fields: card.fields, time: card.time, spans: card.spans,
    })),
    entities: state.entities,
    source: sourceChanges(),
  };
  const response = await fetch(body.dataset.api, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload),
  });
  const answer = await response.json();
  if (!response.ok) {
    setStatus("");
    showProblems(answer.error.title, answer.error.problems);
    document.getElementById("problems").focus();
    return;
  }
  const c = answer.counts;
  await load();
  setStatus(`Saved ${answer.written.join(", ")}. Kept ${c.kept}, corrected ${c.corrected}, rejected ${c.rejected}, added ${c.added}.`);
}

// --- keyboard -------------------------------------------------------------------------------------
function typing(target) {
  return ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName) || target.isContentEditable;
}

document.addEventListener("keydown", (event) => {
  if ((event.ctrlKey || event.metaKey) && event.key === "s") {
    event.preventDefault();
    save();
    return;
  }
  if (event.key === "Escape" && typing(event.target)) {
    focusCard(state.current);
    return;
  }
  if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
  const actions = {
    j: () => focusCard(state.current + 1),
    n: () => focusCard(state.current + 1),
    k: () => focusCard(state.current - 1),
    p: () => focusCard(state.current - 1),
    a: () => decide(state.current, "accepted"),
    r: () => decide(state.current, "rejected"),
    u: () => decide(state.current, "pending"),
    e: () => {
      const field = document.querySelector(`.card[data-index="${state.current}"] input, .card[data-index="${state.current}"] select`);
      if (field) field.focus();
    },
    t: () => document.getElementById("text").focus(),
    f: () => addFact(null),
    s: () => save(),
    "?": () => {
      const help = document.getElementById("help");
      help.open = !help.open;
    },
  };
  if (actions[event.key]) {
    event.preventDefault();
    actions[event.key]();
  }
});

// Leaving with decisions not saved asks first (the browser shows its own question).
window.addEventListener("beforeunload", (event) => {
  if (state.unsaved) event.preventDefault();
});
document.getElementById("add-fact").addEventListener("submit", addFact);
document.getElementById("save").addEventListener("click", save);
document.getElementById("new-entity").addEventListener("click", newEntity);
document.getElementById("problems").setAttribute("tabindex", "-1");
load();
