import Foundation
import PortvaktCore

/// How the key commands print keys and what they did.
enum KeyTable {
    static func text(_ keys: [SigningKeyInfo]) -> String {
        let header = ["KID", "ALG", "STATE", "CREATED", "ACTIVATES", "RETIRES", "REMOVABLE"]
        let rows = keys.map { key in
            [
                key.kid, key.algorithm.rawValue, key.state.rawValue, Timestamp.iso(key.createdAt),
                Timestamp.iso(key.activatedAt ?? key.activatesAt), key.retiredAt.map(Timestamp.iso) ?? "-",
                key.removableAt.map(Timestamp.iso) ?? "-",
            ]
        }
        return TextTable.render(header: header, rows: rows)
    }

    static func json(_ keys: [SigningKeyInfo]) -> String {
        let objects: [[String: String]] = keys.map { key in
            var object = [
                "kid": key.kid, "alg": key.algorithm.rawValue, "state": key.state.rawValue,
                "created_at": Timestamp.iso(key.createdAt), "activates_at": Timestamp.iso(key.activatesAt),
            ]
            object["activated_at"] = key.activatedAt.map(Timestamp.iso)
            object["retired_at"] = key.retiredAt.map(Timestamp.iso)
            object["removable_at"] = key.removableAt.map(Timestamp.iso)
            object["removed_at"] = key.removedAt.map(Timestamp.iso)
            return object
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        // Arrays of string dictionaries always encode.
        return String(decoding: try! encoder.encode(objects), as: UTF8.self)
    }

    /// What revoking a compromised key did, and what relying parties will see: `jwksMaxAge` is how long they may
    /// cache the JWKS.
    static func describeRevocation(_ plan: KeyPlan, jwksMaxAge: Int, now: Date) -> String {
        var lines: [String] = []
        for transition in plan.transitions {
            let key = transition.key
            switch key.state {
            case .active:
                let made = plan.newKeys.contains { $0.kid == key.kid }
                lines.append("\(key.kid) (\(key.algorithm.rawValue)) \(made ? "was generated and " : "")signs from now on (running nodes pick it up within keys.refresh_interval)")
            case .removed:
                lines.append("\(key.kid) (\(key.algorithm.rawValue)) is revoked: out of the JWKS, its private key wiped")
            case .next, .retired:
                break
            }
        }
        if let before = plan.endGrantsCreatedBefore {
            lines.append("every grant made by \(Timestamp.iso(before)) is ended (grants do not record the signing key, so all that lived while it signed): "
                + "their refresh tokens and unredeemed codes no longer work, and their users log in again")
        }
        let until = Timestamp.iso(now.addingTimeInterval(TimeInterval(jwksMaxAge)))
        lines.append("relying parties with a cached JWKS may still accept tokens signed by the revoked key until \(until) (keys.jwks_max_age, \(jwksMaxAge) s); "
            + "after they refresh it, ID tokens and access tokens that key signed can no longer be verified")
        return lines.joined(separator: "\n")
    }

    /// One line per thing a plan did, in words.
    static func describe(_ plan: KeyPlan) -> String {
        var lines: [String] = []
        for key in plan.newKeys {
            if key.state == .active {
                lines.append("created \(key.kid) (\(key.algorithm.rawValue)); it signs from now on")
            } else {
                lines.append("pre-published \(key.kid) (\(key.algorithm.rawValue)) in the JWKS; it will sign from "
                    + "\(Timestamp.iso(key.activatesAt)), once every cached JWKS has it (running nodes promote it then)")
            }
        }
        for transition in plan.transitions {
            let key = transition.key
            switch key.state {
            case .active:
                lines.append("\(key.kid) (\(key.algorithm.rawValue)) now signs")
            case .retired:
                lines.append("\(key.kid) (\(key.algorithm.rawValue)) is retired; it stays published until "
                    + "\(key.removableAt.map(Timestamp.iso) ?? "removed"), when `portvakt keys remove \(key.kid)` may take it out")
            case .removed:
                lines.append("\(key.kid) (\(key.algorithm.rawValue)) is removed from the JWKS and its private key wiped")
            case .next:
                break
            }
        }
        if plan.isEmpty, let pending = plan.pending {
            lines.append("\(pending.kid) (\(pending.algorithm.rawValue)) is already pre-published; it will sign from "
                + "\(Timestamp.iso(pending.activatesAt)) (running nodes promote it then), nothing to do now")
        }
        return lines.isEmpty ? "nothing to do" : lines.joined(separator: "\n")
    }
}
