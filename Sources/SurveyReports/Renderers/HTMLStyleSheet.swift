/// The only style sheet of every page: screen, phone and print.
///
/// Every colour of text has at least 4.5:1 contrast with its background, and every colour
/// that carries data at least 3:1 with the page (WCAG AA); `Scripts/check-html-report.sh`
/// measures both in a browser. On a phone (under 40rem) charts switch to their narrow form
/// and wide tables scroll within themselves, their captions wrapped to the window and kept in
/// view. In print, the first page stands alone, "About this report" starts a new page, no
/// heading is left at the foot of a page, charts are not split, a table's header is not left
/// there without its first rows nor a last row alone at the top of a page, and table headers
/// repeat on every page. Chart labels lose their white halo in print: a PDF keeps the halo as
/// a second copy of the text, which copying and screen readers then meet twice, and the light
/// grid reads well enough without it.
let htmlStyleSheet = """
  :root { color-scheme: light; --ink: #1a1a1a; --muted: #4d4d4d; --rule: #c4c4c4;
    --shade: #efefef; --link: #0b5394; }
  * { box-sizing: border-box; }
  body { margin: 0 auto; max-width: 62rem; padding: 1.5rem; color: var(--ink);
    background: #ffffff;
    font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Liberation Sans",
    Arial, sans-serif; }
  a { color: var(--link); }
  h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 0.5rem; }
  h2 { font-size: 1.4rem; line-height: 1.25; margin: 2.5rem 0 0.5rem; padding-top: 0.5rem;
    border-top: 2px solid var(--ink); }
  h3 { font-size: 1.1rem; margin: 1.5rem 0 0.4rem; }
  nav h2 { font-size: 1.1rem; border: 0; margin-top: 1rem; }
  nav ol { columns: 2 20rem; column-gap: 3rem; margin: 0; padding-left: 2.2rem; }
  nav li { break-inside: avoid; padding-left: 0.2rem; }
  code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
    font-size: 0.9em; overflow-wrap: anywhere; }
  .lede { font-size: 1.05rem; }
  .measure-id { color: var(--muted); margin-top: 0; }
  .headlines li, .headline { font-size: 1.05rem; }
  .headlines li { margin-bottom: 0.3rem; }
  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
  dl.facts dt { font-weight: 600; }
  dl.facts dd { margin: 0; }
  .table-scroll { max-width: 100%; overflow-x: auto; }
  table { border-collapse: collapse; margin: 0.5rem 0 0.75rem; font-size: 0.9rem;
    font-variant-numeric: tabular-nums; min-width: min(100%, 30rem); }
  th code, .nobreak { white-space: nowrap; }
  caption { caption-side: top; text-align: left; font-weight: 600; padding-bottom: 0.3rem;
    position: sticky; left: 0; max-width: calc(100vw - 2rem); }
  th, td { padding: 0.2rem 0.5rem; border-bottom: 1px solid var(--rule); text-align: left;
    vertical-align: top; }
  thead th { border-bottom: 2px solid var(--ink); vertical-align: bottom; }
  th[scope="row"] { font-weight: 400; }
  td.sources { overflow-wrap: anywhere; width: 40%; }
  table.cutoffs td:last-child { width: 45%; }
  table.references td.sources { width: auto; }
  table.references th[scope="row"] { white-space: nowrap; }
  section.appendix table { width: 100%; }
  .num { text-align: right; white-space: nowrap; }
  thead th.num { white-space: normal; overflow-wrap: break-word; hyphens: auto; }
  td.share .n { display: block; font-size: 0.8em; color: var(--muted); }
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
  .licence { border: 2px solid var(--ink); padding: 0.25rem 1rem; margin: 1rem 0; }
  .footnote, .test { font-size: 0.85rem; margin: 0 0 1rem; }
  figure { margin: 1rem 0 0.5rem; }
  figcaption { font-size: 0.85rem; color: var(--muted); }
  svg.chart { display: block; max-width: 100%; height: auto; font-family: inherit; }
  svg.chart.narrow { display: none; }
  svg.chart text { font-size: 12px; fill: var(--ink); }
  svg.chart .heading { font-weight: 700; }
  svg.chart .label, svg.chart .value { paint-order: stroke; stroke: #ffffff; stroke-width: 3px;
    stroke-linejoin: round; }
  svg.chart .base, svg.chart .tick, svg.chart .note { fill: var(--muted); }
  svg.chart .axis { stroke: #333333; stroke-width: 1; }
  svg.chart .grid { stroke: #d9d9d9; stroke-width: 1; }
  svg.chart .zero { stroke: var(--ink); stroke-width: 1.5; }
  svg.chart .segment { stroke: #ffffff; stroke-width: 1; }
  svg.chart .segment.outlined { stroke: var(--ink); stroke-width: 1; }
  svg.chart .hidden-mark, svg.chart .empty-mark { stroke: #6b6b6b; stroke-width: 1;
    stroke-dasharray: 3 2; }
  svg.chart .whisker { stroke: var(--ink); stroke-width: 1.5; }
  svg.chart .pair { stroke: #4d4d4d; stroke-width: 2; }
  svg.chart .dot { fill: #0072b2; stroke: var(--ink); stroke-width: 1; }
  svg.chart .dot.hollow { fill: #ffffff; stroke: #0072b2; stroke-width: 2.5; }
  footer { margin-top: 3rem; color: var(--muted); font-size: 0.85rem; }
  @media (max-width: 40rem) {
    body { padding: 0.75rem; }
    h1 { font-size: 1.6rem; }
    svg.chart.wide { display: none; }
    svg.chart.narrow { display: block; }
    dl.facts { grid-template-columns: 1fr; }
    dl.facts dd { margin-bottom: 0.4rem; }
    th code { white-space: normal; }
  }
  @media print {
    @page { margin: 14mm 13mm; }
    body { max-width: none; padding: 0; font-size: 9pt; line-height: 1.25; }
    nav { display: none; }
    a { color: inherit; }
    svg.chart.wide { display: block; width: 88%; }
    svg.chart.narrow { display: none; }
    svg.chart .label, svg.chart .value { stroke: none; }
    h1 { font-size: 18pt; }
    h2 { font-size: 13pt; margin: 1rem 0 0.3rem; }
    h3 { font-size: 11pt; margin: 0.8rem 0 0.3rem; }
    .first-page { break-after: page; }
    .lede { font-size: 10pt; }
    .headlines li, .headline { font-size: 10pt; }
    .headlines li { margin-bottom: 0.15rem; }
    section.appendix { break-before: page; font-size: 8pt; }
    section.appendix table { font-size: 7.5pt; }
    footer, footer p { margin: 0; font-size: 7.5pt; }
    h1, h2, h3, caption, .measure-id, .headline, ul.notes { break-after: avoid; }
    .keep-with-next, figure, svg, tr, thead, .licence, .headlines li, dl.facts {
      break-inside: avoid; }
    .table-scroll { overflow: visible; }
    table { font-size: 8pt; margin: 0.3rem 0 0.5rem; }
    th, td { padding: 0.02rem 0.35rem; }
    thead { display: table-header-group; }
    thead + tbody, tbody > tr:nth-child(-n+2), tbody > tr:last-child { break-before: avoid; }
    figure { margin: 0.5rem 0 0.3rem; }
    .footnote, .test, figcaption { font-size: 8pt; margin-bottom: 0.5rem; }
    * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  }
  """
