import { Resvg } from "@resvg/resvg-js";

export interface RenderPngOptions {
  /** Pixel density: 2 gives a crisp image on high-DPI screens and in slides. */
  scale?: number;
}

/**
 * Rasterises an SVG string to PNG bytes with resvg, using the system fonts (vega's SVG names CSS
 * font lists; resvg maps the generic `sans-serif` to the first of these that is installed).
 * The background is white so the PNG reads well in dark viewers too.
 */
export function renderPng(svg: string, options: RenderPngOptions = {}): Buffer {
  const resvg = new Resvg(svg, {
    background: "white",
    fitTo: { mode: "zoom", value: options.scale ?? 2 },
    font: {
      loadSystemFonts: true,
      defaultFontFamily: "Liberation Sans",
      sansSerifFamily: "Liberation Sans",
    },
  });
  return resvg.render().asPng();
}
