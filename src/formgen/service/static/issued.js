// The issued documents: the register's entries, newest first, searched and filtered (GET /api/entries),
// each downloadable again as DOCX or PDF; administrators void one with a reason. Plain JavaScript.
"use strict";

const view = { titles: {}, entries: [] };
const canVoid = boot.user.role === "administrator";

function query() {
  const params = new URLSearchParams({ lang: page.ui, limit: 200 });
  if ($("q").value.trim()) params.set("q", $("q").value.trim());
  if ($("filter-form").value) params.set("form_id", $("filter-form").value);
  if ($("filter-status").value) params.set("status", $("filter-status").value);
  return params;
}

function fillFilters() {
  const form = $("filter-form").value;
  $("filter-form").replaceChildren(el("option", { value: "", text: word("all_forms") }),
    ...boot.forms.map((id) => el("option", { value: id, text: view.titles[id] || id })));
  $("filter-form").value = form;
  const status = $("filter-status").value;
  $("filter-status").replaceChildren(el("option", { value: "", text: word("all_statuses") }),
    ...Object.entries(boot.statuses[page.ui]).map(([value, text]) => el("option", { value, text })));
  $("filter-status").value = status;
}

function fileLink(entry, format) {
  const link = el("a", { href: "#", class: "file", "data-format": format, text: format.toUpperCase() });
  link.addEventListener("click", async (event) => {
    event.preventDefault();
    const response = await api(entry.files[format]);
    if (response.ok) await saveResponse(response, `${entry.number}.${format}`);
    else $("status").textContent = await problemText(response);
  });
  return link;
}

function voidControl(entry) {
  const reason = el("input", { type: "text", class: "reason", maxlength: 1000, placeholder: word("void_reason"),
    "aria-label": word("void_reason") });
  const button = el("button", { type: "button", class: "void", text: word("void") });
  button.addEventListener("click", async () => {
    if (!reason.value.trim()) {
      reason.classList.add("invalid");
      reason.focus();
      return;
    }
    const response = await api(`/api/entries/${entry.id}/void?lang=${page.ui}`, { method: "POST", body: { reason: reason.value } });
    $("status").textContent = response.ok ? "" : await problemText(response);
    await search();
  });
  return el("span", { class: "void-box" }, reason, button);
}

function row(entry) {
  const status = boot.statuses[page.ui][entry.status];
  const actions = el("td", { class: "row-actions" }, ...Object.keys(entry.files).map((f) => fileLink(entry, f)),
    entry.verification ? el("a", { href: new URL(entry.verification).pathname + new URL(entry.verification).search,
      text: word("verify_link"), target: "_blank", rel: "noopener" }) : null,
    canVoid && entry.status === "issued" ? voidControl(entry) : null);
  return el("tr", { "data-entry": entry.id, class: entry.status },
    el("td", { class: "number", text: entry.number }), el("td", { text: entry.document_date }),
    el("td", { text: entry.title }), el("td", { text: entry.addressee }), el("td", { text: entry.entity_bin || "" }),
    el("td", { text: entry.issued_by }),
    el("td", { class: "status", text: entry.status === "voided" ? `${status}: ${entry.void_reason}` : status }), actions);
}

async function search() {
  const response = await api(`/api/entries?${query()}`);
  if (!response.ok) {
    $("status").textContent = await problemText(response);
    return;
  }
  const answer = await response.json();
  view.entries = answer.entries;
  $("entries").querySelector("tbody").replaceChildren(...answer.entries.map(row));
  $("found").textContent = word("found").replace("{count}", answer.total);
  const exported = query();
  exported.delete("limit");
  exported.delete("q");
  exported.set("format", "xlsx");
  $("export").dataset.href = `/api/entries/export?${exported}`;
}

async function loadTitles() {
  const forms = await (await api(`/api/forms?lang=${page.ui}`)).json();
  view.titles = Object.fromEntries(forms.map((f) => [f.id, f.title]));
}

async function start() {
  startHeader();
  await loadTitles();
  fillFilters();
  await search();
  page.onLanguage.push(async () => { await loadTitles(); fillFilters(); await search(); });
  $("search-form").addEventListener("submit", (event) => { event.preventDefault(); search(); });
  $("filter-form").addEventListener("change", search);
  $("filter-status").addEventListener("change", search);
  $("export").addEventListener("click", async (event) => {
    event.preventDefault();
    const response = await api($("export").dataset.href);
    if (response.ok) await saveResponse(response, "journal.xlsx");
  });
  document.body.dataset.ready = "true";
}

start();
