import type { HeadlineMetric } from "../computeHeadline.ts";
import { HEADLINE_GROUP_TITLES } from "../headline/headlineDefinitions.ts";
import { escapeHtml } from "./escapeHtml.ts";

function groupsOf(metrics: readonly HeadlineMetric[]) {
  return [...new Set(metrics.map((m) => m.group))].map((group) => ({
    group,
    title: HEADLINE_GROUP_TITLES[group],
    metrics: metrics.filter((m) => m.group === group),
  }));
}

/** The primary metrics as cards, grouped: label, value, context line and what good looks like. */
export function headlineCardsHtml(headline: readonly HeadlineMetric[]): string {
  return groupsOf(headline.filter((m) => m.primary))
    .map(({ title, metrics }) => {
      const items = metrics.map(
        (m) =>
          `<li class="metric" data-key="${escapeHtml(m.key)}"><div class="label">${escapeHtml(m.label)}</div>` +
          `<div class="value">${escapeHtml(m.text)}</div>` +
          (m.context ? `<div class="context">${escapeHtml(m.context)}</div>` : "") +
          `<div class="hint">${escapeHtml(m.hint)}</div></li>`,
      );
      return `<h3>${escapeHtml(title)}</h3>\n<ul class="headline">\n${items.join("\n")}\n</ul>`;
    })
    .join("\n");
}

/** Every metric in one table (collapsed), grouped, with its hint. */
export function allMetricsHtml(headline: readonly HeadlineMetric[]): string {
  const rows = groupsOf(headline).flatMap(({ title, metrics }) => [
    `<tr class="group"><th colspan="3">${escapeHtml(title)}</th></tr>`,
    ...metrics.map(
      (m) =>
        `<tr data-key="${escapeHtml(m.key)}"><td>${escapeHtml(m.label)}</td>` +
        `<td class="num">${escapeHtml(m.text)}</td><td class="hint">${escapeHtml(m.hint)}</td></tr>`,
    ),
  ]);
  return (
    `<details class="all-metrics"><summary>All ${headline.length} metrics, with what good looks like</summary>\n` +
    `<table class="metrics"><thead><tr><th>Metric</th><th>Value</th><th>What good looks like</th></tr></thead>\n` +
    `<tbody>\n${rows.join("\n")}\n</tbody></table></details>`
  );
}
