import { escapeHtml } from './escape-html.ts';

/** The HTML report's only style sheet (inline: the page loads nothing). System fonts; prints on A4/Letter. */
const REPORT_HTML_STYLE = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0; --band: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1040px; padding: 24px; color: var(--ink);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 4px; }
.meta, .note { color: var(--muted); margin: 0 0 8px; }
.summary { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0 0; }
.summary div { border: 1px solid var(--rule); border-radius: 6px; padding: 8px 14px; min-width: 140px; }
.summary dt { color: var(--muted); font-size: 12px; }
.summary dd { margin: 0; font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
svg.chart { display: block; width: 100%; height: auto; max-width: 760px; }
svg.chart text { font: 11px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--ink); }
svg.chart .tick { fill: var(--muted); }
svg.chart .in-bar { fill: #fff; font-weight: 600; }
svg.chart .grid { stroke: #e8ebef; }
svg.chart .axis { stroke: #8c959f; }
.legend { list-style: none; padding: 0; margin: 6px 0 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
.legend li { display: flex; align-items: center; gap: 6px; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; font-size: 13px; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); white-space: nowrap; }
tbody tr:nth-child(even) { background: var(--band); }
tfoot th { border-top: 2px solid var(--ink); border-bottom: none; }
.num { text-align: right; white-space: nowrap; }
.notes { color: var(--muted); padding-left: 18px; }
.notes .sub { margin-left: 18px; }
table.about { width: auto; }
table.about th { white-space: nowrap; color: var(--muted); font-weight: normal; }
table.about td { word-break: break-word; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .chart-block { break-inside: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  tbody tr:nth-child(even) { background: none; }
}
`;

/**
 * The start of a self-contained llmcost HTML page up to its `<body>` tag: no scripts, no outside
 * requests (the content security policy allows inline styles and data: images only), the report style
 * plus `extraStyle`.
 */
export function htmlDocumentStart(title: string, extraStyle = ''): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="llmcost">
<title>${escapeHtml(title)}</title>
<style>${REPORT_HTML_STYLE}${extraStyle}</style>
</head>
<body>`;
}
