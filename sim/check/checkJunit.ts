import type { Builder } from "junit-report-builder";
import junitDefault from "junit-report-builder";
import { shrunkLine } from "./formatCheckSummary.ts";
import type { CheckReport } from "./runCheck.ts";

// A CommonJS module whose default export is a builder; its types (under NodeNext) call the default
// the module itself. At run time the default is the builder.
const junit = junitDefault as unknown as Builder;

/** The check as JUnit XML: a suite per scenario, a test case per invariant (the built-ins first);
 * a failure carries the scenario, seed, epoch and values. */
export function checkJunit(report: CheckReport): string {
  const builder = junit.newBuilder();
  for (const target of report.targets) {
    const suite = builder.testSuite().name(target.name).property("file", target.file);
    suite.property("seeds", target.seeds.join(","));
    for (const result of target.results) {
      const test = suite
        .testCase()
        .className(`crucible.check.${target.name}`)
        .name(result.source)
        .file(target.file);
      if (result.status === "skip") test.skipped();
      if (result.failure !== undefined) {
        const f = result.failure;
        const where = [
          `scenario ${target.scenarioPath}`,
          f.seed === undefined ? `${target.seeds.length} seeds` : `seed ${f.seed}`,
          ...(f.epoch === undefined ? [] : [`epoch ${f.epoch}`]),
        ].join(", ");
        const replay = result.shrunk === undefined ? "" : `; ${shrunkLine(result.shrunk)}`;
        test.failure(`${where}: ${f.message}${replay}`, result.kind);
      }
      test.standardOutput(result.outcomes.map((o) => `${o.status} ${o.message}`).join("\n"));
    }
  }
  return builder.build();
}
