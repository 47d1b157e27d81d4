// The offline form's styles: system fonts only (nothing is fetched), large touch targets, visible
// focus, and print styles that show every question with its answers as boxes.

let formStyles = """
  :root {
    --ink: #1b1b1b; --muted: #4a4a4a; --line: #8a8a8a; --paper: #ffffff; --tint: #eef3f8;
    --accent: #0b5394; --accent-ink: #ffffff; --chosen: #d7e7f7; --danger: #a01818;
    --focus: #ffbf00;
    color-scheme: light;
  }
  * { box-sizing: border-box; }
  html { font-size: 112.5%; -webkit-text-size-adjust: 100%; }
  body {
    margin: 0; color: var(--ink); background: var(--paper); line-height: 1.45;
    font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif;
  }
  .masthead { background: var(--accent); color: var(--accent-ink); padding: 0.6rem 1rem; }
  .masthead h1 { font-size: 1.1rem; margin: 0; font-weight: 600; }
  .storage-status { margin: 0.2rem 0 0; font-size: 0.85rem; }
  .storage-status.problem { background: #fff3cd; color: var(--ink); padding: 0.3rem 0.5rem; }
  main { max-width: 44rem; margin: 0 auto; padding: 1rem; }
  h2 { font-size: 1.35rem; margin: 1.2rem 0 0.6rem; }
  h2:focus { outline: none; }
  .progress { display: block; color: var(--muted); font-size: 0.9rem; font-weight: 400;
    margin-bottom: 0.3rem; }
  fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
  legend { padding: 0; margin-bottom: 0.8rem; width: 100%; }
  .question-text { display: block; font-size: 1.4rem; font-weight: 600; }
  .key-phrase::before { content: "Key phrase: "; font-weight: 400; color: var(--muted); }
  .recall, .anchors { color: var(--muted); margin: 0 0 0.8rem; }
  .introduction-text { font-size: 1.2rem; }
  .notice { font-size: 0.85rem; color: var(--muted); border-top: 1px solid #ccc;
    padding-top: 0.5rem; }
  .interviewer-note { background: #fff3cd; border-left: 0.3rem solid #b58100;
    padding: 0.5rem 0.8rem; margin: 0.8rem 0; }
  .interviewer-note pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.8rem; }
  .choices { display: grid; gap: 0.6rem; margin: 0 0 0.8rem; }
  .choices.numeric { grid-template-columns: repeat(11, minmax(0, 1fr)); gap: 0.4rem; }
  .choices.missing-answers { grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
    margin-top: 1.2rem; }
  .choice {
    display: flex; align-items: center; gap: 0.8rem; min-height: 3.4rem;
    padding: 0.6rem 0.9rem; border: 2px solid var(--line); border-radius: 0.5rem;
    background: var(--paper); cursor: pointer; font-size: 1.15rem; overflow-wrap: break-word;
  }
  .choices.numeric .choice { justify-content: center; padding: 0.6rem 0.3rem; gap: 0.3rem;
    flex-direction: column; min-height: 4.2rem; }
  .missing-answers .choice { font-size: 1rem; border-style: dashed; min-height: 3rem; }
  .choice input { width: 1.5rem; height: 1.5rem; margin: 0; flex: none;
    accent-color: var(--accent); }
  .choice:hover { background: var(--tint); }
  .choice:has(input:checked) { background: var(--chosen); border-color: var(--accent);
    border-style: solid; }
  .choice:focus-within { outline: 3px solid var(--focus); outline-offset: 2px; }
  .nav { display: flex; flex-wrap: wrap; gap: 0.6rem; margin: 1rem 0; }
  .nav .primary { margin-left: auto; }
  .nav.secondary { margin-top: 2rem; }
  button, .download-link {
    font: inherit; font-size: 1.05rem; min-height: 3rem; min-width: 3rem; padding: 0.5rem 1.1rem;
    border: 2px solid var(--accent); border-radius: 0.5rem; background: var(--paper);
    color: var(--accent); cursor: pointer;
  }
  .download-link { display: inline-flex; align-items: center; text-decoration: underline; }
  button.primary { background: var(--accent); color: var(--accent-ink); font-weight: 600; }
  button.danger { border-color: var(--danger); color: var(--danger); }
  button:focus-visible, a:focus-visible, input:focus-visible, summary:focus-visible {
    outline: 3px solid var(--focus); outline-offset: 2px;
  }
  .field label { display: block; font-weight: 600; margin-bottom: 0.3rem; }
  .field input { font: inherit; font-size: 1.2rem; width: 100%; max-width: 24rem;
    min-height: 3rem; padding: 0.4rem 0.6rem; border: 2px solid var(--line); border-radius: 0.4rem; }
  .help { color: var(--muted); font-size: 0.9rem; margin: 0.3rem 0; }
  .note, .message { background: var(--tint); padding: 0.5rem 0.8rem; border-radius: 0.4rem; }
  .error { color: var(--danger); font-weight: 600; }
  .warning { background: #fff3cd; padding: 1rem; margin: 1rem; }
  .fixed-columns { display: flex; flex-wrap: wrap; gap: 0.3rem 1.5rem; margin: 0.8rem 0; }
  .fixed-columns div { display: flex; gap: 0.4rem; }
  .fixed-columns dt { color: var(--muted); }
  .fixed-columns dt::after { content: ":"; }
  .fixed-columns dd { margin: 0; font-weight: 600; }
  table { border-collapse: collapse; width: 100%; margin: 0.8rem 0; }
  caption { text-align: left; color: var(--muted); font-size: 0.9rem; padding-bottom: 0.4rem; }
  th, td { text-align: left; padding: 0.45rem 0.4rem; border-bottom: 1px solid #ccc;
    vertical-align: top; overflow-wrap: break-word; }
  .summary-table td:first-child { white-space: nowrap; }
  .summary-table td:nth-child(3) { font-weight: 600; }
  .summary-table button { min-height: 2.6rem; padding: 0.3rem 0.8rem; font-size: 0.95rem; }
  .summary-table .skipped { color: var(--muted); font-style: italic; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip: rect(0 0 0 0); white-space: nowrap; }
  .page-end { display: flex; justify-content: flex-end; }
  .one-page .step.question, .one-page .step.introduction { margin-bottom: 2rem;
    padding-bottom: 1rem; border-bottom: 1px solid #ccc; }
  .one-page .step .nav { display: none; }
  .one-page .step.question .nav { display: flex; }
  .one-page .step.question .nav .back, .one-page .step.question .nav .next { display: none; }
  .one-page .step.question .nav .skip { margin-left: auto; }
  .one-page .summary .nav { display: flex; }
  [hidden] { display: none !important; }
  @media (max-width: 40rem) {
    .choices.numeric { grid-template-columns: repeat(6, minmax(0, 1fr)); }
    .masthead h1 { font-size: 0.95rem; }
    .summary-table thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
      clip: rect(0 0 0 0); }
    .summary-table tr { display: grid; grid-template-columns: 2rem 1fr auto;
      grid-template-areas: "number question change" "number answer change";
      border-bottom: 1px solid #ccc; padding: 0.4rem 0; }
    .summary-table td { border: 0; padding: 0.15rem 0.3rem; }
    .summary-table td:nth-child(1) { grid-area: number; }
    .summary-table td:nth-child(2) { grid-area: question; }
    .summary-table td:nth-child(3) { grid-area: answer; }
    .summary-table td:nth-child(4) { grid-area: change; align-self: center; }
  }
  @media (max-width: 30rem) {
    html { font-size: 106%; }
    main { padding: 0.7rem; }
    .question-text { font-size: 1.25rem; }
    .nav button { flex: 1 1 auto; }
    .nav .primary { margin-left: 0; flex-basis: 100%; order: -1; }
    .responses th:nth-child(3), .responses td:nth-child(3) { display: none; }
  }
  @media print {
    .masthead { background: none; color: var(--ink); border-bottom: 2px solid var(--ink); }
    .home, .nav, .page-end, .summary, .storage-status, .error, details { display: none !important; }
    .step.introduction, .step.question { display: block !important; break-inside: avoid;
      margin-bottom: 1rem; }
    .choice { min-height: 0; padding: 0.2rem 0.5rem; border-width: 1px; font-size: 1rem; }
  }
  """
