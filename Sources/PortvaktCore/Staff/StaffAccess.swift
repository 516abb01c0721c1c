import Foundation

/// Whether a login session may use the staff desk, as one total function: the account must have a staff role,
/// the session must have logged in with a method `staff.login_methods` allows, be at most 12 hours old, and have
/// been active at the desk within the last 30 minutes. A session's first request to the desk counts from its login:
/// a session left alone for longer (a browser logged in on a customer page, unattended) cannot open the desk.
public enum StaffAccess {
    /// A staff session ends this long after its login, whatever its activity.
    public static let maximumSessionAge: TimeInterval = 12 * 3600
    /// ...and after this long without a request to the desk.
    public static let maximumIdle: TimeInterval = 30 * 60

    public enum Decision: Sendable, Equatable {
        case allowed(Set<StaffRole>)
        /// The account has no staff role: the desk does not exist for it.
        case notStaff
        /// The session logged in with a method the desk does not allow (a password where BankID is required).
        case needsOtherLogin(allowed: [StaffLoginMethod])
        /// Logged in more than 12 hours ago.
        case tooOld
        /// No request to the desk for more than 30 minutes (since the login, for a first request).
        case idle
    }

    /// - Parameters:
    ///   - roles: the account's staff roles.
    ///   - authTime: when the session logged in.
    ///   - amr: how it logged in.
    ///   - lastDeskActivity: the session's previous request to the desk, nil for its first.
    ///   - allowed: `staff.login_methods`.
    public static func decide(
        roles: Set<StaffRole>, authTime: Date, amr: [String], lastDeskActivity: Date?, allowed: [StaffLoginMethod], now: Date
    ) -> Decision {
        guard !roles.isEmpty else { return .notStaff }
        guard let method = StaffLoginMethod.of(amr: amr), allowed.contains(method) else { return .needsOtherLogin(allowed: allowed) }
        guard now.timeIntervalSince(authTime) <= maximumSessionAge else { return .tooOld }
        if now.timeIntervalSince(lastDeskActivity ?? authTime) > maximumIdle { return .idle }
        return .allowed(roles)
    }
}
