import Foundation

/// Asks the lab server DNS questions over UDP from one process: one socket per source address
/// (a network's client address), many questions in flight, each sent again when no answer came
/// within its wait. Load on the machine changes how long the questions take, not their answers:
/// a question is only given up after every try has waited (`waits`, about 44 s in all), longer
/// than BIND takes to give up a fetch itself.
package enum LabExchange {
    /// How long each try waits for an answer before the next is sent (the last before giving up).
    /// Any try's answer counts, so a slow answer to the first try still arrives during the others.
    package static let waits: [Double] = [4, 8, 16, 16]
    /// Questions in flight at once: enough to keep named busy, few enough that one network's
    /// questions (each name once) make the window and no fetch is shared by many clients.
    package static let window = 64

    /// One question: the DNS message (its first two bytes, the ID, are set here) and the source
    /// address to send it from.
    package struct Question: Sendable {
        package var source: String
        package var message: [UInt8]

        package init(source: String, message: [UInt8]) {
            self.source = source
            self.message = message
        }
    }

    /// What came of one question.
    package enum Reply: Sendable {
        /// The response, whole.
        case answered([UInt8])
        /// No response after every try.
        case unanswered(tries: Int, seconds: Double)
        /// The question could not be sent (no socket for its source address, say).
        case failed(String)
    }

    /// Asks every question of `questions` of 127.0.0.1:`port`; the replies in question order.
    package static func ask(_ questions: [Question], port: UInt16) -> [Reply] {
        var session = Session(port: port)
        defer { session.close() }
        return session.run(questions)
    }

    /// The sockets, the questions in flight and the replies so far.
    private struct Session {
        struct Pending {
            var question: Int
            var socket: Int
            var id: UInt16
            var message: [UInt8]
            var tries: Int
            var deadline: Double
        }

        let port: UInt16
        var sockets: [Int32] = []
        var socketOf: [String: Int] = [:]
        var nextID: [UInt16] = []
        /// In flight, by (socket, ID).
        var pending: [Int: [UInt16: Pending]] = [:]
        var inFlight = 0

        init(port: UInt16) { self.port = port }

        mutating func close() {
            for fd in sockets { Foundation.close(fd) }
            sockets = []
        }

        mutating func run(_ questions: [Question]) -> [Reply] {
            var replies = [Reply?](repeating: nil, count: questions.count)
            var next = 0
            var buffer = [UInt8](repeating: 0, count: 65_535)
            while next < questions.count || inFlight > 0 {
                while inFlight < LabExchange.window && next < questions.count {
                    if let failure = send(questions[next], index: next) { replies[next] = .failed(failure) }
                    next += 1
                }
                let now = Session.clock()
                // Tries whose wait is over: sent again, or given up.
                for (socket, byID) in pending {
                    for (id, entry) in byID where entry.deadline <= now {
                        if entry.tries < LabExchange.waits.count {
                            var again = entry
                            again.tries += 1
                            again.deadline = now + LabExchange.waits[again.tries - 1]
                            transmit(again.message, on: sockets[socket])
                            pending[socket]?[id] = again
                        } else {
                            replies[entry.question] = .unanswered(tries: entry.tries, seconds: LabExchange.waits.reduce(0, +))
                            pending[socket]?[id] = nil
                            inFlight -= 1
                        }
                    }
                }
                guard inFlight > 0 else { continue }
                let soonest = pending.values.lazy.flatMap(\.values).map(\.deadline).min() ?? now
                var polled = pending.keys.map { pollfd(fd: sockets[$0], events: Int16(POLLIN), revents: 0) }
                let timeout = Int32(max(0, min(1_000, (soonest - now) * 1_000)).rounded(.up))
                guard poll(&polled, nfds_t(polled.count), timeout) > 0 else { continue }
                for entry in polled where entry.revents != 0 {
                    guard let socket = sockets.firstIndex(of: entry.fd) else { continue }
                    receive(on: socket, into: &buffer, replies: &replies)
                }
            }
            return replies.map { $0 ?? .failed("not asked") }
        }

        /// Sends a question's first try; the reason when it cannot be sent.
        mutating func send(_ question: Question, index: Int) -> String? {
            guard question.message.count >= 12 else { return "a message shorter than a DNS header" }
            let socket: Int
            if let known = socketOf[question.source] {
                socket = known
            } else {
                guard let fd = Session.open(source: question.source) else {
                    return "cannot bind a UDP socket to \(question.source): \(String(cString: strerror(errno)))"
                }
                socket = sockets.count
                sockets.append(fd)
                nextID.append(UInt16(truncatingIfNeeded: sockets.count &* 7919))
                socketOf[question.source] = socket
            }
            // A fresh ID on this socket: the next one not in flight.
            var id = nextID[socket]
            while pending[socket]?[id] != nil { id &+= 1 }
            nextID[socket] = id &+ 1
            var message = question.message
            message[0] = UInt8(id >> 8)
            message[1] = UInt8(id & 0xFF)
            let entry = Pending(question: index, socket: socket, id: id, message: message, tries: 1,
                                deadline: Session.clock() + LabExchange.waits[0])
            pending[socket, default: [:]][id] = entry
            inFlight += 1
            transmit(message, on: sockets[socket])
            return nil
        }

        /// Reads every datagram waiting on a socket; a response settles the question in flight
        /// with its ID whose question section it repeats (anything else is dropped).
        mutating func receive(on socket: Int, into buffer: inout [UInt8], replies: inout [Reply?]) {
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(sockets[socket], $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
                guard count >= 12 else {
                    if count < 0 { return }
                    continue
                }
                let id = UInt16(buffer[0]) << 8 | UInt16(buffer[1])
                guard let entry = pending[socket]?[id], Session.sameQuestion(entry.message, buffer[..<count]) else { continue }
                replies[entry.question] = .answered(Array(buffer[..<count]))
                pending[socket]?[id] = nil
                inFlight -= 1
            }
        }

        /// True when `response` is a response (QR set) whose question section is the query's, byte
        /// for byte (BIND repeats the question as asked).
        static func sameQuestion(_ query: [UInt8], _ response: ArraySlice<UInt8>) -> Bool {
            let start = response.startIndex
            guard response[start + 2] & 0x80 != 0 else { return false }
            // The question section ends after the name's zero byte and four bytes of type and class.
            var end = 12
            while end < query.count && query[end] != 0 { end += Int(query[end]) + 1 }
            end += 5
            guard end <= query.count, response.count >= end else { return false }
            return query[12..<end].elementsEqual(response[(start + 12)..<(start + end)])
        }

        func transmit(_ message: [UInt8], on fd: Int32) {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
            // A send that fails (a full buffer) is a lost datagram: the next try sends it again.
            _ = message.withUnsafeBytes { bytes in
                withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(fd, bytes.baseAddress, bytes.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
            }
        }

        /// A UDP socket bound to `source`, any port.
        static func open(source: String) -> Int32? {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            guard inet_pton(AF_INET, source, &address.sin_addr) == 1 else { return nil }
            #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
            #else
            let fd = socket(AF_INET, SOCK_DGRAM, 0)
            #endif
            guard fd >= 0 else { return nil }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0 else { Foundation.close(fd); return nil }
            return fd
        }

        /// Seconds on the monotonic clock.
        static func clock() -> Double {
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
        }
    }
}
