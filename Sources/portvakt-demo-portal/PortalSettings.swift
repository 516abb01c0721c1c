import Foundation

/// The demo portal's settings, from the environment; the defaults are `scripts/run`'s.
struct PortalSettings {
    var issuer = "http://localhost:8080"
    var url = "http://localhost:3000"
    var host = "127.0.0.1"
    var port = 3000
    var clientID = "demo"
    var clientSecret: String?

    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// `DEMO_PORTAL_ISSUER`, `DEMO_PORTAL_URL`, `DEMO_PORTAL_LISTEN` (host:port) and `DEMO_PORTAL_CLIENT_FILE`
    /// (the `{"client_id", "client_secret"}` that `portvakt clients add --json` printed; data/demo-client.json).
    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PortalSettings {
        var settings = PortalSettings()
        if let issuer = environment["DEMO_PORTAL_ISSUER"] { settings.issuer = issuer }
        if let url = environment["DEMO_PORTAL_URL"] { settings.url = url.hasSuffix("/") ? String(url.dropLast()) : url }
        if let listen = environment["DEMO_PORTAL_LISTEN"] {
            guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]) else {
                throw Problem(description: "DEMO_PORTAL_LISTEN must be HOST:PORT, not \(listen)")
            }
            settings.host = String(listen[..<colon])
            settings.port = port
        }
        let file = environment["DEMO_PORTAL_CLIENT_FILE"] ?? "data/demo-client.json"
        guard let data = FileManager.default.contents(atPath: file),
            let client = try? JSONDecoder().decode([String: String].self, from: data), let id = client["client_id"]
        else { throw Problem(description: "DEMO_PORTAL_CLIENT_FILE: \(file) is not the JSON of `portvakt clients add --json`") }
        settings.clientID = id
        settings.clientSecret = client["client_secret"]
        return settings
    }
}
