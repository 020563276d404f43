// The quarterly reports: a blank of each report form for every body of a CSV (POST /api/jobs/bulk, a ZIP),
// and filled returns added up (POST /api/jobs/consolidate, an XLSX); both run as background jobs whose
// progress the page follows (GET /api/jobs). Plain JavaScript.
"use strict";

const view = { titles: {}, polling: null };
const canStart = boot.user.role !== "reader";

function checkboxes(fieldset, name, values, label, checked) {
  const legend = $(fieldset).querySelector("legend");
  $(fieldset).replaceChildren(legend, ...values.map((value) => {
    const box = el("input", { type: "checkbox", name, value, checked: checked(value) });
    return el("label", { class: "check" }, box, " ", el("span", { text: label(value) }));
  }));
}

function chosen(name) {
  return [...document.querySelectorAll(`input[name="${name}"]:checked`)].map((box) => box.value);
}

function fillChoices() {
  const forms = new Set(chosen("forms"));
  checkboxes("bulk-forms", "forms", boot.forms, (id) => view.titles[id] || id, (id) => forms.size ? forms.has(id) : true);
  const langs = new Set(chosen("langs"));
  checkboxes("bulk-langs", "langs", boot.langs, (code) => boot.languages[code],
    (code) => langs.size ? langs.has(code) : true);
  const formats = new Set(chosen("formats"));
  checkboxes("bulk-formats", "formats", boot.formats, (f) => f.toUpperCase(),
    (f) => formats.size ? formats.has(f) : f === "xlsx");
  const form = $("consolidate-form-id").value;
  $("consolidate-form-id").replaceChildren(...boot.forms.map((id) => el("option", { value: id, text: view.titles[id] || id })));
  if (form) $("consolidate-form-id").value = form;
  const lang = $("consolidate-lang").value || page.ui;
  $("consolidate-lang").replaceChildren(...boot.langs.map((code) => el("option", { value: code, text: boot.languages[code] })));
  $("consolidate-lang").value = lang;
}

async function start(path, body, status) {
  $(status).textContent = "";
  $(status).classList.remove("error");
  const response = await api(`${path}?lang=${page.ui}`, { method: "POST", body, raw: true });
  if (!response.ok) {
    $(status).textContent = await problemText(response);
    $(status).classList.add("error");
    return;
  }
  $(status).textContent = word("job_started");
  await listJobs();
}

function needsOne(name, fieldset, status) {
  if (chosen(name).length) return true;
  $(status).textContent = `${$(fieldset).querySelector("legend").textContent}: ${word("choose_one")}`;
  $(status).classList.add("error");
  return false;
}

async function startBulk(event) {
  event.preventDefault();
  if (!["forms", "langs", "formats"].every((name) => needsOne(name, `bulk-${name}`, "bulk-status"))) return;
  const body = new FormData();
  body.append("bodies", $("bodies").files[0]);
  body.append("year", $("year").value);
  body.append("quarter", $("quarter").value);
  body.append("forms", chosen("forms").join(","));
  body.append("langs", chosen("langs").join(","));
  body.append("formats", chosen("formats").join(","));
  await start("/api/jobs/bulk", body, "bulk-status");
}

async function startConsolidation(event) {
  event.preventDefault();
  const body = new FormData();
  for (const file of $("returns").files) body.append("reports", file);
  body.append("form_id", $("consolidate-form-id").value);
  body.append("format", "xlsx");
  body.append("lang", $("consolidate-lang").value);
  body.append("latest", $("latest").checked ? "true" : "false");
  await start("/api/jobs/consolidate", body, "consolidate-status");
}

function resultLink(job) {
  const link = el("a", { href: "#", class: "result", text: word("download_result") });
  link.addEventListener("click", async (event) => {
    event.preventDefault();
    const response = await api(job.result);
    if (response.ok) await saveResponse(response, `${job.kind}.${job.kind === "bulk" ? "zip" : "xlsx"}`);
    else $("status").textContent = await problemText(response);
  });
  return link;
}

function describe(job) {
  const p = job.params;
  if (job.kind === "bulk") {
    return `${p.year} / ${p.quarter} · ${p.forms.map((id) => view.titles[id] || id).join(", ")} · ${p.langs.join(", ")} · `
      + p.formats.join(", ").toUpperCase();
  }
  return `${view.titles[p.form_id] || p.form_id} · ${p.files.map(([, name]) => name).join(", ")}`;
}

function jobRow(job) {
  const problems = el("ul", { class: "problems" },
    ...job.problems.map((problem) => el("li", { text: problem.path ? `${problem.path}: ${problem.message}` : problem.message })));
  const progress = job.total ? el("progress", { max: job.total, value: job.done }) : null;
  return el("tr", { "data-job": job.id, "data-status": job.status, class: job.status },
    el("td", { text: (job.created_at || "").replace("T", " ").slice(0, 16) }),
    el("td", { class: "kind", text: word(`job_${job.kind}`) }),
    el("td", {}, el("div", { text: describe(job) }), job.problems.length ? problems : null),
    el("td", { class: "status" }, el("span", { text: word(`job_${job.status}`) }), " ", progress,
      job.total ? el("span", { class: "muted", text: ` ${job.done} / ${job.total}` }) : null),
    el("td", { class: "row-actions" }, job.result ? resultLink(job) : null));
}

async function listJobs() {
  const response = await api("/api/jobs");
  if (!response.ok) {
    $("status").textContent = await problemText(response);
    return;
  }
  const jobs = await response.json();
  const rows = jobs.length ? jobs.map(jobRow) : [el("tr", {}, el("td", { class: "muted", text: word("no_jobs") }))];
  $("jobs").querySelector("tbody").replaceChildren(...rows);
  clearTimeout(view.polling);
  if (jobs.some((job) => job.status === "queued" || job.status === "running")) view.polling = setTimeout(listJobs, 1000);
}

async function loadTitles() {
  const forms = await (await api(`/api/forms?lang=${page.ui}`)).json();
  view.titles = Object.fromEntries(forms.map((f) => [f.id, f.title]));
}

function sayHowLongJobsAreKept() {
  $("jobs-kept").textContent = word("jobs_kept").replace("{days}", boot.keep_days);
}

async function startPage() {
  startHeader();
  sayHowLongJobsAreKept();
  await loadTitles();
  const today = new Date();
  $("year").value = today.getFullYear();
  $("quarter").value = String(Math.floor(today.getMonth() / 3) + 1);
  fillChoices();
  await listJobs();
  page.onLanguage.push(async () => {
    for (const id of ["bulk-status", "consolidate-status", "status"]) $(id).textContent = "";  // said in the old language
    sayHowLongJobsAreKept();
    await loadTitles();
    fillChoices();
    await listJobs();
  });
  $("bulk-form").addEventListener("submit", startBulk);
  $("consolidate-form").addEventListener("submit", startConsolidation);
  if (!canStart) {
    for (const id of ["start-bulk", "start-consolidate"]) {
      $(id).disabled = true;
      $(id).title = word("reader_cannot_start");
    }
  }
  document.body.dataset.ready = "true";
}

startPage();
