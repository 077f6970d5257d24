// The panel's shell: first run, login, navigation, the language, and the pages.

import * as api from "./api.js";
import { h } from "./dom.js";
import { browserLang, lang, rememberedLang, setLang, t } from "./i18n.js";
import { renderLogin, renderSetup } from "./pages/login.js";
import * as overview from "./pages/overview.js";
import * as thread from "./pages/thread.js";
import * as devices from "./pages/devices.js";
import * as network from "./pages/network.js";
import * as system from "./pages/system.js";

const PAGES = { overview, thread, devices, network, system };
const main = document.getElementById("main");
const nav = document.getElementById("nav");
const logoutButton = document.getElementById("logout");
const langSelect = document.getElementById("lang");

let device = null; // what /ui/check_initialized said
let stopPage = null; // ends the current page's polling
let view = null; // re-renders the current view (after a language switch)

function currentPage() {
  const name = location.hash.replace(/^#\/?/, "");
  return name in PAGES ? name : "overview";
}

function leavePage() {
  if (stopPage) stopPage();
  stopPage = null;
}

function show(render) {
  leavePage();
  view = render;
  main.replaceChildren();
  render();
}

/** Write the shell's own strings in the current language. */
function translateShell() {
  document.getElementById("skip").textContent = t("skip");
  document.getElementById("lang-label").textContent = t("language");
  logoutButton.textContent = t("logout");
  langSelect.value = lang();
  nav.setAttribute("aria-label", t("pages"));
  nav.replaceChildren(
    h(
      "ul",
      {},
      Object.keys(PAGES).map((name) =>
        h(
          "li",
          {},
          h(
            "a",
            { href: `#/${name}`, "aria-current": name === currentPage() ? "page" : false },
            t(`page.${name}`),
          ),
        ),
      ),
    ),
  );
}

function showPage() {
  const name = currentPage();
  translateShell();
  nav.hidden = false;
  logoutButton.hidden = false;
  show(() => {
    document.title = `${t(`page.${name}`)} - GL-S20`;
    stopPage = PAGES[name].render(main, { device }) || null;
  });
}

function showLogin(message) {
  api.forget();
  nav.hidden = true;
  logoutButton.hidden = true;
  translateShell();
  show(() => {
    document.title = `${t("login.title")} - GL-S20`;
    renderLogin(main, { device, message, onDone: loggedIn, onUninitialized: start });
  });
}

function showSetup() {
  nav.hidden = true;
  logoutButton.hidden = true;
  translateShell();
  show(() => {
    document.title = `${t("setup.title")} - GL-S20`;
    renderSetup(main, { device, onDone: loggedIn });
  });
}

async function loggedIn() {
  if (!rememberedLang()) {
    // Follow the language chosen at first run, unless this browser chose one.
    try {
      const config = await api.post("/sys/export_sys_config");
      setLang(config.ui_cfg.language);
    } catch {
      // Keep the language in use.
    }
  }
  showPage();
  main.focus();
}

async function start() {
  try {
    device = await api.get("/ui/check_initialized");
  } catch (err) {
    main.replaceChildren(h("p", { class: "error", role: "alert" }, t("unreachable", { msg: err.message })));
    return;
  }
  document.getElementById("model").textContent = device.model;
  document.getElementById("hostname").textContent = device.hostname;
  if (device.initialized) showLogin();
  else showSetup();
}

api.onSessionLost(() => showLogin(t("login.expired")));

const offline = h("p", { class: "offline", role: "alert", hidden: true });
document.querySelector("header").after(offline);
api.onReachability((reachable) => {
  offline.hidden = reachable;
  offline.textContent = reachable ? "" : t("offline");
});

window.addEventListener("hashchange", () => {
  if (!api.loggedIn()) return;
  showPage();
  main.focus(); // a screen reader starts reading the new page
});

langSelect.addEventListener("change", () => {
  setLang(langSelect.value, true);
  translateShell();
  if (view) show(view);
});

logoutButton.addEventListener("click", async () => {
  leavePage();
  await api.logout().catch(() => {});
  showLogin(t("login.loggedOut"));
});

document.getElementById("skip").addEventListener("click", (event) => {
  event.preventDefault();
  main.focus();
});

setLang(rememberedLang() || browserLang());
start();
