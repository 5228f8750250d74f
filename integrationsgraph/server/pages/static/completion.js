// Completion in the editor while typing: the site's prefixes (a word without a colon) and entity names
// (after a prefix of this site's IRIs, `person:klo`), the names from the same label index as the
// search box (/search?format=json). A pick writes `prefix:` or the entity's `prefix:local` and declares
// the prefix when the query does not yet.

import { declarePrefixes } from "./query-words.js";

const DELAY_MS = 120; // wait for a pause in typing before asking for names
const MAX_PREFIXES = 8;

/** The word being typed before the caret: {start, prefix, local} for `pre:loc`, {start, word} else. */
export function wordBefore(text, caret) {
  const match = /(?:^|[\s({};,/^|!])(([A-Za-z][\w.-]*)?(:([\w.-]*))?)$/.exec(text.slice(0, caret));
  if (!match || !match[1]) return null;
  const start = caret - match[1].length;
  if (match[3] !== undefined) return { start, prefix: match[2] ?? "", local: match[4] };
  return { start, word: match[2] };
}

/** The prefixes starting with `word` (case forgiven), shortest first. */
export function prefixChoices(word, prefixes) {
  const lower = word.toLowerCase();
  return Object.keys(prefixes)
    .filter((name) => name.toLowerCase().startsWith(lower) && name.toLowerCase() !== lower)
    .sort((a, b) => a.length - b.length || a.localeCompare(b))
    .slice(0, MAX_PREFIXES)
    .map((name) => ({ label: `${name}:`, note: prefixes[name], insert: `${name}:`, prefix: name }));
}

export class Completion {
  /** `editor`: the Editor; `site`: {base, suggest (the search URL), lang}; `prefixes`: {name: ns}. */
  constructor(editor, prefixes, site, words) {
    this.editor = editor;
    this.prefixes = prefixes;
    this.site = site;
    this.words = words;
    this.choices = [];
    this.active = -1;
    this.asked = 0;
    this.timer = null;
    const textarea = editor.textarea;
    this.list = document.createElement("ul");
    this.list.id = "completion";
    this.list.className = "suggestions completion";
    this.list.setAttribute("role", "listbox");
    this.list.setAttribute("aria-label", words.label);
    this.list.hidden = true;
    textarea.closest(".editor").after(this.list);
    textarea.setAttribute("aria-autocomplete", "list");
    textarea.setAttribute("aria-controls", this.list.id);
    textarea.addEventListener("input", () => this.update());
    textarea.addEventListener("keydown", (event) => this.key(event), { capture: true });
    textarea.addEventListener("blur", () => this.close());
    this.list.addEventListener("pointerdown", (event) => event.preventDefault()); // keep the focus
  }

  update() {
    clearTimeout(this.timer);
    const { value, selectionStart, selectionEnd } = this.editor.textarea;
    const word = selectionStart === selectionEnd ? wordBefore(value, selectionStart) : null;
    const ticket = ++this.asked;
    if (!word) return this.close();
    if (word.word !== undefined) {
      // two letters at least: a lone `a` (rdf:type) or `?s a` at a line's end is no prefix being typed
      return word.word.length < 2 ? this.close() : this.show(prefixChoices(word.word, this.prefixes), word.start);
    }
    const namespace = this.prefixes[word.prefix];
    if (!namespace || !namespace.startsWith(this.site.base) || word.local.length < 2) return this.close();
    this.timer = setTimeout(() => this.names(word, namespace, ticket).catch(() => this.close()), DELAY_MS);
  }

  /** Entities under the typed prefix whose names match the typed local part (dashes read as spaces). */
  async names(word, namespace, ticket) {
    const params = new URLSearchParams({ q: word.local.replace(/[-_.]+/g, " "), format: "json" });
    if (this.site.lang) params.set("lang", this.site.lang);
    const response = await fetch(`${this.site.suggest}?${params}`, { headers: { Accept: "application/json" } });
    if (!response.ok || ticket !== this.asked) return;
    const { results } = await response.json();
    if (ticket !== this.asked) return;
    const fitting = results.filter((hit) => hit.iri.startsWith(namespace) && !/[/#]/.test(hit.iri.slice(namespace.length)));
    this.show(fitting.map((hit) => ({
      label: hit.label,
      note: `${word.prefix}:${hit.iri.slice(namespace.length)}`,
      insert: `${word.prefix}:${hit.iri.slice(namespace.length)}`,
      prefix: word.prefix,
    })), word.start);
  }

  show(choices, start) {
    this.choices = choices;
    this.start = start;
    this.active = choices.length ? 0 : -1;
    this.list.replaceChildren(...choices.map((choice, index) => {
      const item = document.createElement("li");
      item.id = `completion-${index}`;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", String(index === this.active));
      const name = document.createElement("code");
      name.textContent = choice.label;
      const note = document.createElement("span");
      note.className = "hint";
      note.textContent = choice.note;
      item.append(name, " ", note);
      item.addEventListener("click", () => this.pick(index));
      return item;
    }));
    this.list.hidden = choices.length === 0;
    this.mark();
  }

  mark() {
    const textarea = this.editor.textarea;
    [...this.list.children].forEach((item, i) => item.setAttribute("aria-selected", String(i === this.active)));
    if (this.active >= 0 && !this.list.hidden) textarea.setAttribute("aria-activedescendant", `completion-${this.active}`);
    else textarea.removeAttribute("aria-activedescendant");
  }

  close() {
    clearTimeout(this.timer);
    this.asked++;
    this.choices = [];
    this.list.hidden = true;
    this.active = -1;
    this.mark();
  }

  key(event) {
    if (this.list.hidden || !this.choices.length) return;
    const count = this.choices.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      this.active = (this.active + (event.key === "ArrowDown" ? 1 : count - 1)) % count;
      this.mark();
    } else if ((event.key === "Enter" || event.key === "Tab") && !event.ctrlKey && !event.metaKey && this.active >= 0) {
      this.pick(this.active);
    } else if (event.key === "Escape") {
      this.close();
    } else {
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  /** Writes the choice over the typed word, and declares its prefix when the query does not yet. */
  pick(index) {
    const choice = this.choices[index];
    const textarea = this.editor.textarea;
    const caret = textarea.selectionStart;
    let text = textarea.value.slice(0, this.start) + choice.insert + textarea.value.slice(caret);
    let position = this.start + choice.insert.length;
    const declaration = new RegExp(`\\bPREFIX\\s+${choice.prefix.replace(/[.-]/g, "\\$&")}:`, "i");
    if (!declaration.test(text)) {
      const declared = declarePrefixes(text, [choice.prefix], this.prefixes);
      position += declared.length - text.length;
      text = declared;
    }
    this.close();
    this.editor.replaceText(text, position);
  }
}
