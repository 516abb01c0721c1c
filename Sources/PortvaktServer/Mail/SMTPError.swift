/// A delivery that failed; the outbox retries it later.
public struct SMTPError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
