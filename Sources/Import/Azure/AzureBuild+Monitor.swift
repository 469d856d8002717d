import AmplsimEngine

extension AzureBuild {
    /// Workspaces, components and DCEs. DCEs are named first: their names are part of their DNS
    /// names and must stay Azure's.
    mutating func monitorResources() throws(ImportError) {
        for row in importer.rows(AzureType.dce) { try dce(row) }
        for row in importer.rows(AzureType.workspace) { try workspace(row) }
        for row in importer.rows(AzureType.component) { try component(row) }
        topology.workspaces.sort { $0.name.name.lowercased() < $1.name.name.lowercased() }
        topology.components.sort { $0.name.name.lowercased() < $1.name.name.lowercased() }
        topology.dataCollectionEndpoints.sort { $0.name.name.lowercased() < $1.name.name.lowercased() }
    }

    private mutating func workspace(_ row: AzureRow) throws(ImportError) {
        guard let idField = row.prop("customerId") else {
            note(.unmapped, row.id, "a workspace without customerId (its GUID): the query must project properties")
            return
        }
        let guid = try idField.string().lowercased()
        guard guid.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12], guid.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
            throw idField.error("'\(guid)' is not a GUID")
        }
        if let other = workspaceIds[guid] {
            note(.unmapped, row.id, "its customerId \(guid) is also \(other)'s")
            return
        }
        guard let region = row.location else { note(.unmapped, row.id, "a workspace without a location"); return }
        let name = ResourceID(claim(row.key, row.name, in: .resource, qualifier: row.resourceGroup))
        var w = Workspace(name: name, id: guid, region: region)
        w.publicIngestion = try row.enabled("publicNetworkAccessForIngestion") ?? true
        w.publicQuery = try row.enabled("publicNetworkAccessForQuery") ?? true
        resourceByKey[row.key] = name
        workspaceIds[guid] = name.name
        topology.workspaces.append(w)
        origin(.resource(name), row.id)
    }

    private mutating func component(_ row: AzureRow) throws(ImportError) {
        guard let location = row.location else { note(.unmapped, row.id, "a component without a location"); return }
        let name = ResourceID(claim(row.key, row.name, in: .resource, qualifier: row.resourceGroup))
        var c = Component(name: name, region: location)
        if let text = try row.text("ConnectionString") {
            let parts = ConnectionString(text)
            if let region = parts.region, let stamp = parts.stamp {
                c.region = region
                c.stamp = stamp
                c.liveRegion = parts.liveRegion ?? region
            } else {
                note(.assumed, row.id, "its connection string has no IngestionEndpoint: region \(location) and stamp 0 assumed")
            }
            c.endpointSuffix = parts.endpointSuffix
        } else if !importer.fromTerraform {   // a plan's unknown connection string is a placeholder already
            note(.assumed, row.id, "no connection string in the export: region \(location) and stamp 0 assumed")
        }
        c.publicIngestion = try row.enabled("publicNetworkAccessForIngestion") ?? true
        c.publicQuery = try row.enabled("publicNetworkAccessForQuery") ?? true
        if c.liveRegion != c.region { connectionStrings[name] = ConnectionString.text(for: c) }
        resourceByKey[row.key] = name
        topology.components.append(c)
        origin(.resource(name), row.id)
    }

    private mutating func dce(_ row: AzureRow) throws(ImportError) {
        guard let field = row.prop("configurationAccess.endpoint") ?? row.prop("logsIngestion.endpoint") else {
            note(.unmapped, row.id, "a data collection endpoint without configurationAccess.endpoint: its id is unknown")
            return
        }
        let url = try field.string().lowercased()
        var host = Substring(url)
        if host.hasPrefix("https://") { host = host.dropFirst(8) }
        if let slash = host.firstIndex(of: "/") { host = host[..<slash] }
        let labels = host.split(separator: ".")
        let prefix = row.name.lowercased() + "-"
        guard labels.count >= 2, labels[0].hasPrefix(prefix), labels[0].count == prefix.count + 4 else {
            throw field.error("'\(url)' does not start with the DCE's name and a 4-character id (https://\(prefix)xxxx.<region>-1....)")
        }
        let id = String(labels[0].dropFirst(prefix.count))
        let regionLabel = labels[1]
        let region = regionLabel.hasSuffix("-1") ? String(regionLabel.dropLast(2)) : (row.location ?? String(regionLabel))
        let valid = row.name.count <= 58 && row.name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        guard valid, pinned["resource|\(row.key)"] != nil || !names.contains(row.name, in: .resource) else {
            note(.unmapped, row.id, "its name cannot be kept as a topology name, and a DCE's names are made from it")
            return
        }
        let name = ResourceID(claim(row.key, row.name, in: .resource, qualifier: nil))
        var d = DataCollectionEndpoint(name: name, id: id, region: region)
        d.publicIngestion = try row.enabled("networkAcls.publicNetworkAccess") ?? true
        resourceByKey[row.key] = name
        topology.dataCollectionEndpoints.append(d)
        origin(.resource(name), row.id)
    }

    /// AMPLS scopes, their access modes and their members: scoped resources (Resource Graph rows or
    /// `az monitor private-link-scope scoped-resource list`) and the resources' own
    /// `privateLinkScopedResources`. Members are sorted by resource id (Azure's order is not given).
    mutating func scopes() throws(ImportError) {
        var members: [String: Set<String>] = [:]
        var memberOrigins: [String: [String]] = [:]
        var memberRows: [String: [String]] = [:]
        for row in importer.rows(AzureType.scopedResource) {
            guard let scope = AzureID.parent(of: row.id) else { continue }
            guard let linked = try row.text("linkedResourceId") else {
                note(.unmapped, row.id, "a scoped resource without linkedResourceId")
                continue
            }
            members[scope, default: []].insert(linked.lowercased())
            memberOrigins[scope, default: []].append(row.id)
            memberRows["\(scope)|\(linked.lowercased())", default: []].append(row.id)
        }
        for type in [AzureType.workspace, AzureType.component, AzureType.dce] {
            for row in importer.rows(type) {
                for entry in row.prop("privateLinkScopedResources")?.elements ?? [] {
                    guard let scope = try sub(entry, "scopeId")?.string() else { continue }
                    members[scope.lowercased(), default: []].insert(row.key)
                }
            }
        }
        for row in importer.rows(AzureType.scope) {
            let name = ScopeID(claim(row.key, row.name, in: .scope, qualifier: row.resourceGroup))
            scopeByKey[row.key] = name
            var scope = Scope(name: name)
            if let field = row.prop("accessModeSettings.ingestionAccessMode") { scope.ingestionAccessMode = try accessMode(field) }
            else { scope.ingestionAccessMode = .open; note(.assumed, row.id, "no accessModeSettings in the export: Azure's default Open assumed") }
            if let field = row.prop("accessModeSettings.queryAccessMode") { scope.queryAccessMode = try accessMode(field) }
            else { scope.queryAccessMode = .open }
            for member in (members[row.key] ?? []).sorted() {
                if let resource = resourceByKey[member] {
                    scope.resources.append(resource)
                    for id in memberRows["\(row.key)|\(member)"] ?? [] { detail("member|\(name)|\(resource)", id) }
                }
                else { note(.unmapped, row.id, "its member \(member) is not in the export (or is not a workspace, component or DCE)") }
            }
            topology.scopes.append(scope)
            origin(.scope(name), row.id)
            for id in (memberOrigins[row.key] ?? []).sorted() { origin(.scope(name), id) }
        }
        for scope in members.keys.sorted() where scopeByKey[scope] == nil {
            note(.unmapped, scope, "a scope named by scoped resources but not in the export")
        }
        topology.scopes.sort { $0.name.name.lowercased() < $1.name.name.lowercased() }
    }

    func accessMode(_ field: JSONNode) throws(ImportError) -> AccessMode {
        let text = try field.string()
        switch text.lowercased() {
        case "privateonly": return .privateOnly
        case "open": return .open
        default: throw field.error("expected PrivateOnly or Open, found '\(text)'")
        }
    }

    /// Per-endpoint access modes: an exclusion names a private endpoint connection of the scope,
    /// which names the private endpoint.
    mutating func exclusions() throws(ImportError) {
        for row in importer.rows(AzureType.scope) {
            guard let scopeName = scopeByKey[row.key], let index = topology.scopes.firstIndex(where: { $0.name == scopeName }) else { continue }
            var connections: [String: String] = [:]
            for connection in row.prop("privateEndpointConnections")?.elements ?? [] {
                guard let name = try connection["name"]?.string(), let endpoint = try subRef(connection, "privateEndpoint") else { continue }
                connections[name.lowercased()] = endpoint.lowercased()
                if let id = try connection["id"]?.string() { connections[AzureID.name(of: id).lowercased()] = endpoint.lowercased() }
            }
            for entry in try row.prop("accessModeSettings.exclusions")?.list() ?? [] {
                guard let field = sub(entry, "privateEndpointConnectionName") else { continue }
                let connection = try field.string()
                guard let endpointKey = connections[connection.lowercased()], let endpoint = endpointByKey[endpointKey] else {
                    note(.unmapped, row.id, "the exclusion for connection \(connection) names a private endpoint that is not imported")
                    continue
                }
                var exclusion = Exclusion(endpoint: endpoint)
                if let mode = sub(entry, "ingestionAccessMode") { exclusion.ingestionAccessMode = try accessMode(mode) }
                if let mode = sub(entry, "queryAccessMode") { exclusion.queryAccessMode = try accessMode(mode) }
                topology.scopes[index].exclusions.append(exclusion)
            }
            topology.scopes[index].exclusions.sort { $0.endpoint < $1.endpoint }
        }
    }
}
