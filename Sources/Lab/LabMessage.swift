import AmplsimEngine

/// The DNS messages `lab verify` exchanges with the lab server (RFC 1035 section 4): a recursive
/// question of type A, and the reading of its answer as a `LabObservation`, as `dig +noall
/// +comments +answer` shows it (`LabObservation.parse(dig:name:)`).
package enum LabMessage {
    /// A query for `name`, type A, class IN, recursion desired, with an EDNS(0) OPT record
    /// (RFC 6891) offering 4096-byte answers, so that a long CNAME chain is not truncated. The ID
    /// (the first two bytes) is `id`.
    package static func query(_ name: DNSName, id: UInt16 = 0) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(id >> 8), UInt8(id & 0xFF), 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 1]
        for label in name.labels {
            bytes.append(UInt8(label.utf8.count))
            bytes.append(contentsOf: label.utf8)
        }
        bytes += [0, 0, 1, 0, 1]
        // OPT: root owner, type 41, payload size 4096, extended RCODE and flags 0, no data.
        bytes += [0, 0, 41, 0x10, 0x00, 0, 0, 0, 0, 0, 0]
        return bytes
    }

    /// The response codes by number (RFC 1035 4.1.1, RFC 2136), as dig names them.
    static let statuses = ["NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "YXDOMAIN",
                           "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE"]

    /// Reads the answer to a query of `name`, type A: the response code, the chain followed from
    /// `name` through the CNAME records of the answer section (in whatever order they come), and
    /// the A records at its end. A message that cannot be read, or a truncated one, is an
    /// observation without a status whose problem says so.
    package static func observation(_ response: [UInt8], name: DNSName) -> LabObservation {
        var reader = Reader(bytes: response)
        guard let header = reader.header() else { return unanswered(name, "a response shorter than its header") }
        if header.flags & 0x0200 != 0 { return unanswered(name, "a truncated response (TC)") }
        var cnames: [DNSName: DNSName] = [:]
        var addresses: [DNSName: [IPv4Address]] = [:]
        do throws(Reader.Malformed) {
            for _ in 0..<header.questions {
                _ = try reader.name()
                try reader.skip(4)
            }
            for _ in 0..<header.answers {
                let owner = try reader.name()
                let type = try reader.u16()
                try reader.skip(6)
                let length = Int(try reader.u16())
                let end = reader.offset + length
                guard end <= response.count else { throw Reader.Malformed() }
                switch type {
                case 5:
                    cnames[owner] = try reader.name()
                case 1 where length == 4:
                    let b = response[reader.offset..<end].map(UInt32.init)
                    addresses[owner, default: []].append(IPv4Address(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]))
                default:
                    break
                }
                reader.offset = end
            }
        } catch {
            return unanswered(name, "a malformed response")
        }
        let code = Int(header.flags & 0x000F)
        let status = code < statuses.count ? statuses[code] : "RCODE\(code)"
        var chain = [name]
        var seen: Set<DNSName> = [name]
        while let next = cnames[chain[chain.count - 1]], !seen.contains(next) {
            chain.append(next)
            seen.insert(next)
        }
        return LabObservation(status: status, chain: chain, addresses: addresses[chain[chain.count - 1]] ?? [])
    }

    /// No answer to the question of `name`, for the reason given.
    package static func unanswered(_ name: DNSName, _ problem: String) -> LabObservation {
        LabObservation(status: nil, chain: [name], addresses: [], problem: problem)
    }

    /// Reads a message front to back; names follow compression pointers (RFC 1035 4.1.4).
    struct Reader {
        struct Malformed: Error {}

        let bytes: [UInt8]
        var offset = 0

        mutating func header() -> (flags: UInt16, questions: Int, answers: Int)? {
            guard bytes.count >= 12 else { return nil }
            offset = 12
            return (UInt16(bytes[2]) << 8 | UInt16(bytes[3]), Int(bytes[4]) << 8 | Int(bytes[5]),
                    Int(bytes[6]) << 8 | Int(bytes[7]))
        }

        mutating func u16() throws(Malformed) -> UInt16 {
            guard offset + 2 <= bytes.count else { throw Malformed() }
            defer { offset += 2 }
            return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
        }

        mutating func skip(_ count: Int) throws(Malformed) {
            guard offset + count <= bytes.count else { throw Malformed() }
            offset += count
        }

        /// The name at the offset, lower-cased; the offset moves past it (past the first pointer).
        mutating func name() throws(Malformed) -> DNSName {
            var labels: [String] = []
            var position = offset
            var jumped = false
            var jumps = 0
            while true {
                guard position < bytes.count else { throw Malformed() }
                let length = Int(bytes[position])
                if length & 0xC0 == 0xC0 {
                    guard position + 1 < bytes.count, jumps < 64 else { throw Malformed() }
                    if !jumped { offset = position + 2 }
                    jumped = true
                    jumps += 1
                    position = (length & 0x3F) << 8 | Int(bytes[position + 1])
                    continue
                }
                guard length & 0xC0 == 0 else { throw Malformed() }
                if length == 0 {
                    if !jumped { offset = position + 1 }
                    break
                }
                guard position + 1 + length <= bytes.count else { throw Malformed() }
                labels.append(String(decoding: bytes[(position + 1)...(position + length)], as: UTF8.self))
                position += 1 + length
            }
            guard let name = DNSName(labels.joined(separator: ".")) else { throw Malformed() }
            return name
        }
    }
}
