import ArgumentParser

/// `portvakt`: the one tool to run and operate Portvakt.
public struct Portvakt: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "portvakt",
        abstract: "Portvakt, an OpenID Connect identity provider.",
        subcommands: [Serve.self, Migrate.self, Keys.self, Clients.self, Mail.self, Businesses.self, Staff.self, Applications.self, BankIDSimulatorCommand.self])

    public init() {}
}
