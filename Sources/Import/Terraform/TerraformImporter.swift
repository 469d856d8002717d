import AmplsimEngine

/// `terraform show -json PLAN` to a topology (the prior state) and a scenario (the changes as
/// steps, in dependency order, each labelled with its Terraform address).
///
/// Both states are mapped through the Azure importer, the state after the plan keeping the
/// names of the state before; the steps are what differs between the two. Objects the plan
/// creates that no step can create (zones, scopes, resources, resolvers, rulesets, DNS servers)
/// are declared in the topology, inert: unlinked, empty, in no scope.
package enum TerraformImporter {
    /// Reads the plan at `path`.
    package static func read(path: String) throws(ImportError) -> ImportResult {
        try importPlan(try JSONReader.read(path: path, what: TerraformPlan.what))
    }

    /// Imports a parsed plan document.
    static func importPlan(_ document: JSONNode) throws(ImportError) -> ImportResult {
        let plan = try TerraformPlan(document)
        var after: [String: TerraformResource] = [:]
        for r in plan.prior { after[r.address] = r }
        for change in plan.changes {
            let creates = change.actions.contains("create") || change.actions.contains("update")
            if change.actions.contains("delete") && !creates { after[change.address] = nil }
            else if creates, let r = change.resource { after[change.address] = r }
            else if after[change.address] == nil, let r = change.resource ?? change.before { after[change.address] = r }
        }
        let afterList = after.values.sorted { $0.address < $1.address }
        var notes: [ImportNote] = []
        let subscription = TerraformRows.subscription(in: plan.prior) ?? TerraformRows.subscription(in: afterList)
        if subscription == nil, !afterList.isEmpty {
            notes.append(ImportNote(.placeholder, "subscription", "no resource id tells the subscription: \(Placeholder.subscription) stands in"))
        }
        let sub = subscription ?? Placeholder.subscription

        var beforeRows = TerraformRows(plan: plan, resources: plan.prior, subscription: sub)
        try beforeRows.build()
        var afterRows = TerraformRows(plan: plan, resources: afterList, subscription: sub)
        try afterRows.build()
        var beforeImporter = AzureImporter(rows: beforeRows.rows, files: [plan.file])
        beforeImporter.fromTerraform = true
        var afterImporter = AzureImporter(rows: afterRows.rows, files: [plan.file])
        afterImporter.fromTerraform = true
        let before = try beforeImporter.build(onprem: nil, pinned: [:])
        let later = try afterImporter.build(onprem: nil, pinned: before.nameKeys)

        var addressOfId = beforeRows.addressOfId
        for (k, v) in afterRows.addressOfId { addressOfId[k] = v }
        let changed = Set(plan.changes.filter { !$0.isNoOp }.map(\.address))
        var diff = PlanDiff(before: before, after: later, addressOfId: addressOfId, changed: changed)
        diff.run()

        notes += afterRows.notes + diff.notes
        for (type, count) in (beforeRows.skipped.merging(afterRows.skipped) { max($0, $1) }).sorted(by: { $0.key < $1.key }) {
            notes.append(ImportNote(.unmapped, type, "\(count) resource\(count == 1 ? "" : "s") of a type amplsim does not model"))
        }
        for note in before.notes + later.notes {
            var n = note
            if let address = addressOfId[note.subject.lowercased()] { n.subject = address }
            notes.append(n)
        }
        var result = ImportResult(topology: diff.base, scenario: diff.steps, origins: [:], zoneFiles: before.zoneFiles,
                                  connectionStrings: before.connectionStrings.merging(later.connectionStrings) { a, _ in a },
                                  networkComments: before.networkComments, notes: notes,
                                  header: ["Imported by `amplsim import terraform` from \(plan.file.asPath.lastComponent): the state before the plan",
                                           "(prior_state), and the objects the plan creates that no step can create, declared unused."])
        for (key, ids) in before.origins.merging(later.origins, uniquingKeysWith: { a, _ in a }) {
            result.origins[key] = ids.map { id in addressOfId[id.lowercased()].map { "\($0): \(id)" } ?? id }
        }
        return result
    }
}
