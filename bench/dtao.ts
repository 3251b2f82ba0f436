/**
 * `npm run bench:dtao` (tsx bench/dtao.ts [--subnets 8] [--epochs 100] [--tempo 360]
 * [--stakers 1000] [--anvil-epochs 3]): what the dTAO economy costs as built, nothing optimised. The
 * memory network runs `epochs` tempos of `tempo` blocks over `subnets` subnets, with `stakers`
 * stake calls and one distribute per subnet each epoch; the DtaoNetwork contract on Anvil runs the
 * same for `anvil-epochs` epochs (runBlocks is one transaction of tempo × subnets steps). Prints the
 * time per epoch on each side, their ratio and the load average.
 */
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { startDtaoAnvilSession } from "../sim/chain/dtao/startDtaoAnvilSession.ts";
import { DEFAULT_DTAO_PARAMS, type DtaoCall, type DtaoSession } from "../sim/protocol/dtaoSession.ts";
import { startDtaoMemorySession } from "../sim/protocol/memory/dtaoMemorySession.ts";

const flag = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const subnets = flag("subnets", 8);
const epochs = flag("epochs", 100);
const tempo = flag("tempo", 360);
const stakers = flag("stakers", 1_000);
const anvilEpochs = flag("anvil-epochs", 3);
const TAO = 10n ** 9n;
const agents = subnets + stakers;
// Enough for the 8th lock (1,000 TAO doubled 7 times).
const deployment = { seed: 1, agents, genesisTao: 300_000n * TAO, params: DEFAULT_DTAO_PARAMS };

async function run(session: DtaoSession, n: number): Promise<number[]> {
  const registered = await session.submit(
    Array.from({ length: subnets }, (_, a) => ({
      kind: "registerSubnet" as const,
      agent: a,
      maxLock: 10n ** 30n,
    })),
  );
  if (registered.some((o) => o.status !== "success")) throw new Error("registration failed");
  const times: number[] = [];
  for (let e = 0; e < n; e++) {
    const t = performance.now();
    const stakes: DtaoCall[] = Array.from({ length: stakers }, (_, k) => ({
      kind: "stake",
      agent: subnets + k,
      netuid: 1 + ((k + e) % subnets),
      tao: TAO,
    }));
    await session.submit(stakes);
    await session.submit([{ kind: "runBlocks", blocks: tempo }]);
    await session.submit(
      Array.from({ length: subnets }, (_, i) => ({
        kind: "distribute" as const,
        netuid: i + 1,
        miners: [subnets + i],
        incentive: [1n],
        validators: [subnets + stakers - 1 - i],
        dividends: [1n],
      })),
    );
    times.push(performance.now() - t);
  }
  return times;
}

const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / Math.max(1, x.length);
const memory = await run(await startDtaoMemorySession(deployment), epochs);
const [m1, m5] = loadavg();
console.log(
  `dTAO, ${subnets} subnets × ${tempo}-block tempo, ${stakers} stake calls and ${subnets} distributes an epoch`,
);
console.log(
  `memory: ${epochs} epochs in ${((mean(memory) * epochs) / 1000).toFixed(2)} s; per epoch first 10 ${mean(memory.slice(0, 10)).toFixed(1)} ms, last 10 ${mean(memory.slice(-10)).toFixed(1)} ms (load average ${m1.toFixed(2)} ${m5.toFixed(2)})`,
);
const anvil = await startDtaoAnvilSession(deployment);
let anvilTimes: number[];
try {
  anvilTimes = await run(anvil, anvilEpochs);
} finally {
  await anvil.stop();
}
const [l1, l5] = loadavg();
console.log(
  `anvil:  ${anvilEpochs} epochs, per epoch ${mean(anvilTimes).toFixed(1)} ms (load average ${l1.toFixed(2)} ${l5.toFixed(2)})`,
);
console.log(`anvil ÷ memory per epoch: ${(mean(anvilTimes) / mean(memory)).toFixed(1)}×`);
