// Devices: the commissioner, the joiner table (live), add, remove, rejoin, import, export.

import * as api from "../api.js";
import { chosenJson, downloadButton, field, form, h, section, table, rowButton } from "../dom.js";
import { lang, t } from "../i18n.js";
import { onChange, poll } from "../poll.js";

const ANY = "*";

/** Return Unix seconds as local date and time, or "-" for 0 (not yet). */
function when(seconds) {
  return seconds ? new Date(seconds * 1000).toLocaleString(lang()) : "-";
}

/** Render the Devices page into `main`; return the function that stops its refresh. */
export function render(main) {
  const commissioner = h("span", { "data-testid": "commissioner" });
  const commissionerButton = h("button", { type: "button" });
  const commissionerError = h("p", { class: "error", role: "alert" });
  const list = h("div");
  const listError = h("p", { class: "error", role: "alert" });

  async function refreshCommissioner() {
    const state = (await api.get("/otbr/get_commissioning_status")).State;
    commissioner.textContent = state ? t("on") : t("off");
    commissionerButton.textContent = state ? t("dv.commissionerOff") : t("dv.commissionerOn");
    commissionerButton.onclick = async () => {
      commissionerError.textContent = "";
      try {
        await api.post("/otbr/set_commissioning", { Enable: !state });
      } catch (err) {
        if (err.code !== -1) commissionerError.textContent = err.message;
      }
      await refreshCommissioner();
    };
  }

  async function remove(eui64) {
    listError.textContent = "";
    try {
      await api.post("/otbr/remove_joiner_list", { DeviceList: [eui64] });
    } catch (err) {
      if (err.code !== -1) listError.textContent = err.message;
    }
    await refreshList();
  }

  async function refreshList() {
    drawList((await api.get("/otbr/get_joiner_list")).DeviceList);
  }

  // Redrawn only when the table changes, so a focused Remove button keeps its focus.
  const drawList = onChange((devices) => {
    list.replaceChildren(
      devices.length === 0
        ? h("p", {}, t("dv.none"))
        : table(
            t("dv.table"),
            [t("th.eui64"), t("dv.pskd"), t("dv.status"), t("dv.timeout"), t("dv.added"), t("dv.joined"), ""],
            devices.map((d) => [
              d.EUI64 === ANY ? t("dv.any") : d.EUI64,
              d.PSKd,
              h("span", { "data-testid": `status-${d.EUI64}` }, t(`joiner.${d.Status}`)),
              `${d.Timeout} s`,
              when(d.AddTime),
              when(d.JoinedTime),
              rowButton(t("dv.remove"), t("dv.removeNamed", { eui: d.EUI64 === ANY ? t("dv.any") : d.EUI64 }), () => remove(d.EUI64)),
            ]),
          ),
    );
  });

  const anyBox = field("any", t("dv.anyDevice"), { type: "checkbox" });
  const euiField = field("EUI64", t("th.eui64"), { hint: t("dv.euiRule"), placeholder: "18b4300000000101" });
  anyBox.querySelector("input").addEventListener("change", (e) => {
    euiField.hidden = e.target.checked;
  });
  const addForm = form(
    t("dv.add"),
    [
      anyBox,
      euiField,
      field("PSKd", t("dv.pskd"), { hint: t("dv.pskdRule") }),
      field("Timeout", t("dv.timeoutField"), { type: "number", min: 1, max: 65535, value: 120 }),
    ],
    t("dv.add"),
    async (v) => {
      await api.post("/otbr/add_joiner", {
        EUI64: v.any ? ANY : v.EUI64.trim(),
        PSKd: v.PSKd.trim(),
        Timeout: v.Timeout,
      });
      await refreshList();
      return t("dv.added1");
    },
  );

  const rejoinForm = form(
    t("dv.rejoin"),
    [
      field("Type", t("dv.rejoinWhich"), {
        type: "select",
        options: [
          [3, t("dv.rejoin3")],
          [1, t("dv.rejoin1")],
          [2, t("dv.rejoin2")],
        ],
      }),
      field("Timeout", t("dv.timeoutField"), { type: "number", min: 1, max: 65535, value: 120 }),
    ],
    t("dv.rejoin"),
    async (v) => {
      await api.post("/otbr/rejoin_all", { Type: Number(v.Type), Timeout: v.Timeout });
      await refreshList();
      return t("done");
    },
  );

  const importForm = form(
    t("dv.import"),
    [
      field("file", t("dv.importFile"), { type: "file" }),
      field("Timeout", t("dv.timeoutField"), { type: "number", min: 1, max: 65535, value: 120 }),
    ],
    t("dv.import"),
    async (_v, f) => {
      const document = await chosenJson(f);
      await api.post("/otbr/import_joiner_list", document);
      await api.post("/otbr/commit_joiner_list", { Timeout: _v.Timeout });
      await refreshList();
      return t("dv.imported", { n: document.DeviceList.length });
    },
  );
  importForm.querySelector("input[type=file]").setAttribute("accept", "application/json,.json");

  const exportButton = downloadButton(t("dv.export"), "s20-joiners.json", () =>
    api.get("/otbr/export_joiner_list"),
  );

  main.append(
    h("h1", {}, t("page.devices")),
    section(
      t("ov.commissioner"),
      h("p", {}, `${t("ov.commissioner")}: `, commissioner),
      h("p", { class: "hint" }, t("dv.commissionerHint")),
      commissionerButton,
      commissionerError,
    ),
    section(t("dv.table"), list, listError, h("div", { class: "actions" }, exportButton)),
    section(t("dv.add"), addForm),
    section(t("dv.rejoin"), rejoinForm),
    section(t("dv.import"), importForm),
  );
  return poll(() => Promise.all([refreshCommissioner(), refreshList()]), 2000);
}
