/** A scenario as written (YAML's plain data), before validation and defaults. */
export type RawScenario = Record<string, unknown>;

/** One smaller scenario to try, and what was made smaller (for the shrink's log). */
export interface ShrinkCandidate {
  raw: RawScenario;
  step: string;
}

interface Group {
  count?: unknown;
  [key: string]: unknown;
}

/** Fields a check never drops: what a scenario is and what the shrink itself varies. */
const KEPT = new Set(["$schema", "name", "seed", "epochs", "population", "task", "chain", "invariants"]);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const groups = (raw: RawScenario, role: "miners" | "validators"): Group[] => {
  const population = isObject(raw.population) ? raw.population : {};
  const list = population[role];
  return Array.isArray(list) ? (list as Group[]) : [];
};

const withGroups = (raw: RawScenario, role: "miners" | "validators", list: Group[]): RawScenario => ({
  ...raw,
  population: { ...(isObject(raw.population) ? raw.population : {}), [role]: list },
});

const countOf = (g: Group) => (typeof g.count === "number" ? g.count : 0);

/** Agents a raw scenario declares (miners and validators). */
export function agentCount(raw: RawScenario): number {
  return [...groups(raw, "miners"), ...groups(raw, "validators")].reduce((s, g) => s + countOf(g), 0);
}

/**
 * The smaller scenarios to try next, most reducing first, the way property-based testers shrink:
 * the run cut to the epoch that failed, then halved and shortened by one; each agent group removed,
 * halved, one fewer; each optional field dropped back to its default. Pure; a candidate the schema
 * rejects simply fails to reproduce and is not taken.
 */
export function shrinkCandidates(raw: RawScenario, failedEpoch: number | undefined): ShrinkCandidate[] {
  const out: ShrinkCandidate[] = [];
  const epochs = typeof raw.epochs === "number" ? raw.epochs : 20;
  const tryEpochs = [
    ...(failedEpoch !== undefined ? [failedEpoch + 1] : []),
    Math.floor(epochs / 2),
    epochs - 1,
  ];
  for (const e of [...new Set(tryEpochs)]) {
    if (e >= 1 && e < epochs) out.push({ raw: { ...raw, epochs: e }, step: `epochs ${epochs} → ${e}` });
  }
  for (const role of ["miners", "validators"] as const) {
    const list = groups(raw, role);
    for (const [i, g] of list.entries()) {
      const n = countOf(g);
      if (list.length > 1) {
        out.push({
          raw: withGroups(
            raw,
            role,
            list.filter((_, j) => j !== i),
          ),
          step: `${role}[${i}] removed`,
        });
      }
      for (const smaller of [...new Set([Math.floor(n / 2), n - 1])]) {
        if (smaller >= 1 && smaller < n) {
          out.push({
            raw: withGroups(
              raw,
              role,
              list.map((x, j) => (j === i ? { ...x, count: smaller } : x)),
            ),
            step: `${role}[${i}].count ${n} → ${smaller}`,
          });
        }
      }
    }
  }
  for (const key of Object.keys(raw)) {
    if (KEPT.has(key)) continue;
    const { [key]: _, ...rest } = raw;
    out.push({ raw: rest, step: `${key} dropped (default)` });
  }
  return out;
}

/**
 * Every group's count times `scale` (rounded, at least 1 where there was any): `crucible check
 * --scale 0.5` runs each scenario with about half its agents.
 */
export function scalePopulation(raw: RawScenario, scale: number): RawScenario {
  let out = raw;
  for (const role of ["miners", "validators"] as const) {
    const list = groups(out, role);
    if (list.length === 0) continue;
    out = withGroups(
      out,
      role,
      list.map((g) => {
        const n = countOf(g);
        return n === 0 ? g : { ...g, count: Math.max(1, Math.round(n * scale)) };
      }),
    );
  }
  return out;
}
