import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createRunProgress } from "./runProgress.ts";

function capture(isTTY: boolean) {
  const stream = new PassThrough() as PassThrough & { isTTY: boolean; columns: number };
  stream.isTTY = isTTY;
  stream.columns = 120;
  let text = "";
  stream.on("data", (chunk) => {
    text += String(chunk);
  });
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}

describe("a run's progress on stderr", () => {
  it("in logs and CI: the plain lines, no bar", () => {
    const out = capture(false);
    const shown = createRunProgress(out.stream);
    expect(shown.progress).toBeUndefined();
    shown.log("epoch 0 (1 of 2): 10 tx");
    shown.stop();
    expect(out.text()).toBe("epoch 0 (1 of 2): 10 tx\n");
  });

  it("on a terminal: setup lines above one bar that names the phase and counts epochs", () => {
    const out = capture(true);
    const shown = createRunProgress(out.stream);
    shown.progress?.({ phase: "models", done: 0, total: 1 });
    shown.log("inference: wasm, 16 digits miner models ready");
    shown.progress?.({ phase: "epochs", done: 0, total: 2 });
    shown.log("epoch 0 (1 of 2): 10 tx");
    shown.progress?.({ phase: "epochs", done: 2, total: 2 });
    shown.stop();
    const text = out.text();
    expect(text).toContain("building miner models");
    expect(text).toContain("inference: wasm, 16 digits miner models ready\n");
    expect(text).toMatch(/epochs .* 2\/2/);
    expect(text).not.toContain("epoch 0 (1 of 2)"); // the bar replaces the per-epoch lines
  });
});
