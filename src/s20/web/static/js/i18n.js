// The panel's strings: one table per language, the same keys in each.

import en from "./i18n/en.js";
import zhCn from "./i18n/zh-cn.js";

export const TABLES = { en, "zh-cn": zhCn };
const STORE_KEY = "s20.lang";

let current = "en";

/** Return the language in use. */
export function lang() {
  return current;
}

/** Use `code` ("en" or "zh-cn"); `remember` keeps the choice in this browser. */
export function setLang(code, remember = false) {
  if (!(code in TABLES)) return;
  current = code;
  document.documentElement.lang = code === "zh-cn" ? "zh-CN" : "en";
  if (remember) {
    try {
      localStorage.setItem(STORE_KEY, code);
    } catch {
      // Storage may be off; the choice then lasts until the page closes.
    }
  }
}

/** Return the language chosen in this browser, or null. */
export function rememberedLang() {
  try {
    return localStorage.getItem(STORE_KEY);
  } catch {
    return null;
  }
}

/** Return the guess for a first visit: the browser's language. */
export function browserLang() {
  return (navigator.language || "").toLowerCase().startsWith("zh") ? "zh-cn" : "en";
}

/** Return the string `key` in the current language, with `{name}` filled from `vars`. */
export function t(key, vars = {}) {
  const text = TABLES[current][key] ?? TABLES.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ""));
}
