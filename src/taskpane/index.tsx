/**
 * The task pane's entry: renders at once, then asks src/host where it runs and builds the
 * workspace: over the open workbook inside Excel, over files in a Web Worker elsewhere. Both
 * are loaded lazily so that the first screen stays small.
 */
import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { detectHost, notInOffice, type HostInfo } from "../host";
import { App } from "./components/App";
import type { Workspace } from "./workspace";
import type { EngineClient } from "./worker-client";

async function createWorkspace(host: HostInfo): Promise<Workspace> {
  let client: EngineClient | undefined;
  const engine = async (): Promise<EngineClient> => {
    if (!client) {
      const [{ EngineClient: Client }, { createWorker }] = await Promise.all([import("./worker-client"), import("./create-worker")]);
      client = new Client(createWorker);
    }
    return client;
  };
  if (host.inOffice && host.host === "excel") {
    const { createExcelWorkspace } = await import("./excel-workspace");
    return createExcelWorkspace(host, engine);
  }
  const { createStandaloneWorkspace } = await import("./standalone-workspace");
  return createStandaloneWorkspace(await engine());
}

function Root() {
  const [ready, setReady] = useState<{ host: HostInfo; workspace: Workspace } | undefined>(undefined);
  useEffect(() => {
    void detectHost().then(async (host) => setReady({ host, workspace: await createWorkspace(host) }));
  }, []);
  // Remounted once the host is known, so that Office's display language becomes the pane's.
  return ready ? (
    <App key="ready" workspace={ready.workspace} initialLang={ready.host.displayLanguage} />
  ) : (
    <App key="loading" initialLang={notInOffice().displayLanguage} />
  );
}

// taskpane.html's guard has written its message for an old webview (IE11, EdgeHTML): keep it.
if (!(window as { indicatorsUnsupportedWebview?: string }).indicatorsUnsupportedWebview) {
  createRoot(document.getElementById("root")!).render(<Root />);
}
