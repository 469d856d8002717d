/// The style sheet and script every HTML report carries inline: the page makes no request of its
/// own (its Content-Security-Policy forbids any), so it opens the same offline, from a mail
/// attachment or a CI artefact.
enum ReportAssets {
    /// `default-src 'none'`: no fetch, image, font or frame; only the inline style and script.
    static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

    static let css = """
    :root { --ok: #2e7d32; --fail: #c62828; --muted: #616161; --line: #d0d7de; --bg: #f6f8fa; }
    * { box-sizing: border-box; }
    body { font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2328; margin: 0; }
    header, main, footer { max-width: 1400px; margin: 0 auto; padding: 0 24px; }
    header { padding-top: 20px; }
    h1 { font-size: 22px; margin: 0 0 4px; }
    h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
    h3 { font-size: 15px; margin: 18px 0 6px; }
    code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
    .command { color: var(--muted); margin: 0 0 12px; }
    .cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
    .card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 120px; background: #fff; }
    .card b { display: block; font-size: 22px; }
    .card.ok b { color: var(--ok); }
    .card.fail b { color: var(--fail); }
    .verdict { font-size: 15px; margin: 8px 0; }
    .verdict.bad { color: var(--fail); }
    .verdict.good { color: var(--ok); }
    figure { margin: 8px 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px; overflow: auto; background: #fff; }
    figure svg { max-width: 100%; height: auto; display: block; margin: 0 auto; }
    figcaption { color: var(--muted); font-size: 12px; margin-top: 4px; }
    .diagrams { display: grid; grid-template-columns: 1fr; gap: 12px; }
    @media (min-width: 1800px) { .diagrams.two { grid-template-columns: 1fr 1fr; } }
    .note { border-left: 4px solid #bf8700; background: #fff8c5; padding: 8px 12px; border-radius: 4px; }
    table { border-collapse: collapse; width: 100%; margin: 6px 0; }
    th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
    th { background: var(--bg); position: sticky; top: 0; }
    td.num, th.num { text-align: right; }
    tr.fail td.status { color: var(--fail); font-weight: 600; }
    tr.ok td.status { color: var(--ok); }
    td.detail { color: #424a53; font-size: 13px; }
    table.matrix td:not(.detail), table.networks td { white-space: nowrap; }
    .filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin: 8px 0; padding: 8px;
               background: var(--bg); border: 1px solid var(--line); border-radius: 6px; }
    .filters label { font-weight: 600; }
    .filters select, .filters input { font: inherit; padding: 2px 4px; }
    .shown { color: var(--muted); }
    ul.ways { margin: 4px 0 0; padding-left: 20px; }
    .heals { color: var(--ok); }
    .nothealed { color: var(--fail); }
    details { margin: 8px 0; }
    summary { cursor: pointer; font-weight: 600; }
    pre { background: var(--bg); padding: 8px; overflow: auto; font-size: 12px; }
    footer { color: var(--muted); font-size: 12px; padding: 24px; }
    """

    /// Filters each `.filterable` section's table by network (a row's `data-network` may list
    /// several, separated by spaces: an audit finding's networks), status and text (any column,
    /// the name asked included). The first choice can come from the address's fragment
    /// (`#network=vnet1&status=failed&text=dc.applicationinsights`), and every change, the text
    /// too, is written back there, so that a filtered view can be linked to.
    static let script = """
    (function () {
      function params() {
        var out = {};
        location.hash.replace(/^#/, "").split("&").forEach(function (part) {
          var kv = part.split("=");
          if (kv.length === 2) out[decodeURIComponent(kv[0])] = decodeURIComponent(kv[1]);
        });
        return out;
      }
      document.querySelectorAll("section.filterable").forEach(function (section) {
        var network = section.querySelector("select[name=network]");
        var status = section.querySelector("select[name=status]");
        var text = section.querySelector("input[name=text]");
        var shown = section.querySelector(".shown");
        var rows = Array.prototype.slice.call(section.querySelectorAll("tbody tr"));
        function has(select, value) {
          return Array.prototype.some.call(select.options, function (o) { return o.value === value; });
        }
        function apply(writeHash) {
          var n = network.value, s = status.value, t = text.value.trim().toLowerCase(), count = 0;
          rows.forEach(function (row) {
            var st = row.getAttribute("data-status");
            var ok = (n === "" || (" " + row.getAttribute("data-network") + " ").indexOf(" " + n + " ") >= 0)
              && (s === "" || st === s || (s === "failed" && row.classList.contains("fail"))
                  || (s === "succeeded" && row.classList.contains("ok")))
              && (t === "" || row.textContent.toLowerCase().indexOf(t) >= 0);
            row.hidden = !ok;
            if (ok) count += 1;
          });
          shown.textContent = count + " of " + rows.length + " rows shown";
          section.setAttribute("data-shown", String(count));
          if (writeHash && history.replaceState) {
            var parts = [];
            if (n) parts.push("network=" + encodeURIComponent(n));
            if (s) parts.push("status=" + encodeURIComponent(s));
            if (text.value.trim()) parts.push("text=" + encodeURIComponent(text.value.trim()));
            history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname);
          }
        }
        var p = params();
        if (p.network && has(network, p.network)) network.value = p.network;
        if (p.status && has(status, p.status)) status.value = p.status;
        if (p.text) text.value = p.text;
        [network, status].forEach(function (el) { el.addEventListener("change", function () { apply(true); }); });
        text.addEventListener("input", function () { apply(true); });
        apply(false);
      });
    })();
    """
}
