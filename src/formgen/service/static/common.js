// What every signed-in page shares: its boot data, the words of the page's language, talking to the
// service (with the session's CSRF token on every change), building elements, the header's controls.
// Values go into the page only as text (textContent, value), never as markup.
"use strict";

const boot = JSON.parse(document.getElementById("boot").textContent);
const page = { ui: boot.lang, onLanguage: [] };
const $ = (id) => document.getElementById(id);
const word = (key) => boot.words[page.ui][key];
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

async function api(path, { method = "GET", body, accept, raw } = {}) {
  const headers = { "Accept-Language": page.ui };
  if (UNSAFE.has(method) && boot.csrf) headers["X-CSRF-Token"] = boot.csrf;
  if (body !== undefined && !raw) headers["Content-Type"] = "application/json";
  if (accept) headers.Accept = accept;
  const response = await fetch(path, { method, headers, credentials: "same-origin",
    body: body === undefined ? undefined : raw ? body : JSON.stringify(body) });
  if (response.status === 401) window.location.assign(`/signin?next=${encodeURIComponent(location.pathname + location.search)}`);
  return response;
}

async function problemText(response) {
  try {
    const problem = await response.json();
    const details = (problem.errors || []).map((e) => (e.path ? `${e.path}: ${e.message}` : e.message));
    return [problem.title, ...details].filter(Boolean).join(" · ") || problem.detail;
  } catch (error) {
    return `HTTP ${response.status}`;
  }
}

function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "text") element.textContent = value;
    else element.setAttribute(name, value === true ? "" : value);
  }
  element.append(...children.filter(Boolean));
  return element;
}

async function saveResponse(response, fallbackName) {
  // a file the service answered with, handed to the browser as a download under the service's name for it
  const disposition = response.headers.get("Content-Disposition") || "";
  const encoded = disposition.match(/filename\*=UTF-8''([^;]+)/);
  const plain = disposition.match(/filename="([^"]+)"/);
  const name = encoded ? decodeURIComponent(encoded[1]) : plain ? plain[1] : fallbackName;
  const link = el("a", { href: URL.createObjectURL(await response.blob()), download: name });
  document.body.append(link);
  link.click();
  setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
}

function translatePage() {
  document.documentElement.lang = page.ui;
  document.querySelectorAll("[data-word]").forEach((node) => { node.textContent = word(node.dataset.word); });
  document.querySelectorAll("[data-placeholder]").forEach((node) => { node.placeholder = word(node.dataset.placeholder); });
  if (boot.columns) {
    document.querySelectorAll("[data-column]").forEach((node) => { node.textContent = boot.columns[page.ui][node.dataset.column]; });
  }
  document.title = `formgen — ${document.querySelector("h1[data-word]") ? word(document.querySelector("h1[data-word]").dataset.word) : word("title")}`;
}

async function switchUi(lang) {
  page.ui = lang;
  localStorage.setItem("formgen.ui", lang);
  const url = new URL(window.location);
  url.searchParams.set("ui", lang);
  history.replaceState(null, "", url);
  document.querySelectorAll(".nav a").forEach((a) => { a.search = `?ui=${lang}`; });
  translatePage();
  for (const listener of page.onLanguage) await listener(lang);
}

function startHeader() {
  const asked = new URL(window.location).searchParams.get("ui");
  page.ui = asked || localStorage.getItem("formgen.ui") || boot.lang;
  if (!boot.words[page.ui]) page.ui = boot.lang;
  $("ui-lang").value = page.ui;
  document.querySelectorAll(".nav a").forEach((a) => { a.search = `?ui=${page.ui}`; });
  translatePage();
  $("ui-lang").addEventListener("change", (e) => switchUi(e.target.value));
  $("sign-out").addEventListener("click", async () => {
    await api("/signout", { method: "POST" });
    window.location.assign(`/signin?ui=${page.ui}`);
  });
}
