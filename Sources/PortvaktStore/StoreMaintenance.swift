/// Schema and health of the database behind a store.
public protocol StoreMaintenance: Sendable {
    /// Applies every migration not yet applied, in order, and returns those it applied. Idempotent, and safe
    /// when several nodes start at once: they take turns and the later ones find nothing left to do.
    @discardableResult
    func migrate() async throws -> [AppliedMigration]
    /// Every applied migration, oldest first.
    func appliedMigrations() async throws -> [AppliedMigration]
    /// Migrations this version of Portvakt knows but the database lacks.
    func pendingMigrations() async throws -> [AppliedMigration]
    /// Succeeds when the database answers a query.
    func ping() async throws
    /// Closes the connections. The store must not be used afterwards.
    func close() async
}

/// The whole store, as the server and the CLI hold it. Handlers take the narrowest protocol they need.
public typealias PortvaktStore = SigningKeyStore & AuditLog & ClientStore & AccountStore & SessionStore & AuthorizationStore
    & MailOutbox & CredentialStore & RateLimitStore & BankIDOrderStore & BusinessStore & StoreMaintenance & RetentionStore
    & BackchannelLogoutQueue & TokenDenylist & ApplicationStore & StaffStore

