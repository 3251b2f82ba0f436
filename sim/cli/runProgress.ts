import cliProgress from "cli-progress";
import type { RunProgress } from "../engine/simulateRun.ts";

const PHASE_TEXT: Record<RunProgress["phase"], string> = {
  models: "building miner models",
  registration: "starting the protocol, registering agents",
  epochs: "epochs",
  report: "writing tables and report",
};

/**
 * A run's progress on stderr: on a terminal one bar (the setup phases by name, then epochs with an
 * ETA), the per-epoch lines held back; elsewhere (logs, CI) the plain lines only.
 */
export function createRunProgress(stream: NodeJS.WriteStream = process.stderr): {
  log: (line: string) => void;
  progress?: (p: RunProgress) => void;
  stop: () => void;
} {
  if (!stream.isTTY) return { log: (line) => stream.write(`${line}\n`), stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: "{phaseText} {bar} {value}/{total} | {duration_formatted} | ETA {eta_formatted}",
      hideCursor: true,
      etaBuffer: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    // Setup lines (backend, chain) still print above the bar; the per-epoch lines are the bar's job.
    log: (line) => {
      if (/^epoch \d+ /.test(line)) return;
      if (started) bar.stop();
      stream.write(`${line}\n`);
      started = false;
    },
    progress: (p) => {
      if (!started) {
        bar.start(p.total, p.done, { phaseText: PHASE_TEXT[p.phase] });
        started = true;
      } else {
        bar.setTotal(p.total);
        bar.update(p.done, { phaseText: PHASE_TEXT[p.phase] });
      }
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
