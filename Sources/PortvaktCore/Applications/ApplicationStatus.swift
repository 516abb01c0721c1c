/// Where an application to join the deposit system stands. Open while submitted or waiting for the applicant's
/// answer; the other three are final.
public enum ApplicationStatus: String, Sendable, CaseIterable, Codable {
    /// Inskickad: waiting for a reviewer (again, after the applicant answered a question).
    case submitted
    /// Komplettering begärd: a reviewer asked the applicant for more information.
    case infoRequested = "info_requested"
    /// Godkänd: the business is in the register with its new customer number.
    case approved
    /// Avslagen, with the reviewer's reason.
    case rejected
    /// Withdrawn by the applicant.
    case withdrawn

    /// Submitted or waiting for more information: at most one open application per organisation number.
    public var isOpen: Bool { self == .submitted || self == .infoRequested }

    /// The statuses that are open, for queries.
    public static var open: [ApplicationStatus] { allCases.filter(\.isOpen) }
}
