import AmplsimEngine
import AmplsimRender
import AmplsimTestSupport
import AmplsimTopology
import Foundation
import Testing

/// JSON strings (RFC 8259 section 7): `"`, `\` and U+0000–U+001F are escaped, nothing else. The
/// writer checks eight bytes at a time, so each special character is tried at every offset of a
/// word and in the tail.
@Suite struct JSONTextTests {
    private func quoted(_ s: String) -> String {
        var json = JSONText()
        json.string(s)
        return json.text
    }

    @Test func escapesEachSpecialCharacterAtEveryOffset() {
        let cases: [(Character, String)] = [
            ("\"", "\\\""), ("\\", "\\\\"), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"),
            ("\u{00}", "\\u0000"), ("\u{01}", "\\u0001"), ("\u{1F}", "\\u001f"),
        ]
        for (special, escaped) in cases {
            for length in [1, 7, 8, 9, 16, 23] {
                for offset in 0..<length {
                    let before = String(repeating: "a", count: offset)
                    let after = String(repeating: "b", count: length - offset - 1)
                    #expect(quoted(before + String(special) + after) == "\"" + before + escaped + after + "\"",
                            "\(special.unicodeScalars.first!.value) at \(offset) of \(length)")
                }
            }
        }
    }

    @Test func leavesNeighboursOfTheSpecialBytesAlone() {
        // 0x20 (space), 0x21, 0x23 (around `"` 0x22), 0x5B, 0x5D (around `\` 0x5C), 0x7F, and
        // multi-byte UTF-8, each in a word of its own and mixed.
        let plain = " !#[]\u{7F}é→ spoke-0120 answers 10.1.2.3; scope-0 does not hold law-0001"
        #expect(quoted(plain) == "\"" + plain + "\"")
        for piece in [" ", "!", "#", "[", "]", "\u{7F}", "é", "→"] {
            let word = String(repeating: piece, count: 9)
            #expect(quoted(word) == "\"" + word + "\"")
        }
    }
}


/// `simulate --format json` writes rows with `MatrixJSON.RowWriter`, which reuses the encoded
/// network and resource of the row before, and per name slot the encoded resolution and detail;
/// a slot's resolution is kept from one network to the next while its name, chain and answer stay
/// the same. Its bytes must be those of writing each row alone, across network and resource
/// boundaries (and a resource that ends one network and starts the next, as with a single
/// resource), and where one name with one chain answers differently in the next network.
@Suite struct MatrixRowWriterTests {
    @Test(arguments: ["two-vnets-shared-dns.yaml", "access-modes.yaml", "onprem-forwarder.yaml", "hosts-file.yaml",
                      "separate-pe-per-spoke.yaml", "dce-scopes.yaml"])
    func rowWriterMatchesRowByRowWriting(_ name: String) throws {
        let world = Timeline.finalWorld(of: try TopologyLoader().load(path: fixture("topologies/\(name)"))).world
        let simulation = Simulation(world: world)
        let rows = simulation.rows()
        #expect(Set(rows.map(\.network)).count > 1)
        var streamed = JSONText(), alone = JSONText(), fromRows = JSONText(), mixed = JSONText()
        var writer = MatrixJSON.RowWriter(slots: simulation.nameSlots)
        var rowWriter = MatrixJSON.RowWriter(slots: simulation.nameSlots)
        var mixedWriter = MatrixJSON.RowWriter(slots: simulation.nameSlots)
        for (n, network) in world.networks.enumerated() {
            // As `simulate` writes them: the rows' parts, lent, with the network's answers.
            simulation.forEachRow(of: network) { resource, _, endpoint, fqdn, slot, answer, status, via, reason in
                writer.append(network: network.name, resource, endpoint, fqdn, slot, answer, status, via, reason, to: &streamed)
            }
            simulation.forEachRow(of: network) { row, slot in rowWriter.append(row, slot: slot, to: &fromRows) }
            // One writer given answers for one network and resolutions for the next: a slot
            // last written from a resolution is not taken for its answer's.
            simulation.forEachRow(of: network) { resource, _, endpoint, fqdn, slot, answer, status, via, reason in
                if n % 2 == 0 {
                    mixedWriter.append(network: network.name, resource, endpoint, fqdn, slot, answer, status, via, reason, to: &mixed)
                } else {
                    mixedWriter.append(network: network.name, resource, endpoint, fqdn, slot, answer.resolution, status, via, reason,
                                       to: &mixed)
                }
            }
        }
        for row in rows { MatrixJSON.write(row, into: &alone) }
        #expect(streamed.text == alone.text)
        #expect(fromRows.text == alone.text)
        #expect(mixed.text == alone.text)
        // Every pair of networks written X, Y, X: X's from its answers, Y's from resolutions in
        // between. X's slots must not be taken as still encoding X's answers.
        for x in world.networks {
            for y in world.networks where y.name != x.name {
                var pair = MatrixJSON.RowWriter(slots: simulation.nameSlots)
                var got = JSONText(), want = JSONText()
                for (step, network) in [x, y, x].enumerated() {
                    simulation.forEachRow(of: network) { resource, _, endpoint, fqdn, slot, answer, status, via, reason in
                        if step == 1 {
                            pair.append(network: network.name, resource, endpoint, fqdn, slot, answer.resolution, status, via, reason,
                                        to: &got)
                        } else {
                            pair.append(network: network.name, resource, endpoint, fqdn, slot, answer, status, via, reason, to: &got)
                        }
                    }
                    simulation.forEachRow(of: network) { row in MatrixJSON.write(row, into: &want) }
                }
                #expect(got.text == want.text, "\(name): \(x.name), \(y.name), \(x.name)")
            }
        }
        // Each row is one object naming its own network and resource.
        let parsed = try JSONSerialization.jsonObject(with: Data(("[" + streamed.text + "]").utf8)) as? [[String: Any]]
        #expect(parsed?.count == rows.count)
        for (object, row) in zip(parsed ?? [], rows) {
            #expect(object["network"] as? String == row.network.name)
            #expect(object["resource"] as? String == row.resource.name)
            #expect(object["status"] as? String == row.status.rawValue)
        }
    }
}

extension MatrixRowWriterTests {
    /// The fixture where each spoke links zones of its own and its own endpoint writes them: the
    /// same name, through the same CNAME chain, answers a different address in each spoke (each
    /// endpoint's addresses come from its own subnet). The writer's kept resolution must give way.
    @Test func separateZonesGiveOneChainDifferentAnswers() throws {
        let world = Timeline.finalWorld(of: try TopologyLoader().load(path: fixture("topologies/separate-pe-per-spoke.yaml"))).world
        var answers: [[DNSName]: Set<IPv4Address?>] = [:]
        for row in Simulation(world: world).rows() { answers[[row.fqdn] + row.resolution.chain, default: []].insert(row.answer) }
        #expect(answers.values.contains { $0.count > 1 })
    }
}

@Suite struct JSONIntsTests {
    @Test("ints writes the numbers as JSON, separated like any other value")
    func ints() throws {
        var json = JSONText()
        json.beginObject()
        json.key("rows")
        json.ints([0, 7, 10, 99, 1_234_567, -3, Int.max])
        json.field("n", 12)
        json.endObject()
        #expect(json.text == "{\"rows\":[0,7,10,99,1234567,-3,\(Int.max)],\"n\":12}")
        let decoded = try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any]
        #expect((decoded?["rows"] as? [Int]) == [0, 7, 10, 99, 1_234_567, -3, Int.max])
    }
}
