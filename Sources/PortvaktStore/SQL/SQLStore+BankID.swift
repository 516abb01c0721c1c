import Foundation
import PortvaktCore
import SQLKit

extension SQLStore: BankIDOrderStore {
    public func saveBankIDOrder(_ order: BankIDOrder) async throws {
        let completion = try order.completion.map { try JSONText.encode($0) }
        try await backend.withSession { db in
            try await db.insert(into: "bankid_orders")
                .columns(
                    "id", "order_ref", "auto_start_token", "qr_start_token", "qr_start_secret", "start", "required_personal_number", "end_user_ip", "pending_id",
                    "browser_binding",
                    "created_at", "status", "hint_code", "completion", "error_code", "next_collect_at", "last_seen_at", "expires_at")
                .values(
                    SQLBind(order.id), SQLBind(order.orderRef), SQLBind(order.autoStartToken), SQLBind(order.qrStartToken),
                    SQLBind(order.qrStartSecret), SQLBind(order.start.rawValue), SQLBind(order.requiredPersonalNumber), SQLBind(order.endUserIp), SQLBind(order.pendingID), SQLBind(Data(order.browserBinding)),
                    SQLBind(Timestamp.seconds(order.createdAt)), SQLBind(order.status.rawValue), SQLBind(order.hintCode), SQLBind(completion),
                    SQLBind(order.errorCode), SQLBind(Timestamp.seconds(order.nextCollectAt)), SQLBind(Timestamp.seconds(order.lastSeenAt)),
                    SQLBind(Timestamp.seconds(order.expiresAt)))
                .run()
        }
    }

    public func bankIDOrder(id: String, seenAt: Date?) async throws -> BankIDOrder? {
        try await backend.withSession { db in
            if let seenAt {
                try await db.update("bankid_orders").set("last_seen_at", to: Timestamp.seconds(seenAt)).where("id", .equal, id).run()
            }
            return try await db.select().column("*").from("bankid_orders").where("id", .equal, id).first().map(Self.decodeBankIDOrder)
        }
    }

    public func claimBankIDCollect(id: String, now: Date, interval: TimeInterval) async throws -> Bool {
        let nowSeconds = Timestamp.seconds(now)
        return try await backend.withSession { db in
            // Rounded up: stored in whole seconds, the next claim is never sooner than `interval`.
            let next = Int64(now.addingTimeInterval(interval).timeIntervalSince1970.rounded(.up))
            return try await !db.update("bankid_orders").set("next_collect_at", to: next)
                .where("id", .equal, id).where("status", .equal, BankIDOrder.Status.pending.rawValue)
                .where("next_collect_at", .lessThanOrEqual, nowSeconds)
                .returning("id").all().isEmpty
        }
    }

    public func updateBankIDOrder(
        id: String, status: BankIDOrder.Status, hintCode: String?, completion: BankIDCompletion?, errorCode: String?, expiresAt: Date
    ) async throws {
        let completionText = try completion.map { try JSONText.encode($0) }
        try await backend.withSession { db in
            try await db.update("bankid_orders").set("status", to: status.rawValue).set("hint_code", to: hintCode)
                .set("completion", to: completionText).set("error_code", to: errorCode).set("expires_at", to: Timestamp.seconds(expiresAt))
                .where("id", .equal, id).where("status", .equal, BankIDOrder.Status.pending.rawValue).run()
        }
    }

    public func abandonedBankIDOrders(unseenSince: Date, limit: Int) async throws -> [BankIDOrder] {
        try await backend.withSession { db in
            try await db.select().column("*").from("bankid_orders").where("status", .equal, BankIDOrder.Status.pending.rawValue)
                .where("last_seen_at", .lessThan, Timestamp.seconds(unseenSince)).limit(limit).all().map(Self.decodeBankIDOrder)
        }
    }

    public func useBankIDOrder(id: String) async throws -> Bool {
        try await backend.withSession { db in
            try await !db.update("bankid_orders").set("status", to: BankIDOrder.Status.used.rawValue)
                .set("completion", to: SQLLiteral.null).set("qr_start_secret", to: "")
                .where("id", .equal, id).where("status", .equal, BankIDOrder.Status.complete.rawValue)
                .returning("id").all().isEmpty
        }
    }

    static func decodeBankIDOrder(_ row: any SQLRow) throws -> BankIDOrder {
        BankIDOrder(
            id: try row.decode(column: "id", as: String.self), orderRef: try row.decode(column: "order_ref", as: String.self),
            autoStartToken: try row.decode(column: "auto_start_token", as: String.self),
            qrStartToken: try row.decode(column: "qr_start_token", as: String.self),
            qrStartSecret: try row.decode(column: "qr_start_secret", as: String.self),
            start: BankIDMessage.Start(rawValue: try row.decode(column: "start", as: String.self)) ?? .otherDevice,
            requiredPersonalNumber: try row.decode(column: "required_personal_number", as: String?.self),
            endUserIp: try row.decode(column: "end_user_ip", as: String.self),
            pendingID: try row.decode(column: "pending_id", as: String?.self),
            browserBinding: Array(try row.decode(column: "browser_binding", as: Data.self)),
            createdAt: Timestamp.date(seconds: try row.decode(column: "created_at", as: Int64.self)),
            status: BankIDOrder.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .failed,
            hintCode: try row.decode(column: "hint_code", as: String?.self),
            completion: try row.decode(column: "completion", as: String?.self).map { try JSONText.decode(BankIDCompletion.self, $0) },
            errorCode: try row.decode(column: "error_code", as: String?.self),
            nextCollectAt: Timestamp.date(seconds: try row.decode(column: "next_collect_at", as: Int64.self)),
            lastSeenAt: Timestamp.date(seconds: try row.decode(column: "last_seen_at", as: Int64.self)),
            expiresAt: Timestamp.date(seconds: try row.decode(column: "expires_at", as: Int64.self)))
    }
}
