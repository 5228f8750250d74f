// The query editor: a <textarea> (which keeps native editing, undo and accessibility) layered over a
// <pre> that shows the same text highlighted. The textarea's text is transparent; its caret is not.

import { highlightLines } from "./highlight.js";

export class Editor {
  constructor(textarea, highlight, { onRun }) {
    this.textarea = textarea;
    this.highlight = highlight;
    this.errorLine = 0;
    textarea.addEventListener("input", () => {
      this.errorLine = 0; // the text the error was about has changed
      this.render();
    });
    textarea.addEventListener("scroll", () => this.syncScroll());
    textarea.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        onRun();
      }
    });
    this.render();
  }

  get value() {
    return this.textarea.value;
  }

  /** Replaces the text; the caret goes to the start, so the beginning of the query is in view. */
  set value(text) {
    this.textarea.value = text;
    this.textarea.setSelectionRange(0, 0);
    this.errorLine = 0;
    this.render();
    this.textarea.scrollTop = 0;
    this.syncScroll();
  }

  /** Replaces the text and puts the caret at `position` (a completion's pick). */
  replaceText(text, position) {
    this.textarea.value = text;
    this.textarea.setSelectionRange(position, position);
    this.errorLine = 0;
    this.render();
  }

  /** Marks a 1-based line (and places the caret at the column) after a syntax error. */
  markError(line, column) {
    this.errorLine = line;
    this.render();
    const lines = this.textarea.value.split("\n");
    if (line >= 1 && line <= lines.length) {
      const offset = lines.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0);
      const position = offset + Math.min(Math.max(column - 1, 0), lines[line - 1].length);
      this.textarea.focus();
      this.textarea.setSelectionRange(position, position);
      this.scrollToLine(line);
    }
  }

  clearError() {
    if (this.errorLine) {
      this.errorLine = 0;
      this.render();
    }
  }

  render() {
    this.highlight.innerHTML = highlightLines(this.textarea.value, this.errorLine);
    this.syncScroll();
  }

  scrollToLine(line) {
    const lineHeight = parseFloat(getComputedStyle(this.textarea).lineHeight);
    const top = (line - 1) * lineHeight;
    const visible = this.textarea.clientHeight - 2 * lineHeight;
    if (top < this.textarea.scrollTop || top > this.textarea.scrollTop + visible) {
      this.textarea.scrollTop = Math.max(top - lineHeight * 2, 0);
    }
    this.syncScroll();
  }

  syncScroll() {
    this.highlight.scrollTop = this.textarea.scrollTop;
    this.highlight.scrollLeft = this.textarea.scrollLeft;
  }
}
