// The query page: editor, examples, running a query against the endpoint, results and downloads.

import { Completion } from "./completion.js";
import { Editor } from "./editor.js";
import { declarePrefixes, problemInWords, undeclaredPrefixes } from "./query-words.js";
import { parseNTriples, prefixPairs, renderTable } from "./results.js";
import { makeSortable } from "./sortable.js";

const SHOWN_ROWS = 1000; // more rows than this are left to the downloads, and the page says so

// Download formats per kind of result: label, media type (sent as Accept), file extension.
const DOWNLOADS = {
  table: [
    ["JSON", "application/sparql-results+json", "srj"],
    ["XML", "application/sparql-results+xml", "srx"],
    ["CSV", "text/csv", "csv"],
    ["TSV", "text/tab-separated-values", "tsv"],
  ],
  graph: [
    ["Turtle", "text/turtle", "ttl"],
    ["N-Triples", "application/n-triples", "nt"],
    ["RDF/XML", "application/rdf+xml", "rdf"],
    ["JSON-LD", "application/ld+json", "jsonld"],
  ],
};

const page = document.querySelector("[data-endpoint]");
const endpoint = page.dataset.endpoint;
const permalinkBase = page.dataset.permalink;
// Result IRIs this server mints link to its own pages.
const site = { base: page.dataset.base, root: page.dataset.root, lang: page.dataset.langQuery };
const prefixMap = JSON.parse(document.getElementById("prefixes").textContent);
const prefixes = prefixPairs(prefixMap);
const examples = JSON.parse(document.getElementById("examples").textContent);
// What the page says, in the page's language: `say("rows", {n: 3})`.
const words = JSON.parse(document.getElementById("editor-words").textContent);
const say = (key, values = {}) => words[key].replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));

const status = document.getElementById("status");
const errorBox = document.getElementById("query-error");
const resultsBox = document.getElementById("results");
const downloads = document.getElementById("downloads");
const runButton = document.getElementById("run");

const editor = new Editor(document.getElementById("query"), document.getElementById("highlight"), {
  onRun: run,
});
new Completion(editor, prefixMap, { base: site.base, suggest: page.dataset.suggest, lang: site.lang },
  { label: words.completions });
document.getElementById("query-form").addEventListener("submit", (event) => {
  event.preventDefault(); // the page runs the query itself and shows the rows
  run();
});

for (const button of document.querySelectorAll("[data-example]")) {
  button.addEventListener("click", () => {
    editor.value = examples[button.dataset.example];
    for (const other of document.querySelectorAll("[data-example]")) {
      other.setAttribute("aria-pressed", String(other === button));
    }
    clearOutput();
    editor.textarea.focus();
  });
}

function clearOutput() {
  errorBox.hidden = true;
  errorBox.textContent = "";
  resultsBox.replaceChildren();
  downloads.replaceChildren();
  status.textContent = "";
}

/** POSTs the query as a form, asking for `accept`. */
function postQuery(text, accept) {
  return fetch(endpoint, {
    method: "POST",
    headers: { Accept: accept, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ query: text }),
  });
}

