/// The rules of an application's life, as one total function: for every status and action, the status it goes to
/// or why it may not. The store carries a transition out as a compare-and-set on the status it was decided from,
/// so of two reviewers acting at once exactly one succeeds and the other is told what happened first.
public enum ApplicationLifecycle {
    public enum Transition: Sendable, Equatable {
        /// The action is allowed and leaves the application in this status.
        case to(ApplicationStatus)
        /// Already decided (approved, rejected or withdrawn): nothing can change it.
        case alreadyFinal(ApplicationStatus)
        /// Open, but the action does not fit: answering an application nobody asked about.
        case notExpected(ApplicationStatus)
    }

    public static func decide(_ status: ApplicationStatus, _ action: ApplicationAction) -> Transition {
        switch (status, action) {
        case (.approved, _), (.rejected, _), (.withdrawn, _): .alreadyFinal(status)
        case (.submitted, .approve), (.infoRequested, .approve): .to(.approved)
        case (.submitted, .reject), (.infoRequested, .reject): .to(.rejected)
        case (.submitted, .withdraw), (.infoRequested, .withdraw): .to(.withdrawn)
        case (.submitted, .requestInformation), (.infoRequested, .requestInformation): .to(.infoRequested)
        case (.infoRequested, .answer): .to(.submitted)
        case (.submitted, .answer): .notExpected(status)
        }
    }
}
