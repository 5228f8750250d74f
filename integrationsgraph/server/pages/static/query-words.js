// What the editor can say about a query before sending it: prefixes it uses without declaring (the
// known ones are declared for the user), an unknown prefix, and updates (the endpoint is read-only).

const UPDATE = /^(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b/i;

/** The query with IRIs, strings and comments blanked (same length, lines kept), for scanning. */
function blanked(text) {
  return text.replace(/<[^<>\s]*>|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|#[^\n]*/g, (part) => " ".repeat(part.length));
}

function declared(text) {
  return new Set([...blanked(text).matchAll(/\bPREFIX\s+([A-Za-z][\w.-]*)?:/gi)].map((match) => match[1] ?? ""));
}

/** Each prefix used and not declared, where it is first used: [{name, line, column}]. */
export function undeclaredPrefixes(text) {
  const scanned = blanked(text);
  const known = declared(text);
  const found = new Map();
  for (const match of scanned.matchAll(/(^|[\s({};,./^|!])([A-Za-z][\w-]*)?:(?=[A-Za-z0-9_])/g)) {
    const name = match[2] ?? "";
    if (known.has(name) || found.has(name)) continue;
    const before = scanned.slice(0, match.index + match[1].length).split("\n");
    found.set(name, { line: before.length, column: before[before.length - 1].length + 1 });
  }
  return [...found].map(([name, where]) => ({ name, ...where }));
}

/** The text with a PREFIX line for each of `names` the site knows (`prefixes`: {name: namespace}). */
export function declarePrefixes(text, names, prefixes) {
  const lines = names.filter((name) => name in prefixes).map((name) => `PREFIX ${name}: <${prefixes[name]}>\n`);
  return lines.join("") + text;
}

// English when the page passes no words of its own.
const ENGLISH = {
  read_only: "This endpoint is read-only: it answers queries (SELECT, ASK, CONSTRUCT, DESCRIBE), not updates.",
  unknown_prefix: "unknown prefix '{name}' on line {line}",
};

/** A problem the endpoint would refuse, in words (`words`: the page's, see EDITOR_WORDS), or null. */
export function problemInWords(text, prefixes, words = ENGLISH) {
  const body = blanked(text).replace(/\b(PREFIX\s+[\w.-]*:|BASE)\s*/gi, "").trim();
  if (UPDATE.test(body)) return { message: words.read_only };
  for (const { name, line, column } of undeclaredPrefixes(text)) {
    if (!(name in prefixes)) {
      return { message: words.unknown_prefix.replace("{name}", name).replace("{line}", String(line)), line, column };
    }
  }
  return null;
}
