/** The CSS of report.html and compare.html: system fonts only, nothing fetched. */
export const REPORT_PAGE_STYLE = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #5b6470; --line: #dfe3e8; --card: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "Liberation Sans", "DejaVu Sans", sans-serif;
  color: var(--ink); background: #fff; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 10px; padding-top: 12px; border-top: 1px solid var(--line); }
h3 { font-size: 13px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); margin: 18px 0 8px; }
.chart { padding: 16px 0; border-bottom: 1px solid var(--line); }
.chart:last-of-type { border-bottom: none; }
.subtitle { color: var(--muted); margin: 0 0 20px; }
.partial-banner { border: 2px solid #b45309; background: #fef3c7; color: #78350f; padding: 10px 14px; border-radius: 6px; }
.answer { margin: 0 0 8px; }
.answer .question { font-size: 17px; margin: 0 0 10px; }
.findings { list-style: none; padding: 0; margin: 0; display: grid; gap: 8px; }
.finding { padding: 10px 14px; border-radius: 8px; border-left: 5px solid var(--line); background: var(--card); font-size: 16px; }
.finding.good { border-left-color: #2e8540; }
.finding.bad { border-left-color: #c62828; }
.headline { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 12px; padding: 0;
  margin: 0; list-style: none; }
.metric { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
.metric .label { font-size: 13px; color: var(--muted); }
.metric .value { font-size: 24px; font-weight: 600; margin: 2px 0 4px; font-variant-numeric: tabular-nums; }
.metric .context { font-size: 12.5px; margin: -2px 0 4px; }
.metric .hint { font-size: 12.5px; color: var(--muted); }
.all-metrics { margin-top: 18px; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; }
th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { font-size: 12.5px; color: var(--muted); font-weight: 600; }
tr.group th { background: var(--card); font-size: 12.5px; text-transform: uppercase; letter-spacing: 0.05em;
  color: var(--muted); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.hint { color: var(--muted); font-size: 12.5px; }
td.better { color: #1a7f37; font-weight: 600; }
td.worse { color: #cf222e; font-weight: 600; }
.ci { color: var(--muted); font-size: 11.5px; display: block; }
.chart-note { background: var(--card); border: 1px solid var(--line); border-left: 4px solid #9aa4b1;
  border-radius: 6px; padding: 10px 14px; font-size: 14px; }
.side-by-side { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.side-by-side > div { min-width: 0; }
.side-by-side h3 { margin-top: 0; }
.chart-view, .chart-fallback { overflow-x: auto; }
.chart-fallback img { max-width: 100%; height: auto; }
pre { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px;
  overflow-x: auto; font: 13px/1.45 ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; }
details > summary { cursor: pointer; font-weight: 600; margin: 8px 0; }
footer { margin-top: 40px; color: var(--muted); font-size: 12.5px; }
`;
