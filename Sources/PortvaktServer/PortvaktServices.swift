import Foundation
import Logging
import PortvaktCore
import PortvaktCrypto
import PortvaktStore

/// Everything a running Portvakt holds, opened and checked. Built by `open`, shared by `serve` and the tests.
public struct PortvaktServices: Sendable {
    public let configuration: Configuration
    public let store: any PortvaktStore
    public let keyManager: KeyManager
    public let keyRing: KeyRing
    public let logger: Logger

    public init(configuration: Configuration, store: any PortvaktStore, sealer: KeySealer, logger: Logger) {
        self.configuration = configuration
        self.store = store
        self.keyManager = KeyManager(store: store, sealer: sealer, policy: configuration.keyPolicy)
        self.keyRing = KeyRing(store: store, sealer: sealer)
        self.logger = logger
    }

    /// Opens the store, applies pending migrations, loads the KEK (creating its file when missing), makes
    /// sure every configured algorithm has an active key, and loads the key ring.
    /// - Throws: `StartupError` naming the setting or step that failed.
    public static func open(configuration: Configuration, logger: Logger, now: Date = Date()) async throws -> PortvaktServices {
        let store: SQLStore
        do {
            store = try await SQLStore.open(configuration.database, logger: logger)
        } catch {
            throw StartupError(setting: "database_url", message: "\(error)")
        }
        do {
            _ = try await store.migrate()
            let sealer = try KeySealer(kek: try KeyEncryptionKey.load(configuration.kek, createIfMissing: true))
            let services = PortvaktServices(configuration: configuration, store: store, sealer: sealer, logger: logger)
            try await services.prepareKeys(now: now)
            return services
        } catch {
            await store.close()
            if let error = error as? KEKError { throw StartupError(setting: "kek", message: error.message) }
            throw StartupError(setting: "database_url", message: "\(error)")
        }
    }

    /// What every node does on each refresh: promote keys that have become due, then reload the key ring.
    /// Returns the promotions this node made (none when another node made them first).
    @discardableResult
    public func refreshKeys(now: Date) async throws -> KeyPlan {
        let promoted = try await keyManager.promoteDue(now: now)
        try await keyRing.reload(now: now)
        return promoted
    }

    /// First start: one active key per configured algorithm. Every start: promotions that became due while
    /// no node ran, then the key ring.
    public func prepareKeys(now: Date) async throws {
        try await keyManager.promoteDue(now: now)
        for attempt in 1...3 {
            do {
                let plan = try await keyManager.bootstrap(algorithms: configuration.keys.algorithms, now: now, actor: "system")
                for key in plan.newKeys {
                    logger.notice("created signing key \(key.kid) (\(key.algorithm.rawValue))")
                }
                break
            } catch let error as StoreError where error.isConflict && attempt < 3 {
                // Another node created the first keys at the same moment: look again and use theirs.
                continue
            }
        }
        try await keyRing.reload(now: now)
    }
}

/// Start-up failed. The description is the one line the operator sees.
public struct StartupError: Error, CustomStringConvertible {
    public let setting: String
    public let message: String
    public var description: String { "cannot start: \(setting): \(message)" }
}
