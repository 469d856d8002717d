/// How many records of each type `records` holds, sorted by type name.
package func recordCountsByType(_ records: [ZoneRecord]) -> [(type: RecordType, count: Int)] {
    var counts: [RecordType: Int] = [:]
    for record in records {
        counts[record.type, default: 0] += 1
    }
    return counts
        .map { (type: $0.key, count: $0.value) }
        .sorted { $0.type.name != $1.type.name ? $0.type.name < $1.type.name : $0.type.code < $1.type.code }
}
