import Foundation

/// Asks the lab with dig.
package enum LabDig {
    /// The arguments of one question (`name` absolute, with its final dot): type A, one try,
    /// recursion (dig's default).
    static func arguments(port: UInt16, source: String, name: String) -> [String] {
        ["-p", String(port), "-b", source, "@127.0.0.1", name, "A",
         "+tries=1", "+time=20", "+noall", "+comments", "+answer"]
    }

    /// Asks every question, eight at a time; in question order, what dig printed (standard output
    /// and error together), or why it could not run, or nil for a question not asked.
    package static func ask(_ questions: [(source: String, name: String)], port: UInt16,
                            dig: String) -> [Result<String, LabFailure>?] {
        // `@unchecked Sendable`: `items` is written only while holding `lock`, each index by one
        // question's block, and read after `group.wait()`, once every block has left the group.
        final class Results: @unchecked Sendable {
            var items: [Result<String, LabFailure>?]
            let lock = NSLock()
            init(_ n: Int) { items = Array(repeating: nil, count: n) }
        }
        let results = Results(questions.count)
        let group = DispatchGroup()
        let slots = DispatchSemaphore(value: 8)
        for (i, question) in questions.enumerated() {
            slots.wait()
            group.enter()
            DispatchQueue.global().async {
                let answer = ask(question.source, question.name, port: port, dig: dig)
                results.lock.lock()
                results.items[i] = answer
                results.lock.unlock()
                slots.signal()
                group.leave()
            }
        }
        group.wait()
        return results.items
    }

    /// One question: dig's output, or why it could not run.
    static func ask(_ source: String, _ name: String, port: UInt16, dig: String) -> Result<String, LabFailure> {
        do {
            let finished = try ChildProcess(dig, arguments(port: port, source: source, name: name)).run(errors: .merged)
            return .success(String(decoding: finished.output, as: UTF8.self))
        } catch {
            return .failure(LabFailure(description: "cannot run dig: \(error.localizedDescription)"))
        }
    }
}