async function run() {
  // The site's prefixes are predeclared: a query that uses one gets its PREFIX line.
  const missing = undeclaredPrefixes(editor.value).map(({ name }) => name);
  if (missing.some((name) => name in prefixMap)) editor.value = declarePrefixes(editor.value, missing, prefixMap);
  const text = editor.value;
  clearOutput();
  editor.clearError();
  const problem = problemInWords(text, prefixMap, words);
  if (problem) {
    showError(problem);
    return;
  }
  runButton.disabled = true;
  status.textContent = say("running");
  const started = performance.now();
  try {
    // Solutions and booleans as JSON results, graphs as N-Triples: one request for every query form.
    const response = await postQuery(text, "application/sparql-results+json, application/n-triples;q=0.9");
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (!response.ok) {
      showError(await readError(response));
      status.textContent = say("failed_after", { s: seconds, status: response.status });
      return;
    }
    const type = response.headers.get("Content-Type") || "";
    history.replaceState(null, "", `${permalinkBase}?query=${encodeURIComponent(text)}`);
    if (type.startsWith("application/n-triples")) {
      const { variables, rows } = parseNTriples(await response.text());
      showTable(variables, rows, say(rows.length === 1 ? "triple" : "triples", { n: rows.length }), seconds);
      showDownloads(text, "graph");
      return;
    }
    const results = await response.json();
    if ("boolean" in results) {
      resultsBox.replaceChildren(answer(results.boolean));
      status.textContent = say("ask_answered", { s: seconds });
    } else {
      const rows = results.results.bindings;
      showTable(results.head.vars, rows, say(rows.length === 1 ? "row" : "rows", { n: rows.length }), seconds);
    }
    showDownloads(text, "table");
  } catch (error) {
    // The network failed or the answer was unreadable: say so instead of leaving "Running…".
    showError({ message: say("request_failed", { m: error.message }) });
    status.textContent = say("failed");
  } finally {
    runButton.disabled = false;
  }
}

function answer(boolean) {
  const node = document.createElement("p");
  node.className = "ask-answer";
  node.textContent = boolean ? say("yes_true") : say("no_false");
  return node;
}

function showTable(variables, rows, count, seconds) {
  const shown = rows.length > SHOWN_ROWS ? say("first_shown", { n: SHOWN_ROWS }) : "";
  status.textContent = say("answered_in", { count, s: seconds, shown });
  const table = renderTable(variables, rows, prefixes, SHOWN_ROWS, site);
  makeSortable(table);
  resultsBox.replaceChildren(table);
}

function showDownloads(text, kind) {
  const label = document.createElement("span");
  label.textContent = say("download");
  downloads.replaceChildren(label);
  for (const [name, mediaType, extension] of DOWNLOADS[kind]) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "link-button";
    button.textContent = name;
    button.dataset.mediaType = mediaType;
    button.addEventListener("click", () => download(text, mediaType, `results.${extension}`));
    downloads.append(button);
  }
}

/** Runs the query again asking for one format (a POST: a long query does not fit a URL) and saves it. */
async function download(text, mediaType, fileName) {
  try {
    const response = await postQuery(text, mediaType);
    if (!response.ok) {
      showError(await readError(response));
      return;
    }
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000); // the download must have begun by then
  } catch (error) {
    showError({ message: say("download_failed", { m: error.message }) });
  }
}

/** {message, line, column} from an error response: the JSON error shape, or its text. */
async function readError(response) {
  const body = await response.text();
  let message = body;
  let line = null;
  let column = null;
  try {
    const error = JSON.parse(body).error;
    message = [error.title, error.detail].filter(Boolean).join(": ");
    line = error.line ?? null;
    column = error.column ?? null;
  } catch {
    // Not the JSON error shape (a proxy's page, say): show the text as it is.
  }
  if (line === null) {
    const position = /error at (\d+):(\d+)/.exec(message);
    if (position) [line, column] = [Number(position[1]), Number(position[2])];
  }
  return { message, line, column };
}

const SHORT_MESSAGE = 160; // characters; parser messages can list dozens of expected tokens

function showError({ message, line, column }) {
  errorBox.hidden = false;
  errorBox.replaceChildren();
  if (line) {
    const where = document.createElement("strong");
    where.textContent = say("line_column", { line, column: column ?? "?" });
    errorBox.append(where);
    editor.markError(line, column ?? 1);
  }
  // The position is shown above, so the parser's own "error at L:C:" is left out of the summary.
  const summary = message.replace(/error at \d+:\d+: /, "");
  const firstLine = summary.split("\n")[0];
  const short = firstLine.length > SHORT_MESSAGE ? `${firstLine.slice(0, SHORT_MESSAGE)}…` : firstLine;
  errorBox.append(short);
  if (short !== summary) {
    const details = document.createElement("details");
    const label = document.createElement("summary");
    label.textContent = say("full_message");
    const full = document.createElement("pre");
    full.textContent = message;
    details.append(label, full);
    errorBox.append(details);
  }
}
