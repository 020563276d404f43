// The clerk's page: a form built from the form's JSON Schema (GET /api/forms/{id}/schema),
// checked by the service as it is filled (POST .../validate), previewed in a sandboxed frame
// (POST .../render?format=html), downloaded as DOCX or PDF, issued under the register's number
// (POST .../issue), saved as a draft on the server (/api/drafts). Plain JavaScript, no build step;
// common.js gives api(), el(), word() and the header.
"use strict";

const state = {
  docLang: boot.lang, formId: null, data: {}, schema: null, titles: {}, errors: [], touched: new Set(),
  showAll: false, timer: null, generation: 0, draftId: null, drafts: [], issuedNumber: null,
};
const NO_NUMBER_YET = "—";
const canIssue = boot.user.role !== "reader";

const schemas = new Map();
async function schemaOf(formId, lang) {
  const key = `${formId}/${lang}`;
  if (!schemas.has(key)) {
    schemas.set(key, api(`/api/forms/${formId}/schema?lang=${lang}`).then((r) => r.json()));
  }
  return schemas.get(key);
}

async function loadTitles() {
  const forms = await (await api(`/api/forms?lang=${page.ui}`)).json();
  state.titles = Object.fromEntries(forms.map((f) => [f.id, f.title]));
}

// ------------------------------------------------------------ data by its path

function pathText(keys) {
  return keys.map((k, i) => (typeof k === "number" ? `[${k}]` : (i ? "." : "") + k)).join("");
}

function getAt(keys) {
  return keys.reduce((node, key) => (node == null ? undefined : node[key]), state.data);
}

function setAt(keys, value) {
  let node = state.data;
  keys.slice(0, -1).forEach((key, i) => {
    if (node[key] == null || typeof node[key] !== "object") node[key] = typeof keys[i + 1] === "number" ? [] : {};
    node = node[key];
  });
  const last = keys[keys.length - 1];
  if (value === undefined) {
    if (Array.isArray(node)) node[last] = {}; else delete node[last];
  } else {
    node[last] = value;
  }
}

// ------------------------------------------------------------- the schema's parts

function resolve(node) {
  while (node && node.$ref) {
    const name = node.$ref.split("/").pop();
    node = { ...state.schema.$defs[name], ...node, $ref: undefined };
  }
  return node;
}

function withoutNull(node) {
  node = resolve(node);
  if (node.anyOf && !node["x-formgen-kind"]) {
    const others = node.anyOf.filter((b) => b.type !== "null");
    if (others.length === 1) return { ...resolve(others[0]), title: node.title, description: node.description };
    const text = others.find((b) => b.type === "string");
    if (text && others.some((b) => b.type === "object" && b.propertyNames)) {
      return { ...node, "x-formgen-kind": "text" };
    }
  }
  return node;
}

// ---------------------------------------------------------------- building the form

function errorSlot(keys) {
  return el("span", { class: "error", "data-error-for": pathText(keys), role: "alert" });
}

function touch(keys) {
  state.touched.add(pathText(keys));
  schedule();
}

function label(node, keys, required) {
  return el("span", { class: "label", title: node.description || "" },
    el("span", { text: node.title || String(keys[keys.length - 1]) }), required ? el("span", { class: "req", text: " *" }) : null);
}

