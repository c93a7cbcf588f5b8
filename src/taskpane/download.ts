/** Hands a generated file to the browser as a download (nothing is sent anywhere). */
import type { Download } from "./workspace";

const TYPES: Record<string, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  xlsm: "application/vnd.ms-excel.sheet.macroEnabled.12",
};

export function saveDownload(d: Download): void {
  const blob = new Blob([d.bytes as BlobPart], { type: TYPES[d.name.split(".").pop() ?? ""] ?? "application/octet-stream" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = d.name;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
