import Foundation
import PortvaktCore
import SQLKit

extension SQLStore: SigningKeyStore {
    public func signingKeys() async throws -> [StoredSigningKey] {
        try await backend.withSession { db in
            try await db.select().column("*").from("signing_keys").orderBy("created_at").orderBy("kid").all().map(Self.decodeKey)
        }
    }

    public func applyKeyPlan(
        newKeys: [StoredSigningKey], transitions: [KeyTransition], audit: [AuditEvent], endingGrants: (createdBefore: Date, at: Date)?
    ) async throws {
        let backend = self.backend
        do {
            try await backend.withTransaction { db in
                for key in newKeys {
                    try await db.insert(into: "signing_keys")
                        .columns(Self.keyColumns)
                        .values(try Self.keyValues(key))
                        .run()
                }
                for transition in transitions {
                    let key = transition.key
                    var update = db.update("signing_keys")
                        .set("state", to: key.state.rawValue)
                        .set("activates_at", to: Timestamp.seconds(key.activatesAt))
                        .set("activated_at", to: key.activatedAt.map(Timestamp.seconds))
                        .set("retired_at", to: key.retiredAt.map(Timestamp.seconds))
                        .set("removable_at", to: key.removableAt.map(Timestamp.seconds))
                        .set("removed_at", to: key.removedAt.map(Timestamp.seconds))
                    if key.state == .removed {
                        update = update.set("sealed_private_key", to: SQLLiteral.null)
                    }
                    let changed = try await update
                        .where("kid", .equal, key.kid)
                        .where("state", .equal, transition.from.rawValue)
                        .returning("kid")
                        .all()
                    guard !changed.isEmpty else {
                        throw StoreError.conflict("key \(key.kid) is no longer \(transition.from.rawValue): another node or command changed it first")
                    }
                }
                if let endingGrants {
                    try await Self.endGrants(db, createdBefore: endingGrants.createdBefore, at: endingGrants.at)
                }
                for event in audit {
                    _ = try await Self.insertAuditEvent(event, into: db)
                }
            }
        } catch let error where backend.isUniqueViolation(error) {
            throw StoreError.conflict("the change would leave two active (or two waiting) keys of one algorithm, or reuse a kid: another node or command changed the keys first")
        }
    }

    static let keyColumns = [
        "kid", "alg", "state", "created_at", "activates_at", "activated_at", "retired_at", "removable_at", "removed_at",
        "public_jwk", "sealed_private_key",
    ]

    static func keyValues(_ key: StoredSigningKey) throws -> [any SQLExpression] {
        let info = key.info
        let jwk = try JSONText.encode(key.publicJWK)
        return [
            SQLBind(info.kid), SQLBind(info.algorithm.rawValue), SQLBind(info.state.rawValue),
            SQLBind(Timestamp.seconds(info.createdAt)), SQLBind(Timestamp.seconds(info.activatesAt)),
            SQLBind(info.activatedAt.map(Timestamp.seconds)), SQLBind(info.retiredAt.map(Timestamp.seconds)),
            SQLBind(info.removableAt.map(Timestamp.seconds)), SQLBind(info.removedAt.map(Timestamp.seconds)),
            SQLBind(jwk), SQLBind(key.sealedPrivateKey.map { Data($0) }),
        ]
    }

    static func decodeKey(_ row: any SQLRow) throws -> StoredSigningKey {
        let kid = try row.decode(column: "kid", as: String.self)
        let algName = try row.decode(column: "alg", as: String.self)
        let stateName = try row.decode(column: "state", as: String.self)
        guard let algorithm = SigningAlgorithm(rawValue: algName), let state = KeyState(rawValue: stateName) else {
            throw StoreError.corrupt("signing key \(kid) has an unknown algorithm \(algName) or state \(stateName)")
        }
        func date(_ column: String) throws -> Date? {
            try row.decode(column: column, as: Int64?.self).map(Timestamp.date(seconds:))
        }
        let jwkText = try row.decode(column: "public_jwk", as: String.self)
        let jwk: JWK
        do {
            jwk = try JSONDecoder().decode(JWK.self, from: Data(jwkText.utf8))
        } catch {
            throw StoreError.corrupt("signing key \(kid) has an unreadable public JWK")
        }
        let info = SigningKeyInfo(
            kid: kid, algorithm: algorithm, state: state,
            createdAt: try date("created_at") ?? Date(timeIntervalSince1970: 0),
            activatesAt: try date("activates_at") ?? Date(timeIntervalSince1970: 0),
            activatedAt: try date("activated_at"), retiredAt: try date("retired_at"),
            removableAt: try date("removable_at"), removedAt: try date("removed_at"))
        let sealed = try row.decode(column: "sealed_private_key", as: Data?.self)
        return StoredSigningKey(info: info, publicJWK: jwk, sealedPrivateKey: sealed.map(Array.init))
    }
}
