import type { YumaKernels } from "../yuma/yumaKernels.ts";
import { createYumaKernels } from "./createYumaKernels.ts";

/**
 * The process-wide default set (`DEFAULT_YUMA_KERNEL_CHOICE` from `DEFAULT_GPU_MIN_CELLS` cells),
 * what `runYumaEpoch` uses when no set is passed. Its results equal the typed arrays' bit for bit
 * (the gpu.js κ-median is certified in float64); gpu.js loads at the first large epoch.
 */
export const DEFAULT_YUMA_KERNELS: YumaKernels = createYumaKernels().kernels;
