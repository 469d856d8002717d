/// Stable stand-ins for values a plan knows only after apply, derived from the resource's
/// address (FNV-1a), so that the same plan gives the same topology every time.
enum Placeholder {
    static func hash(_ text: String, seed: UInt64) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }

    static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String((String(repeating: "0", count: max(0, 16 - text.count)) + text).suffix(digits))
    }

    /// A GUID made from `address` (a workspace's customerId).
    static func guid(_ address: String) -> String {
        let a = hash(address, seed: 1), b = hash(address, seed: 2)
        let h = hex(a, digits: 16) + hex(b, digits: 16)
        let c = Array(h)
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-4" + String(c[13..<16]) + "-8" + String(c[17..<20]) + "-" + String(c[20..<32])
    }

    /// Four lower-case letters and digits made from `address` (a DCE's id).
    static func dceID(_ address: String) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var h = hash(address, seed: 3)
        var out = ""
        for _ in 0..<4 {
            out.append(alphabet[Int(h % 36)])
            h /= 36
        }
        return out
    }

    /// The subscription of resources whose subscription no known id tells.
    static let subscription = "00000000-0000-0000-0000-000000000000"
}
