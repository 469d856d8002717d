import AmplsimEngine

/// The words of what-if's ways out: what each `WayOut.Kind` asks to do, in a few words
/// ("peer vnet1 with vnet2"), with the isolation it weakens where it does.
package enum WayOutText {
    /// What to do.
    package static func text(_ kind: WayOut.Kind) -> String {
        switch kind {
        case .peer(let network, let home):
            return "peer \(network) with \(home)"
        case .hub(let network):
            return "put the private endpoint in a hub network that \(network) is peered with"
        case .ownZones(let network, _):
            return "give \(network) its own private DNS zones"
        case .customZone(let component):
            return "a custom zone for \(component) with EndpointSuffix in its connection string"
        case .rewriteRecords(let endpoint):
            return "write \(endpoint)'s records again (recreate its zone group)"
        case .hostsEntry(let network, let name, let address):
            return "a hosts-file entry \(name.text) \(address) on \(network)'s machines"
        case .addToScope(let resource, let scope, let homes, let endpoint):
            let through = homes.isEmpty ? ""
                : " (weakens isolation: \(resource) belongs to \(homes.map(\.name).joined(separator: ", ")), and its traffic would go through \(scope) and \(endpoint))"
            return "add \(resource) to scope \(scope)\(through)"
        case .addToScopeAndRewrite(let resource, let scope, let homes, let endpoint):
            let through = homes.isEmpty ? ""
                : " (weakens isolation: \(resource) belongs to \(homes.map(\.name).joined(separator: ", ")), and its traffic would go through \(scope) and \(endpoint))"
            return "add \(resource) to scope \(scope) and write \(endpoint)'s records again\(through)"
        case .openScope(let scope, let category):
            return "set scope \(scope)'s \(category.rawValue) access mode to Open (weakens isolation: every resource's \(category.rawValue) then passes \(scope)'s endpoints)"
        }
    }
}

extension WayOut {
    /// What to do, in a few words (`WayOutText.text`).
    package var text: String { WayOutText.text(kind) }
}
