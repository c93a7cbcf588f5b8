/**
 * Findings grouped by sheet, then by category, with counts. A finding is a real button:
 * a click or Enter selects its cell. Warnings offer 情况属实.
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Caption1,
  CounterBadge,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { CATEGORIES, type Finding } from "../../core/findings";
import { findingText, messages } from "../../core/messages";
import { useStrings } from "../i18n";

const useStyles = makeStyles({
  headerText: { display: "flex", alignItems: "center", gap: "6px", overflowWrap: "anywhere" },
  category: {
    margin: "6px 0 2px",
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
  },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "4px" },
  item: { display: "flex", flexDirection: "column", gap: "2px" },
  finding: {
    display: "flex",
    alignItems: "flex-start",
    gap: "6px",
    width: "100%",
    textAlign: "left",
    background: "none",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: "6px 8px",
    cursor: "pointer",
    color: tokens.colorNeutralForeground1,
    fontFamily: "inherit",
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "1px" },
  },
  selected: { backgroundColor: tokens.colorBrandBackground2, border: `1px solid ${tokens.colorBrandStroke1}` },
  badge: { flexShrink: 0, whiteSpace: "nowrap" },
  cell: { fontFamily: tokens.fontFamilyMonospace, flexShrink: 0, minWidth: "3em" },
  message: { overflowWrap: "anywhere" },
  confirmation: { paddingLeft: "8px", color: tokens.colorPaletteGreenForeground1 },
  actions: { display: "flex", justifyContent: "flex-end" },
});

export interface FindingListProps {
  findings: Finding[];
  /** Indexes into `findings` of the ones to show (after filters). */
  shown: number[];
  /** Several files (standalone): group names carry the file name. */
  showFile: boolean;
  selected?: number;
  onSelect(index: number): void;
  onConfirm(index: number): void;
  /** Withdraws the finding's 情况属实. */
  onUnconfirm(index: number): void;
}

interface Group {
  key: string;
  title: string;
  byCategory: Map<string, number[]>;
  count: number;
}

export function FindingList({ findings, shown, showFile, selected, onSelect, onConfirm, onUnconfirm }: FindingListProps) {
  const styles = useStyles();
  const { lang, t } = useStrings();

  const groups = new Map<string, Group>();
  for (const i of shown) {
    const f = findings[i];
    const sheet = f.sheet ?? t("wholeFile");
    const key = `${f.file}\u0000${f.sheet ?? ""}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, title: showFile ? `${f.file} · ${sheet}` : sheet, byCategory: new Map(), count: 0 };
      groups.set(key, g);
    }
    const list = g.byCategory.get(f.category) ?? [];
    list.push(i);
    g.byCategory.set(f.category, list);
    g.count++;
  }
  const all = [...groups.values()];

  return (
    <Accordion multiple collapsible defaultOpenItems={all.map((g) => g.key)} key={all.map((g) => g.key).join("|")}>
      {all.map((g) => (
        <AccordionItem value={g.key} key={g.key}>
          <AccordionHeader size="small">
            <span className={styles.headerText}>
              {g.title}
              <CounterBadge count={g.count} overflowCount={9999} size="small" color="informative" />
            </span>
          </AccordionHeader>
          <AccordionPanel>
            {CATEGORIES.filter((c) => g.byCategory.has(c)).map((c) => {
              const idx = g.byCategory.get(c)!;
              return (
                <div key={c}>
                  <h3 className={styles.category}>
                    {t("categoryCount", { category: messages(lang).category[c], count: idx.length })}
                  </h3>
                  <ul className={styles.list}>
                    {idx.map((i) => {
                      const f = findings[i];
                      const where = f.cell ?? t("noCell");
                      const target = `${f.sheet ?? f.file}!${where}`;
                      return (
                        <li key={i} className={styles.item}>
                          <button
                            type="button"
                            className={`${styles.finding} ${selected === i ? styles.selected : ""}`}
                            aria-label={`${t("selectFinding", { where: target })}${messages(lang).sep.label}${findingText(f, lang)}`}
                            aria-current={selected === i ? "true" : undefined}
                            data-finding={i}
                            onClick={() => onSelect(i)}
                          >
                            <Badge
                              className={styles.badge}
                              size="small"
                              appearance="filled"
                              color={f.severity === "error" ? "danger" : "warning"}
                            >
                              {messages(lang).severity[f.severity]}
                            </Badge>
                            <span className={styles.cell}>{where}</span>
                            <span className={styles.message}>{findingText(f, lang)}</span>
                          </button>
                          {f.confirmed !== undefined ? (
                            <div className={styles.actions}>
                              <Caption1 className={styles.confirmation}>{t("confirmed", { reason: f.confirmed.reason })}</Caption1>
                              <Button size="small" appearance="subtle" aria-label={`${t("unconfirm")}${messages(lang).sep.label}${target}`} onClick={() => onUnconfirm(i)}>
                                {t("unconfirm")}
                              </Button>
                            </div>
                          ) : (
                            f.severity === "warning" && (
                              <div className={styles.actions}>
                                <Button size="small" appearance="subtle" aria-label={`${t("confirm")}${messages(lang).sep.label}${target}`} onClick={() => onConfirm(i)}>
                                  {t("confirm")}
                                </Button>
                              </div>
                            )
                          )}
                        </li>
                      );
                    })}
                  </ul>
                </div>
              );
            })}
          </AccordionPanel>
        </AccordionItem>
      ))}
    </Accordion>
  );
}
