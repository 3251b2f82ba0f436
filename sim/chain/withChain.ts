import { type ChainHandle, type StartChainOptions, startChain } from "./startChain.ts";

/** Starts a chain, runs `fn` with it and stops the chain afterwards, also when `fn` throws. */
export async function withChain<T>(
  fn: (chain: ChainHandle) => Promise<T>,
  options: StartChainOptions = {},
): Promise<T> {
  const chain = await startChain(options);
  try {
    return await fn(chain);
  } finally {
    await chain.stop();
  }
}
