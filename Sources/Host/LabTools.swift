import Foundation

/// Why the lab cannot run.
package struct LabFailure: Error, CustomStringConvertible {
    package var description: String

    package init(description: String) {
        self.description = description
    }
}

/// The programs the lab runs.
package enum LabTools {
    /// The full path of `tool`: `$ENV` when set, else the absolute folders of PATH and then the
    /// sbin folders (named lives in /usr/sbin, often outside a user's PATH).
    static func find(_ tool: String, override variable: String) -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment[variable], !path.isEmpty {
            return FileManager.default.isExecutableFile(atPath: path) ? path : nil
        }
        return ExecutableSearch.find(tool, path: environment["PATH"] ?? "",
                                     also: ["/usr/sbin", "/usr/local/sbin", "/sbin", "/usr/bin", "/usr/local/bin"])
    }

    /// named's path (`$AMPLSIM_NAMED`, else looked up).
    package static func named() throws(LabFailure) -> String {
        guard let path = find("named", override: "AMPLSIM_NAMED") else {
            throw LabFailure(description: "error: named (BIND 9) is not installed; install it with: apt-get install bind9 bind9-dnsutils")
        }
        return path
    }

    /// util-linux's setpriv when it knows `--pdeathsig` (2.33 and later): named started through
    /// it gets SIGKILL when amplsim dies, whatever the cause.
    static func setprivWithDeathSignal() -> String? {
        guard let path = find("setpriv", override: "AMPLSIM_SETPRIV") else { return nil }
        guard let help = try? ChildProcess(path, ["--help"]).run(errors: .discarded) else { return nil }
        return String(decoding: help.output, as: UTF8.self).contains("--pdeathsig") ? path : nil
    }
}
