/// Why a store operation failed. Public as a struct over a private enum, so new cases break nothing.
public struct StoreError: Error, CustomStringConvertible, Sendable, Equatable {
    private enum Kind: Equatable, Sendable {
        case conflict
        case unavailable
        case corrupt
    }

    private let kind: Kind
    public let message: String

    /// A compare-and-set or uniqueness rule failed: someone else changed the data first. Nothing was written.
    public static func conflict(_ message: String) -> StoreError { StoreError(kind: .conflict, message: message) }
    /// The database cannot be reached or opened.
    public static func unavailable(_ message: String) -> StoreError { StoreError(kind: .unavailable, message: message) }
    /// Stored data is not what this version of Portvakt understands.
    public static func corrupt(_ message: String) -> StoreError { StoreError(kind: .corrupt, message: message) }

    public var isConflict: Bool { kind == .conflict }
    /// The database could not be reached or used: the request may succeed if tried again later.
    public var isUnavailable: Bool { kind == .unavailable }

    public var description: String { message }
}
