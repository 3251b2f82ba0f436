import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { checkMechanismOutput } from "./checkMechanismOutput.ts";
import { createMechanism } from "./createMechanism.ts";
import type { Mechanism, MechanismInput } from "./mechanism.ts";

export interface MechanismSpec {
  /** A built-in mechanism (see `createMechanism`). */
  readonly name?: string;
  /**
   * A TypeScript or JavaScript module, relative to `baseDir`, whose default export (or export named
   * `createMechanism`) is a factory `(params) => Mechanism` or a `Mechanism` object.
   *
   * The module is imported and RUNS AS CODE with the simulator's full permissions (file system,
   * network, processes). Only name modules you wrote or have read.
   */
  readonly module?: string;
  readonly params?: Record<string, unknown>;
}

export interface LoadMechanismOptions {
  /** Directory that `module` is relative to (the scenario file's folder). */
  readonly baseDir: string;
  /** Prefix for error messages (the scenario file). */
  readonly file?: string;
}

/**
 * Builds the mechanism a scenario names: a built-in by `name`, or a user module by `module`
 * (imported dynamically, see the warning on `MechanismSpec.module`). A user mechanism's outputs are
 * checked every epoch, as whole vectors (checkMechanismOutput: lengths, finite non-negative entries
 * and sums, incentive and dividends shares summing to 1 or 0).
 */
export async function loadMechanism(
  spec: MechanismSpec,
  options: LoadMechanismOptions,
): Promise<Mechanism<unknown>> {
  const where = options.file ? `${options.file}: ` : "";
  if (spec.module === undefined) return createMechanism(spec.name ?? "yuma", spec.params ?? {}, options);
  const path = isAbsolute(spec.module) ? spec.module : resolve(options.baseDir, spec.module);
  let exports: Record<string, unknown>;
  try {
    exports = await import(pathToFileURL(path).href);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message.split("\n")[0] : String(cause);
    throw new CrucibleError(
      "CRUCIBLE_MECHANISM_INVALID",
      `${where}mechanism.module: cannot load ${spec.module}: ${reason}`,
      {
        cause,
      },
    );
  }
  const exported = exports.default ?? exports.createMechanism;
  let candidate: unknown = exported;
  try {
    if (typeof exported === "function") candidate = await exported(spec.params ?? {});
  } catch (cause) {
    throw new CrucibleError(
      "CRUCIBLE_MECHANISM_INVALID",
      `${where}mechanism.module: the factory exported by ${spec.module} threw`,
      { cause },
    );
  }
  if (!isMechanism(candidate)) {
    throw new CrucibleError(
      "CRUCIBLE_MECHANISM_INVALID",
      `${where}mechanism.module: expected ${spec.module} to export (as default or createMechanism) a Mechanism { name, initialState(n), epoch(input, state) } or a factory returning one`,
    );
  }
  return checkOutputs(candidate, `${where}mechanism.module (${spec.module})`);
}

function isMechanism(x: unknown): x is Mechanism<unknown> {
  const m = x as Partial<Mechanism<unknown>> | undefined;
  return (
    typeof m === "object" &&
    m !== null &&
    typeof m.name === "string" &&
    typeof m.initialState === "function" &&
    typeof m.epoch === "function"
  );
}

function checkOutputs(mechanism: Mechanism<unknown>, source: string): Mechanism<unknown> {
  return {
    name: mechanism.name,
    initialState: (n) => mechanism.initialState(n),
    ...(mechanism.resetUids ? { resetUids: mechanism.resetUids.bind(mechanism) } : {}),
    epoch(input: MechanismInput, state: unknown) {
      const result = mechanism.epoch(input, state);
      checkMechanismOutput(result?.output, input.n, source);
      return result;
    },
  };
}
