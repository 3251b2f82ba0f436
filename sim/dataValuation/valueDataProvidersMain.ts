/**
 * Values a data-market scenario's providers (leave-one-out and Monte-Carlo Shapley, counterfactual
 * runs in memory) and prints one Markdown table:
 *   npm run data:value -- scenarios/data-market/clean-noisy-poisoned.yaml [--permutations 6] [--epochs N]
 */
import { valueDataProviders } from "./valueDataProviders.ts";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : undefined;
};
const scenarioPath = args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
if (scenarioPath === undefined) {
  process.stderr.write("usage: data:value <scenario.yaml> [--permutations N] [--epochs N]\n");
  process.exit(1);
}
const t0 = performance.now();
const v = await valueDataProviders({
  scenarioPath,
  permutations: flag("permutations") ?? 6,
  epochs: flag("epochs"),
  log: (line) => process.stderr.write(`${line}\n`),
});
const f = (x: number, d = 2) => x.toFixed(d);
process.stdout.write(
  [
    `mean held-out accuracy: every provider listed ${f(v.accuracyAll, 4)}, none ${f(v.accuracyNone, 4)} (${v.runs} runs, ${f((performance.now() - t0) / 1000, 0)} s)`,
    "",
    "| provider | quality | sales | revenue (tokens) | LOO buyers' reward (tokens) | LOO mean accuracy | Shapley mean accuracy |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ...v.providers.map(
      (p) =>
        `| ${p.provider} | ${p.quality} | ${p.sales} | ${f(p.revenue)} | ${f(p.looBuyersReward)} | ${f(p.looAccuracy, 4)} | ${f(p.shapleyAccuracy, 4)} |`,
    ),
    "",
  ].join("\n"),
);
