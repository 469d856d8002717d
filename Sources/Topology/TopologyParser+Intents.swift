import AmplsimEngine

extension TopologyParser {
    static let intentKeys = ["networks", "resources", "endpoints", "expect", "label"]

    /// The endpoints of each kind of resource (Docs/model.md#endpoints), for checking `endpoints`.
    static let endpointsOfKind: [ResourceKind: Set<EndpointKind>] = [
        .workspace: [.ods, .oms, .agentsvc, .query],
        .component: [.ingest, .ingestRegional, .live, .profiler, .snapshot, .query],
        .dataCollectionEndpoint: [.configGlobal, .config, .ingest, .metrics],
    ]

    /// A list of intents, each checked against the names known so far (the topology's networks,
    /// those its steps create, and its resources).
    func intents(_ value: YAMLValue) throws(InputError) -> [Intent] {
        var result: [Intent] = []
        for entry in try value.list() { result.append(try intent(entry)) }
        return result
    }

    func intent(_ value: YAMLValue) throws(InputError) -> Intent {
        let o = try value.mapping(TopologyParser.intentKeys)
        let networkPatterns = try patterns(try o.required("networks"), kind: "network", names: networks.keys.map(\.name))
        let resourcePatterns = try patterns(try o.required("resources"), kind: "workspace, component or DCE",
                                            names: resources.keys.map(\.name))
        var endpoints: [EndpointKind]?
        if let field = o["endpoints"] {
            var kinds: [EndpointKind] = []
            let words = EndpointKind.allCases.map(\.rawValue)
            for item in try listOrOne(field) {
                guard let kind = EndpointKind(rawValue: try item.word(words)) else { continue }
                if !kinds.contains(kind) { kinds.append(kind) }
            }
            if kinds.isEmpty { throw field.error("must not be empty (leave it out for every endpoint)") }
            // Each endpoint must be one that a matched resource has.
            let matched = Set(resources.filter { name, _ in resourcePatterns.contains { $0.matches(name.name) } }.map(\.value))
            let offered = matched.reduce(into: Set<EndpointKind>()) { $0.formUnion(TopologyParser.endpointsOfKind[$1] ?? []) }
            for (i, kind) in kinds.enumerated() where !offered.contains(kind) {
                let items = try listOrOne(field)
                throw items[min(i, items.count - 1)].error("no resource the intent names has an endpoint '\(kind.rawValue)'")
            }
            endpoints = kinds
        }
        let expect = Expectation(rawValue: try o.required("expect").word(Expectation.allCases.map(\.rawValue)))!
        let label = try o["label"]?.string()
        return Intent(networks: networkPatterns.map(\.text), resources: resourcePatterns.map(\.text), endpoints: endpoints,
                      expect: expect, label: label, source: source(value))
    }

    /// A list of names, or one name.
    private func listOrOne(_ value: YAMLValue) throws(InputError) -> [YAMLValue] {
        if case .scalar = value.node { return [value] }
        return try value.list()
    }

    /// Name patterns (`*` matches any run of characters), each of which must match a known name.
    private func patterns(_ value: YAMLValue, kind: String, names: [String]) throws(InputError) -> [NamePattern] {
        let items = try listOrOne(value)
        if items.isEmpty { throw value.error("must not be empty") }
        var result: [NamePattern] = []
        for item in items {
            let text = try item.string()
            guard text.utf8.allSatisfy({ byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: "*")
            }) else {
                throw item.error("'\(text)' is not a name pattern (letters, digits, '.', '_', '-', and '*' for any run of characters)")
            }
            let pattern = NamePattern(text)
            guard names.contains(where: pattern.matches) else {
                let sorted = names.sorted()
                if !pattern.isGlob, let near = Spelling.nearest(text, in: sorted) {
                    throw item.error("no \(kind) named '\(text)'; did you mean '\(near)'?")
                }
                let shown = sorted.prefix(8).joined(separator: ", ") + (sorted.count > 8 ? ", …" : "")
                throw item.error("'\(text)' matches no \(kind)" + (sorted.isEmpty ? "" : " (known: \(shown))"))
            }
            result.append(pattern)
        }
        return result
    }
}
