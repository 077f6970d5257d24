// First run (set the password and language) and the login form.

import * as api from "../api.js";
import { field, form, h, showError } from "../dom.js";
import { setLang, t, lang } from "../i18n.js";

const PASSWORD_MIN = 10;
const PASSWORD_MAX = 32;

/** Render the first-run form: the language (first: it switches the page) and the password. */
export function renderSetup(main, { device, onDone }) {
  const language = field("lang", t("language"), {
    type: "select",
    options: [
      ["en", "English"],
      ["zh-cn", "简体中文"],
    ],
    value: lang(),
  });
  language.querySelector("select").addEventListener("change", (e) => {
    // The shell's own selector redraws the page in the chosen language.
    const shell = document.getElementById("lang");
    shell.value = e.target.value;
    shell.dispatchEvent(new Event("change"));
    document.querySelector("main select[name=lang]").focus();
  });
  const f = form(
    t("setup.title"),
    [
      h("p", {}, t("setup.intro", { model: device.model })),
      language,
      field("password", t("setup.password"), {
        type: "password",
        required: true,
        minlength: PASSWORD_MIN,
        maxlength: PASSWORD_MAX,
        autocomplete: "new-password",
        hint: t("setup.passwordRule", { min: PASSWORD_MIN, max: PASSWORD_MAX }),
      }),
      field("password2", t("setup.password2"), {
        type: "password",
        required: true,
        autocomplete: "new-password",
      }),
    ],
    t("setup.submit"),
    async (v) => {
      const length = [...v.password].length;
      if (length < PASSWORD_MIN || length > PASSWORD_MAX) {
        throw fieldError("password", t("setup.passwordRule", { min: PASSWORD_MIN, max: PASSWORD_MAX }));
      }
      if (v.password !== v.password2) throw fieldError("password2", t("setup.mismatch"));
      await api.post("/ui/set_init", { lang: v.lang, password: v.password });
      setLang(v.lang, true);
      await api.login(v.password);
      onDone();
      return "";
    },
  );
  main.append(h("h1", {}, t("setup.title")), f);
  f.querySelector("input").focus();
}

/** An error the panel found itself, shown next to field `name`. */
function fieldError(name, rule) {
  return new api.ApiError(-32602, rule, name);
}

/** Render the login form; `message` says why it is shown (expired, logged out). */
export function renderLogin(main, { message, onDone, onUninitialized }) {
  let unlockTimer = null;
  const f = form(
    t("login.title"),
    [
      message ? h("p", { class: "notice", role: "status" }, message) : null,
      field("password", t("login.password"), {
        type: "password",
        required: true,
        autocomplete: "current-password",
      }),
    ],
    t("login.submit"),
    async (v) => {
      try {
        await api.login(v.password);
      } catch (err) {
        if (err.code === -32003) {
          lockedOut(err.message);
          return "";
        }
        if (err.code === -32000) throw fieldError("password", t("login.wrong"));
        if (err.code === -32004) {
          onUninitialized();
          return "";
        }
        throw err;
      }
      clearInterval(unlockTimer);
      onDone();
      return "";
    },
  );
  const button = f.querySelector("button[type=submit]");

  function lockedOut(errMsg) {
    const match = /(\d+)\s*s/.exec(errMsg);
    let left = match ? Number(match[1]) : 300;
    showError(f, t("login.locked", { s: left }), "password");
    f.setAttribute("data-locked", "");
    button.disabled = true;
    clearInterval(unlockTimer);
    unlockTimer = setInterval(() => {
      left -= 1;
      const error = f.querySelector("[data-field=password] .error");
      if (left <= 0) {
        clearInterval(unlockTimer);
        f.removeAttribute("data-locked");
        button.disabled = false;
        error.hidden = true;
      } else {
        error.textContent = t("login.locked", { s: left });
      }
    }, 1000);
  }

  main.append(h("h1", {}, t("login.title")), f);
  f.querySelector("input").focus();
}
