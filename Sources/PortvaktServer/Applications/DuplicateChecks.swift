import PortvaktCore
import PortvaktStore

/// What a reviewer checks before deciding, the same at the desk and in `portvakt applications show`: whether the
/// register has the application's organisation number, and whether another application for it is open.
public struct DuplicateChecks: Sendable, Equatable {
    /// The register's businesses with the organisation number, by customer number (an approved application's own
    /// business among them).
    public var registered: [Business]
    /// Another open application for the number, if there is one.
    public var otherOpen: BusinessApplication?
}

extension ApplicationReview {
    /// The duplicate checks on `application`, as the store has them now.
    public func duplicateChecks(for application: BusinessApplication) async throws -> DuplicateChecks {
        let number = application.details.organisationNumber.digits
        let open = try await store.openApplication(organisationNumber: number)
        return DuplicateChecks(
            registered: try await store.businesses(organisationNumber: number), otherOpen: open?.id == application.id ? nil : open)
    }
}
