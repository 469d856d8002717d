import Testing
@testable import AmplsimEngine

/// How `ZoneContents` is built from a zone's initial records (the file's, then the inline ones),
/// checked against the rules written out plainly on made-up zones: owners in canonical (text)
/// order, each owner's sets in type order, a set's records in the order given, and a later
/// group's set of a name and type replacing an earlier group's whole (MODEL.md section 5's record
/// sets, applied to a zone's file and inline records). The build sorts once into one array that
/// the sets are slices of; the plain rules below compare every record with every other.
@Suite("Zone build")
struct ZoneBuildTests {
    let apex = dn("z.test")

    /// A small deterministic generator (the same zones on every run).
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// Records over few names and types, so that names repeat out of order and types interleave.
    func madeUp(_ count: Int, _ g: inout Generator, tag: Int) -> [Record] {
        let labels = ["a", "b", "h1", "h10", "h2", "www", "x-y", "_srv"]
        return (0..<count).map { i in
            let owner = g.next(5) == 0 ? "z.test" : "\(labels[g.next(labels.count)]).\(g.next(2) == 0 ? "z.test" : "sub.z.test")"
            switch g.next(3) {
            case 0: return A(owner, "10.\(tag).\(i / 250).\(i % 250)")
            case 1: return TXT(owner, "\"\(tag)-\(i)\"")
            default: return Record(name: dn(owner), value: .other(type: "AAAA", data: "2001:db8::\(i)"))
            }
        }
    }

    /// The rules, plainly: per (name, type), the records of the last group holding that key, in
    /// their order; then sorted by name text, then type text, keeping the order of each set.
    func expected(_ groups: [[Record]]) -> [Record] {
        var lastGroup: [String: Int] = [:]
        for (g, group) in groups.enumerated() { for r in group { lastGroup[r.name.text + " " + r.type] = g } }
        var kept: [(record: Record, position: Int)] = []
        var position = 0
        for (g, group) in groups.enumerated() {
            for r in group {
                if lastGroup[r.name.text + " " + r.type] == g { kept.append((r, position)) }
                position += 1
            }
        }
        kept.sort { a, b in
            (a.record.name.text, a.record.type, a.position) < (b.record.name.text, b.record.type, b.position)
        }
        return kept.map(\.record)
    }

    @Test("the records come out in canonical order with later groups' sets replacing earlier ones", arguments: 0..<12)
    func buildFollowsTheRules(seed: Int) {
        var g = Generator(state: UInt64(seed) &* 0x9E3779B97F4A7C15 &+ 1)
        let groupCount = 1 + seed % 3
        let groups = (0..<groupCount).map { madeUp(seed % 4 == 3 ? 0 : 5 + g.next(60), &g, tag: $0) }
        let z = ZoneContents(apex: apex, initial: groups)
        let want = expected(groups)
        #expect(z.records == want)
        #expect(z.recordCount == want.count)
        // Every set read by name and type is that key's records, in order.
        var keys: [String: [Record]] = [:]
        for r in want { keys[r.name.text + " " + r.type, default: []].append(r) }
        for (key, records) in keys {
            let name = dn(String(key.split(separator: " ")[0])), type = String(key.split(separator: " ")[1])
            #expect(z.recordSet(name, type).map(Array.init) == records, "\(key)")
        }
        // Types at a name in text order; owners in text order.
        for owner in Set(want.map(\.name)) {
            let types = z.types(at: owner)
            #expect(types == types.sorted())
            #expect(Set(types) == Set(want.filter { $0.name == owner }.map(\.type)))
        }
        #expect(z.owners == Array(Set(want.map(\.name))).sorted())
        // After a change the records are worked out from the sets, in the same order.
        var changed = z
        if let first = want.first {
            changed.write([first], by: .manual)
            let rewritten = want.filter { !($0.name == first.name && $0.type == first.type) || $0 == first }
            #expect(changed.records == rewritten, "a rewritten set holds only the record written")
        }
    }

    @Test("zones given in canonical order come out the same")
    func sortedInputIsKept() {
        var g = Generator(state: 7)
        let sorted = expected([madeUp(200, &g, tag: 0)])
        #expect(ZoneContents(apex: apex, initial: [sorted]).records == sorted)
    }

    /// Enough owners for the owner sort's radix passes (4,096 or more), out of order: names that
    /// share their first eight bytes (`h1000.k0…`, `h1000.k1…`), and names that share their first
    /// sixteen and differ only after them, which only a comparison of whole names orders. Each
    /// owner's key is read when its slot is made, so a key put with the wrong slot sends that
    /// owner to the wrong place.
    @Test("a large zone's owners come out in text order")
    func largeZoneOwnersInOrder() {
        var names: [String] = []
        for i in 0..<420 {
            for k in 0..<6 { names.append("h\(i).k\(k).z.test") }
            for k in 0..<6 { names.append("hostname-\(i)-abcdefgh.k\(k).z.test") }
        }
        var g = Generator(state: 11)
        for i in stride(from: names.count - 1, to: 0, by: -1) { names.swapAt(i, g.next(i + 1)) }
        let records = names.enumerated().map { A($0.element, "10.0.\($0.offset / 250).\($0.offset % 250)") }
        #expect(records.count >= 4096)
        let z = ZoneContents(apex: apex, initial: [records])
        #expect(z.owners.map(\.text) == names.sorted())
        #expect(z.records == records.sorted { $0.name.text < $1.name.text })
    }
}
