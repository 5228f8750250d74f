// A question's form: an entity parameter is chosen by the site search; the field then holds the
// entity's short name (`body:intmk`), which the server reads, and shows its label beside it.

import { attachSuggestions } from "./search.js";

for (const input of document.querySelectorAll("input[data-pick]")) {
  const picked = document.getElementById(`${input.id}-picked`);
  attachSuggestions(input, (hit) => {
    input.value = hit.key;
    picked.textContent = hit.label;
  });
  input.addEventListener("input", () => { picked.textContent = ""; });
}
