import Foundation
import PortvaktCore
import Testing

@testable import PortvaktStore

extension SQLStore {
    /// Saves a code as `/authorize` does, under a live login session of its account: the account and the session
    /// (the code's `sid`) are made first when the test has not made them.
    func saveCodeInSession(digest: [UInt8], record: AuthorizationCodeRecord) async throws {
        let context = record.context
        let accountID = context.subject ?? "acc-1"
        do {
            try await createAccount(Account(
                id: accountID, email: nil, emailVerified: false, givenName: nil, familyName: nil, locale: nil, createdAt: record.createdAt))
        } catch let error as StoreError where error.isConflict {}
        if let sid = context.sid {
            do {
                try await createSession(
                    LoginSession(sid: sid, accountID: accountID, authTime: record.createdAt, acr: nil, amr: [], createdAt: record.createdAt,
                                 lastSeenAt: record.createdAt, expiresAt: record.createdAt.addingTimeInterval(86_400)),
                    secretDigest: Array(UUID().uuidString.utf8))
            } catch where backend.isUniqueViolation(error) {}
        }
        let saved = try await saveCode(digest: digest, record: record)
        #expect(saved, "the code was saved under its live session")
    }
}
