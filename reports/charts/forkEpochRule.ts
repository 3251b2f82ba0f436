import type { TopLevelSpec } from "vega-lite";

/** Where a fork came from, as its manifest (`continuedFrom.parent`) records it. */
export interface ForkOrigin {
  runDir: string;
  atEpoch: number;
}

/** The fork's parent and epoch from a run's manifest, or undefined for a run that is no fork. */
export function forkOrigin(manifest: unknown): ForkOrigin | undefined {
  const parent = (manifest as { continuedFrom?: { parent?: Partial<ForkOrigin> } } | null)?.continuedFrom
    ?.parent;
  return typeof parent?.runDir === "string" && typeof parent.atEpoch === "number"
    ? { runDir: parent.runDir, atEpoch: parent.atEpoch }
    : undefined;
}

type View = Record<string, unknown>;
const xField = (view: View) => (view.encoding as { x?: { field?: unknown } } | undefined)?.x?.field;

/** The rule itself: one dashed vertical line at the fork epoch, on the view's own x scale. */
export function forkRuleLayer(atEpoch: number, xType: unknown): View {
  return {
    data: { values: [{ fork: `fork: changed from epoch ${atEpoch} on` }] },
    mark: { type: "rule", strokeDash: [4, 3], color: "#d62728", strokeWidth: 1.5 },
    encoding: {
      x: { datum: atEpoch, type: xType === "ordinal" ? "ordinal" : "quantitative" },
      tooltip: { field: "fork", type: "nominal" },
    },
    description: `fork epoch ${atEpoch}`,
  };
}

/**
 * A chart with the fork epoch marked on every time axis: each view whose x is the epoch gets a rule
 * layer at `atEpoch` (a unit view becomes a layer of itself and the rule; concatenations are walked).
 * Views on other axes are left as they are. Pure: returns a new spec.
 */
export function markForkEpoch(spec: TopLevelSpec, atEpoch: number): TopLevelSpec {
  return mark(spec as unknown as View, atEpoch) as unknown as TopLevelSpec;
}

function mark(view: View, atEpoch: number, inFacet = false): View {
  // A facet's inner view takes its data from the facet: the rule is one aggregate row per cell.
  if (view.facet !== undefined && typeof view.spec === "object" && view.spec !== null)
    return { ...view, spec: mark(view.spec as View, atEpoch, true) };
  const rule = (type: unknown) => {
    const layer = forkRuleLayer(atEpoch, type);
    if (!inFacet) return layer;
    const { data: _, encoding, ...rest } = layer;
    return {
      ...rest,
      transform: [{ aggregate: [{ op: "count", as: "rows" }] }],
      encoding: { ...(encoding as View), tooltip: { value: `fork: changed from epoch ${atEpoch} on` } },
    };
  };
  for (const key of ["hconcat", "vconcat", "concat"] as const) {
    if (Array.isArray(view[key]))
      return { ...view, [key]: (view[key] as View[]).map((v) => mark(v, atEpoch, inFacet)) };
  }
  if (Array.isArray(view.layer)) {
    const layers = view.layer as View[];
    const onEpoch = [view, ...layers].find((v) => xField(v) === "epoch");
    if (onEpoch === undefined) return view;
    const type = (onEpoch.encoding as { x: { type?: unknown } }).x.type;
    // What the layers share (encoding, transform) stays with them, not with the rule.
    const { layer, encoding, transform, ...rest } = view;
    if (encoding === undefined && transform === undefined) return { ...view, layer: [...layers, rule(type)] };
    const shared: View = {
      ...(encoding === undefined ? {} : { encoding }),
      ...(transform === undefined ? {} : { transform }),
    };
    return { ...rest, layer: [{ ...shared, layer }, rule(type)] };
  }
  if (view.mark !== undefined && xField(view) === "epoch") {
    const { mark: m, encoding, params, transform, ...rest } = view;
    const type = (encoding as { x: { type?: unknown } }).x.type;
    const unit: View = {
      mark: m,
      encoding,
      ...(params === undefined ? {} : { params }),
      ...(transform === undefined ? {} : { transform }),
    };
    return { ...rest, layer: [unit, rule(type)] };
  }
  return view;
}
