/** Epochs the forecasting task generates its series for (its truth arrives one epoch late, from these). */
export const FORECASTING_HORIZON_EPOCHS = 2000;
