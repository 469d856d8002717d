/// Topology names made valid (`[A-Za-z0-9._-]+`) and unique within their kind, keeping Azure's
/// names where they already are: a clash takes the resource group (or `-2`, `-3`) as a suffix.
struct NameRegistry {
    /// The kinds that share one namespace (Docs/topology.md: workspaces, components and DCEs together).
    enum Space: String, Hashable { case network, server, resolver, ruleset, zone, resource, scope, endpoint }

    private var taken: [Space: Set<String>] = [:]

    /// `raw` with every character outside `[A-Za-z0-9._-]` replaced by `-`.
    static func valid(_ raw: String) -> String {
        var out = ""
        for scalar in raw.unicodeScalars {
            let ok = (scalar.value < 128) && (CharacterSetASCII.isAlnum(scalar) || scalar == "." || scalar == "_" || scalar == "-")
            out.unicodeScalars.append(ok ? scalar : "-")
        }
        return out.isEmpty ? "unnamed" : out
    }

    /// True when `name` is taken in `space` (case-insensitively: Azure's names are).
    func contains(_ name: String, in space: Space) -> Bool { taken[space, default: []].contains(name.lowercased()) }

    /// Takes `name` as it is (a name kept from an earlier import of the same estate).
    mutating func reserve(_ name: String, in space: Space) { taken[space, default: []].insert(name.lowercased()) }

    /// Reserves a name: `raw` made valid, else `raw-qualifier`, else `raw-2`, `raw-3`, ...
    mutating func claim(_ raw: String, in space: Space, qualifier: String? = nil, reserved: Set<String> = []) -> String {
        let base = NameRegistry.valid(raw)
        var candidates = [base]
        if let qualifier, !qualifier.isEmpty { candidates.append("\(base)-\(NameRegistry.valid(qualifier))") }
        for candidate in candidates where !contains(candidate, in: space) && !reserved.contains(candidate) {
            taken[space, default: []].insert(candidate.lowercased())
            return candidate
        }
        var n = 2
        while contains("\(base)-\(n)", in: space) || reserved.contains("\(base)-\(n)") { n += 1 }
        taken[space, default: []].insert("\(base)-\(n)".lowercased())
        return "\(base)-\(n)"
    }
}

enum CharacterSetASCII {
    static func isAlnum(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s)
    }
}
