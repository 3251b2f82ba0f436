import type { Aggregate, Comparator, EpochWindow, Expr, Invariant } from "./invariantAst.ts";
import { invariantSyntaxError } from "./invariantSyntaxError.ts";
import { type Token, tokenizeInvariant } from "./tokenizeInvariant.ts";

const COMPARATORS: readonly string[] = ["<", "<=", ">", ">=", "==", "!="];
const SIMPLE_AGGREGATES = ["mean", "median", "min", "max", "sd"] as const;

/**
 * Parses one invariant line. Grammar (a hand-written recursive descent: the window prefix and the
 * confidence suffix are not expressions that jsep/expr-eval/filtrex parse, and each error must name
 * its column; the whole language is ~100 lines, with no eval):
 *
 *   invariant  := [window ":"] sum CMP sum ["with" NUMBER "%" "confidence"]
 *   window     := "after" "epoch" INT | "from" "epoch" INT ["to" INT] | "every" "epoch"
 *   sum        := product (("+" | "-") product)*
 *   product    := unary (("*" | "/") unary)*
 *   unary      := "-" unary | NUMBER ["%"] | IDENT | AGG "(" sum ")" | "(" sum ")"
 *   AGG        := mean | median | min | max | sd | pNN (a percentile, p1..p99)
 *
 * A line with a window is per epoch; with an aggregate, across replicates (every metric inside an
 * aggregate, none outside); otherwise per run. `after epoch 10` covers epochs 10.. (0-based).
 * `where` names the file and field for errors.
 */
