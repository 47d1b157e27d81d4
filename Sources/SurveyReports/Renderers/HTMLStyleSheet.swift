/// The only style sheet of every page: screen and print.
let htmlStyleSheet = """
  :root { color-scheme: light; --ink: #1a1a1a; --muted: #4d4d4d; --rule: #c4c4c4;
    --shade: #efefef; }
  * { box-sizing: border-box; }
  body { margin: 0 auto; max-width: 62rem; padding: 1.5rem; color: var(--ink);
    background: #ffffff;
    font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Liberation Sans",
    Arial, sans-serif; }
  h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 0.5rem; }
  h2 { font-size: 1.4rem; line-height: 1.25; margin: 2.5rem 0 0.5rem; padding-top: 0.5rem;
    border-top: 2px solid var(--ink); }
  h3 { font-size: 1.1rem; margin: 1.5rem 0 0.4rem; }
  nav h2 { font-size: 1.1rem; border: 0; margin-top: 1rem; }
  nav ol { columns: 2 18rem; margin: 0; }
  code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
    font-size: 0.9em; }
  .lede { font-size: 1.05rem; }
  .measure-id { color: var(--muted); margin-top: 0; }
  .headlines li, .headline { font-size: 1.05rem; }
  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
  dl.facts dt { font-weight: 600; }
  dl.facts dd { margin: 0; }
  table { border-collapse: collapse; margin: 0.5rem 0 0.75rem; font-size: 0.9rem;
    font-variant-numeric: tabular-nums; min-width: min(100%, 30rem); }
  th code { white-space: nowrap; }
  caption { caption-side: top; text-align: left; font-weight: 600; padding-bottom: 0.3rem; }
  th, td { padding: 0.2rem 0.6rem; border-bottom: 1px solid var(--rule); text-align: left;
    vertical-align: top; }
  thead th { border-bottom: 2px solid var(--ink); vertical-align: bottom; }
  th[scope="row"] { font-weight: 400; }
  td.sources { overflow-wrap: anywhere; }
  .num { text-align: right; white-space: nowrap; }
  tr.group th { background: var(--shade); font-weight: 600; }
  tr.base th, tr.base td { font-style: italic; }
  tr.missing th, tr.missing td { color: var(--muted); }
  .hidden-value { font-weight: 700; }
  .flag { display: inline-block; border: 1px solid currentColor; border-radius: 3px;
    padding: 0 0.3em;
    font-size: 0.75em; font-weight: 700; text-transform: uppercase; letter-spacing: 0.03em;
    white-space: nowrap; }
  .flag.uncertain { color: #8a4500; }
  .note { color: var(--muted); font-size: 0.9em; }
  .licence { border: 2px solid var(--ink); padding: 0.25rem 1rem; }
  .footnote, .test { font-size: 0.85rem; margin: 0 0 1rem; }
  figure { margin: 1rem 0 0.5rem; }
  figcaption { font-size: 0.85rem; color: var(--muted); }
  svg.chart { display: block; max-width: 100%; height: auto; font-family: inherit; }
  svg.chart text { font-size: 12px; fill: var(--ink); }
  svg.chart .heading { font-weight: 700; paint-order: stroke; stroke: #ffffff; stroke-width: 4px;
    stroke-linejoin: round; }
  svg.chart .base, svg.chart .tick { fill: var(--muted); }
  svg.chart .value { paint-order: stroke; stroke: #ffffff; stroke-width: 3px;
    stroke-linejoin: round; }
  svg.chart .axis { stroke: #333333; stroke-width: 1; }
  svg.chart .grid { stroke: #d9d9d9; stroke-width: 1; }
  svg.chart .segment { stroke: #ffffff; stroke-width: 1; }
  svg.chart .hidden-mark, svg.chart .empty-mark { stroke: #6b6b6b; stroke-width: 1;
    stroke-dasharray: 3 2; }
  svg.chart .whisker { stroke: var(--ink); stroke-width: 1.5; }
  svg.chart .dot { fill: #0072b2; stroke: var(--ink); stroke-width: 1; }
  svg.chart .dot.low-base { fill: #ffffff; stroke: #0072b2; stroke-width: 2.5; }
  footer { margin-top: 3rem; color: var(--muted); font-size: 0.85rem; }
  @media print {
    @page { margin: 15mm; }
    body { max-width: none; padding: 0; font-size: 10pt; }
    nav { display: none; }
    h1, h2, h3, caption, .measure-id, .headline, ul.notes { break-after: avoid; }
    h2 { margin-top: 1.5rem; }
    figure, svg, tr, thead, tbody, table.keep, .licence, .headlines li, dl.facts {
      break-inside: avoid; }
    thead { display: table-header-group; }
    * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
    a { color: inherit; text-decoration: none; }
  }
  """
