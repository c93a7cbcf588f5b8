/**
 * 指标定义: the plan's indicators and definition errors; a 规划指标 skeleton sheet and a district
 * template (created in the workbook inside Excel, downloaded in standalone mode).
 */
import { useEffect, useState } from "react";
import { Button, Caption1, Field, Input, MessageBar, MessageBarBody, Text, makeStyles, tokens } from "@fluentui/react-components";
import { findingText, messages } from "../../core/messages";
import { useStrings } from "../i18n";
import { hasPlan, type OpenedFile, type PlanView, type Workspace } from "../workspace";
import { saveDownload } from "../download";
import type { Work } from "./useWork";

const useStyles = makeStyles({
  column: { display: "flex", flexDirection: "column", gap: "10px", maxWidth: "960px" },
  buttons: { display: "flex", flexWrap: "wrap", gap: "8px", alignItems: "flex-end" },
  tableFrame: { overflowX: "auto", maxHeight: "50vh", overflowY: "auto" },
  table: { borderCollapse: "collapse", width: "100%", fontSize: tokens.fontSizeBase200 },
  th: {
    textAlign: "left",
    padding: "4px 6px",
    position: "sticky",
    top: 0,
    backgroundColor: tokens.colorNeutralBackground3,
    whiteSpace: "nowrap",
  },
  td: { padding: "4px 6px", borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, verticalAlign: "top" },
  code: { fontFamily: tokens.fontFamilyMonospace, whiteSpace: "nowrap" },
  errors: { margin: 0, paddingLeft: "18px", fontSize: tokens.fontSizeBase200 },
});

export interface PlanTabProps {
  workspace: Workspace;
  /** Standalone: the opened files (the plan is shown as soon as one is open). */
  files: readonly OpenedFile[];
  work: Work;
  plan?: PlanView;
  onPlan(plan: PlanView): void;
}

export function PlanTab({ workspace, files, work, plan, onPlan }: PlanTabProps) {
  const styles = useStyles();
  const { lang, t } = useStrings();
  const [district, setDistrict] = useState("");
  const [period, setPeriod] = useState("");
  const busy = work.state.busy;

  const load = async () => {
    const view = await work.run((opts) => workspace.loadPlan(opts));
    if (view) onPlan(view);
  };
  // The tab shows the plan when it opens: the workbook's 规划指标 sheet inside Excel, the
  // opened plan file outside it. The button reads it again (after the sheet was edited).
  const planAtHand = workspace.kind === "excel" || hasPlan(files);
  // When the tab opens, and again when the opened files change (App drops the plan then);
  // not on every render, and not again after a failed read.
  useEffect(() => {
    if (!plan && planAtHand && !busy) void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on purpose not on `busy` or `load` (see above)
  }, [plan, planAtHand]);

  const createTemplate = async () => {
    const name = district.trim();
    if (!name) {
      work.setError(t("templateNeedsDistrict"));
      return;
    }
    const p = period.trim() || undefined;
    if (workspace.kind === "excel") {
      const written = await work.run(() => workspace.createTemplate(name, p));
      if (written) work.setNotice(t("sheetsCreated", { names: written.sheets.join(messages(lang).sep.names) }), written.notices);
    } else {
      const d = await work.run(() => workspace.template(name, p));
      if (d) {
        saveDownload(d);
        work.setNotice(t("downloadDone", { name: d.name }));
      }
    }
  };

  return (
    <div className={styles.column}>
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={busy || !planAtHand} onClick={load}>
          {t(plan ? "reloadPlan" : "loadPlan")}
        </Button>
      </div>

      {!plan ? (
        <Caption1>{t(planAtHand ? "planEmpty" : "planNoFile")}</Caption1>
      ) : (
        <>
          <Text weight="semibold">{`${plan.source} · ${t("planCount", { count: plan.indicators.length })}`}</Text>
          {plan.errors.length > 0 ? (
            <MessageBar intent="warning">
              <MessageBarBody>
                {t("planErrors", { count: plan.errors.length })}
                <ul className={styles.errors}>
                  {plan.errors.map((f, i) => (
                    <li key={i}>{`${f.cell ? `${f.cell} ` : ""}${findingText(f, lang)}`}</li>
                  ))}
                </ul>
              </MessageBarBody>
            </MessageBar>
          ) : (
            <Caption1>{t("planOk")}</Caption1>
          )}
          <div className={styles.tableFrame}>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th className={styles.th} scope="col">{t("colCode")}</th>
                  <th className={styles.th} scope="col">{t("colName")}</th>
                  <th className={styles.th} scope="col">{t("colUnit")}</th>
                  <th className={styles.th} scope="col">{t("colType")}</th>
                  <th className={styles.th} scope="col">{t("colTarget")}</th>
                </tr>
              </thead>
              <tbody>
                {plan.indicators.map((ind) => (
                  <tr key={ind.code}>
                    <td className={`${styles.td} ${styles.code}`}>{ind.code}</td>
                    <td className={styles.td}>{ind.name}</td>
                    <td className={styles.td}>{ind.unit}</td>
                    <td className={styles.td}>{messages(lang).indicatorType[ind.type]}</td>
                    <td className={styles.td}>{t("targetWithYear", { target: ind.target, year: ind.targetYear })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      <div className={styles.buttons}>
        <Button
          disabled={busy}
          onClick={async () => {
            if (workspace.kind === "excel") {
              const written = await work.run(() => workspace.createPlanSkeleton());
              if (written) work.setNotice(t("sheetsCreated", { names: written.sheets.join(messages(lang).sep.names) }), written.notices);
            } else {
              const d = await work.run(() => workspace.planSkeleton());
              if (d) {
                saveDownload(d);
                work.setNotice(t("downloadDone", { name: d.name }));
              }
            }
          }}
        >
          {t(workspace.kind === "excel" ? "createSkeleton" : "downloadSkeleton")}
        </Button>
      </div>
      <div className={styles.buttons}>
        <Field label={t("templateDistrict")} size="small">
          <Input size="small" value={district} placeholder="吴兴区" onChange={(_, d) => setDistrict(d.value)} />
        </Field>
        <Field label={t("templatePeriod")} size="small">
          <Input size="small" value={period} placeholder="2018-06" onChange={(_, d) => setPeriod(d.value)} />
        </Field>
        <Button disabled={busy} onClick={createTemplate}>
          {t(workspace.kind === "excel" ? "createTemplate" : "downloadTemplate")}
        </Button>
      </div>
    </div>
  );
}
