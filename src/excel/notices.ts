/**
 * Notices (提示): what the Office.js adapter tells the user about how it worked on this host,
 * when a richer feature was not available (older Excel) or something was left alone. One
 * table, Chinese and English; the pane and the ribbon commands show `message`/`messageEn`.
 */

const NOTICE_TEXT = {
  "explanations-unsupported": {
    zh: "此版本的 Excel 不支持备注或批注（需要 ExcelApi 1.18 或 1.10）：只标记了单元格底色，问题说明请看问题列表。",
    en: "This Excel supports neither notes nor comments (ExcelApi 1.18 or 1.10): only the fills were set; see the findings list for the explanations.",
  },
  "cells-had-notes": {
    zh: "{count} 个单元格原来已有备注或批注，未添加说明（原有内容保持不变）。",
    en: "{count} cells already had a note or comment: no explanation was added to them (theirs is left as it was).",
  },
  "protected-sheets": {
    zh: "工作表“{sheets}”设有密码保护，加载项未改动其中的单元格。",
    en: "Sheet(s) “{sheets}” are protected with a password: the add-in left their cells as they were.",
  },
  "comments-failed": {
    zh: "此 Excel 拒绝添加批注（{reason}）：单元格已标记底色，问题说明请看问题列表。",
    en: "This Excel refused to add comments ({reason}): the cells were filled; see the findings list for the explanations.",
  },
  "fills-changed": {
    zh: "{count} 个单元格的底色在标记后已被改动，保留了现在的底色。",
    en: "{count} cells were given another fill after they were marked: their present fill was kept.",
  },
  "explanations-kept": {
    zh: "{count} 条加载项添加的备注或批注已被修改或已有回复，予以保留。",
    en: "{count} notes or comments the add-in added have been edited or replied to since: they were kept.",
  },
  "sheets-gone": {
    zh: "工作表“{sheets}”已不存在（已删除或改名），其中的问题未标记：请重新校验。",
    en: "Sheet(s) “{sheets}” no longer exist (deleted or renamed): their findings were not marked; validate again.",
  },
  "record-damaged": {
    zh: "加载项的修改记录中有 {count} 行无法识别，这些单元格的底色无法恢复。",
    en: "{count} rows of the add-in's record of changes could not be read: those cells' fills cannot be restored.",
  },
  "marks-gone": {
    zh: "{count} 处加载项添加的备注或批注已被删除，无需清除。",
    en: "{count} notes or comments the add-in added had already been deleted.",
  },
  "sheet-renamed": {
    zh: "已有一个不是加载项创建的工作表“{name}”，结果写入了“{renamed}”。",
    en: "A sheet “{name}” that the add-in did not create exists: the result was written to “{renamed}”.",
  },
  "formatting-reduced": {
    zh: "此版本的 Excel 不支持部分格式（{features}），结果表已写入但格式从简。",
    en: "This Excel lacks some formatting features ({features}): the result sheets were written with simpler formatting.",
  },
  "extras-failed": {
    zh: "结果表已写入，但此版本的 Excel 未能完成打印设置或进度对比图：{reason}",
    en: "The result sheets were written, but this Excel could not apply the print setup or the progress chart: {reason}",
  },
  "no-plan-sheet": {
    zh: "本工作簿中没有“规划指标”工作表：请在面板中选择规划文件，或用“指标定义”创建规划指标表。",
    en: "This workbook has no 规划指标 sheet: pick a plan file in the pane, or create a 规划指标 sheet from the 指标定义 tab.",
  },
} as const;

export type NoticeKind = keyof typeof NOTICE_TEXT;

export interface Notice {
  kind: NoticeKind;
  message: string;
  messageEn: string;
}

export function notice(kind: NoticeKind, params: Record<string, string | number> = {}): Notice {
  const fill = (t: string) => t.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
  return { kind, message: fill(NOTICE_TEXT[kind].zh), messageEn: fill(NOTICE_TEXT[kind].en) };
}
