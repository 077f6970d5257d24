// Overview: the device, its uplink and Thread at a glance, refreshed live.

import * as api from "../api.js";
import { facts, h, section } from "../dom.js";
import { lang, t } from "../i18n.js";
import { poll } from "../poll.js";

const MIB = 1024 * 1024;

/** Return a Thread role's name (OpenThread's 0 disabled .. 4 leader). */
export function roleName(state) {
  return t(`role.${state}`);
}

/** Render the overview into `main`; return the function that stops its refresh. */
export function render(main) {
  const body = h("div", { class: "cards" });
  const updated = h("p", { class: "muted", role: "status", "aria-live": "off" });
  main.append(h("h1", {}, t("page.overview")), updated, body);

  return poll(async () => {
    const [status, info, firmware, thread, eth, wifi] = await Promise.all([
      api.get("/sys/get_status"),
      api.get("/sys/get_info"),
      api.get("/sys/check_current_firmware"),
      api.get("/otbr/get_status"),
      api.get("/eth/get_status"),
      api.get("/wifi/get_status"),
    ]);
    const used = status.memory_total - status.memory_free;
    const wanAddress = eth.ipv4.ip || wifi.ipv4.ip || "-";
    body.replaceChildren(
      section(
        t("ov.device"),
        facts([
          [t("ov.model"), status.model],
          [t("ov.serial"), status.sn],
          [t("ov.firmware"), `${firmware.current_firmware_type} ${firmware.current_firmware_version}`],
          [t("ov.ethMac"), status.eth_mac],
          [t("ov.wifiMac"), status.wifi_mac],
          [t("ov.bleMac"), status.ble_mac],
          [
            t("ov.memory"),
            h(
              "span",
              {},
              h("meter", {
                min: 0,
                max: status.memory_total,
                value: used,
                "aria-label": t("ov.memory"),
              }),
              ` ${t("ov.memoryUse", {
                used: Math.round(used / MIB),
                total: Math.round(status.memory_total / MIB),
              })}`,
            ),
          ],
        ]),
      ),
      section(
        t("ov.wan"),
        facts([
          [t("ov.wanStatus"), t(`wan.${info.wan_status}`), { "data-testid": "wan-status" }],
          [t("ov.wanAddress"), wanAddress],
          [t("ov.eth"), t(`eth.${eth.status}`)],
          [t("ov.wifi"), wifi.ssid ? `${t(`wifi.${wifi.status}`)} (${wifi.ssid})` : t(`wifi.${wifi.status}`)],
        ]),
      ),
      section(
        t("ov.thread"),
        facts([
          [t("ov.role"), roleName(thread.RCP.State), { "data-testid": "thread-role" }],
          [t("th.name"), thread.Network.NetworkName],
          [t("th.channel"), thread.Network.Channel],
          [
            t("ov.commissioner"),
            info.thread_commissioner_status ? t("on") : t("off"),
            { "data-testid": "commissioner" },
          ],
          [t("th.version"), `${thread.ThreadVersion} · ${thread.OTBRVersion}`],
        ]),
      ),
    );
    updated.textContent = t("ov.updated", { time: new Date().toLocaleTimeString(lang()) });
  }, 3000);
}
