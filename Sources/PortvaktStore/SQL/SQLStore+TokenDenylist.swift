import Foundation
import PortvaktCore
import SQLKit

extension SQLStore: TokenDenylist {
    @discardableResult
    public func denyToken(jti: String, expiresAt: Date) async throws -> Bool {
        try await backend.withSession { db in
            // One statement: the primary key lets exactly one of several concurrent denials insert the row.
            try await !db.insert(into: "denied_tokens").columns("jti", "expires_at")
                .values(SQLBind(jti), SQLBind(Timestamp.seconds(expiresAt)))
                .ignoringConflicts(with: ["jti"]).returning("jti").all().isEmpty
        }
    }

    public func isTokenDenied(jti: String) async throws -> Bool {
        try await backend.withSession { db in
            try await db.select().column("jti").from("denied_tokens").where("jti", .equal, jti).first() != nil
        }
    }
}
