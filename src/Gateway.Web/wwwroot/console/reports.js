// Reports list: refreshes the rows every few seconds from the live endpoint with the page's filters, without a
// reload. Builds rows with textContent only (nothing from the server is parsed as HTML).
"use strict";
(() => {
  const table = document.getElementById("reports");
  if (!table) return;
  const body = table.tBodies[0];
  const live = document.getElementById("live");
  const url = table.dataset.live + window.location.search;
  const known = new Set([...body.rows].map(r => r.dataset.ref));
  const pad = n => String(n).padStart(2, "0");
  const utc = iso => {
    const d = new Date(iso);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
  };
  const cell = (tr, label, ...children) => {
    const td = tr.insertCell();
    if (label) td.dataset.label = label;
    for (const c of children) td.append(c);
    return td;
  };
  const badge = (text, cls) => {
    const s = document.createElement("span");
    s.className = "badge " + cls;
    s.textContent = text;
    return s;
  };
  const row = r => {
    const tr = document.createElement("tr");
    tr.dataset.ref = r.reference;
    const a = document.createElement("a");
    a.href = "/console/reports/" + encodeURIComponent(r.reference);
    const strong = document.createElement("strong");
    strong.textContent = r.reference;
    a.append(strong);
    const first = cell(tr, null, a);
    if (r.urgent) first.append(" ", badge("SOS", "open"));
    if (r.isTest) first.append(" ", badge("test", "test"));
    cell(tr, "Status", badge(r.status, r.status));
    cell(tr, "Category", r.category.replaceAll("_", " "));
    cell(tr, "Country", r.country ?? "?");
    cell(tr, "Language", r.language ?? "?");
    cell(tr, "Under 18", r.underEighteen === "yes" ? badge("under 18", "minor") : (r.underEighteen ?? "not known"));
    let esc = r.level == null ? "none" : `level ${r.level}` + (r.levelName ? ` (${r.levelName})` : "");
    if (r.nextStepAt) esc += `, next ${utc(r.nextStepAt).slice(11, 16)} UTC`;
    cell(tr, "Escalation", esc);
    const time = document.createElement("time");
    time.dateTime = r.openedAt;
    time.textContent = utc(r.openedAt);
    cell(tr, "Opened", time);
    if (!known.has(r.reference)) tr.classList.add("new-row");
    return tr;
  };
  let failures = 0;
  const refresh = async () => {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (response.status === 401) { window.location.assign("/console/sign-in?ReturnUrl=" + encodeURIComponent(location.pathname + location.search)); return; }
      if (!response.ok) throw new Error(String(response.status));
      const rows = await response.json();
      body.replaceChildren(...rows.map(row));
      for (const r of rows) known.add(r.reference);
      document.getElementById("empty")?.remove();
      if (live) live.textContent = `${rows.length} report${rows.length === 1 ? "" : "s"}, updated ${new Date().toLocaleTimeString()}`;
      failures = 0;
    } catch {
      failures++;
      if (live) live.textContent = "Not updating: the gateway did not answer. Retrying.";
    }
    setTimeout(refresh, Math.min(30000, 3000 * (1 + failures)));
  };
  setTimeout(refresh, 3000);
})();
