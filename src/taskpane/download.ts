/** Hands a generated file to the browser as a download (nothing is sent anywhere). */
import type { Download } from "./workspace";

export function saveDownload(d: Download): void {
  const blob = new Blob([d.bytes as BlobPart], {
    type: d.name.endsWith(".xlsx") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "application/octet-stream",
  });
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
