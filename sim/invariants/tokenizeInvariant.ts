import { invariantSyntaxError } from "./invariantSyntaxError.ts";

export type Token =
  | { type: "number"; value: number; text: string; column: number }
  | { type: "ident"; text: string; column: number }
  | { type: "op"; text: string; column: number }
  | { type: "end"; text: ""; column: number };

const OPERATORS = ["<=", ">=", "==", "!=", "<", ">", "+", "-", "*", "/", "(", ")", ":", "%", ","];

/** Splits an invariant line into tokens, each with its 1-based column. */
export function tokenizeInvariant(source: string, where: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    const column = i + 1;
    const number = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(source.slice(i));
    if (number !== null) {
      tokens.push({ type: "number", value: Number(number[0]), text: number[0], column });
      i += number[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (ident !== null) {
      tokens.push({ type: "ident", text: ident[0], column });
      i += ident[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (op === undefined) throw invariantSyntaxError(source, where, column, `unexpected character '${c}'`);
    tokens.push({ type: "op", text: op, column });
    i += op.length;
  }
  tokens.push({ type: "end", text: "", column: source.length + 1 });
  return tokens;
}
