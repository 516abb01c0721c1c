/// What submitting an application came to.
public enum ApplicationSubmission: Sendable, Equatable {
    case submitted(BusinessApplication)
    /// The organisation number belongs to a business of the register: link it by its customer number instead.
    case registered
    /// The organisation number has an open application (whoever sent it): it is already being reviewed.
    case underReview
}
