// Flows page: draws each flow's Mermaid text as a diagram in the browser, with the vendored Mermaid
// (lib/mermaid, MIT licence). A state in a diagram links to its entry in the list beside it, which names its texts.
// Without this script the page still shows the list and the Mermaid text.
"use strict";
document.addEventListener("DOMContentLoaded", async () => {
  const sources = [...document.querySelectorAll("pre.mermaid[data-flow]")];
  if (sources.length === 0 || typeof mermaid === "undefined") return;
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "neutral", state: { useMaxWidth: true } });
  for (const source of sources) {
    const flow = source.dataset.flow;
    const holder = document.createElement("div");
    holder.className = "diagram";
    holder.setAttribute("role", "img");
    holder.setAttribute("aria-label", `Diagram of the ${flow} flow`);
    (source.closest(".flow-grid") ?? source.closest("details")).before(holder);
    try {
      const { svg } = await mermaid.render(`diagram-${flow}`, source.textContent);
      holder.innerHTML = svg;
      holder.dataset.drawn = "true";
    } catch (error) {
      holder.textContent = `The diagram could not be drawn (${error.message}); the Mermaid text is below.`;
      holder.dataset.drawn = "false";
      continue;
    }
    source.closest("details").open = false;
    for (const node of holder.querySelectorAll("g.node")) {
      const label = node.textContent.trim();
      const name = label.includes(":") ? label.replace(":", "-") : `${flow}-${label}`;
      const entry = document.getElementById(`state-${name}`);
      if (!entry) continue;
      node.classList.add("linked");
      node.setAttribute("tabindex", "0");
      node.setAttribute("role", "link");
      node.setAttribute("aria-label", `State ${label}: its answers and texts`);
      const go = () => {
        location.hash = entry.id;
        entry.focus({ preventScroll: true });
      };
      node.addEventListener("click", go);
      node.addEventListener("keydown", (e) => { if (e.key === "Enter") go(); });
    }
  }
});
