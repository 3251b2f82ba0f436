/** Up to this many epochs a per-epoch chart draws bars; above it, areas or lines. */
export const MAX_BAR_EPOCHS = 60;

/** The x encoding of a per-epoch chart: one band per epoch for bars, a continuous axis otherwise. */
export function epochX(asBars: boolean) {
  return asBars
    ? ({
        field: "epoch",
        type: "ordinal",
        title: "Epoch",
        axis: { labelAngle: 0, labelOverlap: true },
      } as const)
    : ({
        field: "epoch",
        type: "quantitative",
        title: "Epoch",
        axis: { tickMinStep: 1, format: "d" },
      } as const);
}

/** Draw points on lines when there are few epochs, so a 1-epoch run still shows something. */
export const showPoints = (epochs: number) => epochs <= 20;
