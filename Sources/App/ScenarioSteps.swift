import AmplsimEngine
import AmplsimHost
import AmplsimRender
import AmplsimImport
import AmplsimTopology

/// Where a hypothetical step comes from: a scenario file, or one step given as YAML text.
package enum ScenarioSource: Sendable {
    /// `--scenario FILE`: a list of steps.
    case file(String)
    /// `--step YAML`: one step.
    case step(String)
}

/// The steps that `replay` and `what-if` apply, gathered from their files and texts.
package enum ScenarioSteps {
    /// `replay`: the topology's own timeline, then the steps of `scenario`.
    package static func replay(_ topology: Topology, scenario: String?) throws(CommandFailure) -> [TimelineStep] {
        var steps = Timeline.steps(of: topology)
        if let scenario {
            do {
                steps += try TopologyLoader().loadScenario(path: scenario, for: topology)
            } catch {
                throw .badInput(error.description)
            }
        }
        return steps
    }

    /// `what-if`: the steps of `sources` in order; later sources may name what earlier ones create.
    /// A step given as text is named `--step #N` in messages.
    package static func hypothetical(_ sources: [ScenarioSource], after evaluated: Evaluated) throws(CommandFailure) -> [TimelineStep] {
        var hypothetical: [TimelineStep] = []
        var number = 0
        for source in sources {
            var known = evaluated.topology
            known.steps += hypothetical
            do {
                switch source {
                case .file(let path):
                    hypothetical += try TopologyLoader().loadScenario(path: path, for: known)
                case .step(let text):
                    number += 1
                    hypothetical += try TopologyLoader().loadScenario(text: text, file: "--step #\(number)", for: known)
                }
            } catch {
                throw .badInput(error.description)
            }
        }
        return hypothetical
    }

    /// The base and the steps of a Terraform plan, imported in memory. The import's notes and the
    /// prior state's refused creations go to standard error; `title` names the plan's file.
    package static func planned(_ path: String, title: String) throws(CommandFailure) -> (Evaluated, [TimelineStep]) {
        let result: ImportResult
        do {
            result = try TerraformImporter.read(path: path)
        } catch {
            throw .badInput(error.description)
        }
        printError(result.summary(title: "amplsim import terraform \(title)"))
        let (world, outcomes) = Timeline.finalWorld(of: result.topology)
        for outcome in outcomes {
            guard let refusal = outcome.refusal else { continue }
            printError("\(path): warning: prior state: creating \(outcome.step.step.keyword) refused [\(refusal.rule.rawValue)]: \(refusal.message)")
        }
        return (Evaluated(topology: result.topology, world: world, outcomes: outcomes), result.scenario)
    }
}
