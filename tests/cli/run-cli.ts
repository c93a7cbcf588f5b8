/** main() of the command line called with captured output, for the tests. */
import { main, type CliIO } from "../../src/cli/index";

export async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIO = { out: (s) => void (out += s), err: (s) => void (err += s), isTTY: false };
  const code = await main(["node", "indicators", ...args], io);
  return { code, out, err };
}
