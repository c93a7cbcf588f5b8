/**
 * Standalone mode's files (打开文件): the plan and the district workbooks, by file picker or
 * drag and drop. Files are read in this browser only.
 */
import { useRef, useState, type DragEvent } from "react";
import { Button, Caption1, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useStrings } from "../i18n";
import { WORKBOOK_FILES, type OpenedFile, type StandaloneWorkspace } from "../workspace";
import type { Work } from "./useWork";

const useStyles = makeStyles({
  zone: {
    border: `1px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: "10px",
    display: "flex",
    flexDirection: "column",
    gap: "8px",
  },
  over: { border: `2px dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  row: { display: "flex", flexWrap: "wrap", gap: "8px", alignItems: "center" },
  list: {
    margin: 0,
    paddingLeft: 0,
    listStyleType: "none",
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(260px, 1fr))",
    columnGap: "24px",
    rowGap: "2px",
  },
  item: { display: "flex", alignItems: "center", gap: "6px", justifyContent: "space-between", minWidth: 0 },
  name: { overflowWrap: "anywhere" },
  hidden: { display: "none" },
});

export interface FilesPanelProps {
  workspace: StandaloneWorkspace;
  files: OpenedFile[];
  busy: boolean;
  run: Work["run"];
  onFilesChanged(files: OpenedFile[]): void;
}

export function FilesPanel({ workspace, files, busy, run, onFilesChanged }: FilesPanelProps) {
  const styles = useStyles();
  const { t } = useStrings();
  const planInput = useRef<HTMLInputElement>(null);
  const districtInput = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const open = async (list: File[], role: "plan" | "submission" | "auto") => {
    if (list.length === 0) return;
    const before = JSON.stringify(workspace.files());
    const opened = await run((opts) => workspace.openFiles(list, role, opts));
    // Only a file that could not be read: nothing changed, the findings so far stay.
    if (opened || JSON.stringify(workspace.files()) !== before) onFilesChanged(workspace.files());
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    void open(Array.from(e.dataTransfer.files), "auto");
  };

  const plan = files.find((f) => f.role === "plan");
  const districts = files.filter((f) => f.role === "submission");

  const fileItem = (f: OpenedFile) => (
    <li key={f.name} className={styles.item}>
      <Text size={200} className={styles.name}>
        {f.sheets.length > 0 ? t("fileRead", { name: f.name, sheets: f.sheets.length }) : f.name}
        {f.carriesPlan ? t("carriesPlan") : ""}
      </Text>
      <Button
        size="small"
        appearance="subtle"
        aria-label={t("removeFile", { name: f.name })}
        disabled={busy}
        onClick={() => {
          workspace.removeFile(f.name);
          onFilesChanged(workspace.files());
        }}
      >
        ×
      </Button>
    </li>
  );

  return (
    <div
      className={mergeClasses(styles.zone, over && styles.over)}
      aria-label={t("dropZoneLabel")}
      role="region"
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <Text weight="semibold">{t("filesTitle")}</Text>
      <Caption1>{t("privacyNotice")}</Caption1>

      <div className={styles.row}>
        <Button size="small" disabled={busy} onClick={() => planInput.current?.click()}>
          {t("pickPlan")}
        </Button>
        <Caption1>{plan ? "" : t(districts.some((f) => f.carriesPlan) ? "planCarried" : "noPlanYet")}</Caption1>
      </div>
      {plan && <ul className={styles.list} aria-label={t("planFile")}>{fileItem(plan)}</ul>}
      <input
        ref={planInput}
        className={styles.hidden}
        type="file"
        name="plan"
        accept={`${WORKBOOK_FILES},.json,application/json`}
        aria-label={t("planFile")}
        onChange={(e) => {
          void open(Array.from(e.currentTarget.files ?? []), "plan");
          e.currentTarget.value = "";
        }}
      />

      <div className={styles.row}>
        <Button size="small" disabled={busy} onClick={() => districtInput.current?.click()}>
          {t("pickDistricts")}
        </Button>
        <Caption1>{districts.length ? "" : t("noDistrictsYet")}</Caption1>
      </div>
      {districts.length > 0 && (
        <ul className={styles.list} aria-label={t("districtFiles")}>
          {districts.map(fileItem)}
        </ul>
      )}
      <input
        ref={districtInput}
        className={styles.hidden}
        type="file"
        name="districts"
        multiple
        accept={WORKBOOK_FILES}
        aria-label={t("districtFiles")}
        onChange={(e) => {
          void open(Array.from(e.currentTarget.files ?? []), "submission");
          e.currentTarget.value = "";
        }}
      />
      <Caption1>{t("dropHere")}</Caption1>
    </div>
  );
}
