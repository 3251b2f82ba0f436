/**
 * The script of report.html: reads the inlined chart specs and embeds each with vega-embed (already
 * defined as a global by the inlined bundles). A chart's pre-rendered SVG stays visible until its
 * live view is drawn, and stays if drawing fails. `document.body.dataset.charts` ends as "rendered"
 * or "failed" so a browser test can wait for it.
 */
export const REPORT_PAGE_SCRIPT = `
(function () {
  "use strict";
  var charts = JSON.parse(document.getElementById("crucible-chart-specs").textContent);
  var options = {
    renderer: "svg",
    actions: { export: true, source: false, compiled: false, editor: false },
  };
  Promise.all(charts.map(function (chart) {
    var section = document.getElementById("chart-" + chart.name);
    var view = section.querySelector(".chart-view");
    return vegaEmbed(view, chart.spec, options).then(function () {
      var fallback = section.querySelector(".chart-fallback");
      if (fallback) fallback.remove();
    });
  })).then(function () {
    document.body.dataset.charts = "rendered";
  }, function (error) {
    document.body.dataset.charts = "failed";
    console.error("Crucible report: a chart failed to render", error);
  });
})();
`;