function inputFor(node, keys) {
  const value = getAt(keys);
  const kind = node["x-formgen-kind"];
  const id = `f-${pathText(keys).replace(/[^A-Za-z0-9_-]/g, "_")}`;
  let input;
  if (kind === "text") {
    const current = typeof value === "string" ? value : value && value[state.docLang];
    input = el("textarea", { id, rows: 2, "data-path": pathText(keys), lang: state.docLang });
    input.value = current || "";
    input.addEventListener("input", () => {
      const text = input.value;
      const previous = getAt(keys);
      if (typeof previous === "object" && previous !== null) {
        const next = { ...previous };
        if (text.trim()) next[state.docLang] = text; else delete next[state.docLang];
        setAt(keys, Object.keys(next).length ? next : undefined);
      } else {
        setAt(keys, text.trim() ? { [state.docLang]: text } : undefined);
      }
      touch(keys);
    });
  } else if (node.oneOf) {
    input = el("select", { id, "data-path": pathText(keys) }, el("option", { value: "", text: "—" }),
      ...node.oneOf.map((choice) => el("option", { value: String(choice.const), text: choice.title })));
    input.value = value === undefined ? "" : String(value);
    input.addEventListener("change", () => {
      const choice = node.oneOf.find((c) => String(c.const) === input.value);
      setAt(keys, choice ? choice.const : undefined);
      touch(keys);
    });
  } else if (node.type === "boolean") {
    input = el("input", { id, type: "checkbox", "data-path": pathText(keys) });
    input.checked = value === true;
    if (value === undefined) setAt(keys, false);
    input.addEventListener("change", () => { setAt(keys, input.checked); touch(keys); });
  } else if (node.type === "integer") {
    input = el("input", { id, type: "number", step: 1, min: node.minimum, max: node.maximum, "data-path": pathText(keys) });
    input.value = value ?? "";
    input.addEventListener("input", () => {
      setAt(keys, input.value === "" ? undefined : Number(input.value));
      touch(keys);
    });
  } else {
    const type = kind === "date" ? "date" : "text";
    input = el("input", { id, type, "data-path": pathText(keys), inputmode: kind === "iin_bin" ? "numeric" : undefined,
      maxlength: kind === "iin_bin" ? 12 : undefined });
    input.value = value ?? "";
    input.addEventListener("input", () => {
      setAt(keys, input.value.trim() ? input.value : undefined);
      if (kind === "iin_bin") showIinBin(input, keys);
      touch(keys);
    });
  }
  return input;
}

function field(node, keys, required, title) {
  node = withoutNull(node);
  if (title) node = { ...node, title };
  if (node.type === "array") return list(node, keys, required);
  if (node.type === "object" && node.properties) return group(node, keys, required);
  if (node.type === "object" && codes(node) && node.additionalProperties) return grid(node, keys, required);
  if (node.type === "object" && !node["x-formgen-kind"]) return rawJson(node, keys, required);
  const input = inputFor(node, keys);
  const row = el("label", { class: "field", for: input.id }, label(node, keys, required), input, errorSlot(keys));
  return row;
}

function group(node, keys, required) {
  const box = keys.length ? el("fieldset", { class: "group" }, el("legend", { title: node.description || "" },
    el("span", { text: node.title || "" }), required ? el("span", { class: "req", text: " *" }) : null)) : el("div");
  if (keys.length) box.append(errorSlot(keys));
  const needed = new Set(node.required || []);
  for (const [name, child] of Object.entries(node.properties)) {
    box.append(field(child, [...keys, name], needed.has(name)));
  }
  return box;
}

function list(node, keys, required) {
  const box = el("fieldset", { class: "list" }, el("legend", { title: node.description || "" },
    el("span", { text: node.title || "" }), required ? el("span", { class: "req", text: " *" }) : null));
  box.append(errorSlot(keys));
  let items = getAt(keys);
  if (!Array.isArray(items)) {
    items = [];
    for (let i = 0; i < (node.minItems || 0); i += 1) items.push(resolve(node.items).type === "object" ? {} : "");
    if (items.length) setAt(keys, items);
  }
  const entries = el("div", { class: "entries" });
  items.forEach((_, i) => {
    const entry = el("div", { class: "entry" }, field(node.items, [...keys, i], false, `${i + 1}`));
    const remove = el("button", { type: "button", class: "remove", text: `${word("remove")} ✕` });
    remove.addEventListener("click", () => {
      getAt(keys).splice(i, 1);
      touch(keys);
      rebuild();
    });
    entry.append(remove);
    entries.append(entry);
  });
  const add = el("button", { type: "button", class: "add", text: `+ ${word("add")}` });
  add.addEventListener("click", () => {
    const target = Array.isArray(getAt(keys)) ? getAt(keys) : [];
    target.push(withoutNull(node.items).type === "object" ? {} : "");
    setAt(keys, target);
    rebuild();
  });
  box.append(entries, add);
  return box;
}

function codes(node) {
  const names = node && resolve(node).propertyNames;
  return names && names.enum;
}

function cellInput(keys) {
  const value = getAt(keys);
  const input = el("input", { type: "number", min: 0, step: 1, class: "cell", "data-path": pathText(keys),
    "aria-label": pathText(keys) });
  input.value = value ?? "";
  input.addEventListener("input", () => {
    setAt(keys, input.value === "" ? undefined : Number(input.value));
    touch(keys);
  });
  return input;
}

