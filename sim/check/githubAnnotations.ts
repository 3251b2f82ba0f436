import type { CheckReport } from "./runCheck.ts";

/** `::error file=…,line=…,col=…,title=…::message` for every failed invariant, pointing at its line
 * in the check file (GitHub Actions turns these into annotations on the diff). */
export function githubAnnotations(report: CheckReport): string[] {
  return report.targets.flatMap((target) =>
    target.results.flatMap((result) => {
      if (result.failure === undefined) return [];
      const line = result.line ?? null;
      const f = result.failure;
      const at = [
        f.seed === undefined ? "" : `seed ${f.seed}`,
        f.epoch === undefined ? "" : `epoch ${f.epoch}`,
      ]
        .filter((s) => s !== "")
        .join(", ");
      const props = [`file=${escapeProperty(target.file)}`, ...(line === null ? [] : [`line=${line}`])];
      props.push(`title=${escapeProperty(`crucible check: ${target.name}`)}`);
      return [
        `::error ${props.join(",")}::${escapeData(`${result.source} failed${at ? ` (${at})` : ""}: ${f.message}`)}`,
      ];
    }),
  );
}

const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
