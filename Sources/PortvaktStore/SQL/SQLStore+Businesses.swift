import Foundation
import PortvaktCore
import SQLKit

extension SQLStore: BusinessStore {
    @discardableResult
    public func saveBusiness(_ business: Business) async throws -> Bool {
        try await backend.withTransaction { db in
            let exists = try await db.select().column("customer_number").from("businesses")
                .where("customer_number", .equal, business.customerNumber).first() != nil
            if exists {
                // The register may rename or re-address a business; its PIN (or its retirement) is the store's, and an
                // organisation number it does not give stays the one known.
                var update = db.update("businesses").set("name", to: business.name).set("kind", to: business.kind.rawValue)
                    .set("registered_email", to: business.registeredEmail)
                if let organisationNumber = business.organisationNumber { update = update.set("org_number", to: organisationNumber) }
                try await update.where("customer_number", .equal, business.customerNumber).run()
                return false
            }
            try await Self.insertBusiness(business, into: db)
            return true
        }
    }

    /// Inserts a new business on `db`, so that an approval can add it in its own transaction.
    static func insertBusiness(_ business: Business, into db: any SQLDatabase) async throws {
        try await db.insert(into: "businesses")
            .columns("customer_number", "name", "kind", "registered_email", "pin_hash", "activated_at", "created_at", "org_number")
            .values(
                SQLBind(business.customerNumber), SQLBind(business.name), SQLBind(business.kind.rawValue), SQLBind(business.registeredEmail),
                SQLBind(business.pinHash), SQLBind(business.activatedAt.map(Timestamp.seconds)), SQLBind(Timestamp.seconds(business.createdAt)),
                SQLBind(business.organisationNumber))
            .run()
    }

    public func business(customerNumber: String) async throws -> Business? {
        try await backend.withSession { db in
            try await db.select().column("*").from("businesses").where("customer_number", .equal, customerNumber).first().map(Self.decodeBusiness)
        }
    }

    public func businesses() async throws -> [Business] {
        try await backend.withSession { db in
            try await db.select().column("*").from("businesses").orderBy("customer_number").all().map(Self.decodeBusiness)
        }
    }

    public func linkFirstAdministrator(customerNumber: String, accountID: String, at: Date) async throws -> LinkOutcome {
        try await backend.withTransaction { db in try await Self.linkFirst(db, customerNumber: customerNumber, accountID: accountID, at: at) }
    }

    /// The compare-and-set that makes exactly one first administrator, whatever the engine's isolation.
    static func linkFirst(_ db: any SQLDatabase, customerNumber: String, accountID: String, at: Date) async throws -> LinkOutcome {
        let won = try await !db.update("businesses").set("first_administrator", to: accountID)
            .where("customer_number", .equal, customerNumber).where("first_administrator", .is, SQLLiteral.null)
            .returning("customer_number").all().isEmpty
        guard won else {
            let exists = try await db.select().column("customer_number").from("businesses").where("customer_number", .equal, customerNumber).first()
            return exists == nil ? .unknownBusiness : .hasAdministrator
        }
        try await db.insert(into: "memberships").columns("customer_number", "account_id", "role", "created_at")
            .values(SQLBind(customerNumber), SQLBind(accountID), SQLBind(BusinessRole.admin.rawValue), SQLBind(Timestamp.seconds(at)))
            .onConflict(with: ["customer_number", "account_id"]) { $0.set(excludedValueOf: "role") }
            .run()
        return .linked
    }

    public func activateBusiness(customerNumber: String, at: Date) async throws -> Bool {
        try await backend.withSession { db in
            try await !db.update("businesses").set("activated_at", to: Timestamp.seconds(at)).set("pin_hash", to: SQLLiteral.null)
                .where("customer_number", .equal, customerNumber).where("activated_at", .is, SQLLiteral.null)
                .returning("customer_number").all().isEmpty
        }
    }

