import AmplsimEngine
import AmplsimHost
import AmplsimLab

/// What the lab commands do between declaring their arguments and printing: a topology's layout,
/// its files, and its named servers started on free ports.
package enum LabSession {
    /// The final world's layout; bad input (exit 2) when it cannot be laid out.
    package static func layout(_ path: String) throws(CommandFailure) -> LabLayout {
        let evaluated = try Evaluated.load(path)
        do {
            return try LabLayout(world: evaluated.world)
        } catch {
            throw .badInput("\(path): error: \(error.description)")
        }
    }

    /// Writes the configuration's files into `folder` and returns their paths.
    package static func writeFiles(_ configuration: LabConfiguration, into folder: String, force: Bool) throws(CommandFailure) -> [String] {
        do {
            return try OutputFiles(folder: folder, force: force).write(configuration.files)
        } catch {
            throw .badInput(error.description)
        }
    }

    /// named's path. (dig is for people: the lab asks its questions itself, `LabExchange`.)
    package static func named() throws(CommandFailure) -> String {
        do {
            return try LabTools.named()
        } catch {
            throw .badInput(error.description)
        }
    }

    /// `directory` made absolute, or a fresh temporary folder.
    package static func folder(_ directory: String?) throws(CommandFailure) -> String {
        if let directory { return LabFolder.absolute(directory) }
        do {
            return try LabFolder.temporary()
        } catch {
            throw .badInput(error.description)
        }
    }

    /// Ports for a running lab: `lab` as given (checked free) or any free port, the others free.
    package static func ports(_ layout: LabLayout, lab: UInt16?) throws(CommandFailure) -> LabPorts {
        do throws(LabFailure) {
            if let lab, !LabPortFinder.isFree(lab) {
                throw LabFailure(description: "error: --port: port \(lab) is in use on 127.0.0.1 (TCP or UDP), or this user cannot bind it")
            }
            let needed = LabPorts.count(servers: layout.servers.count) - (lab == nil ? 0 : 1)
            var free = try LabPortFinder.free(needed, taken: lab.map { [$0] } ?? [])
            let labPort = lab ?? free.removeFirst()
            let internet = free.removeFirst(), nowhere = free.removeFirst()
            var servers: [ServerID: UInt16] = [:]
            for server in layout.servers { servers[server.name] = free.removeFirst() }
            return LabPorts(lab: labPort, internet: internet, nowhere: nowhere, servers: servers)
        } catch {
            throw .badInput(error.description)
        }
    }

    /// Writes the configuration into `folder` and starts its servers, with ports from `ports`; when
    /// a port chosen here was taken in the meantime (named says "address in use"), tries again with
    /// other ports (three times). When the lab cannot start and no named wrote a log (no free port,
    /// say), a `temporary` folder is removed; a folder with logs stays, for the message names the
    /// log to read.
    package static func start(_ layout: LabLayout, ports: () throws(CommandFailure) -> LabPorts, in folder: String,
                              temporary: Bool, named: String, servers: LabServers) throws(CommandFailure) -> LabConfiguration {
        do throws(CommandFailure) {
            var attempt = 0
            while true {
                attempt += 1
                let configuration = LabConfiguration(layout: layout, ports: try ports(), directory: folder)
                _ = try writeFiles(configuration, into: folder, force: true)
                do {
                    try servers.start(configuration, named: named)
                    return configuration
                } catch {
                    if (error.description.contains("address in use") || error.description.contains("unable to listen"))
                        && attempt < 3 && !servers.isStopped { continue }
                    throw CommandFailure.badInput(error.description)
                }
            }
        } catch {
            if temporary && !LabFolder.holdsLogs(folder) { LabFolder.remove(folder) }
            throw error
        }
    }

    /// Asks every query of `queries` from its network's client address, all from this process
    /// (`LabExchange`: many in flight, each tried again until answered or given up), and judges
    /// BIND's answers against the engine's; rows in query order.
    package static func verify(_ queries: [LabQuery], layout: LabLayout, port: UInt16) -> [LabRow] {
        // Skipped rows are asked too, so that the report shows what BIND says instead.
        let sources = Dictionary(layout.networks.map { ($0.name, $0.clientAddress) }, uniquingKeysWith: { a, _ in a })
        let questions = queries.map {
            LabExchange.Question(source: sources[$0.network] ?? "127.0.0.1", message: LabMessage.query($0.name))
        }
        let replies = LabExchange.ask(questions, port: port)
        return zip(queries, replies).map { query, reply in
            let observation: LabObservation
            switch reply {
            case .answered(let response):
                observation = LabMessage.observation(response, name: query.name)
            case .unanswered(let tries, let seconds):
                observation = LabMessage.unanswered(query.name, "no answer after \(tries) tries in \(Int(seconds)) s")
            case .failed(let why):
                observation = LabMessage.unanswered(query.name, why)
            }
            return LabRow.judging(query, observation)
        }
    }
}
