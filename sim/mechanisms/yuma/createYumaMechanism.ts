import type { Mechanism, MechanismInput } from "../mechanism.ts";
import { runYumaEpoch } from "./runYumaEpoch.ts";
import { YUMA, type YumaVariant } from "./yumaEpochTypes.ts";
import { resolveYumaHyperparameters, type YumaHyperparametersInput } from "./yumaHyperparameters.ts";
import { YumaWorkspace } from "./yumaWorkspace.ts";

/** What Yuma carries between epochs, as the chain stores it. */
export interface YumaState {
  /** Stored u16 bond rows per UID (`undefined`: none). */
  readonly bonds: (Uint16Array | undefined)[];
  /** Validator permits from the last epoch. */
  readonly permits: Uint8Array;
  /** Registration block per UID seen last epoch; a change means the UID was replaced. */
  readonly registeredAt: Float64Array;
  /** Block of the last epoch (masks bonds to UIDs registered since). */
  readonly lastEpochBlock: number | undefined;
}

/**
 * Yuma Consensus behind the engine's `Mechanism` interface (float64). The engine's weights are the
 * revealed u16 rows; an entry counts as stored on chain iff it is non-zero. When a UID's
 * registration block changes, it was replaced: its bonds row and permit are cleared as the chain's
 * `clear_neuron` does.
 */
export function createYumaMechanism(
  hyperparameters: YumaHyperparametersInput = {},
  variant: YumaVariant = YUMA,
  name = "yuma",
): Mechanism<YumaState> {
  const params = resolveYumaHyperparameters(hyperparameters);
  const workspace = new YumaWorkspace(); // scratch only; all carried state is in YumaState
  return {
    name,
    initialState: (n) => ({
      bonds: new Array(n).fill(undefined),
      permits: new Uint8Array(n),
      registeredAt: new Float64Array(n).fill(Number.NaN),
      lastEpochBlock: undefined,
    }),
    epoch(input: MechanismInput, state: YumaState) {
      const { n } = input;
      const permits = new Uint8Array(n);
      permits.set(state.permits.subarray(0, n));
      const bonds: (Uint16Array | undefined)[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const replaced = i < state.registeredAt.length && state.registeredAt[i] !== input.registeredAt[i];
        if (replaced && !Number.isNaN(state.registeredAt[i])) {
          permits[i] = 0;
          bonds[i] = undefined;
        } else bonds[i] = widen(state.bonds[i], n);
      }
      const weights = Array.from({ length: n }, (_, i) => input.weights.subarray(i * n, (i + 1) * n));
      const result = runYumaEpoch(
        {
          n,
          block: input.block,
          stake: input.stake,
          weights,
          lastUpdate: input.lastUpdate,
          registeredAt: input.registeredAt,
          previousPermits: permits,
          bonds,
          lastEpochBlock: state.lastEpochBlock,
        },
        params,
        variant,
        params.emissionPerEpoch,
        workspace,
      );
      return {
        output: {
          incentive: result.incentive,
          dividends: result.dividends,
          consensus: result.consensus,
          validatorTrust: result.validatorTrust,
          emissionShare: { server: result.serverShare, validator: result.validatorShare },
        },
        state: {
          bonds: result.bonds,
          permits: result.validatorPermit,
          registeredAt: input.registeredAt.slice(),
          lastEpochBlock: input.block,
        },
      };
    },
  };
}

/** Pads a stored bond row with zeros when the subnet has grown. */
function widen(row: Uint16Array | undefined, n: number): Uint16Array | undefined {
  if (row === undefined || row.length >= n) return row;
  const out = new Uint16Array(n);
  out.set(row);
  return out;
}
