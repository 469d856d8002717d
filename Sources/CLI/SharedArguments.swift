import AmplsimApp
import AmplsimEngine
import AmplsimHost
import AmplsimRender
import ArgumentParser

/// The topology file, as most commands take it.
struct TopologyArgument: ParsableArguments {
    @Argument(help: "The topology file (YAML or JSON; - reads standard input).")
    var topology: String
}

/// What a command checks intents for, as `--intents`' help and messages say it.
protocol IntentsPurpose {
    /// "check", "satisfy": the intents to `verb`.
    static var verb: String { get }
}

/// `check`: intents to check.
enum CheckIntents: IntentsPurpose { static let verb = "check" }
/// `fix`: intents to satisfy.
enum SatisfyIntents: IntentsPurpose { static let verb = "satisfy" }
/// `what-if`: intents to check before and after the steps.
enum WhatIfIntents: IntentsPurpose { static let verb = "check before and after" }

/// `--intents FILE`: intents that replace the topology's own.
struct IntentsOption<Purpose: IntentsPurpose>: ParsableArguments {
    @Option(help: ArgumentHelp("Intents to \(Purpose.verb) instead of the topology's own: a list, or a mapping with `intents:`.",
                               valueName: "FILE"))
    var intents: String?
}

/// `check` and `fix`: a topology and the intents it must satisfy.
struct IntentArguments<Purpose: IntentsPurpose>: ParsableArguments {
    @Argument(help: "The topology file (YAML or JSON).")
    var topology: String

    @OptionGroup var file: IntentsOption<Purpose>

    /// The intents to judge `evaluated` by; none is bad input.
    func intents(_ evaluated: Evaluated) throws -> [Intent] {
        try evaluated.requiredIntents(file: file.intents, topology: topology, purpose: Purpose.verb)
    }
}

/// `--format text|json` (resolve, zone-check).
struct TextOrJSONFormat: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "Output format: text or json.")
    var format: Format = .text
}

/// `--no-incremental` (replay, what-if), for measurement.
struct IncrementalFlag: ParsableArguments {
    @Flag(help: ArgumentHelp("Evaluate every step in full instead of incrementally (for measurement).", visibility: .hidden))
    var noIncremental = false
}

/// `--force` where it overwrites files one by one (generate, lab export).
struct OverwriteFlag: ParsableArguments {
    @Flag(help: "Overwrite existing files.")
    var force = false
}

/// `--directory` (lab up, lab verify): a folder to run the lab in instead of a temporary one, for tests.
struct LabDirectoryOption: ParsableArguments {
    @Option(help: .hidden)
    var directory: String?
}

/// `--zone-file ZONE_ID=PATH`: a zone file that replaces a zone's own. Any text is taken, so that
/// `audit`'s validation names a malformed one in its own words.
struct ZoneFileAssignment: ExpressibleByArgument {
    /// The value as given.
    let text: String
    /// The zone's id and the file; nil when the value is not ZONE_ID=PATH.
    let assignment: (zone: String, path: String)?

    init(argument: String) {
        text = argument
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        assignment = parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty ? (parts[0], parts[1]) : nil
    }
}

extension SimulateFormat: ExpressibleByArgument {}
extension ManualDNSFiles.Kind: ExpressibleByArgument {}

extension ColorChoice: ExpressibleByArgument {}

/// `--color` and `--summary`, for the commands that print tables (simulate, what-if, replay,
/// audit).
struct TableOptions: ParsableArguments {
    @Option(help: "Colour in tables: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorChoice = .auto

    @Flag(help: "The short form of the table: the causes, then one line per network or step.")
    var summary = false

    /// Refuses `--summary` with a format other than the table.
    func check(tableFormat: Bool, format: String) throws {
        if summary && !tableFormat {
            throw ValidationError("--summary is a form of the table; it does not apply to --format \(format)")
        }
    }

    /// How the table goes to standard output.
    var style: TerminalStyle { .standardOutput(color, terminal: .current) }
}
