import { CrucibleError } from "../errors/CrucibleError.ts";

const INDENT = "       ";

/**
 * What the CLI prints for a failure, as one block: the message, its details, the cause chain (each
 * cause's message; for viem errors their `shortMessage` and `details`), then the code. Bad input and
 * known failures (CrucibleError) print no stack trace; anything else is a bug and keeps its stack.
 */
export function formatError(error: unknown): string {
  const lines = [`error: ${firstLine(error)}`];
  // viem puts a cause's message in its details, and toChainError copies viem's details: say each once.
  const said = new Set<string>([firstLine(error)]);
  const say = (prefix: string, text: string) => {
    if (said.has(text)) return;
    said.add(text);
    lines.push(prefix + text);
  };
  for (const line of detailLines(error)) say(INDENT, line);
  const seen = new Set<unknown>([error]);
  for (let cause = causeOf(error); cause !== undefined && !seen.has(cause); cause = causeOf(cause)) {
    seen.add(cause);
    say(`${INDENT}cause: `, firstLine(cause));
    for (const line of detailLines(cause)) say(`${INDENT}  `, line);
  }
  if (error instanceof CrucibleError) lines.push(`${INDENT}(${error.code})`);
  else if (error instanceof Error && error.stack) lines.push(error.stack);
  return lines.join("\n");
}

function causeOf(error: unknown): unknown {
  return error instanceof Error ? error.cause : undefined;
}

/** A viem error's short message, else the message (its first line when it is not ours). */
function firstLine(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const short = (error as { shortMessage?: unknown }).shortMessage;
  if (typeof short === "string" && short !== "") return short;
  return error instanceof CrucibleError ? error.message : error.message.split("\n")[0];
}

/** A CrucibleError's details (its first line often repeats the message), a viem error's `details`. */
function detailLines(error: unknown): string[] {
  return detailsOf(error)?.split("\n") ?? [];
}

function detailsOf(error: unknown): string | undefined {
  const details = error instanceof Error ? (error as { details?: unknown }).details : undefined;
  return typeof details === "string" && details !== "" ? details : undefined;
}
