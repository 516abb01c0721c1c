import Foundation
import PortvaktCore
import SQLKit

extension SQLStore: StaffStore {
    @discardableResult
    public func grantStaffRole(_ role: StaffRole, accountID: String, actor: String, source: String?, at: Date) async throws -> Bool {
        try await backend.withTransaction { db in
            let added = try await db.insert(into: "staff_roles").columns("account_id", "role", "created_at")
                .values(SQLBind(accountID), SQLBind(role.rawValue), SQLBind(Timestamp.seconds(at)))
                .ignoringConflicts(with: ["account_id", "role"])
                .returning("account_id").first() != nil
            if added {
                _ = try await Self.insertAuditEvent(
                    AuditEvent(
                        at: at, actor: actor, action: "staff.role_granted", target: "account:\(accountID)", source: source,
                        details: ["role": role.rawValue]),
                    into: db)
            }
            return added
        }
    }

    @discardableResult
    public func removeStaff(accountID: String, actor: String, source: String?, at: Date) async throws -> [StaffRole] {
        try await backend.withTransaction { db in
            let roles = try await db.delete(from: "staff_roles").where("account_id", .equal, accountID).returning("role").all()
                .compactMap { StaffRole(rawValue: try $0.decode(column: "role", as: String.self)) }.sorted()
            if !roles.isEmpty {
                _ = try await Self.insertAuditEvent(
                    AuditEvent(
                        at: at, actor: actor, action: "staff.removed", target: "account:\(accountID)", source: source,
                        details: ["roles": roles.map(\.rawValue).joined(separator: ",")]),
                    into: db)
            }
            return roles
        }
    }

    public func staffRoles(accountID: String) async throws -> Set<StaffRole> {
        try await backend.withReader { db in
            Set(try await db.select().column("role").from("staff_roles").where("account_id", .equal, accountID).all()
                .compactMap { StaffRole(rawValue: try $0.decode(column: "role", as: String.self)) })
        }
    }

    public func staffMembers() async throws -> [StaffMember] {
        try await backend.withSession { db in
            let rows = try await db.raw("""
                SELECT s.account_id, s.role, s.created_at, a.email, a.given_name, a.family_name
                FROM staff_roles s JOIN accounts a ON a.id = s.account_id
                ORDER BY a.email_lower, s.account_id, s.role
                """).all()
            var members: [StaffMember] = []
            for row in rows {
                let accountID = try row.decode(column: "account_id", as: String.self)
                let role = StaffRole(rawValue: try row.decode(column: "role", as: String.self))
                let since = Timestamp.date(seconds: try row.decode(column: "created_at", as: Int64.self))
                if let last = members.last, last.accountID == accountID {
                    if let role { members[members.count - 1].roles.append(role) }
                    members[members.count - 1].since = min(last.since, since)
                    continue
                }
                let names = [try row.decode(column: "given_name", as: String?.self), try row.decode(column: "family_name", as: String?.self)]
                    .compactMap { $0 }
                members.append(StaffMember(
                    accountID: accountID, email: try row.decode(column: "email", as: String?.self),
                    name: names.isEmpty ? nil : names.joined(separator: " "), roles: role.map { [$0] } ?? [], since: since))
            }
            return members
        }
    }

    public func touchStaffSession(sid: String, loggedInAt: Date, at: Date, maximumIdle: TimeInterval) async throws -> Date? {
        try await backend.withTransaction { db in
            let before = try await db.select().column("last_seen_at").from("staff_sessions").where("sid", .equal, sid)
                .first(decodingColumn: "last_seen_at", as: Int64.self)
            // Idle stays idle: only a session active within the limit is noted, so no request can make an idle one
            // active again, whatever runs beside it.
            let since = before ?? Timestamp.seconds(loggedInAt)
            guard Timestamp.seconds(at) - since <= Int64(maximumIdle) else { return before.map(Timestamp.date(seconds:)) }
            try await db.insert(into: "staff_sessions").columns("sid", "last_seen_at").values(SQLBind(sid), SQLBind(Timestamp.seconds(at)))
                .onConflict(with: ["sid"]) { $0.set(excludedValueOf: "last_seen_at") }
                .run()
            return before.map(Timestamp.date(seconds:))
        }
    }
}
