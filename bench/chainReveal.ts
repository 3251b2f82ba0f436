/**
 * `npm run bench:chain-reveal` (tsx bench/chainReveal.ts [--uids 10032] [--validators 32]
 * [--gas 400000000]): one weight reveal phase where `--validators` validators each reveal a row over
 * every one of `--uids` registered UIDs, on a fresh Anvil: commit in epoch 0, reveal in epoch 1.
 * Prints the reveal phase's wall time (and its split), gas per reveal, the signed transactions' size,
 * then the time of reading every row back (readLatestWeights) and of the other reads the engine does
 * each epoch at this size (readBalances over every UID's hotkey, readRegistry, readStakes,
 * readRevealedWeights), three times each. Reveals carry an explicit gas limit (`--gas`), so the gas
 * column is what a reveal costs, not what the adapter's default limit allows.
 */

import { encodeFunctionData, type Hex, parseEther } from "viem";
import {
  commitHash,
  defaultSubnetParams,
  deployProtocol,
  deriveAccounts,
  FREE_REGISTRATION,
  fundAccounts,
  type MinedPhase,
  phaseCall,
  protocolAbis,
  readBalances,
  readLatestWeights,
  readRegistry,
  readRevealedWeights,
  readStakes,
  startChain,
  submitPhase,
} from "../sim/chain/index.ts";
import { revealCall } from "../sim/chain/revealCall.ts";
import { drawSalt } from "../sim/protocol/drawSalt.ts";
import { createRng } from "../sim/rng/createRng.ts";

const flag = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const N = Number(flag("uids", "10032"));
const V = Number(flag("validators", "32"));
const GAS = BigInt(flag("gas", "400000000"));
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const split = (tm: MinedPhase["timings"]) =>
  `prepare ${s(tm.prepare)}, sign wait ${s(tm.signWait)}, send ${s(tm.send)}, mine ${s(tm.mine)}, ` +
  `receipts ${s(tm.receipts)}, reverts ${s(tm.reverts)}`;

const chain = await startChain();
try {
  const [driver] = deriveAccounts(1, 1, { label: "driver" });
  const agents = deriveAccounts(1, N);
  let t = performance.now();
  await fundAccounts(chain, [driver.address, ...agents.map((a) => a.address)]);
  const protocol = await deployProtocol(chain, {
    driver,
    emissionPerEpoch: parseEther("100"),
    genesis: [],
    subnets: [
      defaultSubnetParams(driver.address, {
        ...FREE_REGISTRATION,
        maxUids: N,
        maxValidators: V,
        immunityPeriod: 0n,
      }),
    ],
  });
  const reg = await submitPhase(
    chain,
    protocol,
    agents.map((a, i) => phaseCall(a, "registry", "register", [0, 0n], `a${i}`)),
  );
  if (reg.reverted > 0) throw new Error(`setup: ${reg.reverted} registrations reverted`);
  console.log(`registration of ${N} (${reg.blocks.length} blocks): ${split(reg.timings)}`);
  const validators = agents.slice(0, V);
  const open = (epoch: bigint) => [
    phaseCall(driver, "weights", "setPermits", [0, validators.map((_, i) => i)], "driver"),
    phaseCall(driver, "weights", "openEpoch", [0, epoch], "driver"),
  ];
  await submitPhase(chain, protocol, open(0n));
  const rng = createRng(7);
  const uids = Array.from({ length: N }, (_, j) => j);
  const rows = validators.map(() => ({
    uids,
    weights: uids.map(() => rng.int(0, 65_535)),
    salt: drawSalt(rng),
  }));
  const commits = await submitPhase(
    chain,
    protocol,
    validators.map((v, i) =>
      phaseCall(
        v,
        "weights",
        "commit",
        [0, commitHash({ netuid: 0, epoch: 0n, hotkey: v.address, ...rows[i] })],
        `v${i}`,
      ),
    ),
  );
  await submitPhase(chain, protocol, open(1n));
  if (commits.reverted > 0) throw new Error(`setup: ${commits.reverted} commits reverted`);
  console.log(`setup (${N} UIDs registered, ${V} commits): ${s(performance.now() - t)}`);

  const calls = validators.map((v, i) => revealCall(v, 0, 0n, rows[i], `v${i}`, GAS));
  t = performance.now();
  const reveal = await submitPhase(chain, protocol, calls);
  const wall = performance.now() - t;
  const calldata = encodeFunctionData({
    abi: protocolAbis.weights,
    functionName: "reveal",
    args: calls[0].args,
  } as Parameters<typeof encodeFunctionData>[0]);
  console.log(
    `reveal phase, ${V} validators x ${N} UIDs: ${s(wall)} (${split(reveal.timings)}); ` +
      `reverted ${reveal.reverted}${reveal.reverted > 0 ? ` (${reveal.outcomes.find((o) => o.error)?.error})` : ""}; ` +
      `gas ${reveal.gasUsed} total, ${reveal.gasUsed / BigInt(V)} per reveal; calldata ${(calldata.length - 2) / 2} bytes per reveal`,
  );
  t = performance.now();
  const read = await readLatestWeights(chain, protocol, 0);
  const readMs = performance.now() - t;
  const ok = rows.every((r, i) => read.rows[i].every((w, j) => w === r.weights[j]));
  console.log(`readLatestWeights: ${s(readMs)} (${read.revealed.filter(Boolean).length} rows, match ${ok})`);
  const hotkeys = agents.map((a) => a.address as Hex);
  const reads: [string, () => Promise<unknown>][] = [
    [`readBalances of ${N} addresses`, () => readBalances(chain, protocol, hotkeys)],
    [`readRegistry of ${N} UIDs`, () => readRegistry(chain, protocol, 0)],
    [`readStakes of ${N} UIDs`, () => readStakes(chain, protocol, 0)],
    [`readRevealedWeights (${V} rows of ${N})`, () => readRevealedWeights(chain, protocol, 0n, 0)],
  ];
  for (const [what, read] of reads) {
    const ms: number[] = [];
    for (let k = 0; k < 3; k++) {
      t = performance.now();
      await read();
      ms.push(performance.now() - t);
    }
    console.log(`${what}: ${ms.map(s).join(", ")}`);
  }
} finally {
  await chain.stop();
}
