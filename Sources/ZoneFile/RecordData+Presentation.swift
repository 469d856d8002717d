extension RecordData {
    /// The data in zone-file presentation form, names absolute with a final dot ("10.0.2.4",
    /// "target.example.", "\"text\"").
    package var text: String {
        switch self {
        case .a(let address):
            return RecordData.ipv4Text(address)
        case .aaaa(let address):
            return address
        case .cname(let name), .ns(let name):
            return RecordData.absoluteText(name)
        case .soa(let soa):
            return "\(RecordData.absoluteText(soa.mname)) \(RecordData.absoluteText(soa.rname)) "
                + "\(soa.serial) \(soa.refresh) \(soa.retry) \(soa.expire) \(soa.minimum)"
        case .txt(let strings):
            return strings.map(RecordData.quotedText).joined(separator: " ")
        case .other(let text):
            return text
        }
    }

    /// Dotted-quad text of an IPv4 address held in host byte order.
    static func ipv4Text(_ address: UInt32) -> String {
        "\(address >> 24).\((address >> 16) & 0xFF).\((address >> 8) & 0xFF).\(address & 0xFF)"
    }

    /// A name in this module's form ("" for the root) written absolute, with its final dot.
    static func absoluteText(_ name: String) -> String {
        name.isEmpty ? "." : name + "."
    }

    /// A character-string in double quotes, with `"` and `\` escaped and other bytes outside
    /// printable ASCII written as \DDD, so the text is plain ASCII whatever the content.
    static func quotedText(_ string: String) -> String {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            case 0x20...0x7E:
                out.append(byte)
            default:
                out.append(UInt8(ascii: "\\"))
                out.append(UInt8(ascii: "0") + byte / 100)
                out.append(UInt8(ascii: "0") + (byte / 10) % 10)
                out.append(UInt8(ascii: "0") + byte % 10)
            }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }
}
