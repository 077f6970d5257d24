// Network: Ethernet, Wi-Fi (scan, connect, saved networks) and WAN failover.

import * as api from "../api.js";
import { confirmDialog, facts, field, form, h, loadInto, nested, section, table, rowButton } from "../dom.js";
import { t } from "../i18n.js";
import { onChange, poll } from "../poll.js";

const OPEN_MODES = new Set([0, 9]); // open and OWE take no password

/** The DHCP/static choice and the static IPv4 fields, shown only for static. */
function ipFields(protocol, ipv4) {
  const choice = field("protocol", t("nw.protocol"), {
    type: "select",
    options: [
      ["dhcp", "DHCP"],
      ["static", t("nw.static")],
    ],
    value: protocol,
  });
  const statics = [
    field("ipv4.ip", t("nw.ip"), { value: ipv4.ip, inputmode: "decimal" }),
    field("ipv4.netmask", t("nw.netmask"), { value: ipv4.netmask || "255.255.255.0", inputmode: "decimal" }),
    field("ipv4.gateway", t("nw.gateway"), { value: ipv4.gateway, inputmode: "decimal" }),
  ];
  const sync = () => {
    for (const f of statics) f.hidden = choice.querySelector("select").value !== "static";
  };
  choice.querySelector("select").addEventListener("change", sync);
  sync();
  return [choice, ...statics];
}

/** The body for a protocol and its static fields: `ipv4` only with "static". */
function ipBody(v) {
  const body = nested(v);
  if (body.protocol !== "static") delete body.ipv4;
  return body;
}

/** Split "a, b c" into ["a", "b", "c"]. */
function list(text) {
  return String(text)
    .split(/[\s,]+/)
    .filter(Boolean);
}

