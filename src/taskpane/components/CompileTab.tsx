/**
 * 汇总评估: plan source, as-of period, submissions, 汇总, the summary (time progress, counts
 * per status, the 中期评估表 rows with status badges), then write sheets (Excel) or download
 * midterm.xlsx (standalone).
 */
import { useState } from "react";
import {
  Badge,
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  Radio,
  RadioGroup,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { errorText } from "../../core/errors";
import { STATUSES, statusText, type Status } from "../../core/evaluate";
import { formatPercent, formatPeriod } from "../../core/format";
import { messages, type Lang } from "../../core/messages";
import { asOfPeriod } from "../../core/period";
import { useStrings } from "../i18n";
import { hasPlan, WORKBOOK_FILES, type CompileRequest, type MidtermRow, type MidtermSummary, type OpenedFile, type PlanSource, type SheetConflict, type Workspace } from "../workspace";
import { saveDownload } from "../download";
import type { Work } from "./useWork";
import { ConflictDialog } from "./ConflictDialog";
import { AlertDialog } from "./AlertDialog";

const STATUS_COLOURS: Record<Status, "success" | "brand" | "warning" | "subtle" | "informative"> = {
  met: "success",
  "on-track": "brand",
  behind: "warning",
  "no-data": "subtle",
};

const useStyles = makeStyles({
  column: { display: "flex", flexDirection: "column", gap: "10px", maxWidth: "960px" },
  short: { maxWidth: "240px" },
  buttons: { display: "flex", flexWrap: "wrap", gap: "8px" },
  counts: { display: "flex", flexWrap: "wrap", gap: "6px" },
  tableFrame: { overflowX: "auto" },
  table: { borderCollapse: "collapse", width: "100%", fontSize: tokens.fontSizeBase200 },
  th: {
    textAlign: "left",
    padding: "4px 6px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground3,
    whiteSpace: "nowrap",
  },
  td: { padding: "4px 6px", borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, verticalAlign: "top" },
  num: { textAlign: "right", whiteSpace: "nowrap" },
  domain: { fontWeight: tokens.fontWeightSemibold, backgroundColor: tokens.colorNeutralBackground2, padding: "4px 6px" },
  files: { fontSize: tokens.fontSizeBase200 },
});

export interface CompileTabProps {
  workspace: Workspace;
  files: OpenedFile[];
  work: Work;
  summary?: MidtermSummary;
  onSummary(summary: MidtermSummary): void;
}

/** A number with up to `decimals` decimals, no trailing zeros. */
function num(v: number | null, decimals = 2): string {
  return v === null ? "—" : String(Number(v.toFixed(decimals)));
}

function percent(v: number | null, lang: Lang): string {
  return v === null ? "—" : formatPercent(v, lang);
}

export function CompileTab({ workspace, files, work, summary, onSummary }: CompileTabProps) {
  const styles = useStyles();
  const { lang, t } = useStrings();
  const [planKind, setPlanKind] = useState<"sheet" | "file">("sheet");
  const [planFile, setPlanFile] = useState<File | undefined>(undefined);
  const [asOf, setAsOf] = useState("");
  const [useSheets, setUseSheets] = useState(true);
  const [districtFiles, setDistrictFiles] = useState<File[]>([]);
  /** A compile that stopped at user sheets of the result sheets' names, waiting for the user's choice. */
  const [asking, setAsking] = useState<{ request: CompileRequest; conflicts: SheetConflict[] } | undefined>(undefined);
  const [removing, setRemoving] = useState(false);
  const busy = work.state.busy;
  const excel = workspace.kind === "excel";
  const standaloneReady = hasPlan(files) && files.some((f) => f.role === "submission");

  const runCompile = async () => {
    try {
      asOfPeriod(asOf);
    } catch (e) {
      work.setError(errorText(e, lang));
      return;
    }
    let plan: PlanSource = { kind: "sheet" };
    if (excel && planKind === "file") {
      if (!planFile) {
        work.setError(t("compileNeedsPlan"));
        return;
      }
      plan = { kind: "file", file: planFile };
    }
    await compile({ plan, useWorkbookSheets: useSheets, files: districtFiles, lang, ...(asOf.trim() ? { asOf: asOf.trim() } : {}) });
  };

  const compile = async (request: CompileRequest) => {
    const result = await work.run((opts) => workspace.compile(request, opts));
    if (!result) return;
    onSummary(result);
    if (result.conflicts && result.conflicts.length > 0) setAsking({ request, conflicts: result.conflicts });
    else if (result.sheets) work.setNotice(t("sheetsWritten", { names: result.sheets.join(messages(lang).sep.names) }), result.notices);
  };

  const counts = new Map<Status, number>();
  for (const r of summary?.rows ?? []) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);

  const rowsByDomain: { domain: string; rows: MidtermRow[] }[] = [];
  for (const r of summary?.rows ?? []) {
    const d = r.domain ?? "";
    const last = rowsByDomain[rowsByDomain.length - 1];
    if (last && last.domain === d) last.rows.push(r);
    else rowsByDomain.push({ domain: d, rows: [r] });
  }

  return (
    <div className={styles.column}>
      {excel && (
        <>
          <Field label={t("planSource")}>
            <RadioGroup value={planKind} onChange={(_, d) => setPlanKind(d.value as "sheet" | "file")}>
              <Radio value="sheet" label={t("planFromSheet")} />
              <Radio value="file" label={t("planFromFile")} />
            </RadioGroup>
          </Field>
          {planKind === "file" && (
            <input
              type="file"
              accept={`${WORKBOOK_FILES},.json`}
              aria-label={t("planFromFile")}
              className={styles.files}
              onChange={(e) => setPlanFile(e.currentTarget.files?.[0])}
            />
          )}
        </>
      )}
      <Field className={styles.short} label={t("asOf")} hint={t("asOfHint")}>
        <Input value={asOf} placeholder="2018-06" onChange={(_, d) => setAsOf(d.value)} />
      </Field>
      {excel && (
        <Field label={t("submissions")}>
          <Checkbox checked={useSheets} onChange={(_, d) => setUseSheets(Boolean(d.checked))} label={t("useWorkbookSheets")} />
          <input
            type="file"
            accept={WORKBOOK_FILES}
            multiple
            aria-label={t("addDistrictFiles")}
            className={styles.files}
            onChange={(e) => setDistrictFiles(Array.from(e.currentTarget.files ?? []))}
          />
        </Field>
      )}
      {!excel && !standaloneReady && <Caption1>{t("needPlanAndFiles")}</Caption1>}
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={busy || (!excel && !standaloneReady)} onClick={runCompile}>
          {t("compile")}
        </Button>
        {workspace.kind === "excel" && (
          <Button disabled={busy} onClick={() => setRemoving(true)}>
            {t("removeResults")}
          </Button>
        )}
      </div>
      {removing && workspace.kind === "excel" && (
        <AlertDialog
          title={t("removeResultsTitle")}
          onCancel={() => setRemoving(false)}
          actions={
            <>
              <Button
                appearance="primary"
                onClick={async () => {
                  setRemoving(false);
                  const removed = await work.run((opts) => workspace.removeResults(opts));
                  if (removed) work.setNotice(removed.length > 0 ? t("resultsRemoved", { names: removed.join(messages(lang).sep.names) }) : t("noResultsToRemove"));
                }}
              >
                {t("removeResultsConfirm")}
              </Button>
              <Button onClick={() => setRemoving(false)}>{t("cancel")}</Button>
            </>
          }
        >
          {t("removeResultsText")}
        </AlertDialog>
      )}
      {asking && (
        <ConflictDialog
          conflicts={asking.conflicts}
          onChoose={(onConflict) => {
            setAsking(undefined);
            void compile({ ...asking.request, onConflict });
          }}
          onCancel={() => {
            setAsking(undefined);
            work.setNotice(t("conflictCancelled"));
          }}
        />
      )}

      {summary && (
        <section className={styles.column} aria-label={t("tabCompile")}>
          <Text weight="semibold" role="status">
            {t("summaryTitle", { asOf: formatPeriod(summary.asOf, lang), time: percent(summary.timeProgress, lang) })}
          </Text>
          <Text size={200} data-testid="statement">{summary.statement[lang]}</Text>
          <div className={styles.counts} aria-label={t("statusCounts")}>
            {STATUSES
              .filter((s) => counts.has(s))
              .map((s) => (
                <Badge key={s} appearance="tint" color={STATUS_COLOURS[s]} data-status={s}>
                  {t("statusCount", { status: messages(lang).status[s], count: counts.get(s) ?? 0 })}
                </Badge>
              ))}
          </div>
          {workspace.kind === "standalone" && (
            <div className={styles.buttons}>
              <Button
                disabled={busy}
                onClick={async () => {
                  const d = await work.run(() => workspace.midtermWorkbook());
                  if (d) {
                    saveDownload(d);
                    work.setNotice(t("downloadDone", { name: d.name }));
                  }
                }}
              >
                {t("downloadMidterm")}
              </Button>
            </div>
          )}
          <div className={styles.tableFrame}>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th className={styles.th} scope="col">{t("indicatorCol")}</th>
                  <th className={`${styles.th} ${styles.num}`} scope="col">{t("actualCol")}</th>
                  <th className={`${styles.th} ${styles.num}`} scope="col">{t("progressCol")}</th>
                  <th className={styles.th} scope="col">{t("statusCol")}</th>
                </tr>
              </thead>
              <tbody>
                {rowsByDomain.map((g) => [
                  g.domain ? (
                    <tr key={`d-${g.domain}`}>
                      <td colSpan={4} className={styles.domain}>{g.domain}</td>
                    </tr>
                  ) : null,
                  ...g.rows.map((r) => (
                    <tr key={r.indicator} data-indicator={r.indicator}>
                      <td className={styles.td}>
                        {r.name}
                        <Caption1 block>{`${r.indicator} · ${r.unit} · ${t("targetShort", { value: num(r.target) })}`}</Caption1>
                      </td>
                      <td className={`${styles.td} ${styles.num}`}>{num(r.actual)}</td>
                      <td className={`${styles.td} ${styles.num}`}>{percent(r.progress, lang)}</td>
                      <td className={styles.td}>
                        <Badge appearance="filled" color={STATUS_COLOURS[r.status]} data-status={r.status}>
                          {statusText(r.status, r.notConsolidated === true, lang)}
                        </Badge>
                        {r.attention && (
                          <Badge appearance="outline" color="danger">
                            {messages(lang).evaluation.attention}
                          </Badge>
                        )}
                      </td>
                    </tr>
                  )),
                ])}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}
