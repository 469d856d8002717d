import Testing
@testable import AmplsimEngine

/// The audit's findings index: an open-addressing table of positions whose keys are the elements'
/// own fields. Every position put in is found again by its key and by nothing else, however the
/// hashes collide, through every growth of the table.
@Suite struct PositionTableTests {
    @Test("every key is found at its position, and absent keys are not", arguments: [1, 7, 1 << 20, Int.max])
    func findsWhatWasInserted(spread: Int) {
        // Keys are the numbers 0..<n held in an array; hashes are crowded into few values when
        // `spread` is small (1: every key collides), so probing past other keys is exercised.
        let keys = (0..<3000).map { $0 * 3 + 1 }
        func hash(_ key: Int) -> Int { spread == Int.max ? key.hashValue : (key * 2654435761) % spread }
        var table = PositionTable()
        var held: [Int] = []
        for key in keys {
            #expect(table.find(hash: hash(key), where: { held[$0] == key }) == nil)
            table.insert(held.count, hash: hash(key))
            held.append(key)
        }
        for (position, key) in keys.enumerated() {
            #expect(table.find(hash: hash(key), where: { held[$0] == key }) == position)
        }
        for absent in [0, 2, 3, 9001, -5] {
            #expect(table.find(hash: hash(absent), where: { held[$0] == absent }) == nil)
        }
    }

    @Test("an empty table finds nothing; reserving first changes no answer")
    func emptyAndReserved() {
        var table = PositionTable()
        #expect(table.find(hash: 42, where: { _ in true }) == nil)
        table.reserve(100)
        #expect(table.find(hash: 42, where: { _ in true }) == nil)
        table.insert(0, hash: 42)
        #expect(table.find(hash: 42, where: { $0 == 0 }) == 0)
    }

    @Test("removed positions are not found; the others still are, through removals and regrowth")
    func removalsKeepTheRestFindable() {
        // Every key collides (one hash), so each probe must step past removed slots.
        var table = PositionTable()
        let keys = Array(0..<500)
        for key in keys { table.insert(key, hash: 9) }
        for key in keys where key % 3 == 0 {
            let removed = table.remove(hash: 9, where: { $0 == key })
            #expect(removed)
        }
        let again = table.remove(hash: 9, where: { $0 == 3 })
        #expect(!again, "already removed")
        for key in keys { #expect((table.find(hash: 9, where: { $0 == key }) != nil) == (key % 3 != 0), "\(key)") }
        // More inserts grow the table and drop the removed marks; the survivors stay findable.
        for key in 500..<1500 { table.insert(key, hash: key) }
        for key in keys where key % 3 != 0 { #expect(table.find(hash: 9, where: { $0 == key }) == key) }
        for key in 500..<1500 { #expect(table.find(hash: key, where: { $0 == key }) == key) }
    }
}
