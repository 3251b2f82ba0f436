import { CrucibleError } from "../../errors/CrucibleError.ts";
import type { ProtocolDeployment } from "../protocolDeployment.ts";
import type { ProtocolSession } from "../protocolSession.ts";

/** The in-memory protocol (being written): refuses to start until it exists. */
export async function startMemorySession(_deployment: ProtocolDeployment): Promise<ProtocolSession> {
  throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", "chain.backend memory is not available yet");
}
