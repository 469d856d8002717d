@testable import AmplsimRender
import Testing

/// The table pads its cells by the columns a name takes: its bytes when it is ASCII, its
/// characters otherwise (a wide or combined character counts once). The check reads eight bytes
/// at a time, so a non-ASCII character is tried at every offset of a word and in the tail.
@Suite struct TableColumnsTests {
    @Test func asciiNamesTakeTheirLength() {
        for length in 0...40 {
            let name = String(repeating: "a", count: length)
            #expect(MatrixTable.columns(name) == length)
        }
    }

    @Test func otherNamesTakeTheirCharacters() {
        for length in 1...24 {
            for offset in 0..<length {
                let name = String(repeating: "b", count: offset) + "é" + String(repeating: "c", count: length - offset - 1)
                #expect(MatrixTable.columns(name) == length, "é at \(offset) of \(length)")
                #expect(name.utf8.count == length + 1)
            }
        }
        #expect(MatrixTable.columns("日本-hub") == 6)
    }
}
