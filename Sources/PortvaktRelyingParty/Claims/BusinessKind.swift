/// What kind of business a membership is for, as the `memberships` claim writes it.
public enum BusinessKind: String, Sendable, Codable, CaseIterable {
    case retailer, producer, importer
}
