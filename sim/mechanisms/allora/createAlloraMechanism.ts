import type { Mechanism, MechanismInput, MechanismOutput } from "../mechanism.ts";
import { type AlloraParametersInput, alloraParametersSchema } from "./alloraParameters.ts";
import { computeOneOutLosses } from "./computeOneOutLosses.ts";
import { computeRegretWeights } from "./computeRegretWeights.ts";

/**
 * Per UID (NaN: never a worker): regret R (EMA of ln L − ln L_j), one-out shift D (EMA of
 * ln L^{−j} − ln L; the one-out regrets are R_l + D_j), and the regret weights of the latest regrets.
 */
export interface AlloraState {
  readonly regrets: Float64Array;
  readonly oneOutShifts: Float64Array;
  readonly weights: Float64Array;
}

/**
 * An Allora-style mechanism (reference §4) behind the `Mechanism` interface, for forecasting tasks.
 *
 * Workers are the UIDs that do work: those with a finite `input.losses` entry, or (without losses)
 * those some staked validator weights. Reputers are the staked UIDs that set weights; reputer i's
 * reported loss of worker j is 1 − w_ij / max_k w_ik, and the consensus loss is their stake-weighted
 * mean. A worker's loss is `input.losses[j]` when given, else the consensus loss.
 *
 * Losses enter in log space, as on allora-chain, whose reputers report log10 losses and whose
 * regrets and scores are differences of those logs (natural logs here; the normalisations make the
 * base irrelevant). Losses below ε count as ε.
 *
 * - network loss L = Σ ŵ_j L_j / Σ ŵ_j with ŵ the regret weights of the previous regrets over the
 *   workers that have one (equal weights while every worker is new) — a proxy: Allora scores the
 *   combined inference itself, which the mechanism does not see;
 * - one-out loss L^{−j}: the same proxy with the weights recomputed without j from the one-out
 *   regrets (`computeOneOutLosses`), as the chain's one-out inference does;
 * - inferer score T_j = ln L^{−j} − ln L, incentive ∝ M(T) = ln(1 + e^{p (T/(σ+ε) − c)});
 * - regret R_j ← α (ln L − ln L_j) + (1 − α) R_j and shift D_j ← α (ln L^{−j} − ln L) + (1 − α) D_j
 *   (both from 0, the initial regret of a new topic), then weights by `computeRegretWeights`;
 * - reputer score 1 / (‖ℓ_i − L̄‖ / ‖L̄‖ + ε), dividends ∝ (S_i · score_i)^p.
 * Consensus reports 1 − consensus loss per worker; validator trust is ε · score (1 = on consensus).
 */