function grid(node, keys, required) {
  // a report's map of codes (row code -> column code -> number, or column code -> number) as a table to
  // type in, headed by what the form's own wording says each code is
  const inner = withoutNull(node.additionalProperties);
  const columns = codes(inner) || [];
  const rows = inner.type === "object" ? codes(node) : null;
  const labels = ((boot.tables[state.formId] || {})[page.ui]) || { rows: {}, columns: {} };
  const columnHead = (c) => el("th", { title: labels.columns[c] || "", text: c });
  const rowHead = (r) => el("th", { class: "row-label", title: labels.rows[r] || "" }, el("span", { class: "code", text: r }),
    labels.rows[r] ? el("span", { text: ` ${labels.rows[r]}` }) : null);
  const head = el("tr", {}, rows ? el("th", { text: "" }) : null, ...(rows ? columns : codes(node)).map(columnHead));
  const body = rows
    ? rows.map((row) => el("tr", {}, rowHead(row), ...columns.map((column) => el("td", {}, cellInput([...keys, row, column])))))
    : [el("tr", {}, ...codes(node).map((column) => el("td", {}, cellInput([...keys, column]))))];
  const table = el("table", { class: "grid" }, el("thead", {}, head), el("tbody", {}, ...body));
  return el("fieldset", { class: "group" }, el("legend", { title: node.description || "" }, el("span", { text: node.title || "" }),
    required ? el("span", { class: "req", text: " *" }) : null), errorSlot(keys), el("div", { class: "grid-box" }, table));
}

function rawJson(node, keys, required) {
  // anything else keyed by codes: edited as JSON
  const input = el("textarea", { id: `f-${pathText(keys)}`, rows: 4, class: "json", "data-path": pathText(keys) });
  input.value = getAt(keys) === undefined ? "" : JSON.stringify(getAt(keys), null, 1);
  input.addEventListener("input", () => {
    try {
      setAt(keys, input.value.trim() ? JSON.parse(input.value) : undefined);
    } catch (error) {
      return;
    }
    touch(keys);
  });
  return el("label", { class: "field", for: input.id }, label(node, keys, required), input, errorSlot(keys));
}

// ------------------------------------------------------- the IIN/BIN, as it is typed

function iinBinCheckDigit(first11) {
  const digits = [...first11].map(Number);
  for (const weights of [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]]) {
    const remainder = digits.reduce((sum, d, i) => sum + d * weights[i], 0) % 11;
    if (remainder !== 10) return remainder;
  }
  return null;
}

function iinBinProblem(value) {
  if (!/^[0-9]{12}$/.test(value)) return value.length >= 12 || /[^0-9]/.test(value) ? "iin_bin_digits" : null;
  const expected = iinBinCheckDigit(value.slice(0, 11));
  return expected === null || expected !== Number(value[11]) ? "iin_bin_check_digit" : null;
}

function showIinBin(input, keys) {
  const code = iinBinProblem(input.value.trim());
  const slot = document.querySelector(`[data-error-for="${CSS.escape(pathText(keys))}"]`);
  slot.textContent = code ? boot.iin_bin[code][page.ui] : "";  // the server's own words, in the page's language
  input.classList.toggle("invalid", Boolean(code));
  input.setAttribute("aria-invalid", code ? "true" : "false");
}

// ------------------------------------------------------------ checking and preview

function schedule(delay = 500) {
  clearTimeout(state.timer);
  state.timer = setTimeout(check, delay);
}

function visible(path) {
  if (state.showAll) return true;
  for (const touched of state.touched) {
    if (path === touched || path.startsWith(`${touched}.`) || path.startsWith(`${touched}[`)) return true;
  }
  return false;
}

function showErrors() {
  document.querySelectorAll("[data-error-for]").forEach((slot) => { slot.textContent = ""; });
  document.querySelectorAll(".invalid").forEach((input) => input.classList.remove("invalid"));
  const unplaced = [];
  for (const problem of state.errors) {
    if (!visible(problem.path)) continue;
    const slot = document.querySelector(`[data-error-for="${CSS.escape(problem.path)}"]`);
    if (slot) {
      slot.textContent = slot.textContent ? `${slot.textContent}; ${problem.message}` : problem.message;
      const input = document.querySelector(`[data-path="${CSS.escape(problem.path)}"]`);
      if (input) input.classList.add("invalid");
    } else {
      unplaced.push(problem.path ? `${problem.path}: ${problem.message}` : problem.message);
    }
  }
  return unplaced;
}

function say(text, kind = "") {
  const status = $("status");
  status.textContent = text;
  status.className = kind;
}

