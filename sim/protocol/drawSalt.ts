import type { Rng } from "../rng/createRng.ts";
import type { Hex } from "./protocolTypes.ts";

/** A 32-byte salt drawn from the run's RNG (8 draws of 32 bits), so salts are reproducible. */
export function drawSalt(rng: Rng): Hex {
  let hex = "0x";
  for (let i = 0; i < 8; i++) hex += rng.int(0, 0xffffffff).toString(16).padStart(8, "0");
  return hex as Hex;
}