export function createAlloraMechanism(params: AlloraParametersInput = {}): Mechanism<AlloraState> {
  const p = alloraParametersSchema.parse(params);
  return {
    name: "allora-regret",
    initialState: (n) => ({
      regrets: new Float64Array(n).fill(Number.NaN),
      oneOutShifts: new Float64Array(n).fill(Number.NaN),
      weights: new Float64Array(n),
    }),
    /** A replaced UID's new holder is a new worker: no regret, no shift, no weight. */
    resetUids(state: AlloraState, uids: readonly number[]): AlloraState {
      const regrets = state.regrets.slice();
      const oneOutShifts = state.oneOutShifts.slice();
      const weights = state.weights.slice();
      for (const uid of uids) {
        if (uid >= regrets.length) continue;
        regrets[uid] = Number.NaN;
        oneOutShifts[uid] = Number.NaN;
        weights[uid] = 0;
      }
      return { regrets, oneOutShifts, weights };
    },
    epoch(input: MechanismInput, state: AlloraState) {
      const { n, stake, weights } = input;
      // Reputers' reported losses and their stake-weighted consensus.
      const reputers: number[] = [];
      const rowMax = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) rowMax[i] = Math.max(rowMax[i], weights[i * n + j]);
        if (stake[i] > 0 && rowMax[i] > 0) reputers.push(i);
      }
      const reported = (i: number, j: number) => 1 - weights[i * n + j] / rowMax[i];
      const reputerStake = reputers.reduce((a, i) => a + stake[i], 0);
      const worker = new Uint8Array(n);
      const consensusLoss = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        let weighted = 0;
        for (const i of reputers) {
          if (weights[i * n + j] > 0) worker[j] = 1;
          weighted += stake[i] * reported(i, j);
        }
        consensusLoss[j] = reputerStake > 0 ? weighted / reputerStake : 0;
        if (input.losses) worker[j] = Number.isFinite(input.losses[j]) ? 1 : 0;
      }
      const loss = Float64Array.from(consensusLoss, (l, j) => (input.losses ? input.losses[j] : l));

      const logLoss = (x: number) => Math.log(Math.max(x, p.epsilon));

      // Network loss with the previous regrets' weights (equal while all workers are new; a new
      // worker among experienced ones has no weight yet).
      const regrets = new Float64Array(n).fill(Number.NaN);
      regrets.set(state.regrets.subarray(0, n));
      const shifts = new Float64Array(n).fill(Number.NaN);
      shifts.set(state.oneOutShifts.subarray(0, n));
      const experienced = Uint8Array.from(regrets, (r, j) => (worker[j] && !Number.isNaN(r) ? 1 : 0));
      const allNew = !experienced.includes(1);
      const combine = allNew
        ? Float64Array.from(worker)
        : computeRegretWeights(regrets, experienced, p.pNorm, p.cNorm, p.epsilon);
      const totalWeight = combine.reduce((a, b) => a + b, 0);
      const weightedLoss = combine.reduce((a, w, j) => (w > 0 ? a + w * loss[j] : a), 0);
      const networkLoss = totalWeight > 0 ? weightedLoss / totalWeight : 0;

      // One-out losses: equal weights while all are new, else weights recomputed without j.
      const oneOutLoss = allNew
        ? Float64Array.from(worker, (isWorker, j) => {
            const rest = totalWeight - 1;
            return isWorker && rest > 0 ? (weightedLoss - loss[j]) / rest : networkLoss;
          })
        : computeOneOutLosses(
            regrets,
            Float64Array.from(shifts, (d) => (Number.isNaN(d) ? 0 : d)),
            experienced,
            loss,
            p.pNorm,
            p.cNorm,
            p.epsilon,
            networkLoss,
          );

      // One-out scores → incentive (a new worker outside the network scores 0).
      const scores: number[] = [];
      const scoreOf = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        if (!worker[j]) continue;
        if (Number.isNaN(oneOutLoss[j])) oneOutLoss[j] = networkLoss;
        scoreOf[j] = logLoss(oneOutLoss[j]) - logLoss(networkLoss);
        scores.push(scoreOf[j]);
      }
      const incentive = new Float64Array(n);
      if (scores.length > 0) {
        const sd = standardDeviation(scores) + p.epsilon;
        for (let j = 0; j < n; j++) {
          if (worker[j])
            incentive[j] = Math.log1p(Math.exp(p.pRewardInference * (scoreOf[j] / sd - p.cRewardInference)));
        }
      }
      normalize(incentive);

      // Regret and one-out shift EMAs, and the weights of the new regrets.
      const ema = (x: number, previous: number) =>
        p.alphaRegret * x + (1 - p.alphaRegret) * (Number.isNaN(previous) ? 0 : previous);
      for (let j = 0; j < n; j++) {
        if (!worker[j]) continue;
        regrets[j] = ema(logLoss(networkLoss) - logLoss(loss[j]), regrets[j]);
        shifts[j] = ema(logLoss(oneOutLoss[j]) - logLoss(networkLoss), shifts[j]);
      }
      const nextWeights = computeRegretWeights(regrets, worker, p.pNorm, p.cNorm, p.epsilon);

      // Reputers: closeness of their reported losses to the consensus.
      let consensusNorm = 0;
      for (let j = 0; j < n; j++) if (worker[j]) consensusNorm += consensusLoss[j] ** 2;
      consensusNorm = Math.sqrt(consensusNorm);
      const dividends = new Float64Array(n);
      const validatorTrust = new Float64Array(n);
      for (const i of reputers) {
        let distance = 0;
        for (let j = 0; j < n; j++) if (worker[j]) distance += (reported(i, j) - consensusLoss[j]) ** 2;
        const relative = consensusNorm > 0 ? Math.sqrt(distance) / consensusNorm : Math.sqrt(distance);
        const score = 1 / (relative + p.epsilonReputer);
        validatorTrust[i] = score * p.epsilonReputer;
        dividends[i] = ((stake[i] / reputerStake) * score) ** p.pRewardReputer;
      }
      normalize(dividends);

      const consensus = Float64Array.from(consensusLoss, (l, j) => (worker[j] ? 1 - l : 0));
      const output: MechanismOutput = { incentive, dividends, consensus, validatorTrust };
      return { output, state: { regrets, oneOutShifts: shifts, weights: nextWeights } };
    },
  };
}

function standardDeviation(xs: readonly number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
}

function normalize(x: Float64Array): void {
  const total = x.reduce((a, b) => a + b, 0);
  if (total > 0) for (let i = 0; i < x.length; i++) x[i] /= total;
}
