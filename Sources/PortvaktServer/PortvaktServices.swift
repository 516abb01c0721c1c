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
    /// Every registered client, in memory, reloaded when the store's version changes.
    public let clients: ClientDirectory
    public let logger: Logger
    /// A secret for HMACs (CSRF tokens), derived from the KEK: the same on every node.
    let formSecret: [UInt8]
    /// The HMAC key of one-time code digests, derived from the KEK: the same on every node.
    let codeKey: [UInt8]
    /// Where flows queue their mail.
    public let mailQueue: MailQueue
    /// BankID, when it is on (`bankid.url`).
    public var bankID: BankIDSetup?
    /// The logo of `ui.logo_file`, read at start-up.
    public var logo: [UInt8]?

    public init(configuration: Configuration, store: any PortvaktStore, sealer: KeySealer, logger: Logger) {
        self.configuration = configuration
        self.store = store
        self.keyManager = KeyManager(store: store, sealer: sealer, policy: configuration.keyPolicy)
        self.keyRing = KeyRing(store: store, sealer: sealer)
        self.clients = ClientDirectory(store: store)
        self.logger = logger
        self.formSecret = sealer.derivedKey(purpose: "forms")
        self.codeKey = sealer.derivedKey(purpose: "one-time-codes")
        self.mailQueue = MailQueue(outbox: store, configuration: configuration)
    }

    /// Opens the store, applies pending migrations, loads the KEK (creating its file when missing), makes
    /// sure every configured algorithm has an active key, and loads the key ring and the clients.
    /// - Throws: `StartupError` naming the setting or step that failed.
    public static func open(configuration: Configuration, logger: Logger, now: Date = Date()) async throws -> PortvaktServices {
        if let caFile = configuration.mail.smtpCAFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw StartupError(setting: "mail.smtp_ca_file", message: "cannot read \(caFile)")
        }
        let store: SQLStore
        do {
            store = try await SQLStore.open(configuration.database, poolSize: configuration.databasePoolSize, logger: logger)
        } catch {
            throw StartupError(setting: "database_url", message: "\(error)")
        }
        do {
            do {
                _ = try await store.migrate()
            } catch {
                throw StartupError(setting: "database_url", message: "cannot apply migrations: \(error)")
            }
            let sealer = try await openSealer(configuration, store: store)
            var services = PortvaktServices(configuration: configuration, store: store, sealer: sealer, logger: logger)
            services.bankID = try BankIDSetup.open(configuration)
            services.logo = try readLogo(configuration.ui)
            do {
                try await services.prepareKeys(now: now)
            } catch let error as KEKError {
                throw StartupError(setting: "kek", message: error.message)
            } catch {
                throw StartupError(setting: "keys", message: "cannot prepare the signing keys: \(error)")
            }
            do {
                try await services.clients.reload()
            } catch {
                throw StartupError(setting: "database_url", message: "cannot load the clients: \(error)")
            }
            return services
        } catch {
            await store.close()
            throw error
        }
    }

    /// The logo file's bytes, when `ui.logo_file` names one: readable, not empty and at most `UI.maximumLogoBytes`.
    static func readLogo(_ ui: UI) throws -> [UInt8]? {
        guard let path = ui.logoFile else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StartupError(setting: "ui.logo_file", message: "cannot read \(path)")
        }
        guard !data.isEmpty, data.count <= UI.maximumLogoBytes else {
            throw StartupError(setting: "ui.logo_file", message: "\(path) has \(data.count) bytes; a logo must have 1 to \(UI.maximumLogoBytes)")
        }
        return Array(data)
    }

    /// The KEK sealer for `store`. A new KEK file is made only for a store without sealed keys; with keys, a
    /// missing file is an error, never a fresh KEK that would seal keys no node can open.
    public static func openSealer(_ configuration: Configuration, store: any SigningKeyStore) async throws -> KeySealer {
        let hasKeys = try await store.signingKeys().contains { $0.sealedPrivateKey != nil }
        do {
            return try KeySealer(kek: try KeyEncryptionKey.load(configuration.kek, createIfMissing: !hasKeys))
        } catch {
            throw StartupError(setting: "kek", message: error.message)
        }
    }

    /// What every node does on each refresh: promote keys that have become due, then reload the key ring.
    /// Returns the promotions this node made (none when another node made them first).
    @discardableResult
    public func refreshKeys(now: Date) async throws -> KeyPlan {
        // The ring is reloaded even when promoting fails, so the node keeps up with what other nodes did.
        let promoted: Result<KeyPlan, any Error>
        do {
            promoted = .success(try await keyManager.promoteDue(now: now))
        } catch {
            promoted = .failure(error)
        }
        try await keyRing.reload(now: now)
        return try promoted.get()
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
