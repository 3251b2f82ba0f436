/** How a metric's number reads: decides its formatting and how a difference is written. */
export type MetricUnit = "count" | "tokens" | "coefficient" | "percent" | "rate" | "gas" | "ms" | "ratio";

const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const fourSignificant = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 4 });

function tokens(v: number): string {
  const a = Math.abs(v);
  if (a >= 1000) return whole.format(v);
  if (a >= 1) return twoDecimals.format(v);
  return fourSignificant.format(v);
}

/** A metric value for people: "0.250", "12.5%", "1,316,014", "287 ms", "4×"; null is "n/a". */
export function formatMetric(value: number | null, unit: MetricUnit): string {
  if (value === null || Number.isNaN(value)) return "n/a";
  if (value === Number.POSITIVE_INFINITY) return "∞";
  switch (unit) {
    case "count":
    case "gas":
      return whole.format(value);
    case "tokens":
      return tokens(value);
    case "coefficient":
      return value.toFixed(3);
    case "percent":
      return `${oneDecimal.format(value * 100)}%`;
    case "rate":
      return oneDecimal.format(value);
    case "ms":
      return Math.abs(value) >= 1000 ? `${twoDecimals.format(value / 1000)} s` : `${whole.format(value)} ms`;
    case "ratio":
      return `${oneDecimal.format(value)}×`;
  }
}

/** A difference b − a in the metric's unit, signed: "+0.012", "−3.1 pp", "+1,200". */
export function formatDifference(delta: number | null, unit: MetricUnit): string {
  if (delta === null || !Number.isFinite(delta)) return "n/a";
  const sign = delta > 0 ? "+" : delta < 0 ? "−" : "±";
  const size = Math.abs(delta);
  const text =
    unit === "percent"
      ? `${oneDecimal.format(size * 100)} pp`
      : unit === "ratio"
        ? oneDecimal.format(size)
        : formatMetric(size, unit);
  return `${sign}${text}`;
}
