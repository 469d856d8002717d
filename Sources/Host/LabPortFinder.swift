import Foundation

/// Loopback ports.
package enum LabPortFinder {
    #if canImport(Glibc)
    private static let stream = Int32(SOCK_STREAM.rawValue)
    private static let datagram = Int32(SOCK_DGRAM.rawValue)
    #else
    private static let stream = SOCK_STREAM
    private static let datagram = SOCK_DGRAM
    #endif

    /// True when both a TCP and a UDP socket can bind 127.0.0.1:`port` now.
    package static func isFree(_ port: UInt16) -> Bool {
        guard let tcp = bind(port, stream) else { return false }
        defer { close(tcp.fd) }
        guard let udp = bind(port, datagram) else { return false }
        close(udp.fd)
        return true
    }

    /// `count` distinct ports that are free on 127.0.0.1 for TCP and UDP, none in `taken`.
    package static func free(_ count: Int, taken: Set<UInt16>) throws(LabFailure) -> [UInt16] {
        var held: [Int32] = []
        defer { held.forEach { close($0) } }
        var ports: [UInt16] = []
        var attempts = 0
        while ports.count < count {
            attempts += 1
            if attempts > 200 { throw LabFailure(description: "error: cannot find \(count) free ports on 127.0.0.1") }
            guard let tcp = bind(0, stream) else { continue }
            held.append(tcp.fd)
            guard !taken.contains(tcp.port), !ports.contains(tcp.port), let udp = bind(tcp.port, datagram) else { continue }
            held.append(udp.fd)
            ports.append(tcp.port)
        }
        return ports
    }

    private static func bind(_ port: UInt16, _ type: Int32) -> (fd: Int32, port: UInt16)? {
        let fd = socket(AF_INET, type, 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { close(fd); return nil }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { close(fd); return nil }
        return (fd, UInt16(bigEndian: address.sin_port))
    }
}