/** Render the Network page into `main`; return the function that stops its refresh. */
export function render(main) {
  const ethStatus = h("div");
  const ethConfig = h("div");
  const wifiStatus = h("div");
  const wifiActions = h("div", { class: "actions" });
  const scanArea = h("div");
  const connectArea = h("div");
  const saved = h("div");
  const failover = h("div");
  const message = h("p", { class: "error", role: "alert" });

  let lastWifi = null;
  async function refreshStatus() {
    const [eth, wifi] = await Promise.all([api.get("/eth/get_status"), api.get("/wifi/get_status")]);
    // A network is saved once connected: show the list again when the link changes.
    if (lastWifi !== null && lastWifi !== wifi.status) drawSaved().catch(() => {});
    lastWifi = wifi.status;
    ethStatus.replaceChildren(
      facts([
        [t("dv.status"), t(`eth.${eth.status}`), { "data-testid": "eth-status" }],
        [t("nw.protocol"), eth.protocol === "static" ? t("nw.static") : "DHCP"],
        [t("nw.ip"), eth.ipv4.ip || "-", { "data-testid": "eth-ip" }],
        [t("nw.gateway"), eth.ipv4.gateway || "-"],
        ["IPv6", eth.ipv6.ip || "-"],
      ]),
    );
    wifiStatus.replaceChildren(
      facts([
        [t("dv.status"), t(`wifi.${wifi.status}`), { "data-testid": "wifi-status" }],
        ["SSID", wifi.ssid || "-", { "data-testid": "wifi-ssid" }],
        [t("nw.ip"), wifi.ipv4.ip || "-"],
        wifi.fail_msg ? [t("nw.failure"), wifi.fail_msg] : null,
      ].filter(Boolean)),
    );
    drawWifiActions(wifi.status !== 0);
  }

  // Redrawn only when it changes, so a focused button keeps its focus across refreshes.
  const drawWifiActions = onChange((connected) => {
    wifiActions.replaceChildren(
      connected ? h("button", { type: "button", class: "secondary", onclick: disconnect }, t("nw.disconnect")) : "",
    );
  });

  async function disconnect() {
    message.textContent = "";
    try {
      await api.post("/wifi/stop");
    } catch (err) {
      if (err.code !== -1) message.textContent = err.message;
    }
    await refreshStatus();
  }

  async function drawEthConfig() {
    const config = await api.get("/eth/get_config");
    ethConfig.replaceChildren(
      form(t("nw.ethSettings"), ipFields(config.protocol, config.ipv4), t("save"), async (v) => {
        await api.post("/eth/set_config", ipBody(v));
        await refreshStatus();
        return undefined;
      }),
    );
  }

  async function scan(button) {
    await loadInto(scanArea, button, async () => {
      const aps = (await api.get("/wifi/scan")).list;
      return table(
        t("nw.inRange"),
        ["SSID", "BSSID", t("nw.security"), "RSSI", t("th.channel"), ""],
        aps.map((ap) => [
          ap.ssid,
          ap.bssid,
          t(`auth.${ap.auth_mode}`),
          `${ap.rssi} dBm`,
          ap.channel,
          rowButton(t("nw.connect"), t("nw.connectNamed", { ssid: ap.ssid }), () => drawConnect(ap)),
        ]),
      );
    });
  }

  function drawConnect(ap) {
    const needsPassword = !OPEN_MODES.has(ap.auth_mode);
    const f = form(
      t("nw.connectNamed", { ssid: ap.ssid }),
      [
        needsPassword ? field("pwd", t("nw.password"), { type: "password", autocomplete: "off" }) : null,
        field("enable_wifi_save", t("nw.save"), { type: "checkbox", value: true }),
        field("lock_bssid", t("nw.lockBssid", { bssid: ap.bssid }), { type: "checkbox" }),
        ...ipFields("dhcp", { ip: "", netmask: "", gateway: "" }),
      ],
      t("nw.connect"),
      async (v) => {
        const body = { ...ipBody(v), ssid: ap.ssid, auth_mode: ap.auth_mode };
        if (body.lock_bssid) body.bssid = ap.bssid;
        await api.post("/wifi/start", body);
        await refreshStatus();
        return t("nw.connecting");
      },
    );
    connectArea.replaceChildren(h("h3", {}, t("nw.connectNamed", { ssid: ap.ssid })), f);
    f.querySelector("input, select").focus();
  }

  async function drawSaved() {
    const [networks, reconnect] = await Promise.all([
      api.get("/wifi/get_save_wifi"),
      api.get("/wifi/get_reconn_to_saved_wifi"),
    ]);
    const auto = field("enable", t("nw.autoReconnect"), { type: "checkbox", value: reconnect.enable });
    auto.querySelector("input").addEventListener("change", async (e) => {
      await api.post("/wifi/set_reconn_to_saved_wifi", { enable: e.target.checked }).catch(() => {});
      await drawSaved();
    });
    saved.replaceChildren(
      networks.list.length === 0
        ? h("p", {}, t("nw.noneSaved"))
        : table(
            t("nw.saved"),
            ["SSID", t("nw.security"), t("nw.protocol"), ""],
            networks.list.map((n) => [
              n.ssid,
              t(`auth.${n.auth_mode}`),
              n.protocol === "static" ? `${t("nw.static")} ${n.ipv4.ip}` : "DHCP",
              rowButton(t("nw.forget"), t("nw.forgetNamed", { ssid: n.ssid }), async () => {
                    if (!(await confirmDialog(t("nw.forgetNamed", { ssid: n.ssid }), t("nw.forget")))) return;
                    await api
                      .post("/wifi/delete_save_wifi", { ssid: n.ssid, auth_mode: n.auth_mode })
                      .catch((err) => (message.textContent = err.message));
                    await drawSaved();
                  }),
            ]),
          ),
      auto,
    );
  }

  async function drawFailover() {
    const config = await api.get("/wan_failover/get_config");
    const iface = (name, label) => [
      h("h3", {}, label),
      field(`${name}.enable`, t("fo.enable", { iface: label }), { type: "checkbox", value: config[name].enable }),
      field(`${name}.check_ipv4`, t("fo.ipv4"), { value: config[name].check_ipv4.join(", "), hint: t("fo.listHint") }),
      field(`${name}.check_ipv6`, t("fo.ipv6"), { value: config[name].check_ipv6.join(", "), hint: t("fo.listHint") }),
      field(`${name}.check_interval`, t("fo.interval"), { type: "number", min: 1, max: 60, value: config[name].check_interval }),
      field(`${name}.check_success_time`, t("fo.success"), { type: "number", min: 1, max: 10, value: config[name].check_success_time }),
      field(`${name}.check_fail_time`, t("fo.fail"), { type: "number", min: 1, max: 10, value: config[name].check_fail_time }),
    ];
    failover.replaceChildren(
      form(
        t("fo.title"),
        [
          ...iface("eth", t("ov.eth")),
          ...iface("wifi", t("ov.wifi")),
          h("h3", {}, t("fo.priority")),
          field("priority.eth", t("fo.priorityOf", { iface: t("ov.eth") }), { type: "number", min: 1, max: 10, value: config.priority.eth }),
          field("priority.wifi", t("fo.priorityOf", { iface: t("ov.wifi") }), { type: "number", min: 1, max: 10, value: config.priority.wifi }),
        ],
        t("save"),
        async (v) => {
          const body = nested(v);
          for (const name of ["eth", "wifi"]) {
            body[name].check_ipv4 = list(body[name].check_ipv4);
            body[name].check_ipv6 = list(body[name].check_ipv6);
          }
          await api.post("/wan_failover/set_config", body);
          return undefined;
        },
      ),
    );
  }

  const scanButton = h("button", { type: "button", onclick: (e) => scan(e.currentTarget) }, t("nw.scan"));
  main.append(
    h("h1", {}, t("page.network")),
    section(t("ov.eth"), ethStatus, ethConfig),
    section(t("ov.wifi"), wifiStatus, wifiActions, message, h("div", { class: "actions" }, scanButton), scanArea, connectArea),
    section(t("nw.saved"), saved),
    section(t("fo.title"), failover),
  );
  drawEthConfig().catch(() => {});
  drawSaved().catch(() => {});
  drawFailover().catch(() => {});
  return poll(refreshStatus, 3000);
}
