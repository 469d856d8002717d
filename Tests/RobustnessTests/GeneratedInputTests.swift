import AmplsimTestSupport
import AmplsimTopology
import Foundation
import Testing

extension Robustness {
    /// Hostile inputs too big (or too parametric) to commit: each is written into a temporary folder,
    /// run, and removed.
    @Suite("Generated hostile inputs: no crash, no hang, no explosion", .serialized)
    struct GeneratedInputTests {
        /// Writes `text` as `name` in a fresh temporary folder.
        private func write(_ text: String, as name: String) throws -> URL {
            let url = try temporaryFolder().appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url
        }

        private func remove(_ url: URL) {
            try? FileManager.default.removeItem(at: url.deletingLastPathComponent())
        }

        /// Runs `simulate` on `url` and checks: exit 2, standard error matching `pattern` (given
        /// with `PATH` for the file's path), empty standard output, within the bounds.
        private func expectBadInput(_ url: URL, _ pattern: String, _ what: String,
                                    sourceLocation: SourceLocation = #_sourceLocation) throws {
            let outcome = try runAmplsim("simulate", url.path)
            expectWithinBounds(outcome, what, sourceLocation: sourceLocation)
            #expect(outcome.exitStatus == 2, "\(what): \(outcome)", sourceLocation: sourceLocation)
            let regex = try Regex(pattern.replacingOccurrences(of: "PATH", with: literal(url.path)))
            #expect(outcome.stderr.wholeMatch(of: regex) != nil,
                    "\(what): standard error \(outcome.stderr.prefix(400).debugDescription) does not match \(pattern.debugDescription)",
                    sourceLocation: sourceLocation)
            #expect(outcome.stdout.isEmpty, "\(what): standard output holds \(outcome.stdout.count) bytes", sourceLocation: sourceLocation)
        }

        // MARK: Size

        /// A 200 MiB topology (valid YAML: a version and comments) is refused by its size, before it
        /// is read.
        @Test("a 200 MiB topology is refused by its size")
        func twoHundredMebibyteTopology() throws {
            let url = try temporaryFolder().appendingPathComponent("topology-200mib.yaml")
            defer { remove(url) }
            let size = 200 << 20
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
            let handle = try FileHandle(forWritingTo: url)
            let line = Array("# padding of a hostile topology, line after line after line after line after line after...\n".utf8)
            let chunk = Data((0..<((1 << 20) / line.count)).flatMap { _ in line })
            try handle.write(contentsOf: Data("version: 1\n".utf8))
            var written = 11
            while written + chunk.count <= size {
                try handle.write(contentsOf: chunk)
                written += chunk.count
            }
            try handle.write(contentsOf: Data(repeating: UInt8(ascii: "\n"), count: size - written))
            try handle.close()
            try expectBadInput(url, "PATH: error: the topology file is 209715200 bytes; the limit is \(TopologyLoader.maxFileSize) bytes\\n",
                               "200 MiB topology")
        }

        /// A topology just under the loader's size limit (`TopologyLoader.maxFileSize`, 4 MiB today,
        /// less 1 KiB) whose second key is a near miss holding mappings (about 56,000 at 4 MiB): the whole
        /// document is composed before the key is checked.
        @Test("a topology just under the size limit ends within the bounds")
        func topologyJustUnderTheSizeLimit() throws {
            let url = try temporaryFolder().appendingPathComponent("topology-near-limit.yaml")
            defer { remove(url) }
            let limit = TopologyLoader.maxFileSize
            let entry = "  - {name: ws, id: 2497b122-367b-493e-9c7d-8081ad4e8713, region: eastus}\n"
            var text = "version: 1\nworkspace:\n"
            text += String(repeating: entry, count: (limit - 1024 - text.utf8.count) / entry.utf8.count)
            try Data(text.utf8).write(to: url)
            try expectBadInput(url, "PATH:2: error: unknown key 'workspace'; did you mean 'workspaces'\\?\\n",
                               "topology of \(limit - 1024) bytes")
        }

        // MARK: Nesting

        struct Nesting: Sendable, CustomTestStringConvertible {
            var name: String
            var file: String
            var text: String
            var line: Int
            var testDescription: String { name }
        }

