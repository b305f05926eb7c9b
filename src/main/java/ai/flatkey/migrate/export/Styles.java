package ai.flatkey.migrate.export;

/**
 * The HTML and PDF export's stylesheets. {@link #BASE} holds layout and the light palette with literal colours (the
 * PDF renderer knows no CSS variables); {@link #SCREEN} adds the dark palette, screen width and print rules;
 * {@link #PDF} adds the page box with the document title and page numbers.
 */
final class Styles {
    private Styles() {
    }

    static final String BASE = """
            html { background: #f6f7f9; }
            body { margin: 0; color: #1b1f24; background: #f6f7f9;
              font-family: -apple-system, "Segoe UI", system-ui, Roboto, "Helvetica Neue", Arial, "DejaVu Sans", sans-serif;
              font-size: 14px; line-height: 1.45; }
            main { background: #ffffff; }
            h1 { font-size: 26px; margin: 2px 0 12px 0; line-height: 1.2; }
            h2 { font-size: 18px; margin: 0 0 6px 0; padding-bottom: 4px; border-bottom: 2px solid #e3e6ea; }
            h3 { font-size: 14px; margin: 16px 0 6px 0; color: #3d4651; }
            section { margin: 26px 0 0 0; }
            p { margin: 6px 0; }
            code, pre, .id { font-family: "SFMono-Regular", Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 12px; }
            code { background: #eef1f4; border-radius: 4px; padding: 0 4px; word-break: break-all; }
            pre { background: #f1f3f6; border: 1px solid #e3e6ea; border-radius: 6px; padding: 10px 12px; white-space: pre-wrap; word-break: break-all; }
            .eyebrow { text-transform: uppercase; letter-spacing: 0.08em; font-size: 11px; font-weight: bold; color: #5b6673; margin: 0; }
            .lead { color: #3d4651; }
            .muted { color: #6b7683; }
            .small { font-size: 11px; }
            .strong { font-weight: 600; }
            .num { text-align: right; white-space: nowrap; }
            .num .wrap { white-space: normal; }
            .id { word-break: break-all; color: #3d4651; }
            .empty { color: #6b7683; font-style: italic; background: #f6f7f9; border: 1px dashed #c9ced5; border-radius: 6px; padding: 10px 12px; }
            .notice { background: #fff7e6; border: 1px solid #f0d9a8; border-radius: 6px; padding: 10px 12px; color: #5c4212; }
            table { border-collapse: collapse; width: 100%; }
            table.meta { width: auto; margin: 4px 0 14px 0; }
            table.meta th { text-align: left; font-weight: 600; color: #5b6673; padding: 2px 16px 2px 0; vertical-align: top; white-space: nowrap; }
            table.meta td { padding: 2px 0; }
            table.cards { border-collapse: separate; border-spacing: 8px 0; margin: 0 -8px; table-layout: fixed; }
            td.card { border: 1px solid #e3e6ea; border-top-width: 4px; border-radius: 6px; padding: 8px 10px; vertical-align: top; background: #ffffff; }
            td.card.ok { border-top-color: #1f883d; }
            td.card.warn { border-top-color: #d4a72c; }
            td.card.bad { border-top-color: #cf222e; }
            .card-label { font-size: 11px; text-transform: uppercase; letter-spacing: 0.06em; color: #5b6673; font-weight: bold; }
            .card-value { font-size: 18px; font-weight: 700; margin: 2px 0; }
            .card-detail { font-size: 12px; color: #5b6673; }
            table.grid { margin: 6px 0; font-size: 13px; }
            table.grid th { text-align: left; background: #f1f3f6; color: #3d4651; font-weight: 600; border-bottom: 1px solid #d0d5db; padding: 6px 8px; }
            table.grid td { border-bottom: 1px solid #e3e6ea; padding: 6px 8px; vertical-align: top; word-wrap: break-word; }
            table.kv th { width: 170px; background: transparent; border-bottom: 1px solid #e3e6ea; vertical-align: top; }
            table.checks td { font-size: 12px; }
            th.w-check { width: 15%; } th.w-verdict { width: 13%; } th.w-rule { width: 14%; } th.w-time { width: 12%; }
            th.w-tokens { width: 8%; } th.w-id { width: 12%; }
            table.checks td.num, table.checks th.num { padding-right: 12px; }
            table.recon { table-layout: fixed; }
            th.r-id { width: 12%; } th.r-check { width: 13%; } th.r-model { width: 13%; } th.r-tokens { width: 10%; }
            th.r-cost { width: 17%; } th.r-status { width: 14%; }
            table.recon td, table.recon th { font-size: 12px; }
            table.recon td.num, table.recon th.num, table.recon .pill { white-space: normal; }
            td.rule { font-family: "SFMono-Regular", Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 11px; word-break: break-all; }
            th.c-status, td.c-status { width: 86px; }
            table.rollout { table-layout: fixed; }
            table.rollout th.num { width: 4%; } table.rollout th.s-name { width: 19%; } table.rollout th.s-gate { width: 23%; }
            table.rollout th.c-status { width: 11%; } table.rollout th.s-owner { width: 14%; } table.rollout th.c-date { width: 13%; }
            table.rollout th.s-note { width: 16%; } table.rollout td.c-date { white-space: nowrap; }
            table.matrix td, table.matrix th { text-align: center; }
            table.matrix td:first-child, table.matrix th:first-child { text-align: left; }
            .out { margin-top: 4px; padding: 4px 6px; border-left: 3px solid #d0d5db; color: #3d4651; background: #f6f7f9;
              font-family: "SFMono-Regular", Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 11px; word-break: break-all; }
            .pill { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 11px; font-weight: 700; white-space: nowrap; }
            .pill.ok { background: #dafbe1; color: #116329; }
            div.measured { margin-top: 4px; font-size: 11px; color: #3d4651; }
            .pill.warn { background: #fff1c2; color: #7d5a00; }
            .pill.bad { background: #ffebe9; color: #a40e26; }
            .pill.na { background: #eaeef2; color: #57606a; }
            .chart-legend { font-size: 12px; color: #3d4651; margin: 2px 0 6px 0; }
            .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin: 0 4px 0 10px; }
            .sw-total { background: #9ec5fe; } .sw-ttft { background: #0b5ed7; }
            .sw-src-total { background: #f5c2a8; } .sw-src-ttft { background: #c2571a; }
            table.sign { border-collapse: separate; border-spacing: 16px 0; margin: 8px -16px 0 -16px; table-layout: fixed; }
            td.sign-block { border: 1px solid #d0d5db; border-radius: 6px; padding: 10px 14px 14px 14px; vertical-align: top; }
            .sign-title { font-weight: 700; margin-bottom: 6px; }
            table.sign-lines th { text-align: left; width: 80px; font-weight: 600; color: #5b6673; padding: 14px 8px 2px 0; vertical-align: bottom; }
            table.sign-lines td.line { border-bottom: 1px solid #1b1f24; padding: 14px 0 2px 0; }
            footer { margin-top: 28px; padding-top: 8px; border-top: 1px solid #e3e6ea; font-size: 12px; color: #6b7683; }
            """;

