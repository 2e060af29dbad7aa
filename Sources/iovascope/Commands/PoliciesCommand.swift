import ArgumentParser
import IOVACore
import IOVAPolicies

struct PoliciesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policies",
        abstract: "Describe the allocation policies: what each models, how it places, what it costs."
    )

    func run() {
        for policy in Policies.all {
            print(policy.name.rawValue + (policy.isKernel ? "  (the kernel's own algorithm)" : ""))
            print(wrap(policy.summary, width: 78, indent: "    "))
            print(wrap("Memory: " + policy.memoryModel.note + ".", width: 78, indent: "    "))
            print("")
        }
    }

    /// Greedy word wrap.
    private func wrap(_ text: String, width: Int, indent: String) -> String {
        var lines: [String] = []
        var line = indent
        for word in text.split(separator: " ") {
            if line.count + word.count + 1 > width && line != indent {
                lines.append(line)
                line = indent
            }
            line += (line == indent ? "" : " ") + word
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
