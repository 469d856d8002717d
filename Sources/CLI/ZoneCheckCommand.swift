import AmplsimApp
import AmplsimHost
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

    @Argument(help: "The zone file.")
    var zoneFile: String

    @Option(help: "The origin for relative names before any $ORIGIN (default: the root).")
    var origin: String?

    @OptionGroup var output: TextOrJSONFormat

    @Option(help: "How many errors to list before stopping.")
    var maxErrors: Int = 20

    func validate() throws {
        if maxErrors < 1 { throw ValidationError("--max-errors must be at least 1") }
    }

    func run() throws {
        let check = try ZoneCheck(file: zoneFile, origin: origin, maxErrors: maxErrors)
        switch output.format {
        case .text:
            write(check.text)
            for error in check.contents.errors { printError(error.description) }
        case .json:
            write(check.json)
        }
        if !check.contents.errors.isEmpty { throw CommandFailure.badInput(nil) }
    }
}
