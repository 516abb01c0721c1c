/// A reviewer's decision on an application, with what the applicant is told.
public enum ApplicationDecision: Sendable, Equatable {
    case approve
    /// Asks the applicant for more information: the reviewer's question, mailed to them and shown on their page.
    case requestInformation(message: String)
    /// Rejects, with the reason mailed to the applicant.
    case reject(reason: String)

    public var action: ApplicationAction {
        switch self {
        case .approve: .approve
        case .requestInformation: .requestInformation
        case .reject: .reject
        }
    }

    /// The message or reason, if the decision has one.
    public var message: String? {
        switch self {
        case .approve: nil
        case .requestInformation(let message): message
        case .reject(let reason): reason
        }
    }

    /// The longest message or reason a reviewer may write.
    public static var maximumMessageLength: Int { 2000 }
}
