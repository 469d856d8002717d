/// The version amplsim reports, and the commit it was built from when `make install` or `make
/// dist` built it.
enum BuildInfo {
    /// The release number. Reports (HTML, SARIF) name this alone, so that they do not change
    /// from one commit to the next.
    static let version = "0.1.0"

    #if AMPLSIM_BUILD_STAMP
    /// The commit, from `BuildStamp.swift`, which the Makefile writes before a stamped build.
    static let commit: String? = BuildStamp.commit
    #else
    /// A plain `swift build` knows no commit.
    static let commit: String? = nil
    #endif

    /// What `amplsim --version` prints: `amplsim 0.1.0 (commit 9ea0e8e1b2c3)`, or
    /// `amplsim 0.1.0 (unknown commit)`.
    static var versionLine: String {
        "amplsim \(version) (\(commit.map { "commit \($0)" } ?? "unknown commit"))"
    }
}
