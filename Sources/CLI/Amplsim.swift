import ArgumentParser

/// The `amplsim` command: Azure Monitor Private Link DNS, simulated before you click Create.
package struct Amplsim: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "amplsim",
        abstract: "Simulate Azure Monitor Private Link DNS: which network reaches which endpoint, and why not.",
        discussion: """
        amplsim reads a topology (networks, DNS servers, private DNS zones, workspaces, components, \
        scopes and private endpoints, then a timeline of changes) and resolves every Azure Monitor \
        endpoint from every network, the way Azure DNS and custom DNS servers would.

        Exit status: 0 success; 1 the command found failures (simulate --fail-on-broken, audit errors, what-if breaks, \
        check: a violated intent; fix: no change set found); \
        2 bad input (the message names the file, line and field); 3 Graphviz's dot missing or failing (--format svg|png); 64 usage error.
        """,
        version: BuildInfo.versionLine,
        subcommands: [SimulateCommand.self, ResolveCommand.self, ReplayCommand.self, WhatIfCommand.self, AuditCommand.self,
                      CheckCommand.self, FixCommand.self, GenerateCommand.self, ZoneCheckCommand.self, LabCommand.self,
                      ImportCommand.self, InitCommand.self]
    )

    package init() {}
}
