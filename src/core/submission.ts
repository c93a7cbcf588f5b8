/**
 * District submissions (填报表), reporting-conventions §2: finding them in a workbook and
 * reading their header block and indicator table.
 */
import type { ReportPeriod } from "./period";
import type { ValueReading } from "./values";

export interface SubmissionRow {
  /** 0-based row index in the sheet. */
  row: number;
  /** 指标编码 and 指标名称 as written. */
  code?: string;
  name?: string;
  /** Code of the plan indicator this row matched, when it matched one. */
  indicator?: string;
  /** A1 address of the 本期值 cell. */
  valueCell: string;
  reading: ValueReading;
  /** 备注 text and its A1 address, when the row has one. */
  remark?: { text: string; cell: string };
}

export interface Submission {
  file: string;
  sheet: string;
  /** 填报单位. */
  district: string;
  period: ReportPeriod;
  rows: SubmissionRow[];
}
