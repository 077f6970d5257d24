// Small DOM helpers: build elements, and forms whose errors land next to their field.

import { ApiError } from "./api.js";
import { t } from "./i18n.js";

/** Create `tag` with `attrs` (on* are listeners, the rest attributes) and `children`. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "text") el.textContent = value;
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

let uid = 0;

/**
 * A labelled input: `name` is the API's field name, so an `err_msg` naming it finds it.
 * `opts.type` "select" takes `opts.options` as [[value, label], ...].
 */
export function field(name, label, opts = {}) {
  const id = `f${++uid}`;
  const errId = `${id}-err`;
  const hintId = opts.hint ? `${id}-hint` : null;
  const common = {
    id,
    name,
    "aria-describedby": [hintId, errId].filter(Boolean).join(" "),
    required: opts.required,
    autocomplete: opts.autocomplete || "off",
  };
  let input;
  if (opts.type === "select") {
    input = h("select", common, (opts.options || []).map(([v, l]) => h("option", { value: v }, l)));
    if (opts.value !== undefined) input.value = String(opts.value);
  } else if (opts.type === "textarea") {
    input = h("textarea", { ...common, rows: opts.rows || 4, readonly: opts.readonly });
    input.value = opts.value ?? "";
  } else if (opts.type === "checkbox") {
    input = h("input", { ...common, type: "checkbox" });
    input.checked = Boolean(opts.value);
  } else {
    input = h("input", {
      ...common,
      type: opts.type || "text",
      inputmode: opts.inputmode,
      minlength: opts.minlength,
      maxlength: opts.maxlength,
      min: opts.min,
      max: opts.max,
      placeholder: opts.placeholder,
      spellcheck: "false",
      readonly: opts.readonly,
    });
    if (opts.value !== undefined) input.value = String(opts.value);
  }
  const box = h(
    "div",
    { class: opts.type === "checkbox" ? "field check" : "field", "data-field": name },
    h("label", { for: id }, label),
    input,
    hintId ? h("small", { id: hintId, class: "hint" }, opts.hint) : null,
    h("p", { id: errId, class: "error", role: "alert", hidden: true }),
  );
  return box;
}

/** Return the input of `form` for the field an API `err_msg` names, or null. */
export function fieldFor(form, errMsg) {
  const first = String(errMsg).split(/[\s:]/)[0];
  if (!first) return null;
  const candidates = [first, first.split(".").pop(), first.replace(/\[\d+\]/g, "")];
  for (const name of candidates) {
    const el = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
    if (el) return el;
  }
  return null;
}

/** Clear every error shown in `form`. */
export function clearErrors(form) {
  for (const p of form.querySelectorAll(".error")) {
    p.hidden = true;
    p.textContent = "";
  }
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
}

/** Show `message` next to field `name` (or the one it names, or the form's end). */
export function showError(form, message, name = null) {
  const box = name ? form.querySelector(`[data-field="${CSS.escape(name)}"]`) : fieldFor(form, message);
  const p = box ? box.querySelector(".error") : form.querySelector(":scope > .form-error");
  p.textContent = message;
  p.hidden = false;
  if (box) {
    const input = box.querySelector("input, select, textarea");
    input.setAttribute("aria-invalid", "true");
    input.focus();
  }
}

/** A form whose submit runs `action(values)`; an ApiError's err_msg goes to its field. */
export function form(label, fields, submitText, action, extra = []) {
  const status = h("p", { class: "status", role: "status", "aria-live": "polite" });
  const button = h("button", { type: "submit" }, submitText);
  const f = h(
    "form",
    { "aria-label": label, novalidate: true },
    fields,
    h("div", { class: "actions" }, button, extra),
    h("p", { class: "error form-error", role: "alert", hidden: true }),
    status,
  );
  f.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(f);
    status.textContent = "";
    button.disabled = true;
    try {
      const done = await action(values(f), f);
      status.textContent = done === undefined ? t("saved") : done;
    } catch (err) {
      if (err && err.code !== undefined) {
        if (err.code !== -1) showError(f, err.message, err.field);
      } else {
        showError(f, String(err && err.message ? err.message : err));
      }
    } finally {
      button.disabled = f.hasAttribute("data-locked");
    }
  });
  return f;
}