    static final String SCREEN = """
            main { max-width: 1080px; margin: 24px auto; padding: 28px 36px 36px 36px; border: 1px solid #e3e6ea; border-radius: 10px; }
            svg.chart { width: 100%; height: auto; display: block; }
            svg.chart text { font-family: inherit; font-size: 13px; fill: #3d4651; }
            svg.chart .grid-line { stroke: #e3e6ea; stroke-width: 1; }
            svg.chart .bar-total { fill: #9ec5fe; } svg.chart .bar-ttft { fill: #0b5ed7; }
            svg.chart .bar-src-total { fill: #f5c2a8; } svg.chart .bar-src-ttft { fill: #c2571a; }
            svg.chart .axis { fill: #6b7683; font-size: 11px; }
            @media (prefers-color-scheme: dark) {
              html, body { background: #0d1117; color: #e6edf3; }
              main { background: #161b22; border-color: #30363d; }
              h2 { border-bottom-color: #30363d; }
              h3, .lead, .id, .out, table.grid th, .chart-legend { color: #c9d1d9; }
              .eyebrow, .muted, .card-label, .card-detail, table.meta th, table.sign-lines th, footer { color: #8b949e; }
              code { background: #262c36; }
              pre { background: #0d1117; border-color: #30363d; }
              .empty { background: #0d1117; border-color: #3d444d; color: #8b949e; }
              .notice { background: #2b2111; border-color: #5c4212; color: #f0d9a8; }
              td.card { background: #161b22; border-color: #30363d; }
              td.card.ok { border-top-color: #3fb950; } td.card.warn { border-top-color: #d29922; } td.card.bad { border-top-color: #f85149; }
              table.grid th { background: #21262d; border-bottom-color: #3d444d; }
              table.grid td, table.kv th { border-bottom-color: #30363d; }
              .out { background: #0d1117; border-left-color: #3d444d; }
              .pill.ok { background: #12361f; color: #7ee787; }
              div.measured { color: #c9d1d9; }
              .pill.warn { background: #3b2e0a; color: #e3b341; }
              .pill.bad { background: #42161a; color: #ffa198; }
              .pill.na { background: #262c36; color: #9aa4af; }
              td.sign-block { border-color: #3d444d; }
              table.sign-lines td.line { border-bottom-color: #c9d1d9; }
              footer { border-top-color: #30363d; }
              svg.chart text { fill: #c9d1d9; }
              svg.chart .grid-line { stroke: #30363d; }
              svg.chart .axis { fill: #8b949e; }
              svg.chart .bar-total, .sw-total { fill: #1f4e99; background: #1f4e99; }
              svg.chart .bar-ttft, .sw-ttft { fill: #58a6ff; background: #58a6ff; }
              svg.chart .bar-src-total, .sw-src-total { fill: #6b3a1f; background: #6b3a1f; }
              svg.chart .bar-src-ttft, .sw-src-ttft { fill: #f0883e; background: #f0883e; }
            }
            @media print {
              @page { size: A4; margin: 14mm 12mm; }
              html, body, main { background: #ffffff !important; color: #000000 !important; }
              main { max-width: none; margin: 0; padding: 0; border: none; }
              body { font-size: 11px; }
              section { break-inside: auto; }
              tr, td.card, .signoff, svg.chart, pre { break-inside: avoid; page-break-inside: avoid; }
              h2, h3 { break-after: avoid; page-break-after: avoid; }
              thead { display: table-header-group; }
              * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            }
            """;

