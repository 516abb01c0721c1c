import ArgumentParser

/// A command whose work ends in text for standard output: `output()` does the work and returns the text, `run()`
/// prints it (or the error, as one line with exit status 1). The tests call `output()` to read what an operator
/// would see.
protocol PrintingCommand: AsyncParsableCommand {
    func output() async throws -> String
}

extension PrintingCommand {
    func run() async throws {
        try await reportingErrors {
            print(try await output())
        }
    }
}
