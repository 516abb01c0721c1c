import Foundation
import PortvaktCore

/// Signing keys, shared by every node.
public protocol SigningKeyStore: Sendable {
    /// Every key, removed ones included, oldest first.
    func signingKeys() async throws -> [StoredSigningKey]

    /// Applies a lifecycle plan atomically: inserts `newKeys`, and applies each transition only if its key is
    /// still in the transition's `from` state. If any transition finds another state, or the plan would leave
    /// two active keys of one algorithm, nothing is written and `StoreError.conflict` is thrown.
    /// A transition to `removed` wipes the sealed private key. `audit` is recorded in the same transaction.
    /// With `endingGrants` (a compromised key's revocation), every grant made by `createdBefore` (to the second) and not yet
    /// ended is ended `at` in the same transaction, with its unredeemed codes and refresh tokens.
    func applyKeyPlan(
        newKeys: [StoredSigningKey], transitions: [KeyTransition], audit: [AuditEvent], endingGrants: (createdBefore: Date, at: Date)?
    ) async throws
}

extension SigningKeyStore {
    /// A lifecycle plan that ends no grants.
    public func applyKeyPlan(newKeys: [StoredSigningKey], transitions: [KeyTransition], audit: [AuditEvent]) async throws {
        try await applyKeyPlan(newKeys: newKeys, transitions: transitions, audit: audit, endingGrants: nil)
    }
}
