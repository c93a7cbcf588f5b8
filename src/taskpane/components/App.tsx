/**
 * The pane (任务窗格): language, theme, the standalone notice and files, the progress and error
 * bars, and the three tabs. State that outlives a tab switch (findings, the last summary,
 * the plan view) lives here; every Office or file operation goes through the workspace.
 */
import { useCallback, useMemo, useState } from "react";
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Spinner,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
  type Theme,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import { errorText } from "../../core/errors";
import type { Finding } from "../../core/findings";
import { messages, render, type Lang } from "../../core/messages";
import { LangContext, translator, type StringKey } from "../i18n";
import type { MidtermSummary, OpenedFile, PlanView, WorkProgress, Workspace } from "../workspace";
import { useWork } from "./useWork";
import { ValidateTab, type CellFocus } from "./ValidateTab";
import { CompileTab } from "./CompileTab";
import { PlanTab } from "./PlanTab";
import { FilesPanel } from "./FilesPanel";

export interface AppProps {
  /** Undefined while the host is being detected. */
  workspace?: Workspace;
  initialLang: Lang;
}

type TabName = "validate" | "compile" | "plan";

const STAGE_KEYS: Record<NonNullable<WorkProgress["stage"]>, StringKey> = {
  read: "stageRead",
  validate: "stageValidate",
  mark: "stageMark",
  clear: "stageClear",
  compile: "stageCompile",
  write: "stageWrite",
};

/** Fluent's fonts, then the Chinese system fonts of Windows, macOS and Linux before the generic family. */
const CJK_FONTS = `"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC"`;
const withCjkFonts = (theme: Theme): Theme => ({
  ...theme,
  fontFamilyBase: theme.fontFamilyBase.replace(/,\s*sans-serif\s*$/, `, ${CJK_FONTS}, sans-serif`),
});
const LIGHT = withCjkFonts(webLightTheme);
const DARK = withCjkFonts(webDarkTheme);

const useStyles = makeStyles({
  root: {
    minHeight: "100vh",
    boxSizing: "border-box",
    padding: "12px",
    display: "flex",
    flexDirection: "column",
    gap: "10px",
    fontFamily: tokens.fontFamilyBase,
  },
  header: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: "8px" },
  title: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  tabs: { flexWrap: "wrap", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  progress: { display: "flex", alignItems: "center", gap: "8px" },
  progressBar: { flexGrow: 1 },
});

export function App({ workspace, initialLang }: AppProps) {
  const styles = useStyles();
  const [lang, setLang] = useState<Lang>(initialLang);
  const t = useMemo(() => translator(lang), [lang]);
  const strings = useMemo(() => ({ lang, t }), [lang, t]);
  const describeError = useCallback((e: unknown) => errorText(e, lang), [lang]);
  const work = useWork(describeError, t("cancelled"));
  const [tab, setTab] = useState<TabName>("validate");
  const [findings, setFindings] = useState<Finding[] | undefined>(undefined);
  const [summary, setSummary] = useState<MidtermSummary | undefined>(undefined);
  const [plan, setPlan] = useState<PlanView | undefined>(undefined);
  const [files, setFiles] = useState<OpenedFile[]>([]);
  const [focus, setFocus] = useState<CellFocus | undefined>(undefined);

  const { state } = work;
  const progressValue = state.progress && state.progress.total > 0 ? state.progress.done / state.progress.total : undefined;

  return (
    <FluentProvider theme={workspace?.kind === "excel" && workspace.dark ? DARK : LIGHT} lang={lang === "zh" ? "zh-CN" : "en-US"}>
      <LangContext.Provider value={strings}>
        <main className={styles.root} aria-busy={state.busy}>
          <header className={styles.header}>
            <h1 className={styles.title}>{t("appTitle")}</h1>
            <Button
              size="small"
              appearance="subtle"
              aria-label={t("switchLanguageLabel")}
              onClick={() => setLang(lang === "zh" ? "en" : "zh")}
            >
              {t("switchLanguage")}
            </Button>
          </header>

          {!workspace ? (
            <Spinner size="small" label={t("loadingHost")} />
          ) : (
            <>
              {workspace.kind === "standalone" && (
                <>
                  <MessageBar intent="info">
                    <MessageBarBody>{t("standaloneNotice")}</MessageBarBody>
                  </MessageBar>
                  <FilesPanel
                    workspace={workspace}
                    files={files}
                    busy={state.busy}
                    run={work.run}
                    onFilesChanged={(next) => {
                      setFiles(next);
                      setFindings(undefined);
                      setSummary(undefined);
                      setPlan(undefined);
                      setFocus(undefined);
                    }}
                  />
                </>
              )}

              {state.busy && (
                <div className={styles.progress} role="status" aria-live="polite">
                  <div className={styles.progressBar}>
                    <ProgressBar value={progressValue} thickness="large" aria-label={t("working")} />
                    <Text size={200}>
                      {[state.progress?.stage ? t(STAGE_KEYS[state.progress.stage]) : t("working"), state.progress?.label]
                        .filter(Boolean)
                        .join(messages(lang).sep.label)}
                    </Text>
                  </div>
                  <Button size="small" onClick={work.cancel}>
                    {t("cancelWork")}
                  </Button>
                </div>
              )}
              {state.error && (
                <MessageBar intent="error" role="alert">
                  <MessageBarBody>
                    <MessageBarTitle>{t("errorTitle")}</MessageBarTitle>
                    {state.error}
                  </MessageBarBody>
                  <MessageBarActions>
                    <Button size="small" onClick={() => work.setError(undefined)}>
                      {t("dismiss")}
                    </Button>
                  </MessageBarActions>
                </MessageBar>
              )}
              {state.notice && !state.busy && (
                <MessageBar intent="success">
                  <MessageBarBody>{state.notice}</MessageBarBody>
                </MessageBar>
              )}
              {!state.busy &&
                state.warnings?.map((w, i) => (
                  <MessageBar intent="warning" key={i}>
                    <MessageBarBody>{render(w, lang)}</MessageBarBody>
                  </MessageBar>
                ))}

              <TabList
                className={styles.tabs}
                selectedValue={tab}
                onTabSelect={(_, d) => setTab(d.value as TabName)}
                aria-label={t("tabsLabel")}
                size="small"
              >
                <Tab value="validate">{t("tabValidate")}</Tab>
                <Tab value="compile">{t("tabCompile")}</Tab>
                <Tab value="plan">{t("tabPlan")}</Tab>
              </TabList>

              <section role="tabpanel" aria-label={t(tab === "validate" ? "tabValidate" : tab === "compile" ? "tabCompile" : "tabPlan")}>
                {tab === "validate" && (
                  <ValidateTab
                    workspace={workspace}
                    files={files}
                    work={work}
                    findings={findings}
                    onFindings={setFindings}
                    focus={focus}
                    onFocus={setFocus}
                  />
                )}
                {tab === "compile" && (
                  <CompileTab workspace={workspace} files={files} work={work} summary={summary} onSummary={setSummary} />
                )}
                {tab === "plan" && <PlanTab workspace={workspace} files={files} work={work} plan={plan} onPlan={setPlan} />}
              </section>
            </>
          )}
        </main>
      </LangContext.Provider>
    </FluentProvider>
  );
}
