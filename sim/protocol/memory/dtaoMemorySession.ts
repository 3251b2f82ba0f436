import { deriveAddresses } from "../crypto/deriveAddresses.ts";
import type { DtaoBalances, DtaoDeployment, DtaoOutcome, DtaoSession } from "../dtaoSession.ts";
import { DtaoMemoryNetwork } from "./dtaoMemoryNetwork.ts";

/** The dynamic-TAO port in memory: the same outcomes and reads as the DtaoNetwork contract. */
export async function startDtaoMemorySession(deployment: DtaoDeployment): Promise<DtaoSession> {
  const network = new DtaoMemoryNetwork(deployment);
  return {
    agentAddresses: deriveAddresses(deployment.seed, deployment.agents, "dtao-agent"),
    async submit(calls) {
      return calls.map((call): DtaoOutcome => {
        const error = network.apply(call);
        return error === undefined
          ? { kind: call.kind, status: "success" }
          : { kind: call.kind, status: "reverted", error };
      });
    },
    async readNetwork() {
      return network.view();
    },
    async readBalances(): Promise<DtaoBalances> {
      return {
        tao: [...network.tao],
        root: [...network.root],
        alpha: network.alpha.map((row) => [...row]),
      };
    },
    async stop() {},
  };
}
