import { performance } from "node:perf_hooks";
import cliProgress from "cli-progress";
import type { SweepProgress } from "../sweep/runSweep.ts";

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return "?";
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(Math.round(s % 60)).padStart(2, "0")}s` : `${Math.round(s)}s`;
}

/**
 * Progress of a sweep on stderr: a bar with runs done/total, failures and ETA on a terminal; one
 * plain line per finished run otherwise (logs, CI). Returns the callback and a function that ends it.
 */
export function createSweepProgress(stream: NodeJS.WriteStream = process.stderr): {
  onProgress: (p: SweepProgress) => void;
  stop: () => void;
} {
  let startDone = 0;
  const t0 = performance.now();
  const eta = (p: SweepProgress) => {
    const fresh = p.done - startDone;
    const elapsed = (performance.now() - t0) / 1000;
    return fresh === 0 ? Number.NaN : (elapsed / fresh) * (p.total - p.done);
  };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: "sweep {bar} {value}/{total} runs | {failed} failed | ETA {etaText}",
        hideCursor: true,
        etaBuffer: 20,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      onProgress: (p) => {
        if (!started) {
          started = true;
          startDone = p.done;
          bar.start(p.total, p.done, { failed: p.failed, etaText: "?" });
        } else bar.update(p.done, { failed: p.failed, etaText: formatSeconds(eta(p)) });
      },
      stop: () => bar.stop(),
    };
  }
  let first = true;
  return {
    onProgress: (p) => {
      if (first) {
        first = false;
        startDone = p.done;
        stream.write(`sweep: ${p.total} runs, ${p.done} already done\n`);
        return;
      }
      const last = p.last;
      const what = last === undefined ? "" : ` run ${last.id} ${last.status} in ${last.seconds.toFixed(1)}s;`;
      stream.write(`sweep: ${p.done}/${p.total}${what} ${p.failed} failed, ETA ${formatSeconds(eta(p))}\n`);
    },
    stop: () => {},
  };
}
