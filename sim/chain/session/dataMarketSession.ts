import type { LocalAccount } from "viem";
import type { DataMarketDeployment, DataMarketHandle } from "../../protocol/dataMarketPort.ts";
import { startAnvilDataMarket } from "../dataMarket/startAnvilDataMarket.ts";
import type { Protocol } from "../deployProtocol.ts";
import { deriveAccounts } from "../deriveAccounts.ts";
import { fundAccounts } from "../fundAccounts.ts";
import { readBalances } from "../readBalances.ts";
import type { ChainHandle } from "../startChain.ts";

/** `ProtocolSession.startDataMarket` on Anvil: DataMarket.sol deployed by the driver over the protocol's token. */
export function anvilDataMarketStarter(d: {
  chain: ChainHandle;
  protocol: Protocol;
  driver: LocalAccount;
  agents: readonly LocalAccount[];
  seed: number;
}) {
  return async (market: Omit<DataMarketDeployment, "treasury">, count: number): Promise<DataMarketHandle> => {
    const providers = deriveAccounts(d.seed, count, { label: "provider" });
    await fundAccounts(
      d.chain,
      providers.map((p) => p.address),
    );
    const session = await startAnvilDataMarket({
      ...market,
      treasury: d.driver.address,
      chain: d.chain,
      token: d.protocol.addresses.token,
      deployer: d.driver,
      accounts: [d.driver, ...d.agents, ...providers],
    });
    return {
      session,
      providers: providers.map((p) => p.address),
      treasury: d.driver.address,
      async heldOutside() {
        const held = await readBalances(d.chain, d.protocol, [
          ...providers.map((p) => p.address),
          session.address,
        ]);
        return held.reduce((s, b) => s + b, 0n);
      },
    };
  };
}
