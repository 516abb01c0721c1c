/// What someone does to an application: its applicant (answer, withdraw) or a reviewer (decide).
public enum ApplicationAction: Sendable, Equatable {
    /// The applicant sends the application again, changed, with an answer to the reviewer's question.
    case answer
    /// The applicant takes the application back.
    case withdraw
    /// A reviewer approves: the business is added to the register.
    case approve
    /// A reviewer asks the applicant for more information, with a message.
    case requestInformation
    /// A reviewer rejects, with a reason.
    case reject

    /// The action's name in audit records and the application's history: `application.approved`.
    public var auditAction: String {
        switch self {
        case .answer: "application.answered"
        case .withdraw: "application.withdrawn"
        case .approve: "application.approved"
        case .requestInformation: "application.info_requested"
        case .reject: "application.rejected"
        }
    }
}
