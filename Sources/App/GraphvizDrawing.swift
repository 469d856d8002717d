import AmplsimHost
import AmplsimRender
import Foundation

/// Diagrams drawn by Graphviz for the commands: whole pictures, or a page's diagram that says why
/// it is missing.
package enum GraphvizDrawing {
    /// `source` drawn as `format` (svg, png); a missing or failing dot is a missing tool (exit 3).
    package static func draw(_ source: String, format: String) throws(CommandFailure) -> Data {
        do {
            return try Graphviz().render(source, format: format)
        } catch {
            throw .missingTool("amplsim: --format \(format): \(error.description)")
        }
    }

    /// The drawing an HTML page shows: the SVG, or why there is none (the page is written anyway,
    /// and standard error says so).
    package static func page(_ source: String) -> HTMLReport.Drawing {
        do {
            let data = try Graphviz().render(source, format: "svg")
            return .svg(String(decoding: data, as: UTF8.self))
        } catch {
            printError("amplsim: warning: the page has no diagram: \(error.description)")
            let reason: String
            switch error {
            case .missing: reason = "Graphviz's dot was not on PATH when this page was written (apt-get install graphviz)"
            default: reason = "Graphviz's dot failed when this page was written"
            }
            return .unavailable(reason: reason, dot: source)
        }
    }
}
