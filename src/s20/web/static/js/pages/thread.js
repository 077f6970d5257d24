// Thread: the network's settings, start/stop, a new network, TX power, BBR, scan and join,
// and the dataset as TLVs.

import * as api from "../api.js";
import { confirmDialog, facts, field, form, h, loadInto, section, table, rowButton } from "../dom.js";
import { t } from "../i18n.js";
import { onChange, poll, stopAll } from "../poll.js";
import { roleName } from "./overview.js";

const CHANNELS = Array.from({ length: 16 }, (_, i) => 11 + i);
const JOIN_DONE = 5;
const JOIN_FAILED = 6;

/** Return a PAN ID as the API takes it: a number, or the "0x..." text as typed. */
function panId(text) {
  const value = String(text).trim();
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** Copy `text` to the clipboard; resolve to whether it worked. */
async function copy(text, source) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Plain http to a LAN address has no clipboard API: copy the selection instead.
    source.select();
    return document.execCommand("copy");
  }
}

/** Render the Thread page into `main`; return the function that stops its refreshes. */
export function render(main) {
  let status = null;
  let showKey = false;
  let stopJoin = null;
  const live = h("div");
  const switches = h("div", { class: "actions" });
  const settings = h("div");
  const dataset = h("div");
  const scanArea = h("div");
  const joinArea = h("div");
  const txArea = h("div");
  const message = h("p", { class: "status", role: "status", "aria-live": "polite" });

  const keyButton = h(
    "button",
    { type: "button", class: "secondary", "aria-pressed": "false", onclick: () => toggleKey() },
    t("th.showKey"),
  );
  function toggleKey() {
    showKey = !showKey;
    keyButton.setAttribute("aria-pressed", String(showKey));
    keyButton.textContent = showKey ? t("th.hideKey") : t("th.showKey");
    if (status) drawStatus();
  }

  function drawStatus() {
    const net = status.Network;
    live.replaceChildren(
      facts([
        [t("ov.role"), roleName(status.RCP.State), { "data-testid": "thread-role" }],
        [t("th.name"), net.NetworkName, { "data-testid": "network-name" }],
        [t("th.channel"), net.Channel, { "data-testid": "channel" }],
        [t("th.panId"), net.PanId],
        [t("th.extPanId"), net.ExtPanId],
        [t("th.meshLocal"), net.MeshLocalPrefix],
        [t("th.omr"), net.OnMeshPrefix || "-"],
        [t("th.txPower"), `${status.RCP.TXPower} dBm`],
        [t("th.passphrase"), showKey ? net.Passphrase || "-" : "••••••••", { "data-testid": "passphrase" }],
        [t("th.networkKey"), showKey ? net.NetworkKey : "••••••••", { "data-testid": "network-key" }],
        [t("th.pskc"), showKey ? net.PSKc : "••••••••"],
        [t("th.eui64"), status.RCP.EUI64],
        [t("th.version"), `${status.ThreadVersion} · ${status.OTBRVersion}`],
      ]),
    );
    drawSwitches(status.RCP.State > 0);
    drawDataset(net.ActiveDataset);
  }

  // Redrawn only when they change, so a focused button keeps its focus across refreshes.
  const drawSwitches = onChange((running) => {
    switches.replaceChildren(
      h(
        "button",
        {
          type: "button",
          onclick: () =>
            running ? act("/otbr/stop", (s) => s.RCP.State === 0) : act("/otbr/start", (s) => s.RCP.State >= 2),
        },
        running ? t("th.stop") : t("th.start"),
      ),
      h("button", { type: "button", class: "secondary", onclick: generate }, t("th.generate")),
    );
  });

  const drawDataset = onChange((activeDataset) => {
    const tlvs = h("textarea", {
      id: "dataset-tlvs",
      readonly: true,
      rows: 4,
      "aria-describedby": "dataset-hint",
    });
    tlvs.value = activeDataset;
    const copied = h("span", { role: "status" });
    dataset.replaceChildren(
      h("label", { for: "dataset-tlvs" }, t("th.datasetTlvs")),
      tlvs,
      h("small", { id: "dataset-hint", class: "hint" }, t("th.datasetHint")),
      h(
        "div",
        { class: "actions" },
        h(
          "button",
          {
            type: "button",
            class: "secondary",
            onclick: async () => {
              copied.textContent = (await copy(tlvs.value, tlvs)) ? t("copied") : "";
            },
          },
          t("copy"),
        ),
        copied,
      ),
    );
  });

  async function refresh() {
    status = await api.get("/otbr/get_status");
    drawStatus();
  }

  let stopSettle = null;

  /** POST `path`; then, until `settled(status)` (attached, say), refresh every second. */
  async function act(path, settled = () => true) {
    message.textContent = "";
    try {
      await api.post(path);
      message.textContent = t("done");
      await refresh();
    } catch (err) {
      if (err.code !== -1) message.textContent = err.message;
      return;
    }
    if (stopSettle) stopSettle();
    let tries = 0;
    stopSettle = poll(async () => {
      tries += 1;
      await refresh();
      if (settled(status) || tries >= 30) stopSettle();
    }, 1000);
  }

  async function generate() {
    if (!(await confirmDialog(t("th.generateConfirm"), t("th.generate")))) return;
    await act("/otbr/generate_thread_network");
    drawSettings();
  }

  function drawSettings() {
    if (!status) return;
    const net = status.Network;
    settings.replaceChildren(
      form(
        t("th.settings"),
        [
          field("NetworkName", t("th.name"), { value: net.NetworkName, hint: t("th.nameRule") }),
          field("Channel", t("th.channel"), {
            type: "select",
            options: CHANNELS.map((c) => [c, c]),
            value: net.Channel,
          }),
          field("PanId", t("th.panId"), { value: net.PanId, hint: t("th.panIdRule") }),
          field("ExtPanId", t("th.extPanId"), { value: net.ExtPanId, hint: t("th.hex16") }),
          field("Passphrase", t("th.passphrase"), {
            type: "password",
            value: net.Passphrase,
            hint: t("th.passphraseRule"),
          }),
          field("NetworkKey", t("th.networkKey"), {
            type: "password",
            value: net.NetworkKey,
            hint: t("th.hex32"),
          }),
        ],
        t("save"),
        async (v) => {
          const net = status.Network; // compare with the network as it is now
          const before = {
            NetworkName: net.NetworkName,
            Channel: String(net.Channel),
            PanId: net.PanId,
            ExtPanId: net.ExtPanId,
            Passphrase: net.Passphrase,
            NetworkKey: net.NetworkKey,
          };
          const body = {};
          for (const [name, value] of Object.entries(v)) {
            if (String(value) !== String(before[name])) body[name] = value;
          }
          if (Object.keys(body).length === 0) return t("nothingChanged");
          if ("Channel" in body) body.Channel = Number(body.Channel);
          if ("PanId" in body) body.PanId = panId(body.PanId);
          await api.post("/otbr/set_config", body);
          await refresh();
          return undefined;
        },
      ),
    );
  }

  function drawTxPower() {
    txArea.replaceChildren(
      form(
        t("th.txPower"),
        [
          field("TXPower", t("th.txPowerDbm"), {
            type: "number",
            min: -24,
            max: 20,
            value: status ? status.RCP.TXPower : "",
          }),
        ],
        t("save"),
        async (v) => {
          await api.post("/otbr/set_txpower", { TXPower: v.TXPower });
          await refresh();
          return undefined;
        },
      ),
    );
  }

  const bbrState = h("span", { "data-testid": "bbr" });
  const bbrButton = h("button", { type: "button", class: "secondary" });
  const bbrMessage = h("p", { class: "error", role: "alert" });
  async function refreshBbr() {
    const bbr = await api.get("/otbr/get_bbr_status");
    bbrState.textContent = bbr.State ? t("on") : t("off");
    bbrButton.textContent = bbr.State ? t("th.bbrOff") : t("th.bbrOn");
    bbrButton.onclick = async () => {
      bbrMessage.textContent = "";
      try {
        await api.post(bbr.State ? "/otbr/disable_bbr" : "/otbr/enable_bbr");
      } catch (err) {
        if (err.code !== -1) bbrMessage.textContent = err.message;
      }
      await refreshBbr();
    };
  }

  async function scan(button) {
    await loadInto(scanArea, button, async () => {
      const found = (await api.get("/otbr/scan")).ScanList;
      if (found.length === 0) return h("p", { role: "status" }, t("th.noNetworks"));
      return table(
        t("th.scanResult"),
        [t("th.name"), t("th.channel"), t("th.panId"), t("th.extPanId"), "RSSI", "LQI", ""],
        found.map((n) => [
          n.NetworkName,
          n.Channel,
          `0x${n.PanId.toString(16).padStart(4, "0")}`,
          n.ExtPanId,
          n.Rssi,
          n.Lqi,
          rowButton(t("th.join"), t("th.joinNamed", { name: n.NetworkName }), () => drawJoin(n)),
        ]),
      );
    });
  }

  function drawJoin(network) {
    const progress = h("progress", { max: JOIN_DONE, value: 0, "aria-label": t("th.joinProgress") });
    const state = h("p", { role: "status", "aria-live": "polite", "data-testid": "join-state" });
    const type = field("CredentialType", t("th.credential"), {
      type: "select",
      options: [
        ["pskdType", t("th.byPskd")],
        ["networkKeyType", t("th.byKey")],
      ],
    });
    const keyFields = [
      field("NetworkKey", t("th.networkKey"), { hint: t("th.hex32") }),
      field("Channel", t("th.channel"), { type: "number", min: 11, max: 26, value: network.Channel }),
      field("PanId", t("th.panId"), { value: network.PanId }),
    ];
    const pskdField = field("PSKd", t("dv.pskd"), { hint: t("dv.pskdRule") });
    const sync = () => {
      const byKey = type.querySelector("select").value === "networkKeyType";
      for (const f of keyFields) f.hidden = !byKey;
      pskdField.hidden = byKey;
    };
    type.querySelector("select").addEventListener("change", sync);
    const f = form(
      t("th.joinNamed", { name: network.NetworkName }),
      [type, pskdField, ...keyFields],
      t("th.join"),
      async (v) => {
        const body = { CredentialType: v.CredentialType };
        if (v.CredentialType === "pskdType") body.PSKd = v.PSKd;
        else Object.assign(body, { NetworkKey: v.NetworkKey, Channel: v.Channel, PanId: panId(v.PanId) });
        await api.post("/otbr/join", body);
        followJoin(v.CredentialType, progress, state);
        return t("th.joinStarted");
      },
    );
    sync();
    joinArea.replaceChildren(
      h("h3", {}, t("th.joinNamed", { name: network.NetworkName })),
      f,
      progress,
      state,
    );
    f.querySelector("select").focus();
  }

  function followJoin(credentialType, progress, state) {
    if (stopJoin) stopJoin();
    stopJoin = poll(async () => {
      const s = await api.post("/otbr/get_join_status", { CredentialType: credentialType });
      progress.value = Math.min(s.status, JOIN_DONE);
      state.textContent = s.status === JOIN_FAILED ? t("join.6", { why: s.fail_msg }) : t(`join.${s.status}`);
      if (s.status === JOIN_DONE || s.status === JOIN_FAILED) {
        stopJoin();
        stopJoin = null;
        await refresh();
      }
    }, 1000);
  }

  const scanButton = h("button", { type: "button", onclick: (e) => scan(e.currentTarget) }, t("th.scan"));
  main.append(
    h("h1", {}, t("page.thread")),
    section(t("th.status"), live, keyButton, switches, message),
    section(t("th.settings"), settings),
    section(t("th.txPower"), txArea),
    section(t("th.bbr"), h("p", {}, `${t("th.bbr")}: `, bbrState), bbrButton, bbrMessage),
    section(t("th.scanTitle"), h("div", { class: "actions" }, scanButton), scanArea, joinArea),
    section(t("th.dataset"), dataset),
  );
  let drawn = false;
  refreshBbr().catch(() => {});
  const stop = poll(async () => {
    await refresh();
    if (!drawn) {
      drawn = true;
      drawSettings();
      drawTxPower();
    }
  }, 3000);
  return stopAll(stop, () => stopJoin && stopJoin(), () => stopSettle && stopSettle());
}
