import Foundation
import PortvaktCore
import SQLKit

extension SQLStore: CredentialStore {
    public func setPasswordHash(accountID: String, hash: String, at: Date) async throws {
        try await backend.withSession { db in
            try await db.insert(into: "passwords").columns("account_id", "hash", "changed_at")
                .values(SQLBind(accountID), SQLBind(hash), SQLBind(Timestamp.seconds(at)))
                .onConflict(with: ["account_id"]) { $0.set(excludedValueOf: "hash").set(excludedValueOf: "changed_at") }
                .run()
        }
    }

    public func passwordHash(accountID: String) async throws -> String? {
        try await backend.withSession { db in
            try await db.select().column("hash").from("passwords").where("account_id", .equal, accountID).first()?
                .decode(column: "hash", as: String.self)
        }
    }

    public func saveOneTimeCode(_ code: OneTimeCode) async throws {
        let record = try JSONText.encode(code)
        let subject = code.subject.lowercased()
        try await backend.withTransaction { db in
            try await db.insert(into: "one_time_codes").columns("purpose", "subject", "record", "sent_at")
                .values(SQLBind(code.purpose.rawValue), SQLBind(subject), SQLBind(record), SQLBind(Timestamp.seconds(code.issuedAt)))
                .onConflict(with: ["purpose", "subject"]) { $0.set(excludedValueOf: "record").set(excludedValueOf: "sent_at") }
                .run()
            try await db.insert(into: "code_sends").columns("purpose", "subject", "sent_at")
                .values(SQLBind(code.purpose.rawValue), SQLBind(subject), SQLBind(Timestamp.seconds(code.issuedAt))).run()
        }
    }

    public func voidOneTimeCodes(subject: String) async throws {
        try await backend.withSession { db in
            try await db.delete(from: "one_time_codes").where("subject", .equal, subject.lowercased()).run()
        }
    }

    public func attemptOneTimeCode(purpose: CodePurpose, subject: String, input: String, key codeKey: [UInt8], now: Date) async throws -> OneTimeCode.Outcome? {
        let key = subject.lowercased()
        for _ in 1...5 {
            let found = try await backend.withSession { db in
                try await db.select().column("record").from("one_time_codes")
                    .where("purpose", .equal, purpose.rawValue).where("subject", .equal, key).first()?
                    .decode(column: "record", as: String.self)
            }
            guard let found else { return nil }
            let code = try JSONText.decode(OneTimeCode.self, found)
            let (outcome, next) = code.attempt(input, purpose: purpose, subject: subject, key: codeKey, now: now)
            guard next != code else { return outcome }
            // Compare-and-set on the whole record: a concurrent attempt that changed it first makes this one look again.
            let updated = try await backend.withSession { db in
                try await !db.update("one_time_codes").set("record", to: try JSONText.encode(next))
                    .where("purpose", .equal, purpose.rawValue).where("subject", .equal, key).where("record", .equal, found)
                    .returning("subject").all().isEmpty
            }
            if updated { return outcome }
        }
        throw StoreError.conflict("the code is being checked by too many requests at once")
    }

    public func codeSendTimes(purpose: CodePurpose, subject: String, since: Date) async throws -> [Date] {
        try await backend.withSession { db in
            try await db.select().column("sent_at").from("code_sends").where("purpose", .equal, purpose.rawValue)
                .where("subject", .equal, subject.lowercased()).where("sent_at", .greaterThanOrEqual, Timestamp.seconds(since))
                .orderBy("sent_at").all(decodingColumn: "sent_at", as: Int64.self).map(Timestamp.date(seconds:))
        }
    }
}
