import fc from "fast-check";
import { parseFcSeed } from "../fixtures/fcSeed.ts";

/**
 * Property tests run with a fixed seed so that `npm test` is reproducible (CI never goes red by the
 * luck of the draw). Explore further with another seed: `FC_SEED=123 npx vitest run`, or
 * `FC_SEED=random` for a fresh one (fast-check prints the seed of any failure). A value that is not
 * an integer fails every test file with a message naming FC_SEED (test/fixtures/fcSeed.ts).
 */
const seed = parseFcSeed(process.env.FC_SEED);
if (seed !== undefined) fc.configureGlobal({ seed });
