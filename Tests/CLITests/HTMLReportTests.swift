import AmplsimTestSupport
import Foundation
import Testing

/// `--format svg|png|html`: Graphviz's output passed through whole, a clear failure without it,
/// and an HTML page that needs nothing from outside, renders in headless Chromium, and filters.
@Suite(.serialized) struct HTMLReportTests {
    static let twoVNets = "Fixtures/topologies/two-vnets-shared-dns.yaml"

    /// A PATH that holds no Graphviz, over this process's environment.
    static let withoutDot = ["PATH": "/nonexistent"]

    @Test(.enabled(if: Tools.dotTests)) func svgAndPngComeFromGraphviz() throws {
        let svg = try amplsim(["simulate", Self.twoVNets, "--format", "svg"])
        #expect(svg.status == 0, "\(svg.stderr)")
        #expect(svg.stdout.hasPrefix("<?xml"))
        #expect(svg.stdout.contains("<svg"))
        #expect(svg.stdout.contains(">unroutable</text>"))
        let png = try amplsim(["simulate", Self.twoVNets, "--format", "png"])
        #expect(png.status == 0, "\(png.stderr)")
        #expect(png.stdoutData.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    }

    @Test func withoutGraphvizSvgAndPngFailWithNothingWritten() throws {
        for format in ["svg", "png"] {
            let run = try amplsim(["simulate", Self.twoVNets, "--format", format], environment: Self.withoutDot)
            #expect(run.status == 3)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr == "amplsim: --format \(format): error: Graphviz's dot is not on PATH; install it with "
                + "`apt-get install graphviz` (Debian, Ubuntu) or your system's graphviz package\n")
        }
    }

    /// Without Graphviz the page is still written, with a note and the DOT source in place of the diagram.
    @Test func withoutGraphvizTheHTMLSaysSo() throws {
        let run = try amplsim(["simulate", Self.twoVNets, "--format", "html"], environment: Self.withoutDot)
        #expect(run.status == 0)
        #expect(run.stderr.hasPrefix("amplsim: warning: the page has no diagram: error: Graphviz's dot is not on PATH"))
        #expect(!run.stdout.contains("<svg"))
        #expect(run.stdout.contains("No diagram: Graphviz&#39;s dot was not on PATH when this page was written (apt-get install graphviz)"))
        #expect(run.stdout.contains("<summary>DOT source</summary>"))
        #expect(run.stdout.contains("&quot;net:vnet1&quot; -&gt; &quot;pe:pe2&quot;"))
    }

    /// Nothing in the page can make a request: no external script, style, image, font or frame,
    /// no URL but the SVG namespaces, and a Content-Security-Policy that forbids every fetch.
    @Test(.enabled(if: Tools.dotTests), arguments: ["simulate", "what-if"])
    func pagesAreSelfContained(_ command: String) throws {
        let run = try amplsim(command == "simulate"
            ? ["simulate", Self.twoVNets, "--format", "html"]
            : ["what-if", "Fixtures/scenarios/two-vnets-before.yaml", "--scenario", "Fixtures/scenarios/vnet2-connects.yaml", "--format", "html"])
        #expect(run.status == (command == "simulate" ? 0 : 1), "\(run.stderr)")
        let page = run.stdout
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "))
        for forbidden in [" src=", "href=", "<link", "@import", "url(", "<iframe", "<object", "<embed"] {
            #expect(!page.contains(forbidden), "the page holds \(forbidden)")
        }
        let namespaces = ["http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"]
        var rest = page
        for namespace in namespaces { rest = rest.replacingOccurrences(of: namespace, with: "") }
        #expect(!rest.contains("http://") && !rest.contains("https://") && !rest.contains("//cdn"))
        // simulate: the diagram; what-if: the change, then before and after (folded).
        #expect(page.components(separatedBy: "<svg").count - 1 == (command == "simulate" ? 1 : 3))
    }

    /// What-if: the before diagram has no arrow vnet1 -> pe2 (pe2 does not exist yet); the after
    /// one does, red. The ten breaks of vnet1 are listed with their ways out.
    @Test(.enabled(if: Tools.dotTests)) func whatIfShowsBeforeAfterAndBreaks() throws {
        let run = try amplsim(["what-if", "Fixtures/scenarios/two-vnets-before.yaml", "--scenario",
                                  "Fixtures/scenarios/vnet2-connects.yaml", "--format", "html"])
        let page = run.stdout
        let before = try #require(page.range(of: "<h3>Before</h3>"))
        let after = try #require(page.range(of: "<h3>After</h3>"))
        let breaks = try #require(page.range(of: "<section id=\"breaks\">"))
        #expect(!page[before.upperBound..<after.lowerBound].contains("<title>net:vnet1&#45;&gt;pe:pe2</title>"))
        #expect(page[after.upperBound..<breaks.lowerBound].contains("<title>net:vnet1&#45;&gt;pe:pe2</title>"))
        #expect(page.contains("<h3>vnet1: 10 breaks</h3>"))
        #expect(page.contains("<li>peer vnet1 with vnet2: <span class=\"heals\">"))
        // Every id is prefixed per drawing, so the two SVGs do not clash.
        #expect(page.contains("id=\"before-graph0\"") && page.contains("id=\"after-graph0\""))
    }

    /// Headless Chromium opens the page offline, runs its script, and the filter given in the
    /// address (vnet1, unroutable) keeps vnet1's 17 unroutable rows of 40 (reasoned in DiagramTests).
    @Test(.enabled(if: Tools.chromiumTests)) func chromiumRendersAndFilters() throws {
        let html = try amplsim(["simulate", Self.twoVNets, "--format", "html"])
        #expect(html.status == 0)
        let file = try temporaryFile(html.stdout, name: "report.html")
        let dom = try Tools.chromium(["--dump-dom"], page: "file://\(file)#network=vnet1&status=unroutable")
        #expect(dom.status == 0, "\(dom.stderr)")
        #expect(dom.stdout.contains("<span class=\"shown\">17 of 40 rows shown</span>"))
        #expect(dom.stdout.contains("data-shown=\"17\""))
        let hidden = dom.stdout.components(separatedBy: "\" hidden=\"\"").count - 1
        #expect(hidden == 23)
        // The status "failed" keeps all 27 failing rows of both networks.
        let failed = try Tools.chromium(["--dump-dom"], page: "file://\(file)#status=failed")
        #expect(failed.stdout.contains("<span class=\"shown\">27 of 40 rows shown</span>"))
        // The text filter searches every column, the name asked included, and comes back from
        // the address: dc.applicationinsights.azure.com is the `ingest` name of both components
        // (MODEL.md section 2), asked from both networks: 4 rows.
        let byName = try Tools.chromium(["--dump-dom"], page: "file://\(file)#text=dc.applicationinsights.azure.com")
        #expect(byName.stdout.contains("<span class=\"shown\">4 of 40 rows shown</span>"))
        // Without a filter every row shows, and the diagram is in the page.
        let plain = try Tools.chromium(["--dump-dom"], page: "file://\(file)")
        #expect(plain.stdout.contains("<span class=\"shown\">40 of 40 rows shown</span>"))
        #expect(plain.stdout.contains("<svg"))

        let shot = try temporaryFolder().appendingPathComponent("shot.png").path
        let screenshot = try Tools.chromium(["--screenshot=\(shot)", "--window-size=1280,1600"], page: "file://\(file)")
        #expect(screenshot.status == 0, "\(screenshot.stderr)")
        let png = try Data(contentsOf: URL(fileURLWithPath: shot))
        #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 50_000)   // a page with a drawing, not a blank one
    }
}