/** Return the form's values by field name: numbers for number inputs, booleans for boxes. */
export function values(f) {
  const out = {};
  for (const el of f.querySelectorAll("input[name], select[name], textarea[name]")) {
    if (el.type === "checkbox") out[el.name] = el.checked;
    else if (el.type === "number") out[el.name] = el.value === "" ? "" : Number(el.value);
    else out[el.name] = el.value;
  }
  return out;
}

/** A definition list of [label, value] rows. */
export function facts(rows) {
  return h(
    "dl",
    { class: "facts" },
    rows.map(([label, value, attrs = {}]) => [h("dt", {}, label), h("dd", attrs, value)]),
  );
}

/** A table with a caption, column heads and rows of cells. */
export function table(caption, heads, rows) {
  // Focusable and named: a region that scrolls must be reachable from the keyboard.
  return h(
    "div",
    { class: "table-wrap", role: "region", "aria-label": caption, tabindex: "0" },
    h(
      "table",
      {},
      h("caption", {}, caption),
      h("thead", {}, h("tr", {}, heads.map((x) => h("th", { scope: "col" }, x)))),
      h("tbody", {}, rows.map((cells) => h("tr", {}, cells.map((c) => h("td", {}, c))))),
    ),
  );
}

/** A titled section of a page. */
export function section(title, ...children) {
  const id = `s${++uid}`;
  return h("section", { "aria-labelledby": id }, h("h2", { id }, title), children);
}

/** Ask before something that cannot be undone; resolves true when confirmed. */
export function confirmDialog(message, confirmText) {
  return new Promise((resolve) => {
    const yes = h("button", { type: "button", class: "danger" }, confirmText);
    const no = h("button", { type: "button" }, t("cancel"));
    const dialog = h(
      "dialog",
      { "aria-label": message },
      h("p", {}, message),
      h("div", { class: "actions" }, no, yes),
    );
    const close = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    yes.addEventListener("click", () => close(true));
    no.addEventListener("click", () => close(false));
    dialog.addEventListener("cancel", () => close(false));
    document.body.append(dialog);
    dialog.showModal();
    no.focus();
  });
}

/** Offer `text` as a file named `name` for download. */
export function download(name, text, type = "application/json") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Turn dotted field names into nested objects: {"ipv4.ip": x} gives {ipv4: {ip: x}}. */
export function nested(flat) {
  const out = {};
  for (const [path, value] of Object.entries(flat)) {
    const parts = path.split(".");
    let node = out;
    for (const part of parts.slice(0, -1)) node = node[part] ??= {};
    node[parts.at(-1)] = value;
  }
  return out;
}

/** Show "Scanning…" in `area` while `load()` runs, then the node it returns or the error. */
export async function loadInto(area, button, load) {
  button.disabled = true;
  area.replaceChildren(h("p", { role: "status" }, t("th.scanning")));
  try {
    area.replaceChildren(await load());
  } catch (err) {
    if (err.code !== -1) area.replaceChildren(h("p", { class: "error", role: "alert" }, err.message));
  } finally {
    button.disabled = false;
  }
}

/** A secondary button in a table row, named for its row (`ariaLabel`) for screen readers. */
export function rowButton(text, ariaLabel, onclick) {
  return h("button", { type: "button", class: "secondary", "aria-label": ariaLabel, onclick }, text);
}

/** A button that saves what `load()` resolves to as the JSON file `name`. */
export function downloadButton(text, name, load) {
  const onclick = async () => download(name, `${JSON.stringify(await load(), null, 2)}\n`);
  return h("button", { type: "button", class: "secondary", onclick }, text);
}

/** Read the file chosen in `f`'s file input, or fail at that field. */
export async function chosenFile(f) {
  const input = f.querySelector("input[type=file]");
  const file = input.files[0];
  if (!file) throw new ApiError(-32602, t("dv.chooseFile"), input.name);
  return file.text();
}

/** Read the file chosen in `f`'s file input as JSON, or fail at that field. */
export async function chosenJson(f) {
  const text = await chosenFile(f);
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(-32700, t("dv.notJson"), f.querySelector("input[type=file]").name);
  }
}