function numbered() {
  // a document's № is the register's: until it is issued, the check, preview and download show "—"
  return Boolean(state.schema && state.schema.properties && state.schema.properties.number);
}

function payload() {
  if (!numbered() || (typeof state.data.number === "string" && state.data.number.trim())) return state.data;
  return { ...state.data, number: NO_NUMBER_YET };
}

async function check() {
  if (!state.formId) return false;
  const generation = ++state.generation;
  const response = await api(`/api/forms/${state.formId}/validate?lang=${state.docLang}`, { method: "POST", body: payload() });
  if (generation !== state.generation) return false;
  const answer = await response.json();
  state.errors = response.ok ? [] : answer.errors || [{ path: "", message: answer.detail }];
  const unplaced = showErrors();
  if (response.ok) {
    say(word("valid"), "ok");
    preview();
  } else if (state.showAll || state.errors.some((problem) => visible(problem.path))) {
    say([word("has_errors"), ...unplaced].join(" · "), "bad");
  } else {
    say("");  // only fields not yet reached are missing: nothing to correct yet
  }
  return response.ok;
}

async function preview() {
  const generation = state.generation;
  const response = await api(`/api/forms/${state.formId}/render?lang=${state.docLang}&format=html`,
    { method: "POST", body: payload() });
  if (response.ok && generation === state.generation) $("preview").srcdoc = await response.text();
}

async function download(format) {
  state.showAll = true;
  if (!(await check())) return;
  const response = await api(`/api/forms/${state.formId}/render?lang=${state.docLang}&format=${format}`,
    { method: "POST", body: payload() });
  if (!response.ok) {
    say(await problemText(response), "bad");
    return;
  }
  await saveResponse(response, `${state.formId}.${format}`);
}

// ------------------------------------------------------------------ issuing

async function issue() {
  state.showAll = true;
  if (!(await check())) return;
  // a № the clerk typed is one from their own system; the register's own, shown after issuing, is not
  const typed = numbered() && typeof state.data.number === "string" ? state.data.number.trim() : "";
  const own = typed && typed !== state.issuedNumber ? typed : "";
  const data = { ...state.data };
  delete data.number;
  const formats = boot.forms.find((f) => f.id === state.formId).formats.filter((f) => f === "pdf" || f === "docx");
  const query = new URLSearchParams({ lang: state.docLang });
  formats.forEach((f) => query.append("format", f));
  if (own) query.set("number", own);
  $("issue").disabled = true;
  say("…");
  try {
    const response = await api(`/api/forms/${state.formId}/issue?${query}`, { method: "POST", body: numbered() ? data : state.data });
    if (!response.ok) {
      say(await problemText(response), "bad");
      return;
    }
    const entry = await response.json();
    state.issuedNumber = entry.number;
    if (numbered()) {
      state.data.number = entry.number;
      const input = document.querySelector('[data-path="number"]');
      if (input) input.value = entry.number;
    }
    showIssued(entry);
    say(word("issued_as").replace("{number}", entry.number), "ok");
    preview();
  } finally {
    $("issue").disabled = !canIssue;
  }
}

function showIssued(entry) {
  $("issued").hidden = false;
  $("issued-number").textContent = word("issued_as").replace("{number}", entry.number);
  for (const format of ["docx", "pdf"]) {
    const link = $(`issued-${format}`);
    link.hidden = !entry.files[format];
    link.onclick = async (event) => {
      event.preventDefault();
      const response = await api(entry.files[format]);
      if (response.ok) await saveResponse(response, `${entry.number}.${format}`);
      else say(await problemText(response), "bad");
    };
  }
  $("issued-verify").hidden = !entry.verification;
  if (entry.verification) $("issued-verify").href = new URL(entry.verification).pathname + new URL(entry.verification).search;
}

// ------------------------------------------------------------------ the page

async function rebuild() {
  state.schema = await schemaOf(state.formId, page.ui);
  const form = $("case-form");
  form.replaceChildren(el("h1", { text: state.schema.title }), el("p", { class: "reference", text: state.schema.description }),
    group(state.schema, [], true));
  showErrors();
  fillNext();
}

function fillFormList() {
  const select = $("form-id");
  select.replaceChildren(...boot.forms.map((f) => el("option", { value: f.id, text: state.titles[f.id] || f.id })));
  select.value = state.formId;
}

