import { deriveAddresses } from "../crypto/deriveAddresses.ts";
import type { DataMarketDeployment, DataMarketHandle } from "../dataMarketPort.ts";
import { createMemoryDataMarket, DATA_MARKET_HOLDER } from "./memoryDataMarket.ts";
import type { MemoryProtocol } from "./memoryProtocol.ts";

/** `ProtocolSession.startDataMarket` in memory: the market on the protocol's ledger and block clock. */
export function memoryDataMarketStarter(m: MemoryProtocol, seed: number) {
  return async (market: Omit<DataMarketDeployment, "treasury">, count: number): Promise<DataMarketHandle> => {
    const providers = deriveAddresses(seed, count, "provider");
    // Deploying the contract mines one block on Anvil.
    const deployBlock = m.clock.advance(1);
    const session = createMemoryDataMarket({
      ...market,
      treasury: m.driver,
      ledger: m.ledger,
      deployBlock,
      clock: m.clock,
    });
    return {
      session,
      providers,
      treasury: m.driver,
      async heldOutside() {
        return [...providers, DATA_MARKET_HOLDER].reduce((s, a) => s + m.ledger.balanceOf(a), 0n);
      },
    };
  };
}
