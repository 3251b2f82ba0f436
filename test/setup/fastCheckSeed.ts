import fc from "fast-check";

/**
 * Property tests run with a fixed seed so that `npm test` is reproducible (CI never goes red by the
 * luck of the draw). Explore further with another seed: `FC_SEED=123 npx vitest run`, or
 * `FC_SEED=random` for a fresh one (fast-check prints the seed of any failure).
 */
const seed = process.env.FC_SEED;
if (seed !== "random") fc.configureGlobal({ seed: seed === undefined ? 20261125 : Number(seed) });
