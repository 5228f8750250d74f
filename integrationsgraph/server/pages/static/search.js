// The search box in every page's header: suggestions from /search as one types (the form works
// without this script: it opens the search page).

const DELAY_MS = 120; // wait for a pause in typing before asking

/** Suggestions under `input`; picking one calls `onPick(hit)` (by default: open the entity's page). */
export function attachSuggestions(input, onPick = (hit) => { window.location.href = hit.href; }) {
  const list = document.createElement("ul");
  list.id = `${input.id}-suggestions`;
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  input.after(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");

  let timer = null;
  let asked = 0; // answers to older keystrokes are dropped
  let active = -1;
  let hits = [];

  const options = () => [...list.querySelectorAll("[role=option]")];
  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const highlight = (index) => {
    const all = options();
    all.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
    active = index;
    if (all[index]) input.setAttribute("aria-activedescendant", all[index].id);
  };

  async function suggest() {
    const text = input.value.trim();
    const ticket = ++asked;
    if (!text) return close();
    const params = new URLSearchParams({ q: text, format: "json" });
    if (input.dataset.langQuery) params.set("lang", input.dataset.langQuery);
    const response = await fetch(`${input.dataset.suggest}?${params}`, { headers: { Accept: "application/json" } });
    if (!response.ok || ticket !== asked) return;
    const { results } = await response.json();
    if (ticket !== asked) return;
    hits = results;
    list.replaceChildren(...results.map((hit, index) => {
      const item = document.createElement("li");
      item.id = `${list.id}-${index}`;
      item.setAttribute("role", "option");
      const link = document.createElement("a");
      link.href = hit.href;
      link.tabIndex = -1;
      link.textContent = hit.label;
      item.addEventListener("click", (event) => { // the whole row picks, not only its link
        event.preventDefault();
        close();
        onPick(hit);
      });
      item.append(link);
      const note = [hit.types.join(", "), hit.matched].filter(Boolean).join(" · ");
      if (note) {
        const hint = document.createElement("span");
        hint.className = "hint";
        hint.textContent = note;
        item.append(" ", hint);
      }
      return item;
    }));
    list.hidden = results.length === 0;
    input.setAttribute("aria-expanded", String(results.length > 0));
    active = -1;
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => suggest().catch(close), DELAY_MS);
  });
  input.addEventListener("keydown", (event) => {
    const count = options().length;
    if (event.key === "ArrowDown" && count) {
      event.preventDefault();
      highlight((active + 1) % count);
    } else if (event.key === "ArrowUp" && count) {
      event.preventDefault();
      highlight((active - 1 + count) % count);
    } else if (event.key === "Enter" && active >= 0 && !list.hidden) {
      event.preventDefault();
      const hit = hits[active];
      close();
      onPick(hit);
    } else if (event.key === "Escape") {
      close();
    }
  });
  // A suggestion is clicked with the pointer down on it, before the input loses focus.
  list.addEventListener("pointerdown", (event) => event.preventDefault());
  input.addEventListener("blur", close);
  return list;
}

for (const input of document.querySelectorAll("input[data-suggest]:not([data-pick])")) attachSuggestions(input);
