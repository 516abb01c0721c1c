/// An address with an optional display name ("Mina sidor <noreply@example.se>").
public struct MailAddress: Sendable, Equatable, Codable {
    public var name: String?
    public var address: String

    public init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }

    /// A plausible single address: one @, no spaces or angle brackets, no CR/LF (header injection).
    public var isPlausible: Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && address.count <= 254
            && !address.contains(where: { $0.isWhitespace || "<>()[],;:\"\\".contains($0) })
    }
}
