// The page-language switch of the server-rendered pages (sign-in, verification): reload in the chosen language.
"use strict";
document.getElementById("ui-lang").addEventListener("change", (event) => {
  const url = new URL(window.location);
  url.searchParams.set("ui", event.target.value);
  window.location.assign(url);
});