function fillNext() {
  const next = (boot.forms.find((f) => f.id === state.formId) || { next: [] }).next;
  $("next-form").replaceChildren(...next.map((id) => el("option", { value: id, text: state.titles[id] || id })));
  $("next-form").closest(".next").hidden = !next.length;
}

async function openForm(formId, data = {}, draftId = null) {
  state.formId = formId;
  state.data = data;
  state.errors = [];
  state.touched = new Set(Object.keys(data).length ? Object.keys(data) : []);
  state.showAll = false;
  state.draftId = draftId;
  state.issuedNumber = null;
  $("preview").srcdoc = "";
  $("issued").hidden = true;
  fillFormList();
  await rebuild();
  if (Object.keys(data).length) check();
}

// ---------------------------------------------------------------------- drafts, kept by the service

async function loadDrafts() {
  const response = await api("/api/drafts");
  state.drafts = response.ok ? await response.json() : [];
  fillDrafts();
}

function fillDrafts() {
  $("draft-list").replaceChildren(...(state.drafts.length ? state.drafts.map((d) => el("option", { value: d.id,
    text: `${d.saved_at.slice(0, 16).replace("T", " ")} · ${state.titles[d.form_id] || d.form_id} · ${d.title}` }))
    : [el("option", { value: "", text: word("no_drafts") })]));
  if (state.draftId) $("draft-list").value = state.draftId;
}

function draftTitle() {
  const entity = state.data.entity || state.data.reporter || {};
  const name = entity.name || entity.authority;
  const text = typeof name === "string" ? name : name && (name[state.docLang] || Object.values(name)[0]);
  return (text || state.data.number || "—").slice(0, 200);
}

async function saveDraft() {
  const body = { form_id: state.formId, lang: state.docLang, title: draftTitle(), data: state.data };
  const response = state.draftId
    ? await api(`/api/drafts/${state.draftId}`, { method: "PUT", body })
    : await api("/api/drafts", { method: "POST", body });
  if (!response.ok) {
    say(await problemText(response), "bad");
    return;
  }
  state.draftId = (await response.json()).id;
  await loadDrafts();
  $("draft-status").textContent = word("draft_saved");
  setTimeout(() => { $("draft-status").textContent = ""; }, 4000);
}

async function openDraft() {
  const id = $("draft-list").value;
  if (!id) return;
  const response = await api(`/api/drafts/${id}`);
  if (!response.ok) return;
  const draft = await response.json();
  state.docLang = draft.lang;
  $("doc-lang").value = draft.lang;
  await openForm(draft.form_id, draft.data, draft.id);
}

async function deleteDraft() {
  const id = $("draft-list").value;
  if (!id) return;
  await api(`/api/drafts/${id}`, { method: "DELETE" });
  if (String(state.draftId) === id) state.draftId = null;
  await loadDrafts();
}

async function startNext() {
  const to = $("next-form").value;
  const response = await api(`/api/forms/${state.formId}/next?to=${to}`, { method: "POST", body: state.data });
  if (!response.ok) {
    say(await problemText(response), "bad");
    return;
  }
  await openForm(to, await response.json());
}

// ---------------------------------------------------------------------- start

async function start() {
  startHeader();
  const asked = new URL(window.location).searchParams;
  state.docLang = asked.get("doc") || page.ui;
  $("doc-lang").value = state.docLang;
  $("issue").disabled = !canIssue;
  if (!canIssue) $("issue").title = word("reader_cannot_issue");
  await loadTitles();
  const formId = asked.get("form") || boot.forms[0].id;
  await openForm(boot.forms.some((f) => f.id === formId) ? formId : boot.forms[0].id);
  await loadDrafts();
  page.onLanguage.push(async () => {
    await loadTitles();
    fillFormList();
    fillDrafts();
    await rebuild();
    if (state.touched.size || state.showAll) check();
  });
  $("doc-lang").addEventListener("change", async (e) => { state.docLang = e.target.value; await rebuild(); schedule(0); });
  $("form-id").addEventListener("change", (e) => openForm(e.target.value));
  $("check").addEventListener("click", () => { state.showAll = true; check(); });
  $("issue").addEventListener("click", issue);
  $("download-docx").addEventListener("click", () => download("docx"));
  $("download-pdf").addEventListener("click", () => download("pdf"));
  $("save-draft").addEventListener("click", saveDraft);
  $("open-draft").addEventListener("click", openDraft);
  $("delete-draft").addEventListener("click", deleteDraft);
  $("start-next").addEventListener("click", startNext);
  document.body.dataset.ready = "true";
}

start();
