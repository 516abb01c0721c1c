/// A member's role in a business, as the `memberships` and `business` claims write it.
public enum Role: String, Sendable, Codable, CaseIterable {
    /// Administratör: manages the business's members.
    case admin
    /// Användare.
    case user
}
