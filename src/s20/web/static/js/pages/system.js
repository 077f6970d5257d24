// System: time, firmware upgrade, certificates, the log, configuration export and import,
// the password, restart and factory reset.

import * as api from "../api.js";
import { chosenFile, chosenJson, confirmDialog, downloadButton, facts, field, form, h, loadInto, rowButton, section, table } from "../dom.js";
import { t } from "../i18n.js";
import { poll, stopAll } from "../poll.js";

const ZONES = Array.from({ length: 27 }, (_, i) => i - 12);
const UPGRADE_DONE = 0;
const UPGRADE_FAILED = 1;

/** Return "UTC+8" for 8, "UTC-5" for -5, "UTC+0" for 0. */
function zoneName(hours) {
  return `UTC${hours < 0 ? "-" : "+"}${Math.abs(hours)}`;
}

/** After a restart, reset or upgrade: wait until the device answers, then start afresh. */
function reloadWhenBack(delay = 1500) {
  setTimeout(async () => {
    try {
      await api.get("/ui/check_initialized");
      location.reload();
    } catch {
      reloadWhenBack(500);
    }
  }, delay);
}

/** Render the System page into `main`; return the function that stops its refreshes. */
export function render(main) {
  let stopLog = null;
  let stopUpgrade = null;
  const timeArea = h("div");
  const firmwareArea = h("div");
  const onlineArea = h("div");
  const logText = h("pre", { class: "log", tabindex: "0", "aria-label": t("sy.log"), "data-testid": "log" });

  const clock = h("div");
  async function refreshTime() {
    const time = await api.get("/sys/get_time_config");
    const local = new Date(time.localtime * 1000).toISOString().replace("T", " ").slice(0, 19);
    clock.replaceChildren(facts([[t("sy.localTime"), `${local} (${zoneName(time.timezone)})`]]));
    return time;
  }

  async function drawTime() {
    const time = await refreshTime();
    timeArea.replaceChildren(
      clock,
      form(
        t("sy.time"),
        [
          field("sntp", t("sy.sntp"), { value: time.sntp }),
          field("timezone", t("sy.zone"), {
            type: "select",
            options: ZONES.map((z) => [z, zoneName(z)]),
            value: time.timezone,
          }),
        ],
        t("save"),
        async (v) => {
          await api.post("/sys/set_time_config", { sntp: v.sntp.trim(), timezone: Number(v.timezone) });
          await refreshTime();
          return undefined;
        },
      ),
    );
  }

  const progress = h("progress", { max: 1, "aria-label": t("sy.upgradeProgress"), hidden: true });
  const upgradeState = h("p", { role: "status", "aria-live": "polite", "data-testid": "upgrade-state" });

  async function drawFirmware() {
    const current = await api.get("/sys/check_current_firmware");
    firmwareArea.replaceChildren(
      facts([[t("ov.firmware"), `${current.current_firmware_type} ${current.current_firmware_version}`, { "data-testid": "firmware" }]]),
    );
  }

  function followUpgrade() {
    progress.hidden = false;
    progress.removeAttribute("value"); // indeterminate: the device reports no percentage
    upgradeState.textContent = t("sy.upgrading");
    if (stopUpgrade) stopUpgrade();
    stopUpgrade = poll(async () => {
      const s = await api.get("/sys/check_upgrade_status");
      if (s.status === UPGRADE_DONE) {
        progress.value = 1;
        upgradeState.textContent = t("sy.upgraded");
        stopUpgrade();
        reloadWhenBack(2500); // the device restarts 2 s after installing
      } else if (s.status === UPGRADE_FAILED) {
        progress.hidden = true;
        upgradeState.textContent = t("sy.upgradeFailed", { why: s.fail_msg });
        stopUpgrade();
      }
    }, 1000);
  }

  async function upgrade(body) {
    await api.post("/sys/upgrade_online_firmware", body);
    followUpgrade();
    return "";
  }

  const keepSettings = field("save_config", t("sy.keepSettings"), { type: "checkbox", value: true });

  async function checkOnline(button) {
    await loadInto(onlineArea, button, async () => {
      const images = (await api.get("/sys/check_online_firmware")).online_firmware_list;
      if (images.length === 0) return h("p", { role: "status" }, t("sy.noImages"));
      return h(
        "div",
        {},
        keepSettings,
        table(
          t("sy.images"),
          [t("sy.type"), t("sy.version"), ""],
          images.map((image) => [
            image.type,
            image.version,
            rowButton(t("sy.install"), t("sy.installNamed", { version: image.version }), async () => {
              const save = keepSettings.querySelector("input").checked;
              const question = save ? t("sy.upgradeConfirm") : t("sy.upgradeResetConfirm");
              if (!(await confirmDialog(question, t("sy.install")))) return;
              await upgrade({ official: { type: image.type, version: image.version, save_config: save } }).catch(
                (err) => (upgradeState.textContent = err.message),
              );
            }),
          ]),
        ),
      );
    });
  }

  const customForm = form(
    t("sy.customImage"),
    [field("url", t("sy.imageUrl"), { type: "url", placeholder: "https://" })],
    t("sy.install"),
    async (v) => {
      if (!(await confirmDialog(t("sy.upgradeConfirm"), t("sy.install")))) return "";
      return upgrade({ custom: { url: v.url.trim() } });
    },
  );

  const certFile = form(
    t("sy.certUpload"),
    [field("file", t("sy.certFile"), { type: "file", hint: t("sy.certHint") })],
    t("sy.upload"),
    async (_v, f) => {
      await api.postRaw("/sys/upgrade_local_certificate", await chosenFile(f), "application/x-pem-file");
      return undefined;
    },
  );
  certFile.querySelector("input[type=file]").setAttribute("accept", ".pem,.crt,application/x-pem-file");
  const certUrl = form(
    t("sy.certDownload"),
    [field("url", t("sy.certUrl"), { type: "url", placeholder: "https://" })],
    t("sy.download"),
    async (v) => {
      await api.post("/sys/upgrade_online_certificate", { url: v.url.trim() });
      return undefined;
    },
  );

  async function refreshLog() {
    const { log } = await api.get("/sys/get_log");
    const atEnd = logText.scrollTop + logText.clientHeight >= logText.scrollHeight - 4;
    logText.textContent = log;
    if (atEnd || stopLog) logText.scrollTop = logText.scrollHeight;
  }
  const follow = field("follow", t("sy.follow"), { type: "checkbox" });
  follow.querySelector("input").addEventListener("change", (e) => {
    if (stopLog) stopLog();
    stopLog = e.target.checked ? poll(refreshLog, 2000) : null;
  });

  const exportButton = downloadButton(t("sy.export"), "s20-config.json", () =>
    api.post("/sys/export_sys_config"),
  );
  const importForm = form(
    t("sy.import"),
    [field("file", t("sy.configFile"), { type: "file", hint: t("sy.importHint") })],
    t("sy.import"),
    async (_v, f) => {
      await api.post("/sys/import_sys_config", await chosenJson(f));
      return t("sy.imported");
    },
  );
  importForm.querySelector("input[type=file]").setAttribute("accept", "application/json,.json");

  const passwordForm = form(
    t("sy.password"),
    [
      field("old_pwd", t("sy.oldPassword"), { type: "password", autocomplete: "current-password" }),
      field("new_pwd", t("setup.password"), {
        type: "password",
        autocomplete: "new-password",
        hint: t("setup.passwordRule", { min: 10, max: 32 }),
      }),
      field("new_pwd2", t("setup.password2"), { type: "password", autocomplete: "new-password" }),
    ],
    t("save"),
    async (v) => {
      if (v.new_pwd !== v.new_pwd2) throw new api.ApiError(-32602, t("setup.mismatch"), "new_pwd2");
      try {
        await api.post("/sys/set_admin_pwd", { username: "root", old_pwd: v.old_pwd, new_pwd: v.new_pwd });
      } catch (err) {
        if (err.code === -32000) throw new api.ApiError(err.code, t("login.wrong"), "old_pwd");
        throw err;
      }
      return t("sy.passwordChanged");
    },
  );

  const danger = h("p", { class: "error", role: "alert" });
  async function risky(question, confirmText, path) {
    if (!(await confirmDialog(question, confirmText))) return;
    danger.textContent = "";
    try {
      await api.post(path);
      danger.textContent = t("sy.restarting");
      reloadWhenBack();
    } catch (err) {
      if (err.code !== -1) danger.textContent = err.message;
    }
  }

  const onlineButton = h("button", { type: "button", class: "secondary", onclick: (e) => checkOnline(e.currentTarget) }, t("sy.checkOnline"));
  main.append(
    h("h1", {}, t("page.system")),
    section(t("sy.time"), timeArea),
    section(
      t("sy.firmware"),
      firmwareArea,
      h("div", { class: "actions" }, onlineButton),
      onlineArea,
      customForm,
      progress,
      upgradeState,
    ),
    section(t("sy.certificates"), h("p", { class: "hint" }, t("sy.certIntro")), certFile, certUrl),
    section(t("sy.log"), h("div", { class: "actions" }, follow, h("button", { type: "button", class: "secondary", onclick: () => refreshLog() }, t("sy.reload"))), logText),
    section(t("sy.config"), h("div", { class: "actions" }, exportButton), importForm),
    section(t("sy.password"), passwordForm),
    section(
      t("sy.maintenance"),
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", onclick: () => risky(t("sy.restartConfirm"), t("sy.restart"), "/sys/restart") }, t("sy.restart")),
        h("button", { type: "button", class: "danger", onclick: () => risky(t("sy.resetConfirm"), t("sy.reset"), "/sys/reset") }, t("sy.reset")),
      ),
      danger,
    ),
  );
  drawTime().catch(() => {});
  drawFirmware().catch(() => {});
  refreshLog().catch(() => {});
  // The device's clock ticks on the page; the poll also keeps the session alive.
  const stopClock = poll(refreshTime, 10000);
  return stopAll(stopClock, () => stopLog && stopLog(), () => stopUpgrade && stopUpgrade());
}
