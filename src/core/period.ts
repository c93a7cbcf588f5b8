/**
 * Report periods (报告期), reporting-conventions §2 and §5: "2018年6月", "2018-06", "2018年",
 * "2018年上半年". A period ends on the last day of its month; a bare year on 31 December.
 */
export interface ReportPeriod {
  year: number;
  /** 1–12; a bare year is 12. */
  month: number;
  /** As the clerk wrote it. */
  label: string;
}
