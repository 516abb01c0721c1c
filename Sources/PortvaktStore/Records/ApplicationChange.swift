import PortvaktCore

/// What an action on an application came to. Of two actions at once on one application, one is `.changed` and
/// the other `.refused` with the status the first left.
public enum ApplicationChange: Sendable, Equatable {
    /// Done: the application as it now is (an approved one with its customer number).
    case changed(BusinessApplication)
    /// No such application, or (for the applicant's actions) not this account's.
    case notFound
    /// The application's status does not allow the action (`ApplicationLifecycle`).
    case refused(ApplicationLifecycle.Transition)
    /// The application has changed since the version the reviewer saw (the applicant answered, another reviewer
    /// asked): nothing changed; here it is as it now is, to be looked at again.
    case changedMeanwhile(BusinessApplication)
    /// An approval found no customer number left in the configured range: nothing changed.
    case customerNumbersExhausted
    /// An approval found the organisation number in the register, under `customerNumber`: an import gave it to a
    /// business after the application was sent. Nothing changed and the application stays open; approving it would
    /// make two businesses with one number (reject it as "already a customer" instead).
    case registered(customerNumber: String)
    /// The reviewer applied for it themselves: another reviewer decides (four eyes). Nothing changed. Answered by
    /// `ApplicationReview` before the store is asked; the store never answers it.
    case ownApplication
}
