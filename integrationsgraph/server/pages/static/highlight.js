// A small SPARQL tokenizer and highlighter: text in, HTML of highlighted lines out.
// It only colours; it never judges validity (the server's parser does that).

const KEYWORDS = new Set([
  "BASE", "PREFIX", "SELECT", "CONSTRUCT", "DESCRIBE", "ASK", "WHERE", "FROM", "NAMED", "GRAPH",
  "OPTIONAL", "UNION", "MINUS", "FILTER", "BIND", "VALUES", "SERVICE", "SILENT", "AS", "DISTINCT",
  "REDUCED", "ORDER", "BY", "ASC", "DESC", "GROUP", "HAVING", "LIMIT", "OFFSET", "NOT", "IN", "EXISTS",
  "UNDEF", "INSERT", "DELETE", "DATA", "WITH", "USING", "DEFAULT", "ALL", "LOAD", "CLEAR", "DROP",
  "CREATE", "ADD", "MOVE", "COPY", "INTO", "TO", "a",
]);

const FUNCTIONS = new Set([
  "STR", "LANG", "LANGMATCHES", "DATATYPE", "BOUND", "IRI", "URI", "BNODE", "RAND", "ABS", "CEIL",
  "FLOOR", "ROUND", "CONCAT", "STRLEN", "UCASE", "LCASE", "ENCODE_FOR_URI", "CONTAINS", "STRSTARTS",
  "STRENDS", "STRBEFORE", "STRAFTER", "YEAR", "MONTH", "DAY", "HOURS", "MINUTES", "SECONDS",
  "TIMEZONE", "TZ", "NOW", "UUID", "STRUUID", "MD5", "SHA1", "SHA256", "SHA384", "SHA512", "COALESCE",
  "IF", "STRLANG", "STRDT", "SAMETERM", "ISIRI", "ISURI", "ISBLANK", "ISLITERAL", "ISNUMERIC", "REGEX",
  "SUBSTR", "REPLACE", "COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT", "SEPARATOR",
]);

// Order matters: the first rule that matches at the current position wins.
const RULES = [
  ["space", /\s+/y],
  ["comment", /#[^\n]*/y],
  ["string", /"""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?/y],
  ["iri", /<[^<>"{}|^`\\\s]*>/y],
  ["variable", /[?$][\p{L}\p{N}_\u00B7\u0300-\u036F\u203F-\u2040]+/uy],
  ["lang", /@[A-Za-z]+(?:-[A-Za-z0-9]+)*/y],
  ["bnode", /_:[\p{L}\p{N}_][\p{L}\p{N}_.-]*/uy],
  ["pname", /(?:[\p{L}][\p{L}\p{N}_.-]*)?:(?:[\p{L}\p{N}_:%\\-]|\.(?=[\p{L}\p{N}_:%\\-]))*/uy],
  ["number", /[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?/y],
  ["word", /[\p{L}_][\p{L}\p{N}_]*/uy],
  ["punct", /\^\^|&&|\|\||!=|<=|>=|[^\s]/y],
];

/** Splits SPARQL text into tokens [{type, text}] whose texts concatenate back to the input. */
export function tokenize(text) {
  const tokens = [];
  let position = 0;
  while (position < text.length) {
    for (const [type, pattern] of RULES) {
      pattern.lastIndex = position;
      const match = pattern.exec(text);
      if (match && match[0].length > 0) {
        tokens.push({ type: classifyWord(type, match[0]), text: match[0] });
        position += match[0].length;
        break;
      }
    }
  }
  return tokens;
}

function classifyWord(type, text) {
  if (type !== "word") return type;
  if (text === "a" || KEYWORDS.has(text.toUpperCase())) return "keyword";
  if (FUNCTIONS.has(text.toUpperCase())) return "function";
  if (text === "true" || text === "false") return "boolean";
  return "plain";
}

function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

/**
 * HTML for the text as one <span class="line"> per line (tokens may span lines, e.g. long strings);
 * the line numbered errorLine (1-based) also gets the class "error".
 */
export function highlightLines(text, errorLine = 0) {
  const lines = [[]];
  for (const token of tokenize(text)) {
    const parts = token.text.split("\n");
    parts.forEach((part, index) => {
      if (index > 0) lines.push([]);
      if (part === "") return;
      const escaped = escapeHtml(part);
      const current = lines[lines.length - 1];
      current.push(token.type === "space" || token.type === "plain" || token.type === "punct"
        ? escaped : `<span class="tok-${token.type}">${escaped}</span>`);
    });
  }
  return lines.map((parts, index) => {
    const classes = index + 1 === errorLine ? "line error" : "line";
    // A zero-width space keeps an empty line one line tall.
    return `<span class="${classes}">${parts.join("") || "\u200b"}</span>`;
  }).join("");
}

/** The query form (SELECT, ASK, CONSTRUCT, DESCRIBE) or "" when none is found. */
export function queryForm(text) {
  for (const token of tokenize(text)) {
    if (token.type !== "keyword") continue;
    const word = token.text.toUpperCase();
    if (["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"].includes(word)) return word;
  }
  return "";
}
