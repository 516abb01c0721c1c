import Foundation
import PortvaktCore

public protocol AccountStore: Sendable {
    /// Throws `StoreError.conflict` when the id or the e-mail address is taken.
    func createAccount(_ account: Account) async throws
    func account(id: String) async throws -> Account?
    /// By e-mail address, compared case-insensitively.
    func account(email: String) async throws -> Account?
    func account(personalNumber: String) async throws -> Account?
    func updateName(accountID: String, givenName: String, familyName: String) async throws
    /// Sets a new, verified address. Throws `StoreError.conflict` when another account has it.
    func updateEmail(accountID: String, email: String) async throws
}
