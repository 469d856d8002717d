import AmplsimRender
import AmplsimZoneFile
import ArgumentParser

/// `amplsim zone-check`: parse a zone file with ldns and report.
struct ZoneCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zone-check",
        abstract: "Parse a zone file (RFC 1035 master file) and report record counts and errors.",
        discussion: """
        Reads the file in pieces, splitting records in Swift and parsing their data on every core \
        (A, AAAA and CNAME in Swift, every other type through ldns). Prints the number of records by type, then \
        the first errors with their line numbers. $INCLUDE is refused (files are read alone). \
        Exits 2 when the file has any error.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "The zone file.")
    var zoneFile: String

    @Option(help: "The origin for relative names before any $ORIGIN (default: the root).")
    var origin: String?

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: "How many errors to list before stopping.")
    var maxErrors: Int = 20

    func validate() throws {
        if maxErrors < 1 { throw ValidationError("--max-errors must be at least 1") }
    }

    func run() throws {
        let contents: ZoneFileContents
        do {
            contents = try ZoneFileReader(origin: origin, maxErrors: maxErrors).read(path: zoneFile)
        } catch {
            printError(error.description)
            throw Exit.badInput
        }
        let counts = recordCountsByType(contents.records)
        switch format {
        case .text:
            var out = "\(zoneFile): \(contents.records.count) records"
            out += contents.errors.isEmpty ? "\n" : ", \(contents.errors.count) error\(contents.errors.count == 1 ? "" : "s")\n"
            for (type, count) in counts { out += "  \(MatrixTable.pad(type.name, 10)) \(count)\n" }
            write(out)
            for error in contents.errors { printError(error.description) }
        case .json:
            var json = JSONText()
            json.beginObject()
            json.field("version", 1)
            json.field("file", zoneFile)
            json.field("records", contents.records.count)
            json.key("types")
            json.beginObject()
            for (type, count) in counts { json.field(type.name, count) }
            json.endObject()
            json.key("errors")
            json.beginArray()
            for error in contents.errors {
                json.beginObject()
                json.field("line", error.line)
                json.field("message", error.message)
                json.endObject()
            }
            json.endArray()
            json.endObject()
            write(json.text + "\n")
        }
        if !contents.errors.isEmpty { throw Exit.badInput }
    }
}