    static final String PDF = """
            @page { size: A4; margin: 16mm 13mm 18mm 13mm;
              @top-right { content: "Migration checklist"; font-family: "DejaVu Sans", sans-serif; font-size: 7.5pt; color: #6b7683; }
              @bottom-left { content: "Flatkey Migration Assistant \\2014  no key values included"; font-family: "DejaVu Sans", sans-serif; font-size: 7.5pt; color: #6b7683; }
              @bottom-right { content: "Page " counter(page) " of " counter(pages); font-family: "DejaVu Sans", sans-serif; font-size: 7.5pt; color: #3d4651; } }
            html, body, main { background: #ffffff; }
            body { font-size: 10pt; font-family: "DejaVu Sans", sans-serif; }
            code, pre, .id, .out { font-family: "DejaVu Sans Mono", monospace; font-size: 8pt; }
            h1 { font-size: 20pt; } h2 { font-size: 13pt; } h3 { font-size: 10.5pt; }
            table.grid { font-size: 8.5pt; } table.checks td { font-size: 8pt; } td.rule { font-size: 7pt; }
            table.checks .pill, table.recon .pill { font-size: 7pt; padding: 1px 5px; }
            table.recon td, table.recon th { font-size: 8pt; }
            table.checks { table-layout: fixed; }
            table.matrix { table-layout: fixed; margin-bottom: 8px; }
            table.matrix th.m-model { width: 26%; }
            table.matrix th, table.matrix td { padding: 4px 3px; word-wrap: break-word; }
            table.matrix th, table.matrix td.strong { word-break: break-all; }
            table.matrix .pill { font-size: 6.5pt; padding: 1px 4px; }
            .card-value { font-size: 13pt; }
            tr, td.card, pre, .signoff, table.bars { page-break-inside: avoid; }
            h2, h3 { page-break-after: avoid; }
            thead { display: table-header-group; }
            section.signoff { page-break-before: auto; }
            table.bars { margin: 4px 0 8px 0; font-size: 8pt; }
            table.bars td { padding: 1px 4px; vertical-align: middle; }
            table.bars td.bar-label { width: 32%; text-align: right; color: #3d4651; }
            table.bars td.bar-value { width: 14%; white-space: nowrap; color: #3d4651; }
            .track { position: relative; height: 9px; }
            .bar { height: 9px; }
            .bar-total { background: #9ec5fe; } .bar-ttft { background: #0b5ed7; height: 9px; }
            .bar-src-total { background: #f5c2a8; } .bar-src-ttft { background: #c2571a; height: 9px; }
            """;
}