    public func memberships(accountID: String) async throws -> [(business: Business, role: BusinessRole)] {
        try await backend.withSession { db in
            try await Self.membershipsQuery(db, accountID: accountID).all().map(Self.decodeMembership)
        }
    }

    public func activeMemberships(accountID: String) async throws -> [ActiveMembership] {
        try await backend.withSession { db in
            try await Self.membershipsQuery(db, accountID: accountID).where(SQLColumn("activated_at", table: "b"), .isNot, SQLLiteral.null)
                .all().compactMap { row in
                    let (business, role) = try Self.decodeMembership(row)
                    return ActiveMembership(business: business, role: role)
                }
        }
    }

    /// The account's memberships joined with their businesses, by customer number.
    private static func membershipsQuery(_ db: any SQLDatabase, accountID: String) -> SQLSelectBuilder {
        db.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("b"))).column(SQLColumn("role", table: "m"))
            .from(SQLAlias(SQLIdentifier("businesses"), as: SQLIdentifier("b")))
            .join(SQLAlias(SQLIdentifier("memberships"), as: SQLIdentifier("m")), method: SQLJoinMethod.inner,
                  on: SQLColumn("customer_number", table: "m"), .equal, SQLColumn("customer_number", table: "b"))
            .where(SQLColumn("account_id", table: "m"), .equal, SQLBind(accountID))
            .orderBy(SQLColumn("customer_number", table: "b"))
    }

    private static func decodeMembership(_ row: any SQLRow) throws -> (business: Business, role: BusinessRole) {
        (try decodeBusiness(row), BusinessRole(rawValue: try row.decode(column: "role", as: String.self)) ?? .user)
    }

    public func members(customerNumber: String) async throws -> [Member] {
        try await backend.withSession { db in
            try await db.raw("""
                SELECT m.account_id, m.role, m.created_at, a.email, a.given_name, a.family_name
                FROM memberships m JOIN accounts a ON a.id = m.account_id
                WHERE m.customer_number = \(bind: customerNumber) ORDER BY m.created_at, m.account_id
                """).all().map { row in
                let names = [try row.decode(column: "given_name", as: String?.self), try row.decode(column: "family_name", as: String?.self)]
                    .compactMap { $0 }
                return Member(
                    accountID: try row.decode(column: "account_id", as: String.self),
                    role: BusinessRole(rawValue: try row.decode(column: "role", as: String.self)) ?? .user,
                    email: try row.decode(column: "email", as: String?.self), name: names.isEmpty ? nil : names.joined(separator: " "),
                    since: Timestamp.date(seconds: try row.decode(column: "created_at", as: Int64.self)))
            }
        }
    }

    public func changeRole(customerNumber: String, accountID: String, to role: BusinessRole) async throws -> MembershipChange {
        try await changeMembership(customerNumber: customerNumber, accountID: accountID) { db in
            try await db.update("memberships").set("role", to: role.rawValue)
                .where("customer_number", .equal, customerNumber).where("account_id", .equal, accountID).run()
        } leavesAdministrator: { current in current == .user || role == .admin }
    }

    public func removeMember(customerNumber: String, accountID: String, at: Date) async throws -> MembershipChange {
        let engine = backend.engine
        return try await changeMembership(customerNumber: customerNumber, accountID: accountID) { db in
            try await db.delete(from: "memberships").where("customer_number", .equal, customerNumber).where("account_id", .equal, accountID).run()
            try await Self.endGrants(
                db, engine: engine, accountID: accountID, withAnyScope: ["memberships", BusinessScope.scope(for: customerNumber)], at: at)
        } leavesAdministrator: { current in current == .user }
    }

    /// Changes one membership unless that would leave the business without an administrator. Serialised per
    /// business (SQLite's write lock; an advisory lock on PostgreSQL), so two administrators demoting each
    /// other at once cannot both succeed.
    private func changeMembership(
        customerNumber: String, accountID: String, _ change: @escaping @Sendable (any SQLDatabase) async throws -> Void,
        leavesAdministrator: @escaping @Sendable (BusinessRole) -> Bool
    ) async throws -> MembershipChange {
        let engine = backend.engine
        return try await backend.withTransaction { db in
            if engine == .postgres {
                try await db.raw("SELECT pg_advisory_xact_lock(hashtextextended(\(bind: "business:" + customerNumber), 0))").run()
            }
            guard let current = try await db.select().column("role").from("memberships").where("customer_number", .equal, customerNumber)
                .where("account_id", .equal, accountID).first(decodingColumn: "role", as: String.self).flatMap(BusinessRole.init(rawValue:))
            else { return .notMember }
            if current == .admin, !leavesAdministrator(current) {
                let admins = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("memberships")
                    .where("customer_number", .equal, customerNumber).where("role", .equal, BusinessRole.admin.rawValue)
                    .first(decodingColumn: "n", as: Int.self) ?? 0
                if admins <= 1 { return .lastAdministrator }
            }
            try await change(db)
            return .done
        }
    }

    public func saveLinkToken(digest: [UInt8], customerNumber: String, accountID: String, expiresAt: Date) async throws {
        try await backend.withSession { db in
            try await db.insert(into: "business_link_tokens").columns("digest", "customer_number", "account_id", "expires_at")
                .values(SQLBind(Data(digest)), SQLBind(customerNumber), SQLBind(accountID), SQLBind(Timestamp.seconds(expiresAt))).run()
        }
    }

    public func redeemLinkToken(digest: [UInt8], accountID: String, now: Date) async throws -> (outcome: LinkOutcome, customerNumber: String?) {
        try await backend.withTransaction { db in
            guard let customerNumber = try await db.update("business_link_tokens").set("used_at", to: Timestamp.seconds(now))
                .where("digest", .equal, Data(digest)).where("account_id", .equal, accountID).where("used_at", .is, SQLLiteral.null)
                .where("expires_at", .greaterThan, Timestamp.seconds(now))
                .returning("customer_number").first(decodingColumn: "customer_number", as: String.self)
            else { return (.invalidToken, nil) }
            return (try await Self.linkFirst(db, customerNumber: customerNumber, accountID: accountID, at: now), customerNumber)
        }
    }

    public func createInvitation(_ invitation: Invitation, tokenDigest: [UInt8]) async throws {
        try await backend.withSession { db in
            try await db.insert(into: "invitations")
                .columns("id", "token_digest", "customer_number", "email", "role", "invited_by", "created_at", "expires_at")
                .values(
                    SQLBind(invitation.id), SQLBind(Data(tokenDigest)), SQLBind(invitation.customerNumber), SQLBind(invitation.email),
                    SQLBind(invitation.role.rawValue), SQLBind(invitation.invitedBy), SQLBind(Timestamp.seconds(invitation.createdAt)),
                    SQLBind(Timestamp.seconds(invitation.expiresAt)))
                .run()
        }
    }

    public func invitations(customerNumber: String) async throws -> [Invitation] {
        try await backend.withSession { db in
            try await db.select().column("*").from("invitations").where("customer_number", .equal, customerNumber)
                .orderBy("created_at", .descending).all().map(Self.decodeInvitation)
        }
    }

    public func renewInvitation(id: String, customerNumber: String, tokenDigest: [UInt8], expiresAt: Date, now: Date) async throws -> Bool {
        try await backend.withSession { db in
            try await !db.update("invitations").set("token_digest", to: Data(tokenDigest)).set("expires_at", to: Timestamp.seconds(expiresAt))
                .where("id", .equal, id).where("customer_number", .equal, customerNumber)
                .where("accepted_at", .is, SQLLiteral.null).where("revoked_at", .is, SQLLiteral.null)
                .where("expires_at", .greaterThan, Timestamp.seconds(now))
                .returning("id").all().isEmpty
        }
    }

    public func revokeInvitation(id: String, customerNumber: String, at: Date) async throws -> Bool {
        try await backend.withSession { db in
            try await !db.update("invitations").set("revoked_at", to: Timestamp.seconds(at))
                .where("id", .equal, id).where("customer_number", .equal, customerNumber)
                .where("accepted_at", .is, SQLLiteral.null).where("revoked_at", .is, SQLLiteral.null)
                .returning("id").all().isEmpty
        }
    }

    public func invitation(tokenDigest: [UInt8], now: Date) async throws -> Invitation? {
        let found = try await invitation(anyStateTokenDigest: tokenDigest)
        return found?.state(now: now) == .pending ? found : nil
    }

    public func invitation(anyStateTokenDigest tokenDigest: [UInt8]) async throws -> Invitation? {
        try await backend.withSession { db in
            try await db.select().column("*").from("invitations").where("token_digest", .equal, Data(tokenDigest)).first().map(Self.decodeInvitation)
        }
    }

    public func acceptInvitation(tokenDigest: [UInt8], accountID: String, verifiedEmail: String?, now: Date) async throws -> InvitationAcceptance {
        try await backend.withTransaction { db in
            guard let invitation = try await db.select().column("*").from("invitations").where("token_digest", .equal, Data(tokenDigest))
                .first().map(Self.decodeInvitation), invitation.state(now: now) == .pending
            else { return .invalid }
            guard let verifiedEmail, verifiedEmail.lowercased() == invitation.email.lowercased() else { return .wrongAddress }
            let claimed = try await !db.update("invitations").set("accepted_at", to: Timestamp.seconds(now)).set("accepted_by", to: accountID)
                .where("id", .equal, invitation.id).where("accepted_at", .is, SQLLiteral.null).where("revoked_at", .is, SQLLiteral.null)
                .returning("id").all().isEmpty
            guard claimed else { return .invalid }
            // A member already keeps the role they have.
            try await db.insert(into: "memberships").columns("customer_number", "account_id", "role", "created_at")
                .values(SQLBind(invitation.customerNumber), SQLBind(accountID), SQLBind(invitation.role.rawValue), SQLBind(Timestamp.seconds(now)))
                .ignoringConflicts(with: ["customer_number", "account_id"])
                .run()
            return .accepted(customerNumber: invitation.customerNumber, role: invitation.role)
        }
    }

    static func decodeBusiness(_ row: any SQLRow) throws -> Business {
        Business(
            customerNumber: try row.decode(column: "customer_number", as: String.self), name: try row.decode(column: "name", as: String.self),
            kind: Business.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .retailer,
            registeredEmail: try row.decode(column: "registered_email", as: String.self),
            pinHash: try row.decode(column: "pin_hash", as: String?.self),
            activatedAt: try row.decode(column: "activated_at", as: Int64?.self).map(Timestamp.date(seconds:)),
            createdAt: Timestamp.date(seconds: try row.decode(column: "created_at", as: Int64.self)),
            organisationNumber: try row.decode(column: "org_number", as: String?.self))
    }

    static func decodeInvitation(_ row: any SQLRow) throws -> Invitation {
        Invitation(
            id: try row.decode(column: "id", as: String.self), customerNumber: try row.decode(column: "customer_number", as: String.self),
            email: try row.decode(column: "email", as: String.self),
            role: BusinessRole(rawValue: try row.decode(column: "role", as: String.self)) ?? .user,
            invitedBy: try row.decode(column: "invited_by", as: String.self),
            createdAt: Timestamp.date(seconds: try row.decode(column: "created_at", as: Int64.self)),
            expiresAt: Timestamp.date(seconds: try row.decode(column: "expires_at", as: Int64.self)),
            acceptedAt: try row.decode(column: "accepted_at", as: Int64?.self).map(Timestamp.date(seconds:)),
            acceptedBy: try row.decode(column: "accepted_by", as: String?.self),
            revokedAt: try row.decode(column: "revoked_at", as: Int64?.self).map(Timestamp.date(seconds:)))
    }
}