        static let depth = 20_000
        static let nestings: [Nesting] = [
            Nesting(name: "YAML flow sequences", file: "deep.yaml",
                    text: "version: 1\nnetworks: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n",
                    line: 2),
            Nesting(name: "YAML flow mappings", file: "deep.yaml",
                    text: "version: 1\nnetworks: " + String(repeating: "{a: ", count: depth) + "b" + String(repeating: "}", count: depth) + "\n",
                    line: 2),
            Nesting(name: "YAML block sequences", file: "deep.yaml",
                    text: "version: 1\nnetworks:\n" + String(repeating: "- ", count: depth) + "x\n", line: 3),
            Nesting(name: "YAML flow sequences, never closed", file: "deep.yaml",
                    text: "version: 1\nnetworks: " + String(repeating: "[", count: depth) + "\n", line: 2),
            Nesting(name: "JSON arrays", file: "deep.json",
                    text: "{\"version\": 1, \"networks\": " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}\n",
                    line: 1),
        ]

        /// Nesting 20,000 deep is bad input with a message about the nesting, not a stack overflow.
        @Test("nesting 20,000 deep", arguments: nestings)
        func deepNesting(_ nesting: Nesting) throws {
            let url = try write(nesting.text, as: nesting.file)
            defer { remove(url) }
            try expectBadInput(url, "PATH:\(nesting.line): error: [^\\n]*nest[^\\n]*\\n", "\(Self.depth) deep: \(nesting.name)")
        }

        // MARK: Many entries, then one mistake

        struct Crowd: Sendable, CustomTestStringConvertible {
            var name: String
            var text: String
            var message: String
            var testDescription: String { name }
        }

        // Large enough that comparing every entry with every other (the fault these catch) takes
        // minutes, small enough that a linear check stays far inside the bound on a debug build.
        static let crowdSize = 10_000
        static let crowds: [Crowd] = [
            Crowd(name: "\(crowdSize) networks, the last one overlapping the first",
                  text: "version: 1\nnetworks:\n" + (0..<crowdSize).map { i in
                      "  - {name: n\(i), addressSpace: [10.\((i >> 13) & 255).\((i >> 5) & 255).\((i & 31) * 8)/29]}\n"
                  }.joined() + "  - {name: last, addressSpace: [10.0.0.0/8]}\n",
                  message: "PATH:\(crowdSize + 3): error: networks\\[\(crowdSize)\\]\\.addressSpace\\[0\\]: 10\\.0\\.0\\.0/8 overlaps 10\\.0\\.0\\.0/29 of network n0; network address spaces must not overlap\\n"),
            Crowd(name: "\(crowdSize) workspaces, the last one reusing the first one's id",
                  text: "version: 1\nworkspaces:\n" + (0..<crowdSize).map { i in
                      "  - {name: w\(i), id: 00000000-0000-4000-8000-\(String(repeating: "0", count: 12 - String(i, radix: 16).count) + String(i, radix: 16)), region: eastus}\n"
                  }.joined() + "  - {name: dup, id: 00000000-0000-4000-8000-000000000000, region: eastus}\n",
                  message: "PATH:\(crowdSize + 3): error: workspaces\\[\(crowdSize)\\]\\.id: workspace id 00000000-0000-4000-8000-000000000000 is already used by w0\\n"),
            // MODEL.md version 2, section 7: a scope holds at most 1,000 components by default.
            Crowd(name: "a scope of \(crowdSize) components (the limit is 1,000)",
                  text: "version: 1\ncomponents:\n" + (0..<crowdSize).map { "  - {name: c\($0), region: eastus}\n" }.joined()
                      + "scopes:\n  - name: s\n    resources: [" + (0..<crowdSize).map { "c\($0)" }.joined(separator: ", ") + "]\n",
                  message: "PATH:\(crowdSize + 5): error: scopes\\[0\\]\\.resources: scope s holds \(crowdSize) components; the limit is 1000 \\(settings\\.limits\\.componentsPerScope\\)\\n"),
            Crowd(name: "a scope of \(crowdSize) members with limits: seed (the limit is 50)",
                  text: "version: 2\nsettings: {limits: seed}\ncomponents:\n" + (0..<crowdSize).map { "  - {name: c\($0), region: eastus}\n" }.joined()
                      + "scopes:\n  - name: s\n    resources: [" + (0..<crowdSize).map { "c\($0)" }.joined(separator: ", ") + "]\n",
                  message: "PATH:\(crowdSize + 6): error: scopes\\[0\\]\\.resources: scope s holds \(crowdSize) resources; the limit is 50 \\(settings\\.limits\\.resourcesPerScope\\)\\n"),
        ]

        /// A long list followed by one mistake is reported within the bounds: the checks must not
        /// compare every entry with every other.
        @Test("many entries, then one mistake", arguments: crowds)
        func crowd(_ crowd: Crowd) throws {
            let url = try write(crowd.text, as: "crowd.yaml")
            defer { remove(url) }
            try expectBadInput(url, crowd.message, crowd.name)
        }

        // MARK: A 10,000-long CNAME chain (not bad input)

        struct Chain: Sendable, CustomTestStringConvertible {
            var name: String
            /// The last name of the chain points back at the first.
            var loops: Bool
            var testDescription: String { name }
        }

        static let chainLength = 10_000

        /// A topology whose monitor zone sends the AMPLS names into a 10,000-long CNAME chain.
        private func chainTopology(loops: Bool) throws -> URL {
            var zone = "$ORIGIN privatelink.monitor.azure.com.\n$TTL 10\n"
            for name in ["api", "global.in.ai", "profiler", "snapshot"] { zone += "\(name) CNAME c0\n" }
            for i in 0..<Self.chainLength {
                let next = loops && i == Self.chainLength - 1 ? 0 : i + 1
                zone += "c\(i) CNAME c\(next)\n"
            }
            let topology = """
                version: 1
                networks:
                  - {name: vnet1, addressSpace: [10.0.1.0/24]}
                zones:
                  - {id: monitor, name: privatelink.monitor.azure.com, links: [vnet1], file: chain.zone}
                workspaces:
                  - {name: law-app1, id: 2497b122-367b-493e-9c7d-8081ad4e8713, region: eastus}
                components:
                  - {name: appi-app1, region: eastus, stamp: 5}

                """
            let url = try write(topology, as: "chain.yaml")
            try Data(zone.utf8).write(to: url.deletingLastPathComponent().appendingPathComponent("chain.zone"))
            return url
        }

        /// `simulate` finishes (exit 0) and every row whose chain enters the CNAME chain is `servfail`;
        /// nothing overflows the stack. `resolve` and `audit` go through the same chain.
        @Test("a 10,000-long CNAME chain in a topology zone: servfail rows, exit 0",
              arguments: [Chain(name: "a chain", loops: false), Chain(name: "a loop", loops: true)])
        func longCnameChain(_ chain: Chain) throws {
            let url = try chainTopology(loops: chain.loops)
            defer { remove(url) }

            let simulate = try runAmplsim("simulate", url.path, "--format", "json")
            expectWithinBounds(simulate, "simulate, \(chain.name)")
            #expect(simulate.exitStatus == 0, "simulate, \(chain.name): \(simulate)")
            #expect(simulate.stderr.isEmpty, "simulate, \(chain.name): \(simulate.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: simulate.stdout) as? [String: Any])
            let rows = try #require(json["results"] as? [[String: Any]])
            let inChain = rows.filter { ($0["chain"] as? [String] ?? []).contains("c0.privatelink.monitor.azure.com") }
            // query (workspace and component), ingest, profiler and snapshot.
            #expect(inChain.count == 5, "rows entering the chain: \(inChain.count)")
            for row in inChain {
                #expect(row["status"] as? String == "servfail", "\(row)")
                #expect(row["answer"] is NSNull, "\(row)")
            }
            let summary = try #require(json["summary"] as? [String: Int])
            #expect(summary["failed"] ?? 0 >= inChain.count)

            let resolve = try runAmplsim("resolve", url.path, "--network", "vnet1", "api.monitor.azure.com")
            expectWithinBounds(resolve, "resolve, \(chain.name)")
            #expect(resolve.exitStatus == 0, "resolve, \(chain.name): \(resolve)")
            #expect(resolve.stdoutText.contains("SERVFAIL"), "resolve, \(chain.name): \(resolve.stdoutText.suffix(300))")

            let audit = try runAmplsim("audit", url.path)
            expectWithinBounds(audit, "audit, \(chain.name)")
            #expect(audit.exitStatus == 1, "audit, \(chain.name) (error findings): \(audit)")
            #expect(audit.stdoutText.contains("cname-loop"), "audit, \(chain.name)")
        }
    }
}
