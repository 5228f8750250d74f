// Reading query results (SPARQL JSON results, N-Triples) and rendering them as an HTML table.

/** Rows as {variables, rows: [{name: term}]} from N-Triples text; terms use the SPARQL JSON shape. */
export function parseNTriples(text) {
  const rows = [];
  const term = /\s*(<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?)/y;
  for (const line of text.split("\n")) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    term.lastIndex = 0;
    const terms = [];
    for (let index = 0; index < 3; index++) {
      const match = term.exec(line);
      if (!match) throw new Error(`cannot read this N-Triples line: ${line}`);
      terms.push(ntriplesTerm(match[1]));
    }
    rows.push({ subject: terms[0], predicate: terms[1], object: terms[2] });
  }
  return { variables: ["subject", "predicate", "object"], rows };
}

function ntriplesTerm(text) {
  if (text.startsWith("<")) return { type: "uri", value: unescapeNTriples(text.slice(1, -1)) };
  if (text.startsWith("_:")) return { type: "bnode", value: text.slice(2) };
  const end = text.lastIndexOf('"');
  const literal = { type: "literal", value: unescapeNTriples(text.slice(1, end)) };
  const suffix = text.slice(end + 1);
  if (suffix.startsWith("@")) literal["xml:lang"] = suffix.slice(1);
  if (suffix.startsWith("^^")) literal.datatype = suffix.slice(3, -1);
  return literal;
}

const ESCAPES = { t: "\t", b: "\b", n: "\n", r: "\r", f: "\f", '"': '"', "'": "'", "\\": "\\" };

function unescapeNTriples(text) {
  return text.replace(/\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))/g, (_, u4, u8, single) =>
    u4 || u8 ? String.fromCodePoint(parseInt(u4 || u8, 16)) : (ESCAPES[single] ?? single));
}

/** `prefix:local` for an IRI in one of the known namespaces (longest first), else null. */
export function compactIri(iri, prefixes) {
  for (const [prefix, namespace] of prefixes) {
    const local = iri.slice(namespace.length);
    if (iri.startsWith(namespace) && local && !/[/#]/.test(local)) return `${prefix}:${local}`;
  }
  return null;
}

/** Sorts a {prefix: namespace} object into [prefix, namespace] pairs, longest namespace first. */
export function prefixPairs(prefixes) {
  return Object.entries(prefixes).sort((a, b) => b[1].length - a[1].length);
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

const LONG_LITERAL = 60; // characters

/** Where a result links an IRI: this server's page for an IRI it mints (`site`: {base, root, lang}),
 * keeping the language switch; any other IRI as it is. */
export function hrefOf(iri, site) {
  if (!site || !site.base || !iri.startsWith(site.base)) return iri;
  const [path, fragment] = iri.slice(site.base.length).split("#");
  const query = site.lang ? `?lang=${encodeURIComponent(site.lang)}` : "";
  return `${site.root}/${path}${query}${fragment ? `#${fragment}` : ""}`;
}

/** A table cell's content for one SPARQL JSON term (undefined: unbound). */
export function renderTerm(term, prefixes, site) {
  if (term === undefined) return element("span", { class: "unbound" }, "");
  if (term.type === "uri") {
    const compact = compactIri(term.value, prefixes);
    const href = hrefOf(term.value, site);
    return element("a", { href, class: "iri", title: term.value }, compact ?? `<${term.value}>`);
  }
  if (term.type === "bnode") return element("span", { class: "bnode" }, `_:${term.value}`);
  if (term.type === "triple") {
    const { subject, predicate, object } = term.value;
    return element("span", { class: "quoted-triple" }, "<< ", renderTerm(subject, prefixes, site), " ",
      renderTerm(predicate, prefixes, site), " ", renderTerm(object, prefixes, site), " >>");
  }
  // Short values stay on one line; long texts wrap inside a column of readable width.
  const classes = term.value.length > LONG_LITERAL ? "literal long" : "literal";
  const literal = element("span", { class: classes }, term.value);
  if (term["xml:lang"]) {
    return element("span", {}, literal, element("span", { class: "annotation" }, `@${term["xml:lang"]}`));
  }
  if (term.datatype) {
    const compact = compactIri(term.datatype, prefixes) ?? `<${term.datatype}>`;
    return element("span", {}, literal, element("span", { class: "annotation" }, `^^${compact}`));
  }
  return literal;
}

/** A <table> of at most `limit` rows; the caller says when rows were left out. */
export function renderTable(variables, rows, prefixes, limit, site) {
  const head = element("tr", {}, ...variables.map((name) => element("th", { scope: "col" }, `?${name}`)));
  const body = element("tbody");
  for (const row of rows.slice(0, limit)) {
    body.append(element("tr", {}, ...variables.map((name) => element("td", {}, renderTerm(row[name], prefixes, site)))));
  }
  return element("table", { class: "results" }, element("thead", {}, head), body);
}