export function parseInvariant(source: string, where: string): Invariant {
  const tokens = tokenizeInvariant(source, where);
  let i = 0;
  const peek = (): Token => tokens[i];
  const fail = (token: Token, reason: string): never => {
    throw invariantSyntaxError(source, where, token.column, reason);
  };
  const describe = (t: Token) => (t.type === "end" ? "the end of the line" : `'${t.text}'`);
  const expectOp = (text: string) => {
    const t = tokens[i];
    if (t.type !== "op" || t.text !== text) fail(t, `expected '${text}', found ${describe(t)}`);
    i++;
  };
  const expectWord = (word: string) => {
    const t = tokens[i];
    if (t.type !== "ident" || t.text !== word) fail(t, `expected '${word}', found ${describe(t)}`);
    i++;
  };
  const expectInt = (what: string): number => {
    const t = tokens[i];
    if (t.type !== "number" || !Number.isInteger(t.value))
      fail(t, `expected ${what} (an integer), found ${describe(t)}`);
    i++;
    return (t as { value: number }).value;
  };

  let window: EpochWindow | undefined;
  const first = peek();
  const next = tokens[i + 1];
  if (first.type === "ident" && next.type === "ident" && next.text === "epoch") {
    if (first.text === "after") {
      i += 2;
      window = { from: expectInt("an epoch"), to: null };
    } else if (first.text === "from") {
      i += 2;
      const from = expectInt("an epoch");
      let to: number | null = null;
      if (peek().type === "ident" && peek().text === "to") {
        i++;
        const t = peek();
        to = expectInt("an epoch");
        if (to < from) fail(t, `the window ends (${to}) before it starts (${from})`);
      }
      window = { from, to };
    } else if (first.text === "every") {
      i += 2;
      window = { from: 0, to: null };
    } else {
      fail(
        first,
        `unknown window '${first.text} epoch'; write 'after epoch N:', 'from epoch A to B:' or 'every epoch:'`,
      );
    }
    expectOp(":");
  }

  let aggregates = 0;
  let insideAggregate = false;
  const bareMetrics: Token[] = [];

  function aggregateOf(name: string): Aggregate | null {
    if ((SIMPLE_AGGREGATES as readonly string[]).includes(name)) {
      return { fn: name as (typeof SIMPLE_AGGREGATES)[number] };
    }
    const p = /^p([1-9][0-9]?)$/.exec(name);
    return p === null ? null : { fn: "quantile", p: Number(p[1]) / 100 };
  }

  function unary(): Expr {
    const t = peek();
    if (t.type === "op" && t.text === "-") {
      i++;
      return { kind: "neg", arg: unary() };
    }
    if (t.type === "number") {
      i++;
      if (peek().type === "op" && peek().text === "%") {
        i++;
        return { kind: "number", value: t.value / 100 };
      }
      return { kind: "number", value: t.value };
    }
    if (t.type === "op" && t.text === "(") {
      i++;
      const e = sum();
      expectOp(")");
      return e;
    }
    if (t.type === "ident") {
      i++;
      if (peek().type === "op" && peek().text === "(") {
        const aggregate = aggregateOf(t.text);
        if (aggregate === null) {
          fail(t, `unknown aggregate '${t.text}'; use mean, median, min, max, sd or a percentile p1..p99`);
        }
        if (insideAggregate) fail(t, `an aggregate inside an aggregate ('${t.text}')`);
        if (window !== undefined)
          fail(t, `a per-epoch invariant cannot aggregate over replicates ('${t.text}')`);
        i++;
        insideAggregate = true;
        const arg = sum();
        insideAggregate = false;
        expectOp(")");
        aggregates++;
        return { kind: "aggregate", aggregate: aggregate as Aggregate, name: t.text, arg, column: t.column };
      }
      if (!insideAggregate) bareMetrics.push(t);
      return { kind: "metric", name: t.text, column: t.column };
    }
    return fail(t, `expected a number, a metric or '(', found ${describe(t)}`);
  }

  function product(): Expr {
    let left = unary();
    for (let t = peek(); t.type === "op" && (t.text === "*" || t.text === "/"); t = peek()) {
      i++;
      left = { kind: "binary", op: t.text as "*" | "/", left, right: unary() };
    }
    return left;
  }

  function sum(): Expr {
    let left = product();
    for (let t = peek(); t.type === "op" && (t.text === "+" || t.text === "-"); t = peek()) {
      i++;
      left = { kind: "binary", op: t.text as "+" | "-", left, right: product() };
    }
    return left;
  }

  const left = sum();
  const cmp = peek();
  if (cmp.type !== "op" || !COMPARATORS.includes(cmp.text)) {
    fail(cmp, `expected a comparison (< <= > >= == !=), found ${describe(cmp)}`);
  }
  i++;
  const right = sum();

  let confidence: number | undefined;
  const withToken = peek();
  if (withToken.type === "ident" && withToken.text === "with") {
    i++;
    const level = peek();
    if (level.type !== "number" || !(level.value > 50 && level.value < 100)) {
      fail(level, `expected a confidence level in percent between 50 and 100, found ${describe(level)}`);
    }
    i++;
    expectOp("%");
    expectWord("confidence");
    const meanSide = left.kind === "aggregate" && left.aggregate.fn === "mean" && isConstant(right);
    if (!meanSide) {
      fail(withToken, "'with N% confidence' bounds a mean: write mean(metric) <op> constant");
    }
    if (cmp.text === "==" || cmp.text === "!=") fail(cmp, "a confidence bound needs < <= > or >=");
    confidence = (level as { value: number }).value / 100;
  }
  const end = peek();
  if (end.type !== "end") fail(end, `unexpected ${describe(end)} after the invariant`);

  const kind = window !== undefined ? "epoch" : aggregates > 0 ? "replicates" : "run";
  if (kind === "replicates" && bareMetrics.length > 0) {
    fail(
      bareMetrics[0],
      `'${bareMetrics[0].text}' outside an aggregate in an invariant across replicates; write e.g. mean(${bareMetrics[0].text})`,
    );
  }
  return {
    source,
    kind,
    left,
    op: cmp.text as Comparator,
    right,
    ...(window === undefined ? {} : { window }),
    ...(confidence === undefined ? {} : { confidence }),
  };
}

function isConstant(e: Expr): boolean {
  switch (e.kind) {
    case "number":
      return true;
    case "neg":
      return isConstant(e.arg);
    case "binary":
      return isConstant(e.left) && isConstant(e.right);
    default:
      return false;
  }
}

/** Every metric name an expression reads (inside aggregates too), with its column. */
export function metricsOf(e: Expr): { name: string; column: number }[] {
  switch (e.kind) {
    case "number":
      return [];
    case "metric":
      return [{ name: e.name, column: e.column }];
    case "neg":
      return metricsOf(e.arg);
    case "binary":
      return [...metricsOf(e.left), ...metricsOf(e.right)];
    case "aggregate":
      return metricsOf(e.arg);
  }
}
