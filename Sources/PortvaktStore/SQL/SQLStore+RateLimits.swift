import Foundation
import PortvaktCore
import SQLKit

extension SQLStore: RateLimitStore {
    public func claim(key: String, limit: RateLimit, now: Date, enforce: Bool) async throws -> RateLimitClaim {
        let engine = backend.engine
        let since = Timestamp.seconds(now.addingTimeInterval(-limit.window))
        let nowSeconds = Timestamp.seconds(now)
        return try await backend.withTransaction { db in
            // SQLite's BEGIN IMMEDIATE already serialises writers; PostgreSQL takes a lock on the key.
            if engine == .postgres {
                try await db.raw("SELECT pg_advisory_xact_lock(hashtextextended(\(bind: key), 0))").run()
            }
            let uses = try await db.select().column("used_at").from("rate_limit_uses").where("limit_key", .equal, key)
                .where("used_at", .greaterThan, since).orderBy("used_at")
                .all(decodingColumn: "used_at", as: Int64.self).map(Timestamp.date(seconds:))
            let decision = limit.decide(uses: uses, now: now)
            var id: Int64?
            if decision == .allow || (!enforce && uses.count < limit.mostUnenforcedUses) {
                id = try await db.insert(into: "rate_limit_uses").columns("limit_key", "used_at")
                    .values(SQLBind(key), SQLBind(nowSeconds)).returning("id").first(decodingColumn: "id", as: Int64.self)
            }
            return RateLimitClaim(decision: decision, usesBefore: uses.count, useID: id)
        }
    }

    public func release(_ useID: Int64) async throws {
        try await backend.withSession { db in
            try await db.delete(from: "rate_limit_uses").where("id", .equal, useID).run()
        }
    }

    public func clear(key: String) async throws {
        try await backend.withSession { db in
            try await db.delete(from: "rate_limit_uses").where("limit_key", .equal, key).run()
        }
    }
}
